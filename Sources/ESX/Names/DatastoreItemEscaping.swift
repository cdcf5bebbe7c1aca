/// The escaping ESX applies to datastore item names (directory and file names
/// created for a VM or volume).
///
/// `escape` runs three steps on the UTF-8 bytes:
/// 1. each Windows path special character `" * < > : | ?` becomes `_`
///    (`/` and `\` are left alone);
/// 2. percent escaping of `%`, `/`, `\` (`VMXEscaping.escapePercent`);
/// 3. base64 runs: bytes in `A-Z a-z 0-9 ' ( ) , . space _ -` are copied, every
///    maximal run of other bytes becomes `+`, the run in base64 (alphabet
///    `A-Z a-z 0-9 + ,`, no padding) and a closing `-` when more input follows.
///
/// Step 1 loses information, so `unescape` can only reverse steps 3 and 2: an
/// `_` in the result may have been any of the Windows special characters.
public enum DatastoreItemEscaping {
    /// Escapes a name for use as a datastore file or directory name.
    public static func escape(_ name: String) -> String {
        escapeBase64(VMXEscaping.escapePercent(replaceSpecialWindowsPathCharacters(name)))
    }

    /// Reverses the base64 and percent steps of `escape` (the `_` replacement cannot be undone).
    ///
    /// - Throws: `ESXNameError.invalidEscapeSequence` or `.invalidUTF8` for text
    ///   `escape` cannot have produced (a percent-step error names the
    ///   intermediate, base64-decoded text).
    public static func unescape(_ item: String) throws(ESXNameError) -> String {
        try VMXEscaping.unescapePercent(unescapeBase64(item))
    }

    /// Replaces each of `" * < > : | ?` with `_`.
    public static func replaceSpecialWindowsPathCharacters(_ text: String) -> String {
        guard text.utf8.contains(where: isWindowsSpecial) else { return text }
        let bytes = text.utf8.map { isWindowsSpecial($0) ? UInt8(ascii: "_") : $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Step 3 of `escape`: base64-encodes every run of bytes outside the normal set.
    public static func escapeBase64(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { !isNormal($0) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var index = 0
        while index < bytes.count {
            if isNormal(bytes[index]) {
                out.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !isNormal(bytes[end]) { end += 1 }
            out.append(UInt8(ascii: "+"))
            appendBase64(bytes[index..<end], to: &out)
            if end < bytes.count { out.append(UInt8(ascii: "-")) }
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reverses `escapeBase64`.
    ///
    /// Outside runs only normal bytes are allowed. A run is `+` and at least two
    /// alphabet characters (never a length of 1 modulo 4, unused bits zero), ended
    /// by `-` or the end of the text; a `-` right before the end is accepted too.
    public static func unescapeBase64(_ text: String) throws(ESXNameError) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { !isNormal($0) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isNormal(byte) {
                out.append(byte)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "+") else { throw .invalidEscapeSequence(text: text, offset: index) }
            var end = index + 1
            while end < bytes.count, Base64Alphabet.value(bytes[end]) != nil { end += 1 }
            guard appendDecodedBase64(bytes[(index + 1)..<end], to: &out) else {
                throw .invalidEscapeSequence(text: text, offset: index)
            }
            if end < bytes.count {
                guard bytes[end] == UInt8(ascii: "-") else { throw .invalidEscapeSequence(text: text, offset: end) }
                end += 1
            }
            index = end
        }
        guard let result = String(validating: out, as: UTF8.self) else { throw .invalidUTF8(text: text) }
        return result
    }

    // MARK: Byte classes

    private static func isWindowsSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "*"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }

    /// Bytes copied unchanged by the base64 step: `A-Z a-z 0-9 ' ( ) , . space _ -`.
    private static func isNormal(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
             UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    // MARK: Base64 with the `,` alphabet

    private static func appendBase64(_ run: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var index = run.startIndex
        while index < run.endIndex {
            let count = min(3, run.endIndex - index)
            let b0 = UInt32(run[index])
            let b1 = count > 1 ? UInt32(run[index + 1]) : 0
            let b2 = count > 2 ? UInt32(run[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            for sextet in 0...count {
                out.append(Base64Alphabet.characters[Int(group >> (18 - 6 * UInt32(sextet)) & 0x3F)])
            }
            index += count
        }
    }

    /// Decodes an unpadded run; `false` when its length or unused bits are invalid.
    private static func appendDecodedBase64(_ run: ArraySlice<UInt8>, to out: inout [UInt8]) -> Bool {
        guard !run.isEmpty, run.count % 4 != 1 else { return false }
        var index = run.startIndex
        while index < run.endIndex {
            let count = min(4, run.endIndex - index)
            var group: UInt32 = 0
            for offset in 0..<4 {
                let value = offset < count ? Base64Alphabet.value(run[index + offset]) ?? 0 : 0
                group = group << 6 | UInt32(value)
            }
            let decoded = count - 1
            let unusedMask: UInt32 = decoded == 3 ? 0 : (1 << (8 * (3 - UInt32(decoded)))) - 1
            guard group & unusedMask == 0 else { return false }
            for byte in 0..<decoded {
                out.append(UInt8(truncatingIfNeeded: group >> (16 - 8 * UInt32(byte))))
            }
            index += count
        }
        return true
    }
}

/// Base64 alphabet with `,` in place of `/`.
private enum Base64Alphabet {
    static let characters: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: ","): 63
        default: nil
        }
    }
}
