/// A failure reading, writing or converting a `.vmx` file. Every case names the key (and its line
/// when it came from a file) or the domain element at fault.
public enum VMXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is larger than ``VMXParser/maxBytes``.
    case tooLarge(bytes: Int, limit: Int)
    /// A line that is not `key = "value"`, a comment or blank.
    case syntax(line: Int, message: String)
    /// Bytes that are not UTF-8 in a file that declares (or defaults to) UTF-8.
    case invalidUTF8(line: Int)
    /// `.encoding` names a character set iconv does not know.
    case unknownEncoding(String)
    /// The bytes could not be converted from the declared `.encoding`.
    case encodingConversion(encoding: String, line: Int)
    /// A key the conversion needs is absent.
    case missingEntry(key: String)
    /// A key whose value has the wrong form; `line` is 0 for values not read from a file.
    case invalidValue(key: String, line: Int, value: String, expected: String)
    /// A value that cannot be written between double quotes (a quote, line break or NUL).
    case unrepresentableValue(key: String, value: String)
    /// A domain definition feature that has no VMX form.
    case unsupported(element: String, message: String)
    /// A datastore that the file-name resolver does not know.
    case unknownDatastore(name: String, fileName: String)
    /// A file name that cannot be mapped between VMX and domain XML forms.
    case unresolvableFileName(String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            return "VMX input of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .syntax(let line, let message):
            return "VMX syntax error on line \(line): \(message)"
        case .invalidUTF8(let line):
            return "VMX line \(line) is not valid UTF-8 (declare the character set with .encoding)"
        case .unknownEncoding(let name):
            return "VMX entry '.encoding' names an unknown character set '\(VMXError.clip(name))'"
        case .encodingConversion(let encoding, let line):
            return "VMX line \(line) cannot be converted from \(VMXError.clip(encoding)) to UTF-8"
        case .missingEntry(let key):
            return "missing essential VMX entry '\(key)'"
        case .invalidValue(let key, let line, let value, let expected):
            let place = line > 0 ? " (line \(line))" : ""
            return "VMX entry '\(key)'\(place) must be \(expected) but is '\(VMXError.clip(value))'"
        case .unrepresentableValue(let key, let value):
            return "value of VMX entry '\(key)' contains a quote, line break or NUL: '\(VMXError.clip(value))'"
        case .unsupported(let element, let message):
            return "domain XML <\(element)>: \(message)"
        case .unknownDatastore(let name, let fileName):
            return "datastore '\(VMXError.clip(name))' of file '\(VMXError.clip(fileName))' is not known"
        case .unresolvableFileName(let name, let reason):
            return "cannot map file name '\(VMXError.clip(name))': \(reason)"
        }
    }

    /// Values quoted in messages are cut so that a huge value gives a readable line.
    static func clip(_ text: String, limit: Int = 120) -> String {
        let printable = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
        guard printable.count > limit else { return printable }
        return String(printable.prefix(limit)) + "…"
    }
}
