/// A position in a schema file.
struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    var file: String
    var line: Int
    var description: String { "\(file):\(line)" }
}

/// An error in the schema, reported as `FILE:LINE: message`.
struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    var location: SourceLocation
    var message: String

    init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    var description: String { "\(location): \(message)" }
}
