/// Writes a ``VMXConfig`` as `.vmx` text: one `key = "value"` line per entry, in order.
public enum VMXFormatter {
    /// The `.vmx` text of `config`; throws when a value cannot be quoted.
    public static func format(_ config: VMXConfig) throws -> String {
        var text = ""
        for entry in config.entries {
            if entry.value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
                throw VMXError.unrepresentableValue(key: entry.key, value: entry.value)
            }
            text += "\(entry.key) = \"\(entry.value)\"\n"
        }
        return text
    }
}
