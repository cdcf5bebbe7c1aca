/// Renders one data object: its protocol (when it has subtypes) and its struct.
struct ObjectRenderer {
    let types: SwiftTypes
    var schema: Schema { types.schema }

    func render(_ name: String, into p: inout CodePrinter) {
        guard let object = schema.objects[name] else { return }
        let swiftName = SwiftNames.typeName(name)
        let members = schema.allMembers(of: name)
        if schema.hasSubtypes(name) { renderProtocol(object, into: &p) }

        p.line("/// The data object `\(name)`\(extendsNote(object))\(sinceNote(object.since)).")
        p.block("public struct \(swiftName): \(conformance(of: object))") { p in
            p.line("/// The WSDL type name, `\(name)`.")
            p.line("public static let wireName = \(SwiftNames.literal(name))")
            p.line("/// Wire names of the declared ancestors, nearest first.")
            let ancestors = schema.ancestors(of: name).map(SwiftNames.literal).joined(separator: ", ")
            p.line("public static let ancestors: [String] = [\(ancestors)]")
            p.line()
            for member in members { renderStorage(member, owner: name, into: &p) }
            p.line("/// Set when the server sent an `xsi:type` this SDK does not know; holds the raw XML.")
            p.line("public var unknownSubtype: VIUnknownSubtype?")
            p.line()
            renderInit(members, owner: name, into: &p)
            p.line()
            renderDecoder(members, owner: name, into: &p)
            p.line()
            renderEncoder(members, owner: name, into: &p)
        }
        renderKeyedConformance(name, members, into: &p)
        if types.navigable.contains(name) { PropertyPathRenderer(types: types).renderNavigation(name, into: &p) }
    }

    /// Elements with a `key` member are addressed by it in indexed property paths (`device[4000]`).
    private func renderKeyedConformance(_ name: String, _ members: [Member], into p: inout CodePrinter) {
        guard let key = members.first(where: { $0.name == "key" }), case .builtin(let builtin) = key.type,
            [.string, .int, .long, .short].contains(builtin), !key.occurrence.isList
        else { return }
        let value = builtin == .string ? "key" : "String(key)"
        p.line()
        p.line("/// `\(name)` elements of an array are addressed by their `key` in indexed property paths.")
        p.block("extension \(SwiftNames.typeName(name)): VIKeyedDataObject") { p in
            p.line("/// The `key` member as the server spells it in paths.")
            if key.occurrence == .optional {
                p.line("public var collectionKey: String { key.map { \(builtin == .string ? "$0" : "String($0)") } ?? \"\" }")
            } else {
                p.line("public var collectionKey: String { \(value) }")
            }
        }
    }

    /// `/// \`wireName\` (required | optional | list), since API X.`
    static func memberDoc(_ member: Member) -> String {
        let occurrence: String
        switch member.occurrence {
        case .required: occurrence = "required"
        case .optional: occurrence = "optional"
        case .requiredList: occurrence = "a list of at least one"
        case .optionalList: occurrence = "a list, possibly empty"
        case .ignored: occurrence = "ignored"
        }
        return "/// Wire member `\(member.name)`, \(occurrence)\(member.since.map { ", since API \($0)" } ?? "")."
    }

    private func extendsNote(_ object: ObjectType) -> String {
        object.parent.map { " (extends `\($0)`)" } ?? ""
    }

    private func sinceNote(_ since: String?) -> String { since.map { ", since API \($0)" } ?? "" }

    private func conformance(of object: ObjectType) -> String {
        if schema.hasSubtypes(object.name) { return SwiftNames.protocolName(object.name) }
        if let parent = object.parent { return SwiftNames.protocolName(parent) }
        return Self.rootConformance(of: object)
    }

    /// What a type without a parent adopts: faults are Swift errors.
    private static func rootConformance(of object: ObjectType) -> String {
        object.name == "MethodFault" ? "VIDataObject, Error" : "VIDataObject"
    }

    private func renderProtocol(_ object: ObjectType, into p: inout CodePrinter) {
        let refined = object.parent.map(SwiftNames.protocolName) ?? Self.rootConformance(of: object)
        p.line("/// Adopted by `\(object.name)` and every subtype; a field declared as `\(object.name)` holds `any \(SwiftNames.protocolName(object.name))`.")
        p.block("public protocol \(SwiftNames.protocolName(object.name)): \(refined)") { p in
            for member in object.members {
                p.line(Self.memberDoc(member))
                p.line("var \(SwiftNames.memberName(member.name)): \(types.declared(member.type, member.occurrence)) { get set }")
            }
        }
        p.line()
    }

    private func isBoxed(_ member: Member, owner: String) -> Bool {
        types.boxed.contains(.init(owner: owner, member: member.name))
    }

    private static func storageName(_ member: Member) -> String {
        "_storage_" + SwiftNames.memberName(member.name).replacingOccurrences(of: "`", with: "")
    }

