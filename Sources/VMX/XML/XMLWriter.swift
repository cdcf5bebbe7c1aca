/// Writes XML the way libvirt prints it: two-space indentation, single-quoted attributes,
/// `<empty/>` elements and all five special characters escaped.
public struct XMLWriter: Sendable {
    public private(set) var text = ""
    private var depth = 0

    /// An empty document.
    public init() {}

    /// Attributes in order; nil values are left out.
    public typealias Attributes = KeyValuePairs<String, String?>

    public mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        line("<\(name)\(Self.format(attributes))>")
        depth += 1
    }

    public mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    public mutating func empty(_ name: String, _ attributes: Attributes = [:]) {
        line("<\(name)\(Self.format(attributes))/>")
    }

    public mutating func leaf(_ name: String, _ attributes: Attributes = [:], text: String) {
        line("<\(name)\(Self.format(attributes))>\(Self.escape(text))</\(name)>")
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    private static func format(_ attributes: Attributes) -> String {
        attributes.reduce(into: "") { result, pair in
            if let value = pair.value { result += " \(pair.key)='\(escape(value))'" }
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "'": out += "&apos;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r", "\r\n": out.append(character)
            // XML 1.0 cannot carry other control characters; libvirt drops them too.
            case _ where character.unicodeScalars.first.map({ $0.value < 0x20 }) == true: continue
            default: out.append(character)
            }
        }
        return out
    }
}
