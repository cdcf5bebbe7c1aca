import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `lockd` plugin: one lease file per resource in a directory that several management
/// hosts may share (see ``LeaseFile``). Writable disks take exclusive leases, shareable disks
/// shared ones, read-only disks none.
public struct FileLockPlugin: LockManagerPlugin {
    public let name = "lockd"
    public let configuration: LockPluginConfiguration

    /// Creates the directory; throws `.unsupported` except on Linux (see ``LeaseFile``).
    public init(configuration: LockPluginConfiguration) throws(LockError) {
        #if os(Linux)
            self.configuration = configuration
            do {
                try FileManager.default.createDirectory(
                    atPath: configuration.directory, withIntermediateDirectories: true)
            } catch {
                throw .io(path: configuration.directory, operation: "mkdir", errno: errno)
            }
        #else
            throw LeaseFile.unsupported
        #endif
    }

    public func makeManager(for domain: LockDomainParameters, start: LockManagerStart) throws(LockError)
        -> any DomainLockManager
    {
        FileLockManager(domain: domain, start: start, configuration: configuration)
    }

    /// The lease file a resource uses in this plugin's directory.
    public func leasePath(for resource: LockResource) -> String {
        LeaseFile.path(for: resource, in: configuration.directory)
    }

    /// The holders recorded for a resource (empty when nobody holds it).
    public func holders(of resource: LockResource) async throws(LockError) -> [LeaseHolder] {
        let path = leasePath(for: resource)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let file = try await LeaseFile.openLocked(
            path: path, resource: resource.name, timeout: configuration.updateTimeout)
        defer { file.close() }
        guard let record = try file.readRecord(), !record.holders.isEmpty else {
            file.unlink()
            return []
        }
        return record.holders
    }
}
