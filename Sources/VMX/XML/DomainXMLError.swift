/// A failure reading libvirt domain XML; every case names the element and its line.
public enum DomainXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not well-formed XML, or refused constructs (DTDs, entities, excessive size or depth).
    case malformed(line: Int, message: String)
    /// An element this conversion does not know or cannot represent; never silently dropped.
    case unknownElement(name: String, parent: String, line: Int)
    /// An attribute this conversion does not know.
    case unknownAttribute(name: String, element: String, line: Int)
    /// A required child element is absent.
    case missingElement(name: String, parent: String, line: Int)
    /// A required attribute is absent.
    case missingAttribute(name: String, element: String, line: Int)
    /// An element that may appear once appears again.
    case duplicateElement(name: String, parent: String, line: Int)
    /// An attribute (or, with `attribute` nil, the text) of `element` has a bad value.
    case invalidValue(element: String, attribute: String?, value: String, expected: String, line: Int)

    /// A one-line message.
    public var description: String {
        switch self {
        case .malformed(let line, let message):
            return "domain XML line \(line): \(message)"
        case .unknownElement(let name, let parent, let line):
            return "domain XML line \(line): unknown or unsupported element <\(name)> in <\(parent)>"
        case .unknownAttribute(let name, let element, let line):
            return "domain XML line \(line): unknown or unsupported attribute '\(name)' of <\(element)>"
        case .missingElement(let name, let parent, let line):
            return "domain XML line \(line): <\(parent)> needs a <\(name)> element"
        case .missingAttribute(let name, let element, let line):
            return "domain XML line \(line): <\(element)> needs the attribute '\(name)'"
        case .duplicateElement(let name, let parent, let line):
            return "domain XML line \(line): <\(parent)> has more than one <\(name)>"
        case .invalidValue(let element, let attribute, let value, let expected, let line):
            let what = attribute.map { "attribute '\($0)' of <\(element)>" } ?? "content of <\(element)>"
            return "domain XML line \(line): \(what) must be \(expected) but is '\(VMXError.clip(value))'"
        }
    }
}
