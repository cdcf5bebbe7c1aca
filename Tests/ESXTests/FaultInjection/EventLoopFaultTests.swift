import ESX
import VI
import XCTest

/// The domain event loop (and `esx event --loop`) against a server that answers polls at once,
/// or that rejects the session forever: request counts stay bounded.
final class EventLoopFaultTests: XCTestCase {
    /// Every WaitForUpdatesEx after the first (the snapshot) answered at once with no update set.
    private static let emptyPolls = FaultRule(op: "WaitForUpdatesEx", from: 2, action: .empty)
    /// After the first snapshot every call but the login and clean-ups fails with NotAuthenticated.
    private static let lostForever = FaultRule(
        not: FaultRule.cleanup, after: .init(op: "WaitForUpdatesEx", count: 1), action: .fault, type: "NotAuthenticated")

    func testEmptyPollsAnsweredAtOnceDoNotStorm() async throws {
        let server = try FakeVSphereServer(faults: [Self.emptyPolls])
        let connection = try await FaultInjection.connect(server)
        let hub = DomainEventHub(source: connection, options: .init(maxWaitSeconds: 10))
        try await hub.registerAny(event: .lifecycle) { _ in }
        try await Task.sleep(for: .seconds(4))
        await hub.close()
        await connection.close()
        let polls = try server.stats().count("WaitForUpdatesEx")
        XCTAssertGreaterThan(polls, 2)
        XCTAssertLessThanOrEqual(polls, 15, "polls in 4 s")
        try assertNoLeaks(server)

        let cliServer = try FakeVSphereServer(faults: [Self.emptyPolls])
        let outcome = try FaultInjection.esx(["-c", cliServer.uri, "event", "--loop", "--timeout", "4"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let cliPolls = try cliServer.stats().count("WaitForUpdatesEx")
        XCTAssertLessThanOrEqual(cliPolls, 15, "polls of esx event --loop in 4 s")
        try assertNoLeaks(cliServer)
    }

    func testSessionLostForeverEndsTheLoopAfterBoundedLogins() async throws {
        let server = try FakeVSphereServer(faults: [Self.lostForever])
        let connection = try await FaultInjection.connect(server)
        let options = DomainEventHub.Options(
            maxWaitSeconds: 1, retryDelay: .milliseconds(50), maxRetryDelay: .milliseconds(400), maxRestoreAttempts: 5)
        let hub = DomainEventHub(source: connection, options: options)
        let events = EventLog<ConnectionEvent>()
        try await hub.registerAny(event: .connection) { await events.add($0) }
        let start = ContinuousClock.now
        let states = await events.wait(for: 2, timeout: .seconds(20)).map(\.payload)
        let elapsed = ContinuousClock.now - start
        guard states.count == 2, case .lost = states[0], case let .closed(reason) = states[1] else {
            return XCTFail("expected lost then closed: \(states)")
        }
        XCTAssertTrue(reason.contains("NotAuthenticated"), reason)
        let failure = await hub.failure
        guard case let .connectionLost(attempts, _) = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(attempts, 5)
        // Pauses of at least 50, 100, 200, 200, 200 ms (half of each backoff ceiling).
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(700))
        try await Task.sleep(for: .milliseconds(500))
        let stats = try server.stats()
        XCTAssertEqual(stats.count("Login"), 6, "the first login and one per attempt: \(stats.sequence)")
        let running = await hub.isRunning
        XCTAssertFalse(running)
        await hub.close()
        await connection.close()
        XCTAssertEqual(try server.stats().requests, stats.requests + 1, "after giving up only the Logout")
        try assertNoLeaks(server)
    }

    func testCLIEventLoopEndsWithOneLineErrorWhenTheSessionCannotBeRestored() async throws {
        let server = try FakeVSphereServer(faults: [Self.lostForever])
        let start = ContinuousClock.now
        let outcome = try FaultInjection.esx(["-c", server.uri, "event", "--loop"])
        let elapsed = ContinuousClock.now - start
        assertOneLineFailure(outcome, "lost the connection and could not restore it in 5 attempts: ")
        XCTAssertTrue(outcome.stdout.contains("event 'connection': closed: "), outcome.stdout)
        // Default backoff: pauses of at least 0.5, 1, 2, 4 and 8 s before the five attempts.
        XCTAssertGreaterThanOrEqual(elapsed, .seconds(15))
        let stats = try server.stats()
        XCTAssertEqual(stats.count("Login"), 6, "\(stats.sequence)")
        XCTAssertLessThan(stats.requests, 60, "\(stats.sequence)")
        try assertNoLeaks(server)
    }
}
