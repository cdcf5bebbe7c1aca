import Synchronization

/// The plugin that locks nothing: every operation succeeds (libvirt's `nop`).
public struct NopLockPlugin: LockManagerPlugin {
    public let name = "nop"
    public init() {}

    public func makeManager(for domain: LockDomainParameters, start: LockManagerStart) throws(LockError)
        -> any DomainLockManager
    {
        NopLockManager(domain: domain)
    }
}

/// Remembers registered resources, locks nothing.
final class NopLockManager: DomainLockManager {
    let domain: LockDomainParameters
    private let registered = Mutex<[LockResource]>([])

    init(domain: LockDomainParameters) { self.domain = domain }

    var resources: [LockResource] { registered.withLock { $0 } }
    func register(_ resource: LockResource) throws(LockError) { registered.withLock { $0.append(resource) } }
    func acquireObject() async throws(LockError) {}
    func release() throws(LockError) {}
    func acquire(_ resource: LockResource) async throws(LockError) {}
    func release(_ resource: LockResource) throws(LockError) {}
    func prepareMigrate(to host: String) throws(LockError) {}
    func completeMigrateIn(_ outcome: MigrationOutcome) throws(LockError) {}
    func shutdown() throws(LockError) {}
}
