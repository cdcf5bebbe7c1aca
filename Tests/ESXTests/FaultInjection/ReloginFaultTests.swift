import ESX
import VI
import XCTest

/// NotAuthenticated at each step of connect and of a listing: one re-login, then success;
/// NotAuthenticated forever: a bounded number of logins, then a typed error.
final class ReloginFaultTests: XCTestCase {
    /// Steps that need no re-login: before the login, the login itself, and clean-ups whose
    /// failure is ignored (the objects of a lost session are gone with it).
    private static let sessionless = Set(FaultRule.cleanup)

    func testNotAuthenticatedAtEveryStepOfConnectAndListingReLogsInOnce() async throws {
        let clean = try await FaultInjection.cleanListSequence()
        let expected = try await FaultInjection.listNames(try FakeVSphereServer())
        XCTAssertFalse(expected.isEmpty)
        var checked = 0
        for (index, op) in clean.enumerated() where !Self.sessionless.contains(op) {
            let step = "step \(index + 1) (\(op))"
            let rule = FaultRule.fault(op: op, at: index + 1)
            let server = try FakeVSphereServer(faults: [rule])
            do {
                let names = try await FaultInjection.listNames(server)
                XCTAssertEqual(names, expected, step)
            } catch {
                XCTFail("\(step): \(error)")
            }
            let stats = try server.stats()
            XCTAssertEqual(stats.count("Login"), 2, "\(step): one re-login; \(stats.sequence)")
            // The failed call, Login, the retry; a listing retries its whole body (view included).
            XCTAssertGreaterThanOrEqual(stats.requests, clean.count + 2, step)
            XCTAssertLessThanOrEqual(stats.requests, clean.count + 4, "\(step): \(stats.sequence)")
            try assertNoLeaks(server)

            let cliServer = try FakeVSphereServer(faults: [rule])
            let outcome = try FaultInjection.esxList(cliServer)
            XCTAssertEqual(outcome.status, 0, "\(step): \(outcome.stderr)")
            XCTAssertEqual(try cliServer.stats().count("Login"), 2, step)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 4, "connect and listing calls checked: \(clean)")
    }

    func testNotAuthenticatedForeverDuringConnectGivesUpAfterOneReLogin() async throws {
        let forever = FaultRule(not: FaultRule.cleanup, action: .fault, type: "NotAuthenticated")
        let server = try FakeVSphereServer(faults: [forever])
        do {
            let names = try await FaultInjection.listNames(server)
            XCTFail("listed \(names)")
        } catch {
            XCTAssertTrue(error.isFault(NotAuthenticated.self), "\(error)")
        }
        let stats = try server.stats()
        XCTAssertEqual(stats.count("Login"), 2, "the first login and one re-login: \(stats.sequence)")
        XCTAssertEqual(stats.count("Logout"), 1, "the failed connect logs out")

        let cliServer = try FakeVSphereServer(faults: [forever])
        let outcome = try FaultInjection.esxList(cliServer)
        assertOneLineFailure(outcome, "NotAuthenticated")
        XCTAssertEqual(try cliServer.stats().count("Login"), 2)
    }
}
