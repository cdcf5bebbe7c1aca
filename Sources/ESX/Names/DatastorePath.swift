/// A path on a datastore, written `[datastore] directory/file`.
///
/// Parsing follows ESX's rules: the text starts with `[`, the datastore name
/// runs up to the first `]` and is not empty, and spaces after `]` are skipped;
/// the rest (possibly empty) is `directoryAndFileName`.
public struct DatastorePath: Sendable, Hashable, CustomStringConvertible {
    /// The datastore name (never empty, never contains `]`).
    public let datastore: String
    /// Everything after the datastore, e.g. `dir/vm.vmx`; empty for the datastore root.
    public let directoryAndFileName: String

    /// Creates a path, validating the datastore name.
    public init(datastore: String, directoryAndFileName: String = "") throws(ESXNameError) {
        let text = "[\(datastore)] \(directoryAndFileName)"
        guard !datastore.isEmpty else {
            throw .invalidDatastorePath(text: text, problem: .emptyDatastoreName)
        }
        guard !datastore.utf8.contains(UInt8(ascii: "]")) else {
            throw .invalidDatastorePath(text: text, problem: .closingBracketInDatastoreName)
        }
        self.datastore = datastore
        self.directoryAndFileName = directoryAndFileName
    }

    /// Parses `[datastore] path` (or a bare `[datastore]`).
    public init(parsing text: String) throws(ESXNameError) {
        let utf8 = text.utf8
        guard utf8.first == UInt8(ascii: "[") else {
            throw .invalidDatastorePath(text: text, problem: .missingOpeningBracket)
        }
        let nameStart = utf8.index(after: utf8.startIndex)
        guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "]")) else {
            throw .invalidDatastorePath(text: text, problem: .missingClosingBracket)
        }
        guard close != nameStart else {
            throw .invalidDatastorePath(text: text, problem: .emptyDatastoreName)
        }
        var rest = utf8.index(after: close)
        while rest < utf8.endIndex, utf8[rest] == UInt8(ascii: " ") { rest = utf8.index(after: rest) }
        datastore = String(text[nameStart..<close])
        directoryAndFileName = String(text[rest...])
    }

    /// The directory part: `directoryAndFileName` cut at its last `/`, or all of
    /// it when there is no `/` (then the path may name a directory or a file).
    public var directoryName: String {
        guard let slash = directoryAndFileName.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            return directoryAndFileName
        }
        return String(directoryAndFileName[..<slash])
    }

    /// The last component: the text after the last `/` (empty for a trailing
    /// `/`), or all of `directoryAndFileName` when there is no `/`.
    public var fileName: String {
        guard let slash = directoryAndFileName.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            return directoryAndFileName
        }
        return String(directoryAndFileName[directoryAndFileName.utf8.index(after: slash)...])
    }

    /// The path with `component` added after a `/` (no `/` at the datastore root
    /// or when the path already ends with one).
    public func appending(_ component: String) -> DatastorePath {
        var path = directoryAndFileName
        if !path.isEmpty, !path.hasSuffix("/") { path += "/" }
        path += component
        return DatastorePath(validDatastore: datastore, directoryAndFileName: path)
    }

    /// `[datastore] path`, or `[datastore]` when the path is empty.
    public var description: String {
        directoryAndFileName.isEmpty ? "[\(datastore)]" : "[\(datastore)] \(directoryAndFileName)"
    }

    private init(validDatastore: String, directoryAndFileName: String) {
        datastore = validDatastore
        self.directoryAndFileName = directoryAndFileName
    }
}
