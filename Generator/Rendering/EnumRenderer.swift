/// Renders an open enum: a `RawRepresentable` struct whose unknown values survive a round trip.
struct EnumRenderer {
    let schema: Schema

    func render(_ name: String, into p: inout CodePrinter) {
        guard let type = schema.enums[name] else { return }
        let swiftName = SwiftNames.typeName(name)
        p.line("/// The enum `\(name)`\(type.since.map { ", since API \($0)" } ?? ""). Unknown values are kept as they are.")
        p.block("public struct \(swiftName): VIEnum, CustomStringConvertible") { p in
            p.line("/// The WSDL type name, `\(name)`.")
            p.line("public static let wireName = \(SwiftNames.literal(name))")
            p.line("/// The value as sent on the wire.")
            p.line("public let rawValue: String")
            p.line("/// Any value, declared or not (a newer server's value is kept as it is).")
            p.line("public init(rawValue: String) { self.rawValue = rawValue }")
            p.line("/// The raw value.")
            p.line("public var description: String { rawValue }")
            p.line()
            var used: Set<String> = []
            var caseNames: [String] = []
            for value in type.values {
                var caseName = SwiftNames.enumCaseName(value.value)
                while used.contains(caseName) { caseName += "_" }
                used.insert(caseName)
                caseNames.append(caseName)
                p.line("/// Wire value `\(value.value)`\(value.since.map { ", since API \($0)" } ?? "").")
                p.line("public static let \(caseName) = \(swiftName)(rawValue: \(SwiftNames.literal(value.value)))")
            }
            p.line()
            p.line("/// Every value the schema declares, in schema order.")
            p.line("public static let declaredValues: [\(swiftName)] = [\(caseNames.map { "." + $0 }.joined(separator: ", "))]")
        }
    }
}
