/// One `key = "value"` line of a `.vmx` file.
public struct VMXEntry: Sendable, Equatable {
    /// The key as written (VMX keys compare case-insensitively).
    public var key: String
    /// The value between the quotes, UTF-8.
    public var value: String
    /// 1-based line in the source file; 0 for entries not read from a file.
    public var line: Int

    /// An entry; `line` 0 means not from a file.
    public init(key: String, value: String, line: Int = 0) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// The entries of a `.vmx` file, in file order, with case-insensitive lookup.
///
/// A key given twice keeps its first position and takes the last value, as VMware does.
public struct VMXConfig: Sendable, Equatable {
    /// The entries in file order, one per key.
    public private(set) var entries: [VMXEntry] = []
    private var positions: [String: Int] = [:]

    /// An empty configuration.
    public init() {}

    /// The entries, later duplicates replacing earlier values.
    public init(entries: [VMXEntry]) {
        for entry in entries { set(entry) }
    }

    /// The value of `key`, compared case-insensitively.
    public subscript(key: String) -> String? {
        entry(key)?.value
    }

    /// The entry of `key`, compared case-insensitively.
    public func entry(_ key: String) -> VMXEntry? {
        positions[key.lowercased()].map { entries[$0] }
    }

    /// Sets `key` to `value`, replacing an existing value in place or appending a new line.
    public mutating func set(_ key: String, _ value: String) {
        set(VMXEntry(key: key, value: value))
    }

    /// Adds `entry`; an existing entry with the same key keeps its position and spelling.
    public mutating func set(_ entry: VMXEntry) {
        let folded = entry.key.lowercased()
        if let position = positions[folded] {
            entries[position].value = entry.value
            entries[position].line = entry.line
        } else {
            positions[folded] = entries.count
            entries.append(entry)
        }
    }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool {
        positions[key.lowercased()] != nil
    }

    public static func == (lhs: VMXConfig, rhs: VMXConfig) -> Bool {
        lhs.entries == rhs.entries
    }
}
