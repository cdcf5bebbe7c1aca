/// Types the format knows without a declaration.
enum Builtin: String, Sendable, CaseIterable {
    case string = "String"
    case boolean = "Boolean"
    case byte = "Byte"
    case short = "Short"
    case int = "Int"
    case long = "Long"
    case float = "Float"
    case double = "Double"
    case dateTime = "DateTime"
    case binary = "Binary"
    case anyType = "AnyType"

    /// Builtins that need `format 2`.
    var needsFormat2: Bool { self == .float || self == .double || self == .binary || self == .short }
}

/// A resolved type reference.
enum TypeRef: Hashable, Sendable {
    case builtin(Builtin)
    case enumeration(String)
    case object(String)
    /// A managed object reference; the target type when the schema names one.
    case reference(String?)
}

/// A member of an object or managed object, or a method parameter.
struct Member: Sendable {
    var name: String
    var type: TypeRef
    var occurrence: Occurrence
    var since: String?
    var secret: Bool
    var location: SourceLocation
}

struct EnumType: Sendable {
    var name: String
    var since: String?
    var values: [(value: String, since: String?)]
    var location: SourceLocation
}

/// A data object or a managed object.
struct ObjectType: Sendable {
    var name: String
    var parent: String?
    var isManaged: Bool
    var since: String?
    /// Own members, in declaration (WSDL) order; `i` members are kept out.
    var members: [Member]
    /// Names of the `i` members, skipped when decoding.
    var ignored: [String]
    var location: SourceLocation
    /// Whether the type was synthesized (the `MethodFault` builtin).
    var isBuiltin = false
}

struct Method: Sendable {
    var name: String
    var returns: (type: TypeRef, occurrence: Occurrence)?
    var since: String?
    var taskResult: (type: TypeRef, isList: Bool)?
    var faults: [String]
    /// The target object parameter, if any, and the ServiceContent member it is bound to.
    var this: Member?
    var boundMember: String?
    var parameters: [Member]
    var location: SourceLocation
}

/// The validated, IDL-neutral model the renderer works from.
struct Schema: Sendable {
    var source: String
    var format: Int
    var enums: [String: EnumType]
    var objects: [String: ObjectType]
    var managed: [String: ObjectType]
    var methods: [String: Method]
    /// Direct subtypes of each data object, sorted.
    var children: [String: [String]]

    var enumNames: [String] { enums.keys.sorted() }
    var objectNames: [String] { objects.keys.sorted() }
    var managedNames: [String] { managed.keys.sorted() }
    var methodNames: [String] { methods.keys.sorted() }

    /// Whether a data object has subtypes (and so a protocol, and existential fields).
    func hasSubtypes(_ name: String) -> Bool { !(children[name] ?? []).isEmpty }

    /// Ancestors of a data or managed object, nearest first.
    func ancestors(of name: String) -> [String] {
        var result: [String] = []
        var current = objects[name]?.parent ?? managed[name]?.parent
        while let parent = current, !result.contains(parent) {
            result.append(parent)
            current = objects[parent]?.parent ?? managed[parent]?.parent
        }
        return result
    }

    /// Members including inherited ones, parents first.
    func allMembers(of name: String) -> [Member] {
        guard let type = objects[name] ?? managed[name] else { return [] }
        let inherited = type.parent.map { allMembers(of: $0) } ?? []
        return inherited + type.members
    }

    /// Ignored member names including inherited ones.
    func allIgnored(of name: String) -> [String] {
        guard let type = objects[name] ?? managed[name] else { return [] }
        return (type.parent.map { allIgnored(of: $0) } ?? []) + type.ignored
    }

    /// Whether the object derives from `MethodFault`.
    func isFault(_ name: String) -> Bool { name == "MethodFault" || ancestors(of: name).contains("MethodFault") }
}
