/// Turns parsed syntax into a validated `Schema`, reporting the first problem with its location.
struct SchemaBuilder {
    let syntax: SchemaSyntax
    let source: String

    func build() throws -> Schema {
        var declared: [String: SourceLocation] = [:]
        func declare(_ name: String, at location: SourceLocation) throws {
            if let first = declared[name] {
                throw Diagnostic(location, "duplicate type '\(name)' (first declared at \(first))")
            }
            if Builtin(rawValue: name) != nil || name == "ManagedObjectReference" {
                throw Diagnostic(location, "'\(name)' is a builtin type and cannot be declared")
            }
            declared[name] = location
        }
        let declarations = syntax.enums.map { ($0.name, $0.location) } + syntax.objects.map { ($0.name, $0.location) }
        for (name, location) in declarations.sorted(by: { $0.1.line < $1.1.line }) {
            try declare(name, at: location)
        }

        let enumNames = Set(syntax.enums.map(\.name))
        var objectNames = Set(syntax.objects.filter { !$0.isManaged }.map(\.name))
        let managedNames = Set(syntax.objects.filter(\.isManaged).map(\.name))
        let synthesizeMethodFault = !objectNames.contains("MethodFault") && !managedNames.contains("MethodFault")
        if synthesizeMethodFault { objectNames.insert("MethodFault") }

        let resolver = TypeResolver(
            format: syntax.format, enums: enumNames, objects: objectNames, managed: managedNames)

        var schema = Schema(
            source: source, format: syntax.format, enums: [:], objects: [:], managed: [:], methods: [:], children: [:])
        for e in syntax.enums {
            var seen: Set<String> = []
            for value in e.values where !seen.insert(value.value).inserted {
                throw Diagnostic(value.location, "duplicate value '\(value.value)' in enum '\(e.name)'")
            }
            schema.enums[e.name] = EnumType(
                name: e.name, since: e.since, values: e.values.map { ($0.value, $0.since) }, location: e.location)
        }
        if synthesizeMethodFault {
            schema.objects["MethodFault"] = ObjectType(
                name: "MethodFault", parent: nil, isManaged: false, since: nil, members: [], ignored: [],
                location: SourceLocation(file: source, line: 0), isBuiltin: true)
        }
        for o in syntax.objects {
            if let parent = o.parent {
                let parentOK = o.isManaged ? managedNames.contains(parent) : objectNames.contains(parent)
                if !parentOK {
                    let kind = o.isManaged ? "managed object" : "object"
                    let hint = enumNames.contains(parent) ? " ('\(parent)' is an enum)" : ""
                    throw Diagnostic(o.location, "\(kind) '\(o.name)' extends unknown \(kind) '\(parent)'\(hint)")
                }
            }
            var members: [Member] = []
            var ignored: [String] = []
            for m in o.members {
                if m.occurrence == .ignored {
                    ignored.append(m.name)
                    continue
                }
                members.append(try resolver.member(m, owner: "\(o.isManaged ? "managed object" : "object") '\(o.name)'"))
            }
            let type = ObjectType(
                name: o.name, parent: o.parent, isManaged: o.isManaged, since: o.since, members: members,
                ignored: ignored, location: o.location)
            if o.isManaged { schema.managed[o.name] = type } else { schema.objects[o.name] = type }
        }
        try checkInheritance(&schema)

        for m in syntax.methods {
            if schema.methods[m.name] != nil {
                throw Diagnostic(m.location, "duplicate method '\(m.name)'")
            }
            schema.methods[m.name] = try method(m, resolver: resolver, schema: schema)
        }
        return schema
    }

    /// Rejects cycles and duplicate member names along each inheritance chain; records children.
    private func checkInheritance(_ schema: inout Schema) throws {
        let all = (Array(schema.objects.values) + Array(schema.managed.values)).sorted {
            ($0.location.line, $0.name) < ($1.location.line, $1.name)
        }
        for type in all {
            var seen: Set<String> = [type.name]
            var current = type.parent
            while let parent = current {
                guard seen.insert(parent).inserted else {
                    throw Diagnostic(type.location, "inheritance cycle through '\(parent)' in '\(type.name)'")
                }
                current = schema.objects[parent]?.parent ?? schema.managed[parent]?.parent
            }
            var names: [String: SourceLocation] = [:]
            for member in schema.allMembers(of: type.name) {
                if let first = names[member.name], member.location != first {
                    throw Diagnostic(
                        member.location, "member '\(member.name)' of '\(type.name)' is already declared at \(first)")
                }
                names[member.name] = member.location
            }
            if let parent = type.parent, !type.isManaged {
                schema.children[parent, default: []].append(type.name)
            }
        }
        for key in schema.children.keys { schema.children[key]?.sort() }
    }

