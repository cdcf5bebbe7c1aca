/// Percent-encoding helpers for connection URIs.
///
/// Decoding is the strict rule of ``VMXEscaping/unescapePercent(_:)`` (every `%XX`, a malformed
/// escape or non-UTF-8 result is an error), so it calls it. Encoding differs from VMX escaping
/// (which escapes only `%`, `/`, `\`, lowercase): a URI escapes every byte outside RFC 3986's
/// unreserved set, uppercase. Entity names from the server use the lenient
/// ``EntityName/fromServer(_:)`` instead: a URI with a bad escape is rejected, a name is shown.
enum URIPercentCoding {
    /// Decodes `%XX` sequences; `nil` for a malformed sequence or non-UTF-8 result.
    static func decode(_ text: Substring) -> String? {
        try? VMXEscaping.unescapePercent(String(text))
    }

    /// Encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` and the
    /// ASCII characters in `keeping` (uppercase hex).
    static func encode(_ text: String, keeping: String = "") -> String {
        let kept = Set(keeping.utf8)
        let keep = { (byte: UInt8) in isUnreserved(byte) || kept.contains(byte) }
        guard !text.utf8.allSatisfy(keep) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(uppercaseHex[Int(byte >> 4)])
                out.append(uppercaseHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let uppercaseHex: [UInt8] = Array("0123456789ABCDEF".utf8)
}
