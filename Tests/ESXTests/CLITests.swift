import Foundation
import SimulatorSupport
import XCTest

/// The `esx` binary against the simulator: every command, JSON output, errors and exit codes.
final class CLITests: XCTestCase {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `esx` next to the test bundle, else `.build/debug/esx`.
    static func binary() throws -> URL {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent("esx")]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("esx"))
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(dir.appendingPathComponent(".build/debug/esx"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("esx binary not built (swift build --product esx)")
        }
        return found
    }

    func esx(_ arguments: [String], password: String? = "pass", environment extra: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_PASSWORD"] = password
        environment["ESX_URI"] = nil
        environment["ESX_TIMEOUT"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func json(_ outcome: Outcome, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        XCTAssertEqual(outcome.status, 0, outcome.stderr, file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    }

    func assertFails(_ outcome: Outcome, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(outcome.status, 0, file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("esx: error: "), outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(fragment), outcome.stderr, file: file, line: line)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, "one line: \(outcome.stderr)", file: file, line: line)
    }

    // MARK: Timeouts and transport errors

    func testTimeoutAgainstANeverAnsweringServer() throws {
        let silent = try SilentListener()
        let uri = "esx://root@127.0.0.1:\(silent.port)/?transport=http"
        for arguments in [["--timeout", "2", "-c", uri, "list"], ["-c", uri, "list", "--call-timeout=2"]] {
            let start = Date()
            let outcome = try esx(arguments)
            let elapsed = Date().timeIntervalSince(start)
            assertFails(outcome, "call to 'RetrieveServiceContent' failed: timed out: ")
            XCTAssertTrue(outcome.stderr.contains("within 2 s"), outcome.stderr)
            XCTAssertGreaterThanOrEqual(elapsed, 1.9, "\(arguments)")
            XCTAssertLessThan(elapsed, 4, "\(arguments)")
        }
    }

    func testTimeoutFromTheURIOrTheEnvironment() throws {
        let silent = try SilentListener()
        let uri = "esx://root@127.0.0.1:\(silent.port)/?transport=http"
        let cases: [(arguments: [String], environment: [String: String])] = [
            (["-c", uri + "&timeout=1", "list"], [:]),
            (["-c", uri, "list"], ["ESX_TIMEOUT": "1"]),
            (["-c", uri + "&timeout=1", "list"], ["ESX_TIMEOUT": "30"]),  // the URI wins over the environment
            (["--timeout", "1", "-c", uri + "&timeout=30", "list"], [:]),  // the option wins over the URI
        ]
        for (arguments, environment) in cases {
            let start = Date()
            let outcome = try esx(arguments, environment: environment)
            assertFails(outcome, "within 1 s")
            XCTAssertLessThan(Date().timeIntervalSince(start), 3, "\(arguments) \(environment)")
        }
    }

    func testInvalidTimeoutsAreOneLineErrors() throws {
        let uri = "esx://root@127.0.0.1:1/?transport=http"
        assertFails(try esx(["--timeout", "0", "-c", uri, "list"]), "invalid --timeout '0': expected seconds")
        assertFails(try esx(["-c", uri, "list"], environment: ["ESX_TIMEOUT": "soon"]), "invalid ESX_TIMEOUT 'soon'")
        assertFails(try esx(["-c", uri + "&timeout=-1", "list"]), "invalid value '-1' for query parameter 'timeout'")
    }

    func testRefusedConnectionIsNamed() throws {
        let outcome = try esx(["-c", "esx://root@127.0.0.1:1/?transport=http", "list"])
        assertFails(outcome, "call to 'RetrieveServiceContent' failed: connection refused by http://127.0.0.1:1/sdk")
    }

    func testListJSONOnESX() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let all = try XCTUnwrap(try json(try esx(["-c", uri, "list", "--all", "--json"])) as? [[String: Any]])
        XCTAssertEqual(all.compactMap { $0["name"] as? String }.sorted(), ["ha-host_VM0", "ha-host_VM1"])
        for entry in all {
            XCTAssertNotNil(entry["id"] as? Int)
            XCTAssertEqual((entry["uuid"] as? String)?.count, 36)
            XCTAssertNotNil(entry["state"] as? String)
        }
        let text = try esx(["list", "-c", uri])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("ha-host_VM0"))
    }

    func testEveryCommandOnVCenterWithAPath() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .vpx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim, scheme: "vpx", path: "DC0/DC0_H0")
        let name = "DC0_H0_VM0"

        let listed = try XCTUnwrap(try json(try esx(["-c", uri, "list", "--all", "--json"])) as? [[String: Any]])
        XCTAssertEqual(Set(listed.compactMap { $0["name"] as? String }), ["DC0_H0_VM0", "DC0_H0_VM1"])
        let uuid = try XCTUnwrap(listed.first { $0["name"] as? String == name }?["uuid"] as? String)

        let info = try XCTUnwrap(try json(try esx(["-c", uri, "dominfo", uuid, "--json"])) as? [String: Any])
        XCTAssertEqual(info["name"] as? String, name)
        XCTAssertEqual(info["state"] as? String, "running")
        XCTAssertGreaterThan(info["vcpus"] as? Int ?? 0, 0)
        XCTAssertEqual(try esx(["-c", uri, "domstate", name]).stdout, "running\n")

        func state(after command: String) throws -> String? {
            let result = try XCTUnwrap(try json(try esx(["-c", uri, command, name, "--json"])) as? [String: Any])
            return result["state"] as? String
        }
        XCTAssertEqual(try state(after: "suspend"), "paused")
        assertFails(try esx(["-c", uri, "suspend", name]), "cannot suspend domain '\(name)' in state paused")
        XCTAssertEqual(try state(after: "resume"), "running")
        assertFails(try esx(["-c", uri, "resume", name]), "domain '\(name)' is not suspended")
        assertFails(try esx(["-c", uri, "start", name]), "domain '\(name)' is already running")
        XCTAssertEqual(try state(after: "reboot"), "running")
        XCTAssertEqual(try state(after: "shutdown"), "shutoff")
        assertFails(try esx(["-c", uri, "shutdown", name]), "domain '\(name)' is not running")
        assertFails(try esx(["-c", uri, "reboot", name]), "domain '\(name)' is not running")
        assertFails(try esx(["-c", uri, "destroy", name]), "domain '\(name)' is not running")
        let inactive = try XCTUnwrap(try json(try esx(["-c", uri, "list", "--inactive", "--json"])) as? [[String: Any]])
        XCTAssertEqual(inactive.compactMap { $0["name"] as? String }, [name])
        XCTAssertEqual(try state(after: "start"), "running")
        XCTAssertEqual(try state(after: "destroy"), "shutoff")
        let started = try esx(["-c", uri, "start", name])
        XCTAssertEqual(started.stdout, "Domain '\(name)' started\n")

        let version = try XCTUnwrap(try json(try esx(["-c", uri, "version", "--json"])) as? [String: Any])
        XCTAssertEqual(version["apiType"] as? String, "VirtualCenter")
        let node = try XCTUnwrap(try json(try esx(["-c", uri, "nodeinfo", "--json"])) as? [String: Any])
        XCTAssertGreaterThan(node["cpus"] as? Int ?? 0, 0)
        let resolved = try XCTUnwrap(try json(try esx(["uri", "--json", "-c", uri])) as? [String: Any])
        XCTAssertEqual(resolved["host"] as? String, "DC0_H0")
        XCTAssertEqual(resolved["datacenter"] as? String, "DC0")
        XCTAssertEqual(try esx(["uri", "-c", uri]).stdout, uri + "\n")
    }

    func testErrorsAreOneLineWithNonZeroStatus() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        assertFails(try esx(["-c", uri, "dominfo", "no-such-vm"]), "domain not found")
        assertFails(try esx(["-c", uri, "list"], password: "wrong"), "authentication failed for user 'user'")
        XCTAssertFalse(try esx(["-c", uri, "list"], password: "wrong").stderr.contains("wrong"))
        assertFails(try esx(["-c", uri, "list"], password: nil), "no password for user 'user'")
        assertFails(try esx(["-c", ESXTest.uri(sim, scheme: "vpx", path: "a/b"), "list"]), "but found a ESX(i) host")
        let withPassword = uri.replacingOccurrences(of: "user@", with: "user:pass@")
        assertFails(try esx(["-c", withPassword, "list"]), "refusing a password in the URI")
        assertFails(try esx(["-c", "http://x/", "list"]), "unsupported URI scheme")
        assertFails(try esx(["list"]), "no connection URI")
        let warned = try esx(["-c", uri + "&bogus=1", "list"])
        XCTAssertEqual(warned.status, 0)
        XCTAssertTrue(warned.stderr.contains("ignoring unknown query parameter 'bogus'"), warned.stderr)
        XCTAssertEqual(try esx(["list", "--all", "--inactive", "-c", uri]).status, 64)
    }

    func testQuestionsThroughTheCLI() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, askVMs: true))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        assertFails(try esx(["-c", uri, "start", "ask-cancelable"]), "possible answers are 'Keep', 'Replace'")
        let answered = try esx(["-c", ESXTest.uri(sim, query: "auto_answer=1"), "start", "ask-cancelable"])
        XCTAssertEqual(answered.status, 0, answered.stderr)
        XCTAssertEqual(try esx(["-c", uri, "domstate", "ask-cancelable"]).stdout, "running\n")
    }
}
