/// Reads the `.vmx` grammar: `key = "value"` lines, `#` comments and blank lines, converting
/// files that declare a `.encoding` other than UTF-8.
public enum VMXParser {
    /// Largest accepted input; real `.vmx` files are a few kilobytes.
    public static let maxBytes = 16 * 1024 * 1024

    /// Parses `text` (already UTF-8, so `.encoding` is not applied).
    public static func parse(_ text: String) throws -> VMXConfig {
        try parseLines(Array(text.utf8))
    }

    /// Parses the bytes of a `.vmx` file, honouring `.encoding`.
    public static func parse(bytes: [UInt8]) throws -> VMXConfig {
        guard bytes.count <= maxBytes else { throw VMXError.tooLarge(bytes: bytes.count, limit: maxBytes) }
        // Keys are ASCII in every code page ESX writes, so `.encoding` is found before converting.
        let raw = try scan(bytes)
        guard let declared = raw.first(where: { $0.key.lowercased() == ".encoding" }) else {
            return try parseLines(bytes)
        }
        let encoding = String(decoding: declared.value, as: UTF8.self)
        if isUTF8(encoding) { return try parseLines(bytes) }
        let converted = try VMXEncoding.convertToUTF8(bytes, from: encoding)
        return try parseLines(converted)
    }

    static func isUTF8(_ name: String) -> Bool {
        let folded = name.lowercased()
        return folded == "utf-8" || folded == "utf8"
    }

    private static func parseLines(_ bytes: [UInt8]) throws -> VMXConfig {
        var config = VMXConfig()
        for line in try scan(bytes) {
            guard let value = String(validating: line.value, as: UTF8.self) else {
                throw VMXError.invalidUTF8(line: line.number)
            }
            config.set(VMXEntry(key: line.key, value: value, line: line.number))
        }
        return config
    }

    struct RawLine {
        var key: String
        var value: [UInt8]
        var number: Int
    }

    /// Splits `bytes` into key/value lines without decoding values.
    static func scan(_ bytes: [UInt8]) throws -> [RawLine] {
        var lines: [RawLine] = []
        var start = 0
        var number = 0
        while start <= bytes.count {
            number += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            if let line = try scanLine(bytes[start..<stop], number: number) { lines.append(line) }
            start = end + 1
        }
        return lines
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// A key byte: printable ASCII other than blanks, `=`, `"` and `#`.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\"")
            && byte != UInt8(ascii: "#")
    }

    private static func scanLine(_ line: ArraySlice<UInt8>, number: Int) throws -> RawLine? {
        var index = line.startIndex
        func skipBlanks() { while index < line.endIndex && isBlank(line[index]) { index += 1 } }
        skipBlanks()
        if index == line.endIndex || line[index] == UInt8(ascii: "#") { return nil }
        let keyStart = index
        while index < line.endIndex && isKeyByte(line[index]) { index += 1 }
        guard index > keyStart else {
            throw VMXError.syntax(line: number, message: "expected a key, found \(describe(line[index]))")
        }
        let key = String(decoding: line[keyStart..<index], as: UTF8.self)
        skipBlanks()
        guard index < line.endIndex, line[index] == UInt8(ascii: "=") else {
            let found = index < line.endIndex ? describe(line[index]) : "the end of the line"
            throw VMXError.syntax(line: number, message: "expected '=' after key '\(VMXError.clip(key))', found \(found)")
        }
        index += 1
        skipBlanks()
        var value: ArraySlice<UInt8>
        if index < line.endIndex && line[index] == UInt8(ascii: "\"") {
            let valueStart = index + 1
            guard let close = line[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else {
                throw VMXError.syntax(line: number, message: "unterminated quoted value of key '\(VMXError.clip(key))'")
            }
            value = line[valueStart..<close]
            index = close + 1
            skipBlanks()
            if index < line.endIndex && line[index] != UInt8(ascii: "#") {
                throw VMXError.syntax(
                    line: number, message: "unexpected \(describe(line[index])) after the value of key '\(VMXError.clip(key))'")
            }
        } else {
            let end = line[index...].firstIndex(of: UInt8(ascii: "#")) ?? line.endIndex
            value = line[index..<end]
            while let last = value.last, isBlank(last) { value = value.dropLast() }
        }
        if value.contains(0) {
            throw VMXError.syntax(line: number, message: "NUL byte in the value of key '\(VMXError.clip(key))'")
        }
        return RawLine(key: key, value: Array(value), number: number)
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }
}
