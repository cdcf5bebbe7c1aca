import Foundation
import Logging
import Synchronization
import VI

/// An open connection to an ESX host, a GSX server or a vCenter (for one of its hosts).
///
/// Safe to share between tasks. Every driver call goes through ``run(_:)``, which logs in
/// again (once, shared by all concurrent callers) when the server reports the session gone.
public final class ESXConnection: Sendable {
    /// Settings beyond the URI.
    public struct Options: Sendable {
        /// When set, an idle connection checks its session this often (and logs in again if needed).
        public var keepAliveInterval: Duration?
        /// Seconds allowed to establish the HTTP connection.
        public var connectTimeout: Double = 30
        /// Seconds each call may take; nil: the URI's `timeout`, else 300 s. Long polls set their
        /// own with `VIClient.withCallDeadline`.
        public var callTimeout: Double?
        /// PEM file of trusted CA certificates.
        public var caFile: String?
        /// The server certificate's SHA-256 thumbprint to pin when the URI has no `thumbprint`
        /// (e.g. from a known-hosts file); see ``ESXURIParameters/thumbprint``.
        public var thumbprint: CertificateThumbprint?
        /// The largest response body accepted; a larger one fails the call with
        /// ``VITransportError`` "response too large" before it is held in memory.
        public var maxResponseBytes: Int = 64 << 20
        public var logger = Logger(label: "swift-esx.esx")

        public init(keepAliveInterval: Duration? = nil) {
            self.keepAliveInterval = keepAliveInterval
        }
    }

    public let uri: ESXURI
    public let client: VIClient
    public let serviceContent: ServiceContent
    /// The server's product line, checked against the URI scheme.
    public let product: ProductLine
    /// The datacenter, compute resource and host the connection works on.
    public let inventory: InventoryContext
    /// The user logged in.
    public let user: String
    /// Long jobs this client runs, checked (with other clients' tasks) before conflicting operations.
    public let jobs = JobGuard()
    let logger: Logger
    let keeper: SessionKeeper

    private struct State {
        var closed = false
        var lastActivity = ContinuousClock.now
        var keepAlive: Task<Void, Never>?
        var waitResources: [(collector: ManagedObjectReference, filter: ManagedObjectReference)] = []
    }

    private let state = Mutex(State())

    /// The server's `about` information.
    public var about: AboutInfo { serviceContent.about }
    /// `about.version`, e.g. `6.5.0`.
    public var productVersion: String { serviceContent.about.version }
    /// Whether VM questions are answered with their default choice (`auto_answer=1`).
    public var autoAnswer: Bool { uri.parameters.autoAnswer }
    /// Logins so far, the first one included.
    public var loginCount: Int { get async { await keeper.loginCount } }
    /// The key of the current session.
    public var sessionKey: String? { get async { await keeper.sessionKey } }

    private init(
        uri: ESXURI, client: VIClient, serviceContent: ServiceContent, product: ProductLine,
        inventory: InventoryContext, user: String, keeper: SessionKeeper, logger: Logger
    ) {
        self.uri = uri
        self.client = client
        self.serviceContent = serviceContent
        self.product = product
        self.inventory = inventory
        self.user = user
        self.keeper = keeper
        self.logger = logger
    }

    /// Parses `uri` and connects; see ``connect(uri:credentials:options:)``.
    public static func connect(
        _ uri: String, credentials: some ESXCredentialsProvider, options: Options = Options()
    ) async throws(ESXError) -> ESXConnection {
        let parsed: ESXURI
        do { parsed = try ESXURI(parsing: uri) } catch { throw .invalidURI(error) }
        return try await connect(uri: parsed, credentials: credentials, options: options)
    }

    /// Retrieves the service content, checks the product against the scheme, logs in and
    /// finds the datacenter, compute resource and host. URI warnings are logged. Every call after
    /// the login logs in again once when the server reports the session gone, as ``run(_:)`` does.
    public static func connect(
        uri: ESXURI, credentials: some ESXCredentialsProvider, options: Options = Options()
    ) async throws(ESXError) -> ESXConnection {
        let logger = options.logger
        for warning in uri.warnings { logger.warning("\(warning)") }
        do {
            let transport = transportOptions(uri: uri, options: options)
            let client = try VIClient.vi(url: uri.sdkURL.absoluteString, options: transport)
            let content = try await client.serviceContent(as: ServiceContent.self)
            let product = try ProductLine.check(content.about, scheme: uri.scheme, host: uri.host)
            try await client.negotiateAPIVersion()

            let suggested = uri.user ?? (product == .vpx ? "administrator" : "root")
            let user = try await credentials.user(host: uri.host, suggested: suggested)
            let password = try await credentials.password(user: user, host: uri.host)
            guard !password.clearText.isEmpty else { throw ESXError.noPassword(user: user, host: uri.host) }
            let keeper = SessionKeeper(client: client, user: user, password: password, host: uri.host, logger: logger)
            try await keeper.login(after: 0)

            let inventory: InventoryContext
            do {
                let discovery = InventoryDiscovery(keeper: keeper, rootFolder: content.rootFolder)
                inventory = uri.scheme == .vpx ? try await discovery.resolve(path: uri.pathItems) : try await discovery.first()
            } catch {
                await keeper.logout()
                throw error
            }
            if uri.scheme != .vpx { await warnIfInMaintenance(keeper, inventory, logger) }
            let connection = ESXConnection(
                uri: uri, client: client, serviceContent: content, product: product, inventory: inventory,
                user: user, keeper: keeper, logger: logger)
            if let interval = options.keepAliveInterval { connection.startKeepAlive(every: interval) }
            return connection
        } catch {
            throw ESXError.wrap(error)
        }
    }

