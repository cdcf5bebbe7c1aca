/// Errors of the lock manager and its plugins.
public enum LockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No plugin has this name.
    case unknownPlugin(String)
    /// The resource name is not usable (e.g. a disk that is not a `[datastore] path`).
    case invalidResource(kind: LockResourceKind, name: String, reason: String)
    /// Another domain holds a conflicting lease on the resource.
    case resourceBusy(resource: String, holder: LeaseHolder)
    /// The operation does not fit the manager's state (e.g. `acquireObject` twice).
    case invalidState(operation: String, state: String)
    /// The resource is not registered with, or not held by, this manager.
    case notHeld(resource: String)
    /// The lease is recorded for another migration target (or none) than the one migrating in.
    case migrationMismatch(resource: String, expected: String, found: String)
    /// The plugin does not support the operation.
    case unsupported(operation: String, plugin: String)
    /// The lease file could not be locked within the timeout (another process is updating it).
    case timedOut(resource: String)
    /// The task was cancelled while waiting to update the lease.
    case cancelled(resource: String)
    /// A system call on a lease file failed.
    case io(path: String, operation: String, errno: Int32)
    /// A lease file holds something that is not a lease record.
    case corruptLease(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownPlugin(name): return "unknown lock manager plugin '\(name)'"
        case let .invalidResource(kind, name, reason): return "invalid \(kind.rawValue) resource '\(name)': \(reason)"
        case let .resourceBusy(resource, holder):
            return "resource '\(resource)' is locked by domain '\(holder.domainName)' (uuid \(holder.domainUUID), "
                + "\(holder.mode.rawValue), held from host \(holder.managementHost) since \(holder.acquiredText))"
        case let .invalidState(operation, state): return "cannot \(operation): the lock manager is \(state)"
        case let .notHeld(resource): return "resource '\(resource)' is not held by this lock manager"
        case let .migrationMismatch(resource, expected, found):
            return "lease on '\(resource)' is being migrated to '\(found)', not '\(expected)'"
        case let .unsupported(operation, plugin): return "lock manager plugin '\(plugin)' does not support \(operation)"
        case let .timedOut(resource): return "timed out waiting to update the lease on '\(resource)'"
        case let .cancelled(resource): return "cancelled while waiting to update the lease on '\(resource)'"
        case let .io(path, operation, code): return "\(operation) '\(path)' failed: \(LockError.errnoText(code))"
        case let .corruptLease(path, reason): return "lease file '\(path)' is corrupt: \(reason)"
        }
    }

    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