    private static func localName(_ member: Member) -> String {
        "_" + SwiftNames.memberName(member.name).replacingOccurrences(of: "`", with: "")
    }

    private func renderStorage(_ member: Member, owner: String, into p: inout CodePrinter) {
        let name = SwiftNames.memberName(member.name)
        let type = types.declared(member.type, member.occurrence)
        guard isBoxed(member, owner: owner) else {
            p.line(Self.memberDoc(member))
            if member.secret { p.line("/// Secret: redacted from logs.") }
            p.line("public var \(name): \(type)")
            return
        }
        let storage = Self.storageName(member)
        let base = types.base(member.type)
        if member.occurrence == .required {
            p.line("private var \(storage): VIIndirect<\(base)>")
            p.line(Self.memberDoc(member) + " Stored out of line (the type contains itself).")
            p.line("public var \(name): \(type) { get { \(storage).value } set { \(storage) = VIIndirect(newValue) } }")
        } else {
            p.line("private var \(storage): VIIndirect<\(base)>?")
            p.line(Self.memberDoc(member) + " Stored out of line (the type contains itself).")
            p.line("public var \(name): \(type) { get { \(storage)?.value } set { \(storage) = newValue.map { VIIndirect($0) } } }")
        }
    }

    private func assignment(_ member: Member, owner: String, value: String) -> String {
        guard isBoxed(member, owner: owner) else { return "self.\(SwiftNames.memberName(member.name)) = \(value)" }
        let storage = Self.storageName(member)
        return member.occurrence == .required
            ? "self.\(storage) = VIIndirect(\(value))" : "self.\(storage) = \(value).map { VIIndirect($0) }"
    }

    private func renderInit(_ members: [Member], owner: String, into p: inout CodePrinter) {
        let parameters = members.map { member -> String in
            let type = types.declared(member.type, member.occurrence)
            let label = SwiftNames.memberName(member.name)
            switch member.occurrence {
            case .optional: return "\(label): \(type) = nil"
            case .optionalList: return "\(label): \(type) = []"
            default: return "\(label): \(type)"
            }
        }
        p.line("/// A `\(owner)` with the given members; optional members default to nil, lists to empty.")
        p.block("public init(\(parameters.joined(separator: ", ")))") { p in
            for member in members {
                p.line(assignment(member, owner: owner, value: SwiftNames.memberName(member.name)))
            }
            p.line("self.unknownSubtype = nil")
        }
    }

    private func renderDecoder(_ members: [Member], owner: String, into p: inout CodePrinter) {
        let ownerLiteral = SwiftNames.literal(owner)
        p.line("/// Decodes the members of the element the reader is on, passing over unknown elements.")
        p.block("public init(members __reader: VIXMLReader) throws") { p in
            for member in members {
                let local = Self.localName(member)
                if member.occurrence.isList {
                    p.line("var \(local): [\(types.base(member.type))] = []")
                } else {
                    let base = types.base(member.type)
                    p.line("var \(local): \(types.isPolymorphic(member.type) ? "(\(base))?" : base + "?") = nil")
                }
            }
            p.line("var __scope = __reader.beginElement()")
            if members.isEmpty {
                p.block("while try __reader.nextChild(&__scope) != nil") { p in p.line("try __reader.skipElement()") }
            } else {
                p.block("while let __element = try __reader.nextChild(&__scope)") { p in
                    p.line("switch __element {")
                    for member in members {
                        let local = Self.localName(member)
                        let decode = types.decodeExpression(member.type, reader: "__reader")
                        let statement = member.occurrence.isList ? "\(local).append(\(decode))" : "\(local) = \(decode)"
                        p.line("case \(SwiftNames.literal(member.name)): \(statement)")
                    }
                    p.line("default: try __reader.skipElement()")
                    p.line("}")
                }
            }
            for member in members {
                let local = Self.localName(member)
                let literal = SwiftNames.literal(member.name)
                let value: String
                switch member.occurrence {
                case .required: value = "try __reader.required(\(local), \(literal), in: \(ownerLiteral))"
                case .requiredList: value = "try __reader.requiredList(\(local), \(literal), in: \(ownerLiteral))"
                default: value = local
                }
                p.line(assignment(member, owner: owner, value: value))
            }
            p.line("self.unknownSubtype = nil")
        }
    }

    private func renderEncoder(_ members: [Member], owner: String, into p: inout CodePrinter) {
        p.line("/// Writes the members, inherited first, in WSDL order; fails when a required list is empty.")
        p.block("public func encodeMembers(to __writer: inout VIXMLWriter) throws") { p in
            for member in members {
                let statements = types.encodeStatements(
                    name: member.name, value: "self." + SwiftNames.memberName(member.name), type: member.type,
                    occurrence: member.occurrence, secret: member.secret, writer: "__writer", owner: owner)
                for line in statements { p.line(line) }
            }
        }
    }
}
