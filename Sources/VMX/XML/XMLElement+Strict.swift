/// Strict reading helpers: anything not expected is an error naming the element and line.
extension XMLElement {
    /// Throws for attributes outside `attributes`, children outside `children`, and text in an
    /// element that takes none.
    func expect(attributes allowed: Set<String> = [], children allowedChildren: Set<String> = [], text: Bool = false)
        throws
    {
        for attribute in attributes where !allowed.contains(attribute.name) {
            throw DomainXMLError.unknownAttribute(name: attribute.name, element: name, line: line)
        }
        for child in children where !allowedChildren.contains(child.name) {
            throw DomainXMLError.unknownElement(name: child.name, parent: name, line: child.line)
        }
        if !text && !trimmedText.isEmpty {
            throw DomainXMLError.invalidValue(
                element: name, attribute: nil, value: trimmedText, expected: "empty (no text)", line: line)
        }
    }

    var trimmedText: String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    /// The only child called `name`, or nil; throws when there are several.
    func child(_ name: String) throws -> XMLElement? {
        let matches = children.filter { $0.name == name }
        if matches.count > 1 { throw DomainXMLError.duplicateElement(name: name, parent: self.name, line: matches[1].line) }
        return matches.first
    }

    func requiredChild(_ name: String) throws -> XMLElement {
        guard let child = try child(name) else {
            throw DomainXMLError.missingElement(name: name, parent: self.name, line: line)
        }
        return child
    }

    func requiredAttribute(_ name: String) throws -> String {
        guard let value = attribute(name) else {
            throw DomainXMLError.missingAttribute(name: name, element: self.name, line: line)
        }
        return value
    }

    func invalid(_ attribute: String?, _ value: String, expected: String) -> DomainXMLError {
        .invalidValue(element: name, attribute: attribute, value: value, expected: expected, line: line)
    }

    /// A decimal (or `0x` hex) integer attribute within `range`.
    func integer(_ attribute: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) throws -> Int? {
        guard let text = self.attribute(attribute) else { return nil }
        guard let value = Self.parseInteger(text), range.contains(value) else {
            throw invalid(attribute, text, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    static func parseInteger(_ text: String) -> Int? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    /// An attribute that must be one of `T`'s raw values.
    func enumeration<T: RawRepresentable & CaseIterable>(_ attribute: String, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = self.attribute(attribute) else { return nil }
        guard let value = T(rawValue: text) else {
            throw invalid(attribute, text, expected: T.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))
        }
        return value
    }

    /// `yes`/`no`.
    func yesNo(_ attribute: String) throws -> Bool? {
        switch self.attribute(attribute) {
        case nil: return nil
        case "yes": return true
        case "no": return false
        case let other?: throw invalid(attribute, other, expected: "'yes' or 'no'")
        }
    }
}
