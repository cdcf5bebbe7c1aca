import ESX
import Foundation
import XCTest

/// Driving the driver and the `esx` binary against ``FakeVSphereServer``.
enum FaultInjection {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident set size of the `esx` process, in bytes.
        var maxRSS: Int
    }

    /// Connects to the fake server as `user` / `pass` with a per-call limit of `callTimeout` s.
    static func connect(_ server: FakeVSphereServer, callTimeout: Double = 5) async throws(ESXError) -> ESXConnection {
        var options = ESXConnection.Options()
        options.callTimeout = callTimeout
        return try await ESXConnection.connect(server.uri, credentials: StaticCredentials(password: "pass"), options: options)
    }

    /// Connects, lists every domain's name and closes.
    static func listNames(_ server: FakeVSphereServer, callTimeout: Double = 5) async throws(ESXError) -> [String] {
        let connection = try await connect(server, callTimeout: callTimeout)
        do {
            let names = try await connection.listDomains(.all).map(\.name)
            await connection.close()
            return names
        } catch {
            await connection.close()
            throw error
        }
    }

    /// The operations of a fault-free `connect` + `listDomains` + `close`.
    static func cleanListSequence() async throws -> [String] {
        let server = try FakeVSphereServer()
        _ = try await listNames(server)
        return try server.stats().sequence
    }

    /// `rule` placed on the listing call (the last `RetrievePropertiesEx`) of a clean list
    /// conversation, and that conversation's request count.
    static func onListing(_ rule: FaultRule) async throws -> (rule: FaultRule, cleanCount: Int) {
        let clean = try await cleanListSequence()
        let listing = try XCTUnwrap(clean.lastIndex(of: "RetrievePropertiesEx"))
        var placed = rule
        placed.op = clean[listing]
        placed.at = listing + 1
        return (placed, clean.count)
    }

    /// Runs the built `esx` with `arguments` (ESX_PASSWORD=pass), measuring its peak RSS.
    static func esx(_ arguments: [String]) throws -> Outcome {
        let binary = try CLITests.binary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // python3 reports the child's peak RSS (getrusage) on its own stderr line, after the child's.
        process.arguments = [
            "python3", "-c",
            "import resource, subprocess, sys\n"
                + "r = subprocess.run(sys.argv[1:])\n"
                + "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
                + "sys.exit(r.returncode)",
            binary.path,
        ] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_PASSWORD"] = "pass"
        environment["ESX_URI"] = nil
        environment["ESX_TIMEOUT"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let rssLine = lines.last.flatMap { $0.hasPrefix("maxrss ") ? $0 : nil }
        if rssLine != nil { lines.removeLast() }
        let kilobytes = rssLine.flatMap { Int($0.dropFirst("maxrss ".count)) } ?? 0
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: lines.map { $0 + "\n" }.joined(), maxRSS: kilobytes * 1024)
    }

    /// `esx -c URI list --all` with `--timeout seconds`.
    static func esxList(_ server: FakeVSphereServer, timeout: Int = 5) throws -> Outcome {
        try esx(["--timeout", String(timeout), "-c", server.uri, "list", "--all"])
    }
}

/// Asserts the CLI failed with status 1 and one line `esx: error: ...` containing `fragment`.
func assertOneLineFailure(
    _ outcome: FaultInjection.Outcome, _ fragment: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(outcome.status, 1, outcome.stderr, file: file, line: line)
    XCTAssertTrue(outcome.stderr.hasPrefix("esx: error: "), outcome.stderr, file: file, line: line)
    XCTAssertTrue(outcome.stderr.contains(fragment), "'\(fragment)' not in: \(outcome.stderr)", file: file, line: line)
    XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, "one line: \(outcome.stderr)", file: file, line: line)
}

/// Asserts every created object was destroyed and every session logged out.
func assertNoLeaks(_ server: FakeVSphereServer, file: StaticString = #filePath, line: UInt = #line) throws {
    let stats = try server.stats()
    XCTAssertEqual(stats.leaks, [], "sequence: \(stats.sequence)", file: file, line: line)
}
