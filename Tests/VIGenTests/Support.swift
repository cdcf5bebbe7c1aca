import Foundation
import XCTest

@testable import vi_gen

/// Generates Swift from schema text and returns the files by name.
func generate(_ text: String, file: String = "test.input") throws -> [String: String] {
    let schema = try Generator.load(text: text, file: file)
    let options = RenderOptions(moduleName: "Test", imports: [], command: "vi-gen test.input --output out")
    var files: [String: String] = [:]
    for file in Generator.render(schema, options: options) { files[file.name] = file.contents }
    return files
}

/// All generated files concatenated.
func generateAll(_ text: String) throws -> String {
    try generate(text).sorted { $0.key < $1.key }.map(\.value).joined()
}

/// The diagnostic a schema produces (fails the test when it produces none).
func diagnostic(_ text: String, file: String = "bad.input", line: UInt = #line) -> String? {
    do {
        _ = try Generator.load(text: text, file: file)
        XCTFail("expected a diagnostic", line: line)
        return nil
    } catch let diagnostic as Diagnostic {
        return diagnostic.description
    } catch {
        XCTFail("unexpected error \(error)", line: line)
        return nil
    }
}

/// Asserts that `haystack` contains `needle` (a multi-line snippet, compared after trimming indentation).
/// Whether `haystack` holds `needle`, line by line, ignoring indentation and blank lines; doc comment
/// lines of `haystack` are ignored too unless `needle` has some (doc comments have tests of their own).
func assertContains(_ haystack: String, _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
    let keepDocs = needle.contains("///")
    func normalize(_ s: String) -> String {
        s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && (keepDocs || !$0.hasPrefix("///")) }
            .joined(separator: "\n")
    }
    XCTAssertTrue(normalize(haystack).contains(normalize(needle)), "missing snippet:\n\(needle)", file: file, line: line)
}

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
