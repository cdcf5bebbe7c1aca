import Foundation
import XCTest

@testable import vi_gen

/// Regenerates the golden corpus and diffs it against the committed files, which the
/// `GoldenCorpusTests` target also compiles and exercises.
final class GoldenFileTests: XCTestCase {
    static let input = "Tests/VIGenTests/Fixtures/golden.input"
    static let output = "Tests/GoldenCorpusTests/Generated"
    static let command = "vi-gen \(input) --output \(output) --module-name Golden"

    func testGoldenCorpusIsCurrent() throws {
        let schema = try Generator.load(path: repositoryRoot.appendingPathComponent(Self.input).path, displayName: Self.input)
        let options = RenderOptions(moduleName: "Golden", imports: [], command: Self.command)
        let files = Generator.render(schema, options: options)
        let directory = repositoryRoot.appendingPathComponent(Self.output)
        let committed = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        XCTAssertEqual(committed.sorted(), files.map(\.name).sorted(), "file set differs; run 'make generate'")
        for file in files {
            let current = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            XCTAssertEqual(current, file.contents, "\(file.name) is stale; run 'make generate' and review the diff")
        }
    }

    func testGenerationIsFastOnTheGoldenInput() throws {
        // Not a timing claim: a guard that generation does not explode on a small input.
        let schema = try Generator.load(path: repositoryRoot.appendingPathComponent(Self.input).path, displayName: Self.input)
        XCTAssertEqual(schema.enums.count, 3)
        XCTAssertEqual(schema.managed.count, 7)
        XCTAssertEqual(schema.methods.count, 8)
    }
}
