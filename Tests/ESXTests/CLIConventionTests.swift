import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// CLI conventions: `event --json` is JSON Lines (one compact object per line, each parsing alone),
/// other `--json` outputs stay single documents, and `ESX_DEFAULT_URI` stands in for `-c`.
final class CLIConventionTests: XCTestCase {
    private func run(_ arguments: [String], environment extra: [String: String]) throws -> Process.Outcome {
        let process = Process()
        process.executableURL = try CLITests.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_PASSWORD"] = "pass"
        environment["ESX_URI"] = nil
        environment["ESX_DEFAULT_URI"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        return try Process.Outcome(running: process)
    }

    func testEventJSONIsOneCompactObjectPerLine() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        let process = Process()
        process.executableURL = try CLITests.binary()
        process.arguments = ["-c", uri, "event", "--loop", "--json", "--timeout", "8"]
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_PASSWORD"] = "pass"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()  // a few short lines: the pipe cannot fill up while the test acts

        // Another client powers a VM off and on while the command listens.
        try await Task.sleep(for: .seconds(3))
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        try await connection.destroy(domain)
        try await connection.start(domain)
        await connection.close()

        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertGreaterThanOrEqual(lines.count, 2, stdout)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            XCTAssertEqual(object?["event"] as? String, "lifecycle", String(line))
            XCTAssertEqual(object?["domain"] as? String, "ha-host_VM0")
        }
    }

    func testDefaultURIFromTheEnvironment() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let listed = try run(["list", "--all", "--json"], environment: ["ESX_DEFAULT_URI": uri])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(document?.count, 2, "a single JSON document, not JSON Lines")
        XCTAssertGreaterThan(listed.stdout.split(separator: "\n").count, 2, "pretty-printed")
        // ESX_URI wins over ESX_DEFAULT_URI.
        let both = try run(["list"], environment: ["ESX_URI": uri, "ESX_DEFAULT_URI": "esx://nobody@127.0.0.1:1/"])
        XCTAssertEqual(both.status, 0, both.stderr)
        let none = try run(["list"], environment: [:])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("ESX_DEFAULT_URI"), none.stderr)
    }
}

extension Process {
    /// What a finished process printed and its exit status.
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Runs `process` to completion, reading both pipes.
        init(running process: Process) throws {
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            self.status = process.terminationStatus
            self.stdout = String(decoding: stdout, as: UTF8.self)
            self.stderr = String(decoding: stderr, as: UTF8.self)
        }
    }
}
