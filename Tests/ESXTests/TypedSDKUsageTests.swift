import Foundation
import XCTest

/// The driver and the CLI stay typed on their own SDK: no property path and no fault type is
/// spelled as a string literal in `Sources/ESX` or `Sources/esx` (typed paths such as
/// `VirtualMachine.Property.runtime.powerState` and `error.isFault(NotAuthenticated.self)` instead).
final class TypedSDKUsageTests: XCTestCase {
    /// Names the schema declares: managed-object property names and fault type names.
    struct SchemaNames {
        var properties: Set<String> = []
        var faults: Set<String> = []

        init(schema: String) {
            var parents: [String: String] = [:]
            var inManaged = false
            for rawLine in schema.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = rawLine.trimmingCharacters(in: .whitespaces)
                let words = line.split(separator: " ").map(String.init)
                if line.hasPrefix("managed object ") {
                    inManaged = true
                } else if line.hasPrefix("object ") {
                    inManaged = false
                    if words.count >= 4, words[2] == "extends" { parents[words[1]] = words[3] }
                } else if line == "end" {
                    inManaged = false
                } else if inManaged, words.count >= 3, !line.hasPrefix("#") {
                    properties.insert(words[1])
                }
            }
            for name in parents.keys {
                var current: String? = name
                var depth = 0
                while let type = current, depth < 64 {
                    if type == "MethodFault" {
                        faults.insert(name)
                        break
                    }
                    current = parents[type]
                    depth += 1
                }
            }
        }
    }

    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// Every string literal of a Swift source (single-line literals; interpolations included as text).
    static func stringLiterals(in source: String) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            var inLiteral = false
            var escaped = false
            var current = ""
            for character in line {
                if inLiteral {
                    if escaped {
                        escaped = false
                        current.append(character)
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        result.append((number + 1, current))
                        current = ""
                        inLiteral = false
                    } else {
                        current.append(character)
                    }
                } else if character == "\"" {
                    inLiteral = true
                }
            }
        }
        return result
    }

    /// A literal names a property when it is a property name or a dotted path starting with one,
    /// optionally indexed (`disabledMethod["x"]`); a fault when it is a fault type's name.
    static func violations(in source: String, names: SchemaNames, file: String) -> [String] {
        var found: [String] = []
        for (line, text) in stringLiterals(in: source) {
            let head = String(text.prefix { $0 != "." && $0 != "[" })
            let isPath = text.contains(".") || text.contains("[")
            let dotted = text.range(of: #"^[A-Za-z]+(\.[A-Za-z]+|\[[^\]]+\])+$"#, options: .regularExpression) != nil
            let propertyContext = ["pathSet", "Property", "rawValues", "propSet", "path:", ".name =="]
                .contains { sourceLine(source, line).contains($0) }
            if names.properties.contains(head) && (isPath ? dotted : propertyContext) {
                found.append("\(file):\(line): property path as a string: \"\(text)\"")
            }
            if names.faults.contains(text) {
                found.append("\(file):\(line): fault type as a string: \"\(text)\"")
            }
        }
        return found
    }

    static func sourceLine(_ source: String, _ number: Int) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return number - 1 < lines.count ? String(lines[number - 1]) : ""
    }

    func testDriverAndCLISpellNoPropertyPathOrFaultTypeAsString() throws {
        let schema = try String(contentsOf: Self.root.appendingPathComponent("Input/vim25.input"), encoding: .utf8)
        let names = SchemaNames(schema: schema)
        XCTAssertTrue(names.properties.contains("runtime"))
        XCTAssertTrue(names.faults.contains("NotAuthenticated"))
        var violations: [String] = []
        var scanned = 0
        for directory in ["Sources/ESX", "Sources/esx"] {
            let base = Self.root.appendingPathComponent(directory)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in files where url.pathExtension == "swift" {
                let source = try String(contentsOf: url, encoding: .utf8)
                violations += Self.violations(in: source, names: names, file: directory + "/" + url.lastPathComponent)
                scanned += 1
            }
        }
        XCTAssertGreaterThan(scanned, 20)
        XCTAssertEqual(violations, [], violations.joined(separator: "\n"))
    }

    /// The check itself catches what it is meant to catch.
    func testCheckFindsStringPathsAndFaults() throws {
        let schema = try String(contentsOf: Self.root.appendingPathComponent("Input/vim25.input"), encoding: .utf8)
        let names = SchemaNames(schema: schema)
        let source = """
            let a = VirtualMachine.Property(unchecked: "runtime.powerState")
            if fault.isFault(named: "NotAuthenticated") {}
            let c = "disabledMethod[\\"Destroy_Task\\"]"
            let fine = "could not connect"
            """
        let found = Self.violations(in: source, names: names, file: "x.swift")
        XCTAssertEqual(found.count, 3, found.joined(separator: "\n"))
    }
}
