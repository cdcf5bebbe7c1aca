import ESX
import VI

/// Terminates the load connection's session from a second session at a fixed interval, and
/// waits after each expiry until the connection has logged in again.
struct SessionExpirer: Sendable {
    let connection: ESXConnection
    let admin: VIClient
    let interval: Duration

    /// Expires the session every `interval` until less than `interval / 2` is left before
    /// `end`; returns how many sessions it terminated.
    func run(until end: ContinuousClock.Instant) async throws -> Int {
        var expiries = 0
        let baseline = await connection.loginCount
        while ContinuousClock.now + interval + interval / 2 < end {
            try await Task.sleep(for: interval)
            guard let key = await connection.sessionKey else { throw ExpiryError.noSession }
            try await admin.terminateSession(sessionId: [key])
            expiries += 1
            try await waitForLogin(count: baseline + expiries)
        }
        return expiries
    }

    /// Waits (at most 30 s) until the connection has logged in `count` times.
    private func waitForLogin(count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await connection.loginCount < count {
            guard ContinuousClock.now < deadline else { throw ExpiryError.noRelogin(expected: count) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

enum ExpiryError: Error, CustomStringConvertible {
    case noSession
    case noRelogin(expected: Int)

    var description: String {
        switch self {
        case .noSession: "the connection has no session to expire"
        case let .noRelogin(expected): "no re-login within 30 s after an expiry (expected login #\(expected))"
        }
    }
}
