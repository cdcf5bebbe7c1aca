import XCTest

@testable import vi_gen

/// One test per diagnostic: each malformed input gives `FILE:LINE: message`, never a crash.
final class DiagnosticTests: XCTestCase {
    func testNestedBlock() {
        XCTAssertEqual(
            diagnostic("object A\n  String a r\nobject B\nend\n"),
            "bad.input:3: nested block found: object 'A' opened at line 1 has no 'end'")
    }

    func testBadHeader() {
        XCTAssertEqual(
            diagnostic("thing A\nend\n"),
            "bad.input:1: invalid block header: expected 'enum', 'object', 'managed object' or 'method'")
        XCTAssertEqual(diagnostic("object\nend\n"), "bad.input:1: invalid block header: missing or invalid name")
        XCTAssertEqual(
            diagnostic("object A extends\nend\n"), "bad.input:1: invalid block header: 'extends' needs a type name")
        XCTAssertEqual(
            diagnostic("object A since=1.0\nend\n"),
            "bad.input:1: invalid block header: unexpected 'since=1.0' (attributes need 'format 2')")
        XCTAssertEqual(
            diagnostic("method M returns String\nend\n"),
            "bad.input:1: invalid block header: 'returns' needs a type and an occurrence")
    }

    func testWrongMemberArity() {
        XCTAssertEqual(
            diagnostic("object A\n  String a\nend\n"),
            "bad.input:2: invalid property: expected 'Type name occurrence', found 2 token(s)")
        XCTAssertEqual(
            diagnostic("object A\n  String a r extra\nend\n"),
            "bad.input:2: invalid property: expected 'Type name occurrence', found 4 token(s)")
    }

    func testBadOccurrence() {
        XCTAssertEqual(
            diagnostic("object A\n  String a x\nend\n"),
            "bad.input:2: invalid occurrence 'x': expected r, rl, o, ol or i")
        XCTAssertEqual(
            diagnostic("method M returns String i\nend\n"),
            "bad.input:1: invalid occurrence 'i' for the result: expected r, rl, o or ol")
    }

    func testUnknownMemberType() {
        XCTAssertEqual(
            diagnostic("object A\n  Nope a r\nend\n"),
            "bad.input:2: member 'a' of object 'A' has unknown type 'Nope'")
        XCTAssertEqual(
            diagnostic("method M\n  Nope p r\nend\n"), "bad.input:2: member 'p' of method 'M' has unknown type 'Nope'")
    }

    func testUnknownParent() {
        XCTAssertEqual(
            diagnostic("object A extends B\nend\n"), "bad.input:1: object 'A' extends unknown object 'B'")
        XCTAssertEqual(
            diagnostic("enum E\n x\nend\nobject A extends E\nend\n"),
            "bad.input:4: object 'A' extends unknown object 'E' ('E' is an enum)")
    }

    func testEnumUsedAsList() {
        XCTAssertEqual(
            diagnostic("enum E\n  x\nend\nobject A\n  E list ol\nend\n"),
            "bad.input:5: unsupported usage of enum 'E' as list in member 'list' of object 'A'")
    }

    func testIgnoredOccurrenceOnParameter() {
        XCTAssertEqual(
            diagnostic("method M\n  String p i\nend\n"),
            "bad.input:2: occurrence 'i' is not allowed on method parameter 'p'")
    }

    func testDuplicateType() {
        XCTAssertEqual(
            diagnostic("object A\nend\nenum A\n x\nend\n"),
            "bad.input:3: duplicate type 'A' (first declared at bad.input:1)")
    }

    func testMissingEnd() {
        XCTAssertEqual(diagnostic("object A\n  String a r\n"), "bad.input:1: missing 'end' for object 'A'")
    }

    func testOtherChecks() {
        XCTAssertEqual(diagnostic("end\n"), "bad.input:1: 'end' without an open block")
        XCTAssertEqual(
            diagnostic("object A extends B\nend\nobject B extends A\nend\n"),
            "bad.input:1: inheritance cycle through 'A' in 'A'")
        XCTAssertEqual(
            diagnostic("object A\n  String a r\n  Int a o\nend\n"),
            "bad.input:3: member 'a' of 'A' is already declared at bad.input:2")
        XCTAssertEqual(
            diagnostic("object A\nend\nmethod M\n  String x r\n  ManagedObjectReference _this r\nend\n"),
            "bad.input:5: '_this' must be the first parameter of method 'M'")
        XCTAssertEqual(
            diagnostic("object ServiceContent\nend\nmethod M\n  ManagedObjectReference _this:nope r\nend\n"),
            "bad.input:3: method 'M' binds '_this:nope' but 'ServiceContent' declares no member 'nope'")
        XCTAssertEqual(
            diagnostic("object A\n  ManagedObjectReference:Folder f r\nend\n"),
            "bad.input:2: member 'f' of object 'A' has unknown type 'ManagedObjectReference:Folder' (typed references need 'format 2')")
        XCTAssertEqual(
            diagnostic("format 2\nobject A\n  ManagedObjectReference:Nope f r\nend\n"),
            "bad.input:3: member 'f' of object 'A' references unknown managed object 'Nope'")
        XCTAssertEqual(
            diagnostic("format 2\nobject NotAFault\nend\nmethod M faults=NotAFault\nend\n"),
            "bad.input:4: method 'M' lists 'NotAFault', which is not a declared fault")
        XCTAssertEqual(diagnostic("object A\nend\nformat 2\n"), "bad.input:3: 'format' must come before the first block")
        XCTAssertEqual(
            diagnostic("format 3\n"), "bad.input:1: invalid format line: expected 'format 1' or 'format 2'")
        XCTAssertEqual(
            diagnostic("format 2\nobject A\n  String a r color=red\nend\n"),
            "bad.input:3: invalid property: unexpected 'color=red'")
        XCTAssertEqual(diagnostic("object String\nend\n"), "bad.input:1: 'String' is a builtin type and cannot be declared")
    }

    /// The command-line tool prints the diagnostic and exits with status 1.
    func testCommandLineExitStatus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("broken.input")
        try "object A\n  String a\nend\n".write(to: input, atomically: true, encoding: .utf8)
        let binary = Bundle.main.bundleURL.appendingPathComponent("vi-gen")
        guard FileManager.default.fileExists(atPath: binary.path) else {
            throw XCTSkip("vi-gen binary not next to the test bundle")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = [input.path, "--output", directory.appendingPathComponent("out").path]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(message, "\(input.path):2: invalid property: expected 'Type name occurrence', found 2 token(s)\n")
    }
}

/// The schema fuzz corpus (seeds and regression inputs of `Scripts/fuzz.sh schema`) parses or
/// fails with a diagnostic, never a crash.
final class SchemaFuzzCorpusTests: XCTestCase {
    func testEveryCorpusInputGivesASchemaOrADiagnostic() throws {
        let corpus = repositoryRoot.appendingPathComponent("Fuzz/Corpus/schema")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }
        XCTAssertGreaterThan(names.count, 0)
        for name in names {
            let data = try Data(contentsOf: corpus.appendingPathComponent(name))
            do {
                _ = try Generator.load(text: String(decoding: data, as: UTF8.self), file: name)
            } catch let diagnostic as Diagnostic {
                XCTAssertTrue(diagnostic.description.hasPrefix(name + ":"), diagnostic.description)
            }
        }
    }
}
