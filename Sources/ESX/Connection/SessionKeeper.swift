import Logging
import VI

/// Owns the login of one connection: the first login, transparent re-logins, and logout.
///
/// A re-login is single-flight: callers that saw the session fail under the same
/// `generation` share one `Login`; callers arriving after it completed just retry.
actor SessionKeeper {
    let client: VIClient
    let user: String
    let host: String
    private let password: ESXPassword
    private let logger: Logger

    /// Incremented by each successful login; callers remember it before a call.
    private(set) var generation = 0
    /// Logins performed so far (the first one included).
    private(set) var loginCount = 0
    /// The key of the current session.
    private(set) var sessionKey: String?
    private var inFlight: Task<UserSession, any Error>?

    init(client: VIClient, user: String, password: ESXPassword, host: String, logger: Logger) {
        self.client = client
        self.user = user
        self.password = password
        self.host = host
        self.logger = logger
    }

    /// Logs in unless a login newer than `failedGeneration` already happened or is under way.
    func login(after failedGeneration: Int) async throws {
        if generation > failedGeneration { return }
        if let inFlight {
            _ = try await inFlight.value
            return
        }
        let task = Task { [client, user, password, host] in
            client.sessionCookie = nil  // the old cookie names a dead session
            do {
                return try await client.login(userName: user, password: password.clearText)
            } catch where error.isFault(InvalidLogin.self) {
                throw ESXError.authenticationFailed(user: user, host: host)
            }
        }
        inFlight = task
        defer { inFlight = nil }
        let session = try await task.value
        generation += 1
        loginCount += 1
        sessionKey = session.key
        if generation > 1 { logger.info("logged in again as '\(user)' at '\(host)'") }
    }

    /// Runs `body` with the client; when it fails with `NotAuthenticated`, logs in again (shared
    /// with every caller that saw the same session fail) and runs it once more. The one re-login
    /// path of the driver: connection set-up and ``ESXConnection/run(_:)`` both go through it.
    nonisolated func withRelogin<Result>(_ body: (VIClient) async throws -> Result) async throws -> Result {
        let observed = await generation
        do {
            return try await body(client)
        } catch where error.isFault(NotAuthenticated.self) {
            logger.debug("session lost (\(error)); logging in again")
            try await login(after: observed)
            return try await body(client)
        }
    }

    /// Reads `SessionManager.currentSession` and logs in again when the server has none.
    func ensureSession(sessionManager: SessionManager) async throws {
        let observed = generation
        let current: UserSession?
        do {
            current = try await client.retrieveProperties(of: [sessionManager], [.currentSession]).first?.currentSession
        } catch where error.isFault(NotAuthenticated.self) {
            current = nil
        }
        if current == nil { try await login(after: observed) }
    }

    /// Logs out, ignoring a session that is already gone.
    func logout() async {
        do {
            try await client.logout()
        } catch {
            logger.debug("logout of '\(user)' at '\(host)' failed: \(error)")
        }
        sessionKey = nil
    }
}