    private func method(_ m: MethodSyntax, resolver: TypeResolver, schema: Schema) throws -> Method {
        var this: Member?
        var parameters: [Member] = []
        var bound: String?
        for p in m.parameters {
            let member = try resolver.member(p.member, owner: "method '\(m.name)'")
            if p.isThis {
                guard case .reference = member.type else {
                    throw Diagnostic(p.member.location, "'_this' of method '\(m.name)' must be a ManagedObjectReference")
                }
                this = member
                bound = p.boundMember
            } else {
                parameters.append(member)
            }
        }
        if let bound {
            let content = schema.allMembers(of: "ServiceContent")
            guard let target = content.first(where: { $0.name == bound }) else {
                throw Diagnostic(
                    m.location, "method '\(m.name)' binds '_this:\(bound)' but 'ServiceContent' declares no member '\(bound)'")
            }
            guard case .reference = target.type, !target.occurrence.isList else {
                throw Diagnostic(m.location, "'ServiceContent.\(bound)' is not a single managed object reference")
            }
        }
        var returns: (TypeRef, Occurrence)?
        if let r = m.returns {
            returns = (try resolver.type(r.type, at: m.location, context: "result of method '\(m.name)'"), r.occurrence)
            if let (type, occurrence) = returns {
                try resolver.checkList(type, occurrence: occurrence, at: m.location, context: "result of method '\(m.name)'")
            }
        }
        var taskResult: (TypeRef, Bool)?
        if let t = m.taskResult {
            taskResult = (try resolver.type(t.type, at: m.location, context: "task-result of '\(m.name)'"), t.isList)
        }
        for fault in m.faults where !(schema.objects[fault] != nil && schema.isFault(fault)) {
            throw Diagnostic(m.location, "method '\(m.name)' lists '\(fault)', which is not a declared fault")
        }
        return Method(
            name: m.name, returns: returns, since: m.since, taskResult: taskResult, faults: m.faults, this: this,
            boundMember: bound, parameters: parameters, location: m.location)
    }
}

/// Resolves type tokens against the declared names.
struct TypeResolver {
    let format: Int
    let enums: Set<String>
    let objects: Set<String>
    let managed: Set<String>

    func type(_ token: String, at location: SourceLocation, context: String) throws -> TypeRef {
        if token == "ManagedObjectReference" { return .reference(nil) }
        if token.hasPrefix("ManagedObjectReference:") {
            let target = String(token.dropFirst("ManagedObjectReference:".count))
            guard format == 2 else {
                throw Diagnostic(location, "\(context) has unknown type '\(token)' (typed references need 'format 2')")
            }
            guard managed.contains(target) else {
                throw Diagnostic(location, "\(context) references unknown managed object '\(target)'")
            }
            return .reference(target)
        }
        if let builtin = Builtin(rawValue: token) {
            if builtin.needsFormat2 && format != 2 {
                throw Diagnostic(location, "\(context) has unknown type '\(token)' ('\(token)' needs 'format 2')")
            }
            return .builtin(builtin)
        }
        if enums.contains(token) { return .enumeration(token) }
        if objects.contains(token) { return .object(token) }
        if managed.contains(token) {
            throw Diagnostic(
                location, "\(context) uses managed object '\(token)' as a type; use ManagedObjectReference:\(token)")
        }
        throw Diagnostic(location, "\(context) has unknown type '\(token)'")
    }

    func member(_ m: MemberSyntax, owner: String) throws -> Member {
        let context = "member '\(m.name)' of \(owner)"
        let resolved = try type(m.type, at: m.location, context: context)
        try checkList(resolved, occurrence: m.occurrence, at: m.location, context: context)
        return Member(
            name: m.name, type: resolved, occurrence: m.occurrence, since: m.since, secret: m.secret,
            location: m.location)
    }

    func checkList(_ type: TypeRef, occurrence: Occurrence, at location: SourceLocation, context: String) throws {
        if case .enumeration(let name) = type, occurrence.isList, format != 2 {
            throw Diagnostic(location, "unsupported usage of enum '\(name)' as list in \(context)")
        }
    }
}
