import Foundation
import SimulatorSupport
import XCTest

/// `esx-bench load` against the simulator: a short run with no failed call and bounded memory
/// growth, and re-logins under load matching the session expiries one for one.
final class LoadSmokeTests: XCTestCase {
    private func load(_ sim: SimulatorProcess, _ extra: [String]) throws -> [String: Any] {
        let outcome = try BuiltTool.run(
            "esx-bench", ["load", "--url", sim.url, "--callers", "8", "--seconds", "5", "--warmup", "1"] + extra,
            environment: ["ESX_PASSWORD": sim.password])
        let line = outcome.stdout.split(separator: "\n").last { $0.hasPrefix("{") } ?? ""
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let report = try XCTUnwrap(json, "no JSON line; stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
        XCTAssertEqual(outcome.status, 0, "\(line)\n\(outcome.stderr)")
        return report
    }

    func testEightCallersForFiveSecondsWithoutErrorsOrMemoryGrowth() async throws {
        let sim = try await SharedSimulators.esx()
        let report = try load(sim, [])
        XCTAssertEqual(report["errors"] as? Int, 0)
        XCTAssertGreaterThan(report["calls"] as? Int ?? 0, 40)
        let ratio = try XCTUnwrap(report["rss_ratio"] as? Double)
        XCTAssertGreaterThan(ratio, 0, "RSS not measured")
        XCTAssertLessThan(ratio, 1.10, "RSS grew by 10% or more: \(report)")
        let mix = try XCTUnwrap(report["mix"] as? [String: Int])
        XCTAssertGreaterThan(mix["listing"] ?? 0, 0)
        XCTAssertGreaterThan(mix["vm_properties"] ?? 0, mix["listing"] ?? 0)
        XCTAssertEqual(report["logins"] as? Int, 1)
    }

    func testOneReloginPerExpiryUnderLoad() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let report = try load(sim, ["--expire-session-every", "1"])
        let expiries = try XCTUnwrap(report["expiries"] as? Int)
        XCTAssertGreaterThanOrEqual(expiries, 2, "\(report)")
        XCTAssertEqual(report["relogins"] as? Int, expiries, "\(report)")
        XCTAssertEqual(report["logins"] as? Int, expiries + 1)
        XCTAssertEqual(report["errors"] as? Int, 0, "\(report)")
    }
}
