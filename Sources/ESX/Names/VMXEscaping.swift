/// Hex escaping used for VM names and VMX values.
///
/// An escaped byte is written as the escape character followed by two
/// lowercase hex digits; unescaping accepts hex digits of either case.
/// Escape and special characters must be ASCII.
public enum VMXEscaping {
    /// Escapes every byte equal to `escape` or contained in `special`.
    public static func escapeHex(_ text: String, escape: UInt8, special: some Sequence<UInt8>) -> String {
        var table = [Bool](repeating: false, count: 256)
        table[Int(escape)] = true
        for byte in special { table[Int(byte)] = true }

        let utf8 = text.utf8
        guard utf8.contains(where: { table[Int($0)] }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            if table[Int(byte)] {
                out.append(escape)
                out.append(EscapeHexDigits.lowercase[Int(byte >> 4)])
                out.append(EscapeHexDigits.lowercase[Int(byte & 0x0F)])
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces every `escape` + two hex digits by that byte.
    ///
    /// - Throws: `ESXNameError.invalidEscapeSequence` when an escape character is
    ///   not followed by two hex digits, `.invalidUTF8` when the result is not UTF-8.
    public static func unescapeHex(_ text: String, escape: UInt8) throws(ESXNameError) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(escape) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == escape else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 2 < bytes.count,
                  let high = EscapeHexDigits.value(bytes[index + 1]),
                  let low = EscapeHexDigits.value(bytes[index + 2])
            else { throw .invalidEscapeSequence(text: text, offset: index) }
            out.append(high << 4 | low)
            index += 3
        }
        guard let result = String(validating: out, as: UTF8.self) else { throw .invalidUTF8(text: text) }
        return result
    }

    /// Percent escaping of `%`, `/` and `\` (`%25`, `%2f`, `%5c`), as in vSphere entity names.
    public static func escapePercent(_ text: String) -> String {
        escapeHex(text, escape: UInt8(ascii: "%"), special: "/\\".utf8)
    }

    /// Reverses `escapePercent`; any `%XX` sequence is decoded.
    public static func unescapePercent(_ text: String) throws(ESXNameError) -> String {
        try unescapeHex(text, escape: UInt8(ascii: "%"))
    }

    /// Pipe escaping of `|` and `"` (`|7c`, `|22`), as in VMX `displayName` and `annotation`.
    public static func escapePipe(_ text: String) -> String {
        escapeHex(text, escape: UInt8(ascii: "|"), special: "\"".utf8)
    }

    /// Reverses `escapePipe`; any `|XX` sequence is decoded.
    public static func unescapePipe(_ text: String) throws(ESXNameError) -> String {
        try unescapeHex(text, escape: UInt8(ascii: "|"))
    }
}

/// Hex digit tables shared by the escaping functions.
enum EscapeHexDigits {
    static let lowercase: [UInt8] = Array("0123456789abcdef".utf8)

    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
