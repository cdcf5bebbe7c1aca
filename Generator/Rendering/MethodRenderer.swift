/// Renders a method as an `async throws` function on `VIClient`.
struct MethodRenderer {
    let types: SwiftTypes
    var schema: Schema { types.schema }

    func render(_ name: String, into p: inout CodePrinter) {
        guard let method = schema.methods[name] else { return }
        let literal = SwiftNames.literal(name)
        var parameters: [String] = []
        if let this = method.this, method.boundMember == nil {
            parameters.append("_ this: \(types.declared(this.type, .required))")
        }
        for parameter in method.parameters {
            let label = SwiftNames.memberName(parameter.name)
            let type = types.declared(parameter.type, parameter.occurrence)
            switch parameter.occurrence {
            case .optional: parameters.append("\(label): \(type) = nil")
            case .optionalList: parameters.append("\(label): \(type) = []")
            default: parameters.append("\(label): \(type)")
            }
        }
        let result = resultType(method)
        renderDocumentation(method, into: &p)
        let signature = "public func \(SwiftNames.methodName(name))(\(parameters.joined(separator: ", "))) async throws"
            + (result.map { " -> \($0)" } ?? "")
        p.block(signature) { p in
            if let member = method.boundMember {
                p.line("let this = try await bind(\(literal), member: \(SwiftNames.literal(member))) { (_content: ServiceContent) in _content.\(SwiftNames.memberName(member)) }")
            }
            p.line("\(result == nil ? "" : "return ")try await invoke(\(literal)) { __writer in")
            if method.this != nil { p.line("    try __writer.encode(\"_this\", this)") }
            for parameter in method.parameters {
                let statements = types.encodeStatements(
                    name: parameter.name, value: SwiftNames.memberName(parameter.name), type: parameter.type,
                    occurrence: parameter.occurrence, secret: parameter.secret, writer: "__writer", owner: name)
                for line in statements { p.line("    " + line) }
            }
            p.line("} decode: { __reader in")
            p.line("    " + decodeStatement(method))
            p.line("}")
        }
    }

    private func resultType(_ method: Method) -> String? {
        guard let returns = method.returns else { return nil }
        return types.declared(returns.type, returns.occurrence)
    }

    private func decodeStatement(_ method: Method) -> String {
        let literal = SwiftNames.literal(method.name)
        guard let returns = method.returns else { return "try __reader.noReturnValue(\(literal))" }
        let function = types.decodeFunction(returns.type)
        switch returns.occurrence {
        case .required: return "try __reader.returnValue(\(literal), \(function))"
        case .optional: return "try __reader.optionalReturnValue(\(literal), \(function))"
        case .requiredList: return "try __reader.returnValues(\(literal), required: true, \(function))"
        case .optionalList, .ignored: return "try __reader.returnValues(\(literal), \(function))"
        }
    }

    private func renderDocumentation(_ method: Method, into p: inout CodePrinter) {
        var target = ""
        if let member = method.boundMember {
            target = " on `ServiceContent.\(member)`"
        } else if let this = method.this, case .reference(let type) = this.type {
            target = " on a `\(type ?? "ManagedObjectReference")`"
        }
        p.line("/// Calls `\(method.name)`\(target)\(method.since.map { " (since API \($0))" } ?? "").")
        if let task = method.taskResult {
            let single = types.base(task.type)
            p.line("///")
            p.line("/// Returns a task whose `info.result` holds \(task.isList ? "[\(single)]" : single).")
        }
        let documented = method.parameters
        if !documented.isEmpty || method.this != nil && method.boundMember == nil {
            p.line("///")
            p.line("/// - Parameters:")
            if method.this != nil && method.boundMember == nil { p.line("///   - this: the object the method is called on (`_this`).") }
            for parameter in documented {
                let since = parameter.since.map { ", since API \($0)" } ?? ""
                let secret = parameter.secret ? "; secret, redacted from logs" : ""
                p.line("///   - \(SwiftNames.memberName(parameter.name).replacingOccurrences(of: "`", with: "")): wire parameter `\(parameter.name)`\(since)\(secret).")
            }
        }
        if let returns = method.returns {
            p.line("///")
            p.line("/// - Returns: `\(types.declared(returns.type, returns.occurrence))`\(returns.occurrence == .optional ? ", nil when the server returns nothing" : "").")
        }
        if !method.faults.isEmpty {
            p.line("///")
            p.line("/// - Throws: `VISOAPFault` carrying one of: \(method.faults.map { "`\($0)`" }.joined(separator: ", ")); transport and decoding errors.")
        }
    }
}
