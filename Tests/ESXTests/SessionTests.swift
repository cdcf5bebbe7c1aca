import ESX
import SimulatorSupport
import VI
import XCTest

/// Transparent re-login after the session is terminated behind the connection's back.
final class SessionTests: XCTestCase {
    private func terminate(_ connection: ESXConnection, from admin: VIClient) async throws {
        let current = await connection.sessionKey
        let key = try XCTUnwrap(current)
        try await admin.terminateSession(sessionId: [key])
    }

    func testNextCallSucceedsAfterOneTransparentRelogin() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let admin = try await ESXTest.viClient(sim)
        let before = try await connection.listDomains(.all)
        try await terminate(connection, from: admin)

        let after = try await connection.listDomains(.all)
        XCTAssertEqual(after.map(\.name), before.map(\.name))
        let logins = await connection.loginCount
        XCTAssertEqual(logins, 2)
        let oneMore = try await connection.listDomains(.all)
        XCTAssertEqual(oneMore.count, before.count)
        let stillTwo = await connection.loginCount
        XCTAssertEqual(stillTwo, 2)
        await connection.close()
    }

    func testConcurrentCallersShareOneRelogin() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let admin = try await ESXTest.viClient(sim)
        try await terminate(connection, from: admin)

        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<32 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? try await connection.listDomains(.all).count
                        : (try await connection.domain(named: "ha-host_VM1")).name.count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(counts.count, 32)
        let logins = await connection.loginCount
        XCTAssertEqual(logins, 2, "32 callers after one terminated session: one re-login")
        await connection.close()
    }

    func testEnsureSessionAndKeepAliveLogInAgain() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim, options: .init(keepAliveInterval: .milliseconds(300)))
        let admin = try await ESXTest.viClient(sim)
        try await terminate(connection, from: admin)
        // The idle keep-alive notices the missing session and logs in again by itself.
        var logins = 1
        for _ in 0..<50 where logins < 2 {
            try await Task.sleep(for: .milliseconds(100))
            logins = await connection.loginCount
        }
        XCTAssertEqual(logins, 2)
        try await connection.ensureSession()
        let unchanged = await connection.loginCount
        XCTAssertEqual(unchanged, 2)
        await connection.close()
    }

    func testCloseLogsOut() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let current = await connection.sessionKey
        let key = try XCTUnwrap(current)
        await connection.close()
        let admin = try await ESXTest.viClient(sim)
        do {
            try await admin.terminateSession(sessionId: [key])
            XCTFail("the session should be gone after close")
        } catch let fault as VISOAPFault {
            XCTAssertTrue(fault.isFault(NotFound.self), "\(fault)")
        }
    }
}
