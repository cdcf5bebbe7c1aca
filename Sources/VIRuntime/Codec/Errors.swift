/// Why a response could not be decoded. Every case names the element involved.
public enum VIDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not well-formed XML (libxml2's message and line).
    case malformedXML(message: String, line: Int)
    /// A DOCTYPE was found; documents with DTDs are refused (no entity expansion, no external loads).
    case doctypeNotAllowed
    /// Elements nest deeper than the configured bound.
    case tooDeep(element: String, limit: Int)
    /// The document is larger than the configured bound.
    case tooLarge(bytes: Int, limit: Int)
    /// An element did not hold what its type needs.
    case invalidValue(element: String, type: String, text: String)
    /// A required member (`r`/`rl`) is absent.
    case missingRequired(type: String, member: String)
    /// A required attribute is absent.
    case missingAttribute(element: String, attribute: String)
    /// An element was expected but something else came.
    case unexpectedElement(expected: String, found: String)
    /// Text content held a child element.
    case unexpectedChild(element: String, child: String)
    /// A decoded value was not of the declared type.
    case typeMismatch(element: String, expected: String, found: String)
    /// The document ended early.
    case unexpectedEnd(element: String)

    public var description: String {
        switch self {
        case .malformedXML(let message, let line): return "malformed XML at line \(line): \(message)"
        case .doctypeNotAllowed: return "malformed response: a DOCTYPE is not allowed"
        case .tooDeep(let element, let limit): return "element '\(element)' nests deeper than \(limit) levels"
        case .tooLarge(let bytes, let limit): return "response of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .invalidValue(let element, let type, let text):
            return "element '\(element)': '\(text.prefix(80))' is not a valid \(type)"
        case .missingRequired(let type, let member): return "\(type) is missing the required member '\(member)'"
        case .missingAttribute(let element, let attribute):
            return "element '\(element)' is missing the attribute '\(attribute)'"
        case .unexpectedElement(let expected, let found): return "expected element '\(expected)', found '\(found)'"
        case .unexpectedChild(let element, let child):
            return "element '\(element)' must hold text but holds element '\(child)'"
        case .typeMismatch(let element, let expected, let found):
            return "element '\(element)': expected a \(expected), found a \(found)"
        case .unexpectedEnd(let element): return "document ended inside element '\(element)'"
        }
    }
}

/// Why a request could not be encoded.
public enum VIEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required member (`r`/`rl`) is unset or empty.
    case missingRequired(type: String, member: String)
    /// A string holds a character XML 1.0 cannot carry (a control character).
    case invalidCharacter(element: String, scalar: UInt32)

    public var description: String {
        switch self {
        case .missingRequired(let type, let member): return "\(type) is missing the required member '\(member)'"
        case .invalidCharacter(let element, let scalar):
            return "element '\(element)' holds U+\(String(scalar, radix: 16, uppercase: true)), which XML cannot carry"
        }
    }
}
