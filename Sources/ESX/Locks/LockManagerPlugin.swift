import Foundation

/// The identity of the domain a lock manager works for (libvirt's `id`, `uuid`, `name` parameters).
public struct LockDomainParameters: Sendable, Hashable {
    /// The VM's numeric id (from its managed object id), if known.
    public var id: Int?
    /// `config.uuid`: the identity leases are recorded under.
    public var uuid: String
    public var name: String
    /// The ESX host or vCenter the domain runs on (recorded in leases; a migration's target).
    public var host: String?

    public init(id: Int? = nil, uuid: String, name: String, host: String? = nil) {
        self.id = id
        self.uuid = uuid.lowercased()
        self.name = name
        self.host = host
    }
}

/// Why a domain's lock manager is created.
public enum LockManagerStart: Sendable, Hashable {
    /// The domain is about to start: register resources, then `acquireObject`.
    case new
    /// The client restarted while the domain kept running: `acquireObject` re-adopts the
    /// domain's own leases (and takes any not recorded yet).
    case attach
    /// The domain is migrating in from another host: `acquireObject` joins the source's
    /// leases prepared with `prepareMigrate(to:)` for this domain's `host`.
    case migrateIn
}

/// How a migration ended (libvirt's `COMPLETE_MIGRATE_IN` with or without `MIGRATE_CANCEL`).
public enum MigrationOutcome: String, Sendable, Hashable {
    case commit
    case cancel
}

/// Answers whether a domain still runs; a lease whose domain is down is stale and may be reclaimed.
public protocol LeaseLivenessChecking: Sendable {
    /// True when the domain with this UUID exists and is not powered off. Throwing counts as running.
    func isDomainRunning(uuid: String, name: String) async throws -> Bool
}

/// Settings shared by the plugins.
public struct LockPluginConfiguration: Sendable {
    /// The directory holding lease files (may be on a filesystem shared by management hosts).
    public var directory: String
    /// Decides whether a recorded lease is stale. Without it, recorded leases of other domains
    /// are never reclaimed.
    public var liveness: (any LeaseLivenessChecking)?
    /// This management host's name, recorded in leases.
    public var hostName: String
    /// How long to wait for another process updating the same lease file.
    public var updateTimeout: Duration

    public init(
        directory: String = "/var/lib/swift-esx/lockd", liveness: (any LeaseLivenessChecking)? = nil,
        hostName: String = ProcessInfo.processInfo.hostName, updateTimeout: Duration = .seconds(10)
    ) {
        self.directory = directory
        self.liveness = liveness
        self.hostName = hostName
        self.updateTimeout = updateTimeout
    }
}

/// A lock manager implementation, loaded by name with ``LockManagerPlugins/load(_:configuration:)``.
public protocol LockManagerPlugin: Sendable {
    /// The name it is loaded by (`nop`, `lockd`).
    var name: String { get }
    /// A manager for one domain.
    func makeManager(for domain: LockDomainParameters, start: LockManagerStart) throws(LockError)
        -> any DomainLockManager
}

/// The lock manager of one domain (seed 004's lifecycle).
///
/// Start: `register` each resource, then `acquireObject`. Stop: `shutdown` (or `release`).
/// Hotplug: `acquire(_:)` / `release(_:)`. Migration: source `prepareMigrate(to:)`, target
/// manager made with `.migrateIn` + `acquireObject`, then `completeMigrateIn` on both sides.
/// Operations that rewrite lease records are async: they may wait for another manager's
/// update (suspended, never blocking a thread); run one operation at a time per manager.
public protocol DomainLockManager: AnyObject, Sendable {
    var domain: LockDomainParameters { get }
    /// The resources registered so far.
    var resources: [LockResource] { get }
    /// Adds a resource to lock at `acquireObject` (before it only).
    func register(_ resource: LockResource) throws(LockError)
    /// Takes every registered resource, or none (all taken so far are released on failure).
    func acquireObject() async throws(LockError)
    /// Releases every lease; the manager may acquire again afterwards.
    func release() async throws(LockError)
    /// Takes one more resource while the domain runs (disk hotplug).
    func acquire(_ resource: LockResource) async throws(LockError)
    /// Releases one resource while the domain runs (disk unplug).
    func release(_ resource: LockResource) async throws(LockError)
    /// Marks the leases as migrating to `host` (on the source, before the migration).
    func prepareMigrate(to host: String) async throws(LockError)
    /// Ends a migration on the source or the target.
    func completeMigrateIn(_ outcome: MigrationOutcome) async throws(LockError)
    /// Releases everything; the manager cannot be used any more.
    func shutdown() async throws(LockError)
}

/// The plugins known by name.
public enum LockManagerPlugins {
    /// `nop` (locks nothing) and `lockd` (lease files in `configuration.directory`).
    public static let names = ["nop", "lockd"]

    /// Loads the plugin `name`; `lockd` creates its directory if needed.
    public static func load(_ name: String, configuration: LockPluginConfiguration = LockPluginConfiguration())
        throws(LockError) -> any LockManagerPlugin
    {
        switch name {
        case "nop": return NopLockPlugin()
        case "lockd", "file": return try FileLockPlugin(configuration: configuration)
        default: throw .unknownPlugin(name)
        }
    }
}
