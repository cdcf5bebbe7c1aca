/// The hex escaping VMware uses inside values: an escape byte followed by two hex digits.
public enum VMXEscaping {
    /// Escapes `|`, `"` and control characters as `|7c`, `|22`, `|0a`… (display names, annotations;
    /// VMware writes line breaks this way).
    public static func escapePipe(_ text: String) -> String {
        escapeHex(text, escape: UInt8(ascii: "|"), special: Set(0..<0x20).union([UInt8(ascii: "\""), 0x7F]))
    }

    /// Escapes `%`, `/` and `\` as `%25`, `%2f` and `%5c` (display names).
    public static func escapePercent(_ text: String) -> String {
        escapeHex(text, escape: UInt8(ascii: "%"), special: [UInt8(ascii: "/"), UInt8(ascii: "\\")])
    }

    /// Every byte equal to `escape` or in `special` becomes `escape` and two lowercase hex digits.
    public static func escapeHex(_ text: String, escape: UInt8, special: Set<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            if byte == escape || special.contains(byte) {
                out += [escape, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Undoes ``escapePipe(_:)``; nil when a `|` is not followed by two hex digits or the result is
    /// not UTF-8.
    public static func unescapePipe(_ text: String) -> String? {
        unescapeHex(text, escape: UInt8(ascii: "|"))
    }

    /// Undoes ``escapePercent(_:)``; nil on an invalid escape sequence.
    public static func unescapePercent(_ text: String) -> String? {
        unescapeHex(text, escape: UInt8(ascii: "%"))
    }

    /// Replaces each `escape` + two hex digits (any case) by that byte.
    public static func unescapeHex(_ text: String, escape: UInt8) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == escape {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
