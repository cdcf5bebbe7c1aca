import Foundation
import XCTest

/// Every committed fuzz input (seeds, and each crash a fuzzing run found, kept as a regression
/// input) runs through its target's plain build without crashing: `Scripts/fuzz.sh` explores, this
/// keeps what it found fixed.
final class FuzzCorpusReplayTests: XCTestCase {
    private func replay(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let binary = try CLITests.binary().deletingLastPathComponent().appendingPathComponent("fuzz-\(target)")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("fuzz-\(target) not built")
        }
        let corpus = TypedSDKUsageTests.root.appendingPathComponent("Fuzz/Corpus/\(target)")
        let process = Process()
        process.executableURL = binary
        process.arguments = [corpus.path]
        let outcome = try Process.Outcome(running: process)
        XCTAssertEqual(outcome.status, 0, outcome.stderr, file: file, line: line)
        let count = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.count
        XCTAssertGreaterThan(count, 0, file: file, line: line)
        XCTAssertEqual(outcome.stdout, "replayed \(count) inputs\n", file: file, line: line)
    }

    func testURICorpus() throws { try replay("uri") }
    func testVMXCorpus() throws { try replay("vmx") }
    func testSOAPCorpus() throws { try replay("soap") }
}
