/// How often a member, parameter or result occurs.
enum Occurrence: String, Sendable, CaseIterable {
    case required = "r"
    case requiredList = "rl"
    case optional = "o"
    case optionalList = "ol"
    case ignored = "i"

    var isList: Bool { self == .requiredList || self == .optionalList }
    var isRequired: Bool { self == .required || self == .requiredList }
}

/// `Type name occ [since=V] [secret]` inside an object, managed object or method.
struct MemberSyntax: Sendable {
    var type: String
    var name: String
    var occurrence: Occurrence
    var since: String?
    var secret: Bool
    var location: SourceLocation
}

/// One value line of an enum.
struct EnumValueSyntax: Sendable {
    var value: String
    var since: String?
    var location: SourceLocation
}

struct EnumSyntax: Sendable {
    var name: String
    var since: String?
    var values: [EnumValueSyntax]
    var location: SourceLocation
}

struct ObjectSyntax: Sendable {
    var name: String
    var parent: String?
    var isManaged: Bool
    var since: String?
    var members: [MemberSyntax]
    var location: SourceLocation
}

/// A method parameter; `_this:member` binds the target to a ServiceContent member.
struct ParameterSyntax: Sendable {
    var member: MemberSyntax
    var isThis: Bool
    var boundMember: String?
}

struct MethodSyntax: Sendable {
    var name: String
    var returns: (type: String, occurrence: Occurrence)?
    var since: String?
    var taskResult: (type: String, isList: Bool)?
    var faults: [String]
    var parameters: [ParameterSyntax]
    var location: SourceLocation
}

/// A whole schema file as written.
struct SchemaSyntax: Sendable {
    var format: Int = 1
    var enums: [EnumSyntax] = []
    var objects: [ObjectSyntax] = []
    var methods: [MethodSyntax] = []
}
