/// Renders typed property paths: the top-level properties of each managed object as static members of
/// `VIAnyPropertyPath<Object>`, and the members of every data object a path can reach as instance
/// members of `VIPropertyPath<Root, DataObject>` (generic over `Root`, so each data object's members
/// are declared once for every managed object that reaches it).
///
/// A property path can only continue through single (non-array) data-object members, so only data
/// objects reachable that way from some managed object's property get navigation members.
struct PropertyPathRenderer {
    let types: SwiftTypes
    var schema: Schema { types.schema }

    /// Data objects that some property path can reach, computed once per schema.
    static func navigableTypes(in schema: Schema) -> Set<String> {
        var reached: Set<String> = []
        var pending: [String] = []
        func visit(_ members: [Member]) {
            for member in members where !member.occurrence.isList {
                guard case .object(let name) = member.type, !reached.contains(name) else { continue }
                reached.insert(name)
                pending.append(name)
            }
        }
        for name in schema.managedNames { visit(schema.allMembers(of: name)) }
        while let name = pending.popLast() { visit(schema.allMembers(of: name)) }
        return reached
    }

    /// `extension VIAnyPropertyPath where Root == Object { static var name: ... }` for one managed object.
    func renderTopLevel(_ name: String, into p: inout CodePrinter) {
        let swiftName = SwiftNames.typeName(name)
        let members = schema.allMembers(of: name)
        p.line("/// Typed property paths of `\(name)`: `\(swiftName).Property.name`, `[.name, .runtime.powerState]`, ...")
        p.block("extension VIAnyPropertyPath where Root == \(swiftName)") { p in
            for member in members {
                let (valueType, constructor) = topLevel(member)
                renderDoc(member, valueType: valueType, into: &p)
                let head = "public static var \(SwiftNames.memberName(member.name)):"
                let type = "VIPropertyPath<\(swiftName), \(valueType)>"
                let body = ".\(constructor)(\(SwiftNames.literal(member.name)))"
                if head.count + type.count + body.count + 10 <= 120 {
                    p.line("\(head) \(type) { \(body) }")
                } else if head.count + type.count + 7 <= 120 {
                    p.block("\(head) \(type)") { p in p.line(body) }
                } else {
                    // Too long even alone: the type on a line of its own (valid Swift, within 120 columns).
                    p.line(head)
                    p.line("    " + type)
                    p.block("") { p in p.line(body) }
                }
            }
            p.line("/// Every top-level property of `\(name)`.")
            p.block("public static var all: [VIAnyPropertyPath<\(swiftName)>]") { p in
                p.line("[")
                for member in members { p.line("    .\(SwiftNames.memberName(member.name)),") }
                p.line("]")
            }
        }
    }

    /// `extension VIPropertyPath where Value == DataObject { var member: ... }` for one data object.
    func renderNavigation(_ name: String, into p: inout CodePrinter) {
        let members = schema.allMembers(of: name)
        guard !members.isEmpty else { return }
        let value = schema.hasSubtypes(name) ? "any \(SwiftNames.protocolName(name))" : SwiftNames.typeName(name)
        p.line()
        p.line("/// Property paths continuing through a `\(name)`: `.\(SwiftNames.memberName(members[0].name))`, ...")
        p.block("extension VIPropertyPath where Value == \(value)") { p in
            for member in members {
                let (valueType, constructor) = nested(member)
                let swiftMember = SwiftNames.memberName(member.name)
                renderDoc(member, valueType: valueType, into: &p)
                p.line(
                    "public var \(swiftMember): VIPropertyPath<Root, \(valueType)> "
                        + "{ \(constructor)(\(SwiftNames.literal(member.name)), \\.\(swiftMember)) }")
            }
        }
    }

    private func renderDoc(_ member: Member, valueType: String, into p: inout CodePrinter) {
        let since = member.since.map { ", since API \($0)" } ?? ""
        p.line("/// `\(member.name)`: `\(valueType)`\(since).")
    }

    private func valueType(_ member: Member) -> String {
        let single = types.base(member.type)
        return member.occurrence.isList ? "[\(single)]" : single
    }

    private func topLevel(_ member: Member) -> (type: String, constructor: String) {
        let polymorphic = types.isPolymorphic(member.type)
        if member.occurrence.isList { return (valueType(member), polymorphic ? "_topObjects" : "_top") }
        return (valueType(member), polymorphic ? "_topObject" : "_top")
    }

    private func nested(_ member: Member) -> (type: String, constructor: String) {
        let polymorphic = types.isPolymorphic(member.type)
        switch member.occurrence {
        case .requiredList, .optionalList: return (valueType(member), polymorphic ? "_objects" : "_member")
        case .optional: return (valueType(member), polymorphic ? "_optionalObject" : "_optional")
        case .required, .ignored: return (valueType(member), polymorphic ? "_object" : "_member")
        }
    }
}
