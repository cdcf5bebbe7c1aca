import Foundation
import SimulatorSupport
import VI
import XCTest

/// `esx trust`, `--known-hosts` / `ESX_KNOWN_HOSTS` and the `no_verify=1` warning.
final class CLITrustTests: XCTestCase {
    private var knownHosts = ""

    override func setUp() {
        knownHosts = FileManager.default.temporaryDirectory.appendingPathComponent("known-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: knownHosts)
    }

    private func esx(_ arguments: [String], environment: [String: String] = [:]) throws -> BuiltTool.Outcome {
        try BuiltTool.run("esx", arguments, environment: ["ESX_PASSWORD": "pass"].merging(environment) { $1 })
    }

    private func endpoint(_ sim: SimulatorProcess) -> (uri: String, key: String) {
        let port = URL(string: sim.url)?.port ?? 443
        return ("esx://\(sim.username)@127.0.0.1:\(port)/", "127.0.0.1:\(port)")
    }

    func testTrustRecordsTheThumbprintAndLaterCommandsPinIt() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let (uri, key) = endpoint(sim)

        // Before trusting, the self-signed certificate is refused.
        let refused = try esx(["--known-hosts", knownHosts, "-c", uri, "list"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("certificate verification failed"), refused.stderr)

        let trust = try esx(["--known-hosts", knownHosts, "trust", "-c", uri], environment: ["ESX_PASSWORD": ""])
        XCTAssertEqual(trust.status, 0, trust.stderr)
        let line = trust.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(line.hasPrefix(key + " "), line)
        let printed = try CertificateThumbprint(parsing: String(line.dropFirst(key.count + 1)))
        XCTAssertEqual(try String(contentsOfFile: knownHosts, encoding: .utf8), "\(key) \(printed)\n")
        XCTAssertTrue(trust.stderr.contains("recorded in '\(knownHosts)'"), trust.stderr)

        for (arguments, environment) in [
            (["--known-hosts", knownHosts, "-c", uri, "list", "--all"], [:]),
            (["-c", uri, "list", "--all"], ["ESX_KNOWN_HOSTS": knownHosts]),
        ] {
            let listed = try esx(arguments, environment: environment)
            XCTAssertEqual(listed.status, 0, listed.stderr)
            XCTAssertTrue(listed.stdout.contains("ha-host_VM0"), listed.stdout)
            XCTAssertFalse(listed.stderr.contains("warning"), listed.stderr)
        }
    }

    func testARecordedWrongThumbprintIsAMismatch() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let (uri, key) = endpoint(sim)
        let wrong = (0..<32).map { _ in "AB" }.joined(separator: ":")
        try "\(key) \(wrong)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
        let outcome = try esx(["--known-hosts", knownHosts, "-c", uri, "list"])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stderr.contains("expected \(wrong); nothing was sent"), outcome.stderr)
        // trust replaces the line.
        let trust = try esx(["trust", "-c", uri, "--known-hosts", knownHosts])
        XCTAssertEqual(trust.status, 0, trust.stderr)
        XCTAssertTrue(trust.stderr.contains("replacing \(wrong)"), trust.stderr)
        let listed = try esx(["--known-hosts", knownHosts, "-c", uri, "list"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
    }

    func testTrustWithoutAFilePrintsOnly() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let (uri, key) = endpoint(sim)
        let trust = try esx(["trust", "-c", uri])
        XCTAssertEqual(trust.status, 0, trust.stderr)
        XCTAssertTrue(trust.stdout.hasPrefix(key + " "), trust.stdout)
        XCTAssertTrue(trust.stderr.contains("not recorded"), trust.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: knownHosts))
    }

    func testNoVerifyWorksWithAOneLineWarning() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let outcome = try esx(["-c", endpoint(sim).uri + "?no_verify=1", "list", "--all"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let warnings = outcome.stderr.split(separator: "\n").filter { $0.contains("verification is off") }
        XCTAssertEqual(warnings.count, 1, outcome.stderr)
        XCTAssertTrue(warnings.first?.hasPrefix("esx: warning: ") ?? false, outcome.stderr)
    }
}
