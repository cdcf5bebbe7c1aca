/// Text from a server made safe for a terminal: one line, no control sequences.
///
/// Control characters, bidirectional-text controls and line separators are written as
/// the escapes of bash's `$'…'` quoting, so a name is always one line and can neither
/// move the cursor, recolour the terminal nor reorder the characters around it:
///
/// - `\a` `\b` `\t` `\n` `\v` `\f` `\r` `\e` for BEL, BS, TAB, LF, VT, FF, CR and ESC;
/// - `\xHH` for the other C0 controls and DEL (U+007F);
/// - `\uHHHH` for C1 controls (U+0080…U+009F, e.g. CSI as `\u009b`), the bidi controls
///   U+061C, U+200E, U+200F, U+202A…U+202E, U+2066…U+2069, and U+2028, U+2029.
///
/// Hex digits are lowercase. Backslashes are kept as they are, so the escaped form is for
/// reading only; `--json` output carries the exact text.
public enum TerminalText {
    /// `text` with every unsafe character escaped; `text` itself when it has none.
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` is a control, bidi control or line separator.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0x2028, 0x2029: true
        default: false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x00...0x7F: return "\\x" + hex(scalar.value, digits: 2)
        default: return "\\u" + hex(scalar.value, digits: 4)
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
