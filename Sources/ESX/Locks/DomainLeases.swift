import Foundation
import Synchronization
import VI

/// Disk leases around the driver's power operations: `start` takes the VM's disk leases
/// before `PowerOnVM_Task` and gives them back when the power-on fails; `destroy` and
/// `shutdown` release them. One lock manager per domain, kept while the domain runs; a
/// domain started by an earlier client is re-attached (`.attach`) when first released.
public final class DomainLeases: Sendable {
    public let plugin: any LockManagerPlugin
    private let managers = Mutex<[String: any DomainLockManager]>([:])

    public init(plugin: any LockManagerPlugin) { self.plugin = plugin }

    /// The lock resources of a VM's disks (`config.hardware.device`): file-backed virtual disks;
    /// `sharing = sharingMultiWriter` is shared, non-persistent modes are read-only.
    public static func diskResources(of vm: VirtualMachine, connection: ESXConnection) async throws -> [LockResource] {
        let raw = try await connection.run { client in
            try await client.retrieveProperties(of: [vm], [.config.hardware.device])
                .first?.rawValues[VirtualMachine.Property.config.hardware.device.wirePath]
        }
        // Item by item: device types this SDK does not know (kept as `.unknown`) are skipped.
        guard case let .array(_, items)? = raw else { return [] }
        var resources: [LockResource] = []
        for case let disk? in items.map({ $0.object(as: VirtualDisk.self) }) {
            guard let backing = disk.backing as? any VirtualDeviceFileBackingInfoProtocol, !backing.fileName.isEmpty else {
                continue
            }
            var flags: LockResourceFlags = []
            if let flat = backing as? VirtualDiskFlatVer2BackingInfo {
                if flat.sharing == "sharingMultiWriter" { flags.insert(.shared) }
                if flat.diskMode.contains("nonpersistent") { flags.insert(.readonly) }
            }
            resources.append(try LockResource.disk(backing.fileName, flags: flags))
        }
        return resources
    }

    /// The manager for a running domain, if this client holds its leases.
    public func manager(for domain: Domain) -> (any DomainLockManager)? {
        managers.withLock { $0[domain.managedObjectID] }
    }

    /// Drops the managers without releasing: the leases stay recorded for their running
    /// domains, as when the client exits (a later client re-attaches to them).
    public func detachAll() {
        managers.withLock { $0.removeAll() }
    }

    func parameters(_ domain: Domain, _ connection: ESXConnection) -> LockDomainParameters {
        LockDomainParameters(
            id: domain.id?.value, uuid: domain.uuid ?? domain.managedObjectID, name: domain.name,
            host: connection.inventory.hostName)
    }

    /// Takes the domain's disk leases (a disk held by another domain throws
    /// ``LockError/resourceBusy(resource:holder:)`` naming it).
    func acquire(_ domain: Domain, connection: ESXConnection, start: LockManagerStart = .new) async throws
        -> any DomainLockManager
    {
        let manager = try plugin.makeManager(for: parameters(domain, connection), start: start)
        for resource in try await Self.diskResources(of: domain.vm, connection: connection) {
            try manager.register(resource)
        }
        try await manager.acquireObject()
        let previous = managers.withLock { all in
            defer { all[domain.managedObjectID] = manager }
            return all[domain.managedObjectID]
        }
        try? await previous?.shutdown()
        return manager
    }

    /// Releases the domain's leases; re-attaches first when another client took them.
    func release(_ domain: Domain, connection: ESXConnection) async throws {
        let manager: (any DomainLockManager)? = managers.withLock { $0.removeValue(forKey: domain.managedObjectID) }
        if let manager {
            try await manager.shutdown()
        } else {
            try await acquire(domain, connection: connection, start: .attach).shutdown()
            managers.withLock { $0[domain.managedObjectID] = nil }
        }
    }
}

extension ESXConnection {
    /// Starts the domain holding its disk leases: the leases are taken before `PowerOnVM_Task`
    /// and released again if the power-on fails.
    public func start(_ domain: Domain, leases: DomainLeases, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws
    {
        let current = try await self.domain(domain.vm)
        guard current.state == .shutoff else {
            try await start(current, progress: progress)  // reports the driver's state error
            return
        }
        _ = try await leases.acquire(current, connection: self)
        do {
            try await start(current, progress: progress)
        } catch {
            try? await leases.release(current, connection: self)
            throw error
        }
    }

    /// Powers the domain off and releases its disk leases.
    public func destroy(_ domain: Domain, leases: DomainLeases, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws
    {
        try await destroy(domain, progress: progress)
        try await leases.release(domain, connection: self)
    }

    /// Asks the guest to shut down, waits (up to `timeout`) until it is off and releases the
    /// disk leases. When the guest is still running afterwards the leases stay.
    public func shutdown(_ domain: Domain, leases: DomainLeases, timeout: Duration = .seconds(300)) async throws {
        try await shutdown(domain)
        let deadline = ContinuousClock.now + timeout
        while try await self.domain(domain.vm).state != .shutoff {
            guard ContinuousClock.now < deadline else { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        try await leases.release(domain, connection: self)
    }
}
