/// Parses the line-based `esx_vi_generator.input` format (and its format-2 extensions).
///
/// Every problem is a `Diagnostic` naming the file and line; the parser never traps.
struct SchemaParser {
    let file: String

    /// A trimmed, comment-free, non-empty line with its tokens.
    private struct Line {
        var number: Int
        var text: String
        var tokens: [String]
    }

    /// The block being read.
    private enum OpenBlock {
        case enumeration(EnumSyntax)
        case object(ObjectSyntax)
        case method(MethodSyntax)

        var location: SourceLocation {
            switch self {
            case .enumeration(let e): return e.location
            case .object(let o): return o.location
            case .method(let m): return m.location
            }
        }

        var title: String {
            switch self {
            case .enumeration(let e): return "enum '\(e.name)'"
            case .object(let o): return (o.isManaged ? "managed object '" : "object '") + o.name + "'"
            case .method(let m): return "method '\(m.name)'"
            }
        }
    }

    func parse(_ text: String) throws -> SchemaSyntax {
        var schema = SchemaSyntax()
        var open: OpenBlock?
        var sawBlock = false
        for line in Self.lines(of: text) {
            let location = SourceLocation(file: file, line: line.number)
            if let block = open {
                if line.text == "end" {
                    switch block {
                    case .enumeration(let e): schema.enums.append(e)
                    case .object(let o): schema.objects.append(o)
                    case .method(let m): schema.methods.append(m)
                    }
                    open = nil
                } else if Self.isBlockHeader(line.tokens) {
                    throw Diagnostic(location, "nested block found: \(block.title) opened at line \(block.location.line) has no 'end'")
                } else {
                    open = try parseBodyLine(line, into: block, format: schema.format)
                }
                continue
            }
            if line.tokens[0] == "format" {
                guard !sawBlock else { throw Diagnostic(location, "'format' must come before the first block") }
                guard line.tokens.count == 2, let number = Int(line.tokens[1]), number == 1 || number == 2 else {
                    throw Diagnostic(location, "invalid format line: expected 'format 1' or 'format 2'")
                }
                schema.format = number
                continue
            }
            if line.text == "end" { throw Diagnostic(location, "'end' without an open block") }
            guard Self.isBlockHeader(line.tokens) else {
                throw Diagnostic(location, "invalid block header: expected 'enum', 'object', 'managed object' or 'method'")
            }
            sawBlock = true
            open = try parseHeader(line, format: schema.format)
        }
        if let block = open {
            throw Diagnostic(block.location, "missing 'end' for \(block.title)")
        }
        return schema
    }

    // MARK: Lines

