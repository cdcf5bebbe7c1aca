/// How schema types appear in Swift, and how they are decoded and encoded.
struct SwiftTypes {
    let schema: Schema
    /// `(owner, member)` pairs stored out of line because the owner contains itself through them.
    let boxed: Set<BoxedMember>

    struct BoxedMember: Hashable {
        var owner: String
        var member: String
    }

    /// Data objects a property path can continue through (see `PropertyPathRenderer`).
    let navigable: Set<String>

    init(schema: Schema) {
        self.schema = schema
        self.boxed = RecursionAnalysis(schema: schema).boxedMembers()
        self.navigable = PropertyPathRenderer.navigableTypes(in: schema)
    }

    /// Whether the type is a data object with subtypes, held as `any XProtocol`.
    func isPolymorphic(_ type: TypeRef) -> Bool {
        if case .object(let name) = type { return schema.hasSubtypes(name) }
        return false
    }

    /// The Swift type of one value.
    func base(_ type: TypeRef) -> String {
        switch type {
        case .builtin(let builtin):
            switch builtin {
            case .string: return "String"
            case .boolean: return "Bool"
            case .byte: return "Int8"
            case .short: return "Int16"
            case .int: return "Int32"
            case .long: return "Int64"
            case .float: return "Float"
            case .double: return "Double"
            case .dateTime: return "Date"
            case .binary: return "Data"
            case .anyType: return "AnyValue"
            }
        case .enumeration(let name): return SwiftNames.typeName(name)
        case .object(let name):
            return schema.hasSubtypes(name) ? "any \(SwiftNames.protocolName(name))" : SwiftNames.typeName(name)
        case .reference(let target): return target.map(SwiftNames.typeName) ?? "ManagedObjectReference"
        }
    }

    /// The Swift type of a member or parameter with its occurrence.
    func declared(_ type: TypeRef, _ occurrence: Occurrence) -> String {
        let single = base(type)
        switch occurrence {
        case .requiredList, .optionalList: return "[\(single)]"
        case .optional: return isPolymorphic(type) ? "(\(single))?" : single + "?"
        case .required, .ignored: return single
        }
    }

    /// The concrete (non-existential) Swift type named in `X.self` expressions.
    func concrete(_ type: TypeRef) -> String {
        if case .object(let name) = type { return SwiftNames.typeName(name) }
        return base(type)
    }

    /// An expression decoding one element at `reader`.
    func decodeExpression(_ type: TypeRef, reader: String) -> String {
        if case .object(let name) = type, schema.hasSubtypes(name) {
            return "try \(reader).decodePolymorphic(\(SwiftNames.typeName(name)).self, as: (any \(SwiftNames.protocolName(name))).self)"
        }
        return "try \(concrete(type)).decodeValue(from: \(reader))"
    }

    /// A function value decoding one element (for `returnValue(_:_:)` and friends).
    func decodeFunction(_ type: TypeRef) -> String {
        if case .object(let name) = type, schema.hasSubtypes(name) {
            return "{ try $0.decodePolymorphic(\(SwiftNames.typeName(name)).self, as: (any \(SwiftNames.protocolName(name))).self) }"
        }
        return "\(concrete(type)).decodeValue"
    }

    /// Statements writing a member or parameter.
    func encodeStatements(
        name wireName: String, value: String, type: TypeRef, occurrence: Occurrence, secret: Bool, writer: String,
        owner: String
    ) -> [String] {
        let method = secret ? "encodeSecret" : "encode"
        let literal = SwiftNames.literal(wireName)
        var lines: [String] = []
        if occurrence == .requiredList {
            lines.append("try \(writer).requireList(\(value), \(literal), in: \(SwiftNames.literal(owner)))")
        }
        if isPolymorphic(type) {
            switch occurrence {
            case .required: lines.append("try \(writer).\(method)(\(literal), \(value))")
            case .optional: lines.append("if let __value = \(value) { try \(writer).\(method)(\(literal), __value) }")
            case .requiredList, .optionalList:
                lines.append("for __value in \(value) { try \(writer).\(method)(\(literal), __value) }")
            case .ignored: break
            }
        } else {
            lines.append("try \(writer).\(method)(\(literal), \(value))")
        }
        return lines
    }
}

/// Finds members whose type contains the owner again by value (a struct cannot hold itself).
struct RecursionAnalysis {
    let schema: Schema

    /// Inline edges: a single (non-list) member whose type is a data object without subtypes.
    private func edges(of name: String) -> [(member: String, target: String)] {
        schema.allMembers(of: name).compactMap { member in
            guard !member.occurrence.isList, case .object(let target) = member.type, !schema.hasSubtypes(target)
            else { return nil }
            return (member.name, target)
        }
    }

    func boxedMembers() -> Set<SwiftTypes.BoxedMember> {
        let components = stronglyConnectedComponents()
        var result: Set<SwiftTypes.BoxedMember> = []
        for name in schema.objectNames {
            for edge in edges(of: name) where components[edge.target] == components[name] {
                result.insert(.init(owner: name, member: edge.member))
            }
        }
        return result
    }

    /// Tarjan's algorithm, iterative over the sorted names so the result is deterministic.
    private func stronglyConnectedComponents() -> [String: Int] {
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var component: [String: Int] = [:]
        var nextIndex = 0
        var nextComponent = 0

        func visit(_ node: String) {
            index[node] = nextIndex
            lowLink[node] = nextIndex
            nextIndex += 1
            stack.append(node)
            onStack.insert(node)
            for edge in edges(of: node) {
                if index[edge.target] == nil {
                    visit(edge.target)
                    lowLink[node] = min(lowLink[node] ?? 0, lowLink[edge.target] ?? 0)
                } else if onStack.contains(edge.target) {
                    lowLink[node] = min(lowLink[node] ?? 0, index[edge.target] ?? 0)
                }
            }
            if lowLink[node] == index[node] {
                while let top = stack.popLast() {
                    onStack.remove(top)
                    component[top] = nextComponent
                    if top == node { break }
                }
                nextComponent += 1
            }
        }
        for name in schema.objectNames where index[name] == nil { visit(name) }
        return component
    }
}
