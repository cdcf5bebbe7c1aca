import VI
import VMX

/// A datastore as libvirt's ESX storage driver (VMFS backend) shows it.
public struct StoragePool: Sendable, Hashable, Codable {
    public var name: String
    /// MD5 of the host's mount path as a UUID (libvirt); MD5 of the datastore URL when the host
    /// reports no mount path (libvirt fails there).
    public var uuid: String
    /// `dir` (local), `netfs` (NAS) or `fs` (VMFS), from the `DatastoreInfo` subtype; nil for a subtype
    /// libvirt does not know.
    public var type: String?
    /// `nfs` / `cifs` for `netfs`, `vmfs` for `fs`.
    public var format: String?
    public var sourceHost: String?
    public var sourceDir: String?
    /// The host's mount path, else the datastore URL.
    public var targetPath: String?
    public var accessible: Bool
    /// bytes; 0 when not accessible.
    public var capacity: Int64
    public var allocation: Int64
    public var available: Int64
    /// Datastores are always active, persistent and autostarted for libvirt.
    public var active: Bool
    public var persistent: Bool
    public var autostart: Bool
    /// The datastore's managed object reference value.
    public var moref: String

    /// libvirt's state name: `running` or `inaccessible`.
    public var state: String

    /// The pool of a datastore from its `summary`, `info` and `host` mounts, as seen from `host`.
    public init(
        moref: String, summary: DatastoreSummary, info: (any DatastoreInfoProtocol)?, mounts: [DatastoreHostMount],
        host: ManagedObjectReference
    ) {
        self.moref = moref
        name = summary.name
        let mountPath = mounts.first(where: { $0.key.ref == host })?.mountInfo.path.flatMap { $0.isEmpty ? nil : $0 }
        uuid = MD5.uuid(of: mountPath ?? summary.url)
        targetPath = mountPath ?? (summary.url.isEmpty ? nil : summary.url)
        accessible = summary.accessible
        state = summary.accessible ? "running" : "inaccessible"
        capacity = accessible ? summary.capacity : 0
        available = accessible ? summary.freeSpace : 0
        allocation = capacity - available
        switch info {
        case is LocalDatastoreInfo:
            type = "dir"
        case let nas as NasDatastoreInfo:
            type = "netfs"
            sourceHost = nas.nas?.remoteHost
            sourceDir = nas.nas?.remotePath
            switch nas.nas?.type.lowercased() {
            case "nfs", "nfs41": format = "nfs"
            case "cifs": format = "cifs"
            default: format = nil
            }
        case is VmfsDatastoreInfo:
            type = "fs"
            format = "vmfs"
        default:
            type = nil
        }
        active = true
        persistent = true
        autostart = true
    }
}

/// libvirt's storage pool XML (`virStoragePoolDefFormat`'s order: name, uuid, capacity,
/// allocation, available, source, target).
public enum StoragePoolXML {
    public static func format(_ pool: StoragePool) throws(HostResourceError) -> String {
        guard let type = pool.type else {
            throw .unexpected("datastore '\(pool.name)' has an unexpected DatastoreInfo type")
        }
        var w = XMLWriter()
        w.open("pool", ["type": type])
        w.leaf("name", text: pool.name)
        w.leaf("uuid", text: pool.uuid)
        w.leaf("capacity", ["unit": "bytes"], text: "\(pool.capacity)")
        w.leaf("allocation", ["unit": "bytes"], text: "\(pool.allocation)")
        w.leaf("available", ["unit": "bytes"], text: "\(pool.available)")
        w.open("source")
        if let host = pool.sourceHost { w.empty("host", ["name": host]) }
        if let dir = pool.sourceDir { w.empty("dir", ["path": dir]) }
        if let format = pool.format { w.empty("format", ["type": format]) }
        w.close("source")
        if let path = pool.targetPath {
            w.open("target")
            w.leaf("path", text: path)
            w.close("target")
        }
        w.close("pool")
        return w.text
    }
}

extension ESXConnection {
    /// The datastores of the connection's host as storage pools.
    public func storagePools() async throws(ESXError) -> [StoragePool] {
        let host = inventory.host
        let stores = try await datastores()
        let objects = try await run { client in
            try await client.retrieveProperties(of: stores.map { Datastore($0.ref) }, [.summary, .info, .host])
        }
        return objects.compactMap { object in
            guard let summary = object[.summary] else { return nil }
            return StoragePool(
                moref: object.managedObject.ref.value, summary: summary, info: object[.info], mounts: object[.host] ?? [],
                host: host.ref)
        }
    }

    /// The pool (datastore) named `name`.
    public func storagePool(named name: String) async throws(ESXError) -> StoragePool {
        guard let found = try await storagePools().first(where: { $0.name == name }) else {
            throw .hostResource(.notFound(kind: "storage pool", key: "name", value: name))
        }
        return found
    }

    /// `RefreshDatastore` on the pool named `name`; returns the pool read afterwards.
    public func refreshStoragePool(named name: String) async throws(ESXError) -> StoragePool {
        let pool = try await storagePool(named: name)
        let ref = ManagedObjectReference(type: Datastore.wireName, value: pool.moref)
        try await run { client in try await client.refreshDatastore(Datastore(ref)) }
        return try await storagePool(named: name)
    }
}