    private static func lines(of text: String) -> [Line] {
        var result: [Line] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var content = Substring(raw)
            if let hash = content.firstIndex(of: "#") { content = content[..<hash] }
            let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard !tokens.isEmpty else { continue }
            result.append(Line(number: number, text: tokens.joined(separator: " "), tokens: tokens))
        }
        return result
    }

    private static func isBlockHeader(_ tokens: [String]) -> Bool {
        switch tokens[0] {
        case "enum", "object", "method": return true
        case "managed": return tokens.count > 1 && tokens[1] == "object"
        default: return false
        }
    }

    // MARK: Headers

    private func parseHeader(_ line: Line, format: Int) throws -> OpenBlock {
        let location = SourceLocation(file: file, line: line.number)
        var tokens = line.tokens[...]
        let keyword = tokens.removeFirst()
        let isManaged = keyword == "managed"
        if isManaged { tokens.removeFirst() }
        guard let name = tokens.popFirst(), Self.isIdentifier(name) else {
            throw Diagnostic(location, "invalid block header: missing or invalid name")
        }
        switch keyword {
        case "enum":
            let attributes = try parseAttributes(Array(tokens), allowed: ["since"], format: format, location: location)
            return .enumeration(EnumSyntax(name: name, since: attributes.since, values: [], location: location))
        case "method":
            var returns: (String, Occurrence)?
            if tokens.first == "returns" {
                tokens.removeFirst()
                guard let type = tokens.popFirst(), let occurrenceText = tokens.popFirst() else {
                    throw Diagnostic(location, "invalid block header: 'returns' needs a type and an occurrence")
                }
                guard let occurrence = Occurrence(rawValue: occurrenceText), occurrence != .ignored else {
                    throw Diagnostic(location, "invalid occurrence '\(occurrenceText)' for the result: expected r, rl, o or ol")
                }
                returns = (type, occurrence)
            }
            let attributes = try parseAttributes(
                Array(tokens), allowed: ["since", "task-result", "faults"], format: format, location: location)
            return .method(
                MethodSyntax(
                    name: name, returns: returns, since: attributes.since, taskResult: attributes.taskResult,
                    faults: attributes.faults, parameters: [], location: location))
        default:
            var parent: String?
            if tokens.first == "extends" {
                tokens.removeFirst()
                guard let parentName = tokens.popFirst(), Self.isIdentifier(parentName) else {
                    throw Diagnostic(location, "invalid block header: 'extends' needs a type name")
                }
                parent = parentName
            }
            let attributes = try parseAttributes(Array(tokens), allowed: ["since"], format: format, location: location)
            return .object(
                ObjectSyntax(
                    name: name, parent: parent, isManaged: isManaged, since: attributes.since, members: [],
                    location: location))
        }
    }

    // MARK: Body lines

    private func parseBodyLine(_ line: Line, into block: OpenBlock, format: Int) throws -> OpenBlock {
        let location = SourceLocation(file: file, line: line.number)
        switch block {
        case .enumeration(var e):
            let attributes = try parseAttributes(
                Array(line.tokens.dropFirst()), allowed: ["since"], format: format, location: location,
                what: "enum value")
            e.values.append(EnumValueSyntax(value: line.tokens[0], since: attributes.since, location: location))
            return .enumeration(e)
        case .object(var o):
            o.members.append(try parseMember(line, format: format))
            return .object(o)
        case .method(var m):
            var member = try parseMember(line, format: format)
            var isThis = false
            var bound: String?
            if member.name == "_this" {
                isThis = true
            } else if member.name.hasPrefix("_this:") {
                isThis = true
                bound = String(member.name.dropFirst(6))
                guard let bound, Self.isIdentifier(bound) else {
                    throw Diagnostic(location, "invalid '_this:' binding: expected '_this:serviceContentMember'")
                }
                member.name = "_this"
            }
            if member.occurrence == .ignored {
                throw Diagnostic(location, "occurrence 'i' is not allowed on method parameter '\(member.name)'")
            }
            if isThis && !m.parameters.isEmpty {
                throw Diagnostic(location, "'_this' must be the first parameter of method '\(m.name)'")
            }
            m.parameters.append(ParameterSyntax(member: member, isThis: isThis, boundMember: bound))
            return .method(m)
        }
    }

    private func parseMember(_ line: Line, format: Int) throws -> MemberSyntax {
        let location = SourceLocation(file: file, line: line.number)
        let tokens = line.tokens
        guard tokens.count >= 3, format == 2 || tokens.count == 3 else {
            throw Diagnostic(
                location, "invalid property: expected 'Type name occurrence', found \(tokens.count) token(s)")
        }
        guard let occurrence = Occurrence(rawValue: tokens[2]) else {
            throw Diagnostic(location, "invalid occurrence '\(tokens[2])': expected r, rl, o, ol or i")
        }
        guard Self.isTypeToken(tokens[0]) else { throw Diagnostic(location, "invalid type name '\(tokens[0])'") }
        guard Self.isIdentifier(tokens[1]) || tokens[1].hasPrefix("_this:") else {
            throw Diagnostic(location, "invalid member name '\(tokens[1])'")
        }
        let attributes = try parseAttributes(
            Array(tokens.dropFirst(3)), allowed: ["since", "secret"], format: format, location: location,
            what: "property")
        return MemberSyntax(
            type: tokens[0], name: tokens[1], occurrence: occurrence, since: attributes.since,
            secret: attributes.secret, location: location)
    }

    // MARK: Attributes

    private struct Attributes {
        var since: String?
        var secret = false
        var taskResult: (type: String, isList: Bool)?
        var faults: [String] = []
    }

    private func parseAttributes(
        _ tokens: [String], allowed: Set<String>, format: Int, location: SourceLocation,
        what: String = "block header"
    ) throws -> Attributes {
        var attributes = Attributes()
        guard !tokens.isEmpty else { return attributes }
        guard format == 2 else {
            throw Diagnostic(location, "invalid \(what): unexpected '\(tokens[0])' (attributes need 'format 2')")
        }
        for token in tokens {
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : nil
            guard allowed.contains(key) else { throw Diagnostic(location, "invalid \(what): unexpected '\(token)'") }
            switch (key, value) {
            case ("secret", nil): attributes.secret = true
            case ("since", let v?) where Self.isVersion(v): attributes.since = v
            case ("task-result", let v?):
                let isList = v.hasSuffix("[]")
                let type = isList ? String(v.dropLast(2)) : v
                guard Self.isTypeToken(type) else { throw Diagnostic(location, "invalid task-result type '\(v)'") }
                attributes.taskResult = (type, isList)
            case ("faults", let v?):
                let names = v.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard names.allSatisfy(Self.isIdentifier) else {
                    throw Diagnostic(location, "invalid faults list '\(v)': expected Name,Name,...")
                }
                attributes.faults = names
            default:
                throw Diagnostic(location, "invalid attribute '\(token)'")
            }
        }
        return attributes
    }

    // MARK: Lexical classes

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || isLetter($0) || ("0"..."9").contains($0) }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// `Name` or `ManagedObjectReference:Name`.
    static func isTypeToken(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isIdentifier(text)
        case 2: return parts[0] == "ManagedObjectReference" && isIdentifier(String(parts[1]))
        default: return false
        }
    }

    static func isVersion(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy(\.isNumber)
        }
    }
}
