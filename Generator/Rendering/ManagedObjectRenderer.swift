/// Renders a managed object wrapper: the typed reference, its property names and a typed property view.
struct ManagedObjectRenderer {
    let types: SwiftTypes
    var schema: Schema { types.schema }

    func render(_ name: String, into p: inout CodePrinter) {
        guard let object = schema.managed[name] else { return }
        let swiftName = SwiftNames.typeName(name)
        let members = schema.allMembers(of: name)
        let extends = object.parent.map { " (extends `\($0)`)" } ?? ""
        p.line("/// A reference to a managed object of type `\(name)`\(extends)\(object.since.map { ", since API \($0)" } ?? "").")
        p.block("public struct \(swiftName): VIManagedObject") { p in
            p.line("/// The managed object type name, `\(name)`.")
            p.line("public static let wireName = \(SwiftNames.literal(name))")
            p.line("/// The reference on the wire; its `type` may name a subtype.")
            p.line("public let ref: ManagedObjectReference")
            p.line("/// Wraps a reference (not checked against the server).")
            p.line("public init(_ ref: ManagedObjectReference) { self.ref = ref }")
            p.line()
            p.line("/// Property paths of `\(name)`: `\(swiftName).Property.runtime.powerState`, ...")
            p.line("public typealias Property = VIAnyPropertyPath<\(swiftName)>")
            p.line()
            p.line("/// The retrieved properties of one `\(name)`; members not retrieved are nil.")
            p.block("public struct Properties: VIManagedObjectProperties") { p in
                p.line("/// The object these properties belong to.")
                p.line("public var managedObject: \(swiftName)")
                p.line("/// Every retrieved property by path, including nested paths.")
                p.line("public var rawValues: [String: AnyValue]")
                for member in members {
                    let single = types.base(member.type)
                    let type = member.occurrence.isList ? "[\(single)]?" : (types.isPolymorphic(member.type) ? "(\(single))?" : single + "?")
                    p.line("/// Property `\(member.name)`\(member.since.map { ", since API \($0)" } ?? ""); nil when not retrieved.")
                    p.line("public var \(SwiftNames.memberName(member.name)): \(type)")
                }
                p.line()
                p.line("/// The typed view of retrieved `path -> value` pairs; a value of the wrong type is an error naming it.")
                p.block("public init(object: \(swiftName), values: [String: AnyValue]) throws") { p in
                    p.line("self.managedObject = object")
                    p.line("self.rawValues = values")
                    for member in members { p.line("self.\(SwiftNames.memberName(member.name)) = nil") }
                    // Visit only what was retrieved (usually a few paths), not every member.
                    guard !members.isEmpty else { return }
                    p.block("for (__path, __value) in values") { p in
                        p.line("switch __path {")
                        for member in members {
                            p.line("case \(SwiftNames.literal(member.name)): self.\(SwiftNames.memberName(member.name)) = \(conversion(member, owner: name))")
                        }
                        p.line("default: continue")
                        p.line("}")
                    }
                }
            }
        }
        p.line()
        PropertyPathRenderer(types: types).renderTopLevel(name, into: &p)
    }

    private func conversion(_ member: Member, owner: String) -> String {
        let path = SwiftNames.literal(member.name)
        let ownerLiteral = SwiftNames.literal(owner)
        if types.isPolymorphic(member.type) {
            let existential = "(\(types.base(member.type))).self"
            let function = member.occurrence.isList ? "objects" : "object"
            return "try VIPropertyValues.\(function)(__value, \(path), as: \(existential), in: \(ownerLiteral))"
        }
        let single = types.concrete(member.type)
        let type = member.occurrence.isList ? "[\(single)]" : single
        return "try VIPropertyValues.value(__value, \(path), as: \(type).self, in: \(ownerLiteral))"
    }
}