    /// libvirt warns when an ESX/GSX host is in maintenance mode (VMs cannot be powered on).
    private static func warnIfInMaintenance(_ keeper: SessionKeeper, _ inventory: InventoryContext, _ logger: Logger) async {
        let properties = try? await keeper.withRelogin { client in
            try await client.retrieveProperties(of: [inventory.host], [.runtime.inMaintenanceMode])
        }
        if properties?.first?[.runtime.inMaintenanceMode] == true {
            logger.warning("host '\(inventory.hostName)' is in maintenance mode")
        }
    }

    // MARK: Calls

    /// Runs `body` with the client; when it fails with `NotAuthenticated`, logs in again
    /// (one login for all callers that saw the same session fail) and runs it once more.
    /// It also runs once more after `ManagedObjectNotFound` when the session was replaced during
    /// the call (by another caller, or now, if the check finds it gone): objects it made in the
    /// old session (a `ContainerView`, say) vanished with it.
    /// Errors come out as ``ESXError``.
    public func run<Result>(_ body: (VIClient) async throws -> Result) async throws(ESXError) -> Result {
        let closed = state.withLock { s in
            s.lastActivity = .now
            return s.closed
        }
        guard !closed else { throw .connectionClosed }
        let generation = await keeper.generation
        let cookie = client.sessionCookie
        do {
            do {
                return try await keeper.withRelogin(body)
            } catch where error.isFault(ManagedObjectNotFound.self) {
                guard try await sessionReplaced(since: generation, cookie: cookie) else { throw error }
                logger.debug("session replaced during the call (\(error)); running it again")
                return try await keeper.withRelogin(body)
            }
        } catch {
            throw ESXError.wrap(error)
        }
    }

    /// Whether the session changed since `generation` and `cookie` were read, checking it (and
    /// logging in again once, shared with other callers) when no other caller has. Returns once
    /// the new session is in place.
    private func sessionReplaced(since generation: Int, cookie: String?) async throws -> Bool {
        // The cookie changes as soon as a login is answered, before the generation does.
        func replaced() async -> Bool {
            let now = client.sessionCookie
            if now != nil && now != cookie { return true }
            return await keeper.generation != generation
        }
        if client.sessionCookie == nil {  // a login is under way: wait for it
            try await keeper.login(after: generation)
            return true
        }
        if await replaced() { return true }
        guard let manager = serviceContent.sessionManager else { return false }
        try await keeper.ensureSession(sessionManager: manager)
        return await replaced()
    }

    /// Checks the session with `SessionManager.currentSession` and logs in again if it is gone.
    public func ensureSession() async throws(ESXError) {
        guard let manager = serviceContent.sessionManager else { return }
        do {
            try await keeper.ensureSession(sessionManager: manager)
        } catch {
            throw ESXError.wrap(error)
        }
    }

    /// Stops the keep-alive and logs out. Later calls fail with ``ESXError/connectionClosed``.
    public func close() async {
        let keepAlive: Task<Void, Never>? = state.withLock { s in
            defer {
                s.closed = true
                s.keepAlive = nil
            }
            return s.closed ? nil : s.keepAlive
        }
        keepAlive?.cancel()
        await keeper.logout()
    }

    /// The property collectors and filters task waits created (for leak checks in tests).
    var waitResources: [(collector: ManagedObjectReference, filter: ManagedObjectReference)] {
        state.withLock { $0.waitResources }
    }

    func recordWaitResources(collector: ManagedObjectReference, filter: ManagedObjectReference) {
        state.withLock { s in
            s.waitResources.append((collector, filter))
            if s.waitResources.count > 64 { s.waitResources.removeFirst() }
        }
    }

    private func startKeepAlive(every interval: Duration) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                let idle = self.state.withLock { ContinuousClock.now - $0.lastActivity }
                guard idle >= interval else { continue }
                do {
                    try await self.ensureSession()
                } catch {
                    self.logger.warning("keep-alive: \(error)")
                }
            }
        }
        state.withLock { $0.keepAlive = task }
    }
}
