/// Subsets of a schema: the closure of a list of roots, following member, parameter, result,
/// parent and fault references transitively, and its complement.
struct Closure {
    let schema: Schema

    /// Reads a roots file: one type or method name per line, `#` comments.
    static func readRoots(_ text: String, file: String, schema: Schema) throws -> [String] {
        var roots: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let name = line.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let known = schema.enums[name] != nil || schema.objects[name] != nil || schema.managed[name] != nil
                || schema.methods[name] != nil
            guard known else {
                throw Diagnostic(SourceLocation(file: file, line: index + 1), "unknown root '\(name)'")
            }
            roots.append(name)
        }
        return roots
    }

    /// Every declaration reachable from `roots`.
    func closure(of roots: [String]) -> Selection {
        var seen: Set<String> = []
        var methods: Set<String> = []
        var pending = roots
        func visit(_ type: TypeRef) {
            switch type {
            case .enumeration(let name), .object(let name): pending.append(name)
            case .reference(let target?): pending.append(target)
            case .builtin, .reference(nil): break
            }
        }
        while let name = pending.popLast() {
            if let method = schema.methods[name], !methods.contains(name) {
                methods.insert(name)
                if let this = method.this { visit(this.type) }
                method.parameters.forEach { visit($0.type) }
                if let returns = method.returns { visit(returns.type) }
                if let task = method.taskResult { visit(task.type) }
                pending += method.faults
                continue
            }
            guard !seen.contains(name) else { continue }
            if schema.enums[name] != nil {
                seen.insert(name)
            } else if let object = schema.objects[name] ?? schema.managed[name] {
                seen.insert(name)
                if let parent = object.parent { pending.append(parent) }
                object.members.forEach { visit($0.type) }
            }
        }
        let all = Selection.all(schema)
        return Selection(
            enums: all.enums.filter(seen.contains), objects: all.objects.filter(seen.contains),
            managed: all.managed.filter(seen.contains), methods: all.methods.filter(methods.contains))
    }

    /// Everything in the schema that `selection` leaves out.
    func complement(of selection: Selection) -> Selection {
        let all = Selection.all(schema)
        let enums = Set(selection.enums)
        let objects = Set(selection.objects)
        let managed = Set(selection.managed)
        let methods = Set(selection.methods)
        return Selection(
            enums: all.enums.filter { !enums.contains($0) }, objects: all.objects.filter { !objects.contains($0) },
            managed: all.managed.filter { !managed.contains($0) }, methods: all.methods.filter { !methods.contains($0) })
    }
}
