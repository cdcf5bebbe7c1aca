/// Typed reads of VMX values; bad values throw ``VMXError/invalidValue(key:line:value:expected:)``
/// naming the key and its line.
extension VMXConfig {
    /// The string value of `key`, or nil.
    public func string(_ key: String) -> String? {
        self[key]
    }

    /// The string value of `key`; throws ``VMXError/missingEntry(key:)`` when absent.
    public func requiredString(_ key: String) throws -> String {
        guard let value = self[key] else { throw VMXError.missingEntry(key: key) }
        return value
    }

    /// The integer value of `key` (`unlimited` reads as -1), or `defaultValue` when absent.
    public func integer(_ key: String, default defaultValue: Int64) throws -> Int64 {
        guard let entry = entry(key) else { return defaultValue }
        return try Self.integer(entry)
    }

    /// The integer value of `key`; throws when absent.
    public func requiredInteger(_ key: String) throws -> Int64 {
        guard let entry = entry(key) else { throw VMXError.missingEntry(key: key) }
        return try Self.integer(entry)
    }

    static func integer(_ entry: VMXEntry) throws -> Int64 {
        let text = entry.value.trimmingBlanks()
        if text.lowercased() == "unlimited" { return -1 }
        guard let number = Int64(text) else {
            throw VMXError.invalidValue(key: entry.key, line: entry.line, value: entry.value, expected: "an integer")
        }
        return number
    }

    /// The boolean value of `key` (`true`/`false`, any case), or `defaultValue` when absent.
    public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let entry = entry(key) else { return defaultValue }
        switch entry.value.trimmingBlanks().lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw VMXError.invalidValue(key: entry.key, line: entry.line, value: entry.value, expected: "'true' or 'false'")
        }
    }

    /// The UUID value of `key` (`56 4d … 9e 93-63 4c …` or any hex-pair form), or nil when absent.
    public func uuid(_ key: String) throws -> DomainUUID? {
        guard let entry = entry(key) else { return nil }
        guard let uuid = DomainUUID(entry.value) else {
            throw VMXError.invalidValue(key: entry.key, line: entry.line, value: entry.value, expected: "a UUID")
        }
        return uuid
    }

    /// An ``VMXError/invalidValue(key:line:value:expected:)`` for the current value of `key`.
    func invalid(_ key: String, expected: String) -> VMXError {
        let entry = self.entry(key)
        return .invalidValue(key: entry?.key ?? key, line: entry?.line ?? 0, value: entry?.value ?? "", expected: expected)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
