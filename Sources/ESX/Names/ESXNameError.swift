/// Errors from unescaping ESX names and parsing datastore paths and VM ids.
public enum ESXNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `text` holds an invalid escape sequence starting at UTF-8 byte `offset`.
    case invalidEscapeSequence(text: String, offset: Int)
    /// Unescaping `text` produced bytes that are not valid UTF-8.
    case invalidUTF8(text: String)
    /// `text` is not a datastore path of the form `[datastore] path`.
    case invalidDatastorePath(text: String, problem: DatastorePathProblem)
    /// `text` is neither a positive integer nor `vm-` followed by one.
    case invalidVirtualMachineID(text: String)

    /// What is wrong with a datastore path.
    public enum DatastorePathProblem: Sendable, Hashable, CustomStringConvertible {
        /// The text does not start with `[`.
        case missingOpeningBracket
        /// The text has no `]` closing the datastore name.
        case missingClosingBracket
        /// The datastore name between the brackets is empty.
        case emptyDatastoreName
        /// The datastore name contains `]`, which cannot be written in a path.
        case closingBracketInDatastoreName

        public var description: String {
            switch self {
            case .missingOpeningBracket: "it does not start with '['"
            case .missingClosingBracket: "the datastore name is not closed by ']'"
            case .emptyDatastoreName: "the datastore name is empty"
            case .closingBracketInDatastoreName: "the datastore name contains ']'"
            }
        }
    }

    public var description: String {
        switch self {
        case let .invalidEscapeSequence(text, offset):
            "'\(text)' contains an invalid escape sequence at byte \(offset)"
        case let .invalidUTF8(text):
            "unescaping '\(text)' does not produce valid UTF-8"
        case let .invalidDatastorePath(text, problem):
            "'\(text)' is not a valid datastore path: \(problem)"
        case let .invalidVirtualMachineID(text):
            "'\(text)' is not a valid virtual machine id (expected a positive number or 'vm-<number>')"
        }
    }
}
