import Foundation
import XCTest

@testable import vi_gen

/// `vi-gen --single-file` (what the build plugin runs) writes exactly the files `--output DIR` writes,
/// concatenated in order.
final class SingleFileOutputTests: XCTestCase {
    func testSingleFileIsTheDirectoryFilesConcatenatedInOrder() throws {
        let input = repositoryRoot.appendingPathComponent("Tests/VIGenTests/Fixtures/golden.input")
        let schema = try Generator.load(path: input.path)
        let options = RenderOptions(moduleName: "Golden", imports: [], command: "vi-gen golden.input")
        let files = Generator.render(schema, options: options)
        XCTAssertGreaterThanOrEqual(files.count, 5)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vi-gen-single-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let directory = scratch.appendingPathComponent("dir")
        let single = scratch.appendingPathComponent("plugin/Golden.swift")
        try OutputDirectory(path: directory.path).write(files)
        try OutputDirectory.writeSingleFile(files, to: single.path)

        let written = try files.map { try String(contentsOf: directory.appendingPathComponent($0.name), encoding: .utf8) }
        let combined = try String(contentsOf: single, encoding: .utf8)
        XCTAssertEqual(combined, written.joined(separator: "\n"))
        // Each file starts with the marker, so the single file splits back into the same files.
        XCTAssertEqual(combined.components(separatedBy: OutputDirectory.marker).count - 1, files.count)
    }
}
