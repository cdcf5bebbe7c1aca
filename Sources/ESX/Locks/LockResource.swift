/// What a lock manager can lock.
public enum LockResourceKind: String, Sendable, Hashable, Codable {
    /// A virtual disk file, named by its `[datastore] path`.
    case disk
    /// An application lease, named `lockspace/key`.
    case lease
}

/// How a resource is used by its domain.
public struct LockResourceFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Several domains may use it at once (a shareable disk): a shared lease.
    public static let shared = LockResourceFlags(rawValue: 1)
    /// The domain only reads it: no lease at all.
    public static let readonly = LockResourceFlags(rawValue: 2)
}

/// The lease mode a resource takes.
public enum LeaseMode: String, Sendable, Hashable, Codable {
    case exclusive
    case shared
}

/// One resource registered with a domain's lock manager.
///
/// `name` is canonical: a disk's `[datastore] path` with `//` collapsed and `.` segments
/// dropped, so that every spelling of one file maps to one lease.
public struct LockResource: Sendable, Hashable, CustomStringConvertible {
    public let kind: LockResourceKind
    public let name: String
    public let flags: LockResourceFlags

    /// A disk; `path` must be a `[datastore] path`.
    public static func disk(_ path: String, flags: LockResourceFlags = []) throws(LockError) -> LockResource {
        try LockResource(kind: .disk, name: path, flags: flags)
    }

    /// An application lease `key` in `lockspace` (always exclusive).
    public static func lease(lockspace: String, key: String) throws(LockError) -> LockResource {
        try LockResource(kind: .lease, name: lockspace + "/" + key, flags: [])
    }

    public init(kind: LockResourceKind, name: String, flags: LockResourceFlags = []) throws(LockError) {
        self.kind = kind
        self.flags = flags
        self.name = try Self.canonical(kind: kind, name: name)
    }

    /// The lease this resource takes: none for read-only, shared for shareable, else exclusive.
    public var mode: LeaseMode? {
        if flags.contains(.readonly) { return nil }
        return flags.contains(.shared) ? .shared : .exclusive
    }

    /// The identity of the lease: kind and canonical name (flags excluded).
    public var key: String { kind.rawValue + ":" + name }

    public var description: String { name }

    static func canonical(kind: LockResourceKind, name: String) throws(LockError) -> String {
        switch kind {
        case .disk:
            let path: DatastorePath
            do { path = try DatastorePath(parsing: name) } catch {
                throw .invalidResource(kind: kind, name: name, reason: "not a '[datastore] path'")
            }
            let parts = path.directoryAndFileName.split(separator: "/", omittingEmptySubsequences: true)
                .filter { $0 != "." }
            guard !parts.isEmpty, !parts.contains("..") else {
                throw .invalidResource(kind: kind, name: name, reason: "no file name, or a '..' segment")
            }
            return "[\(path.datastore)] " + parts.joined(separator: "/")
        case .lease:
            let parts = name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidResource(kind: kind, name: name, reason: "expected 'lockspace/key'")
            }
            return name
        }
    }
}
