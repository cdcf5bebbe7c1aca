/// Percent-encoding helpers for connection URIs.
enum URIPercentCoding {
    /// Decodes `%XX` sequences; `nil` for a malformed sequence or non-UTF-8 result.
    static func decode(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                out.append(bytes[index])
                index += 1
                continue
            }
            guard index + 2 < bytes.count,
                  let high = EscapeHexDigits.value(bytes[index + 1]),
                  let low = EscapeHexDigits.value(bytes[index + 2])
            else { return nil }
            out.append(high << 4 | low)
            index += 3
        }
        return String(validating: out, as: UTF8.self)
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
