import VI

/// Storage volumes (read side), as libvirt's ESX VMFS storage backend finds them: the datastore
/// browser's `.vmdk`, `.iso` and `.flp` files, in sub-folders too.
extension ESXConnection {
    /// The browser queries libvirt sends: disks (with capacity), CD and floppy images.
    static var volumeSearchSpec: HostDatastoreBrowserSearchSpec {
        HostDatastoreBrowserSearchSpec(
            query: [
                VmDiskFileQuery(details: VmDiskFileQueryFlags(diskType: false, capacityKb: true, hardwareVersion: false)),
                IsoImageFileQuery(), FloppyImageFileQuery(),
            ],
            details: FileQueryFlags(fileType: true, fileSize: true, modification: false),
            matchPattern: ["*"])
    }

    /// Whether the server answers `QueryVirtualDiskUuid` (API 4.0 and later, as libvirt decides).
    var hasQueryVirtualDiskUuid: Bool {
        guard let version = VIVersion(about.apiVersion) else { return false }
        return version >= VIVersion(4, 0)
    }

    /// The volumes of the pool (datastore) named `pool`, in the server's order.
    public func storageVolumes(inPool pool: String) async throws(ESXError) -> [StorageVolume] {
        let store = try await storagePool(named: pool)
        let results = try await searchDatastore(store, path: "[\(store.name)]", recursive: true)
        var volumes: [StorageVolume] = []
        for result in results {
            let directory = try Self.directory(of: result, pool: store.name)
            for file in result.file {
                let name = directory.isEmpty ? file.path : "\(directory)/\(file.path)"
                volumes.append(try await volume(pool: store.name, name: name, file: file))
            }
        }
        return volumes
    }

    /// The volume `name` (`directory/file`) of the pool `pool` (libvirt's lookup by name).
    public func storageVolume(pool: String, name: String) async throws(ESXError) -> StorageVolume {
        let path: DatastorePath
        do { path = try DatastorePath(datastore: pool, directoryAndFileName: name) } catch {
            throw .hostResource(.invalidArgument("invalid volume name '\(name)': \(error)"))
        }
        return try await storageVolume(path: path)
    }

    /// The volume at the datastore path `[pool] directory/file` (libvirt's lookup by path).
    public func storageVolume(path: DatastorePath) async throws(ESXError) -> StorageVolume {
        let notFound = ESXError.hostResource(.notFound(kind: "storage volume", key: "path", value: path.description))
        let fileName = path.fileName
        guard !fileName.isEmpty, !path.directoryAndFileName.hasPrefix("/") else { throw notFound }
        let store: StoragePool
        do { store = try await storagePool(named: path.datastore) } catch .hostResource(.notFound) { throw notFound }
        let hasDirectory = path.directoryAndFileName.contains("/")
        let directory = hasDirectory ? "[\(store.name)] \(path.directoryName)" : "[\(store.name)]"
        var spec = Self.volumeSearchSpec
        spec.matchPattern = [fileName]
        let results: [HostDatastoreBrowserSearchResults]
        do {
            results = try await searchDatastore(store, path: directory, recursive: false, spec: spec)
        } catch let error where error.isFault(FileNotFound.self) {
            throw notFound
        }
        guard let file = results.lazy.flatMap(\.file).first(where: { $0.path == fileName }) else { throw notFound }
        return try await volume(pool: store.name, name: path.directoryAndFileName, file: file)
    }

    /// The volume with key `key`: a datastore path (`[ds] ...`) or a disk UUID, searched on
    /// every datastore of the host (libvirt's lookup by key).
    public func storageVolume(key: String) async throws(ESXError) -> StorageVolume {
        if key.hasPrefix("[") {
            let path: DatastorePath
            do { path = try DatastorePath(parsing: key) } catch {
                throw .hostResource(.invalidArgument("invalid volume key '\(key)': \(error)"))
            }
            return try await storageVolume(path: path)
        }
        guard hasQueryVirtualDiskUuid else {
            throw .hostResource(.unexpected("QueryVirtualDiskUuid not available, cannot look up a storage volume by UUID"))
        }
        for pool in try await storagePools() where pool.accessible {
            for volume in try await storageVolumes(inPool: pool.name) where volume.key == key.lowercased() {
                return volume
            }
        }
        throw .hostResource(.notFound(kind: "storage volume", key: "key", value: key))
    }

    /// A volume from a browser result: libvirt's key (disk UUID, else the path) and shape.
    private func volume(pool: String, name: String, file: any FileInfoProtocol) async throws(ESXError) -> StorageVolume {
        let shape = StorageVolume.shape(of: file)
        let path = "[\(pool)] \(name)"
        var key = path
        if file is VmDiskFileInfo, hasQueryVirtualDiskUuid {
            key = try await virtualDiskKey(path)
        }
        return StorageVolume(
            pool: pool, name: name, key: key, format: shape.format, capacity: shape.capacity, allocation: shape.allocation)
    }

    /// `QueryVirtualDiskUuid`, reformatted as libvirt does.
    func virtualDiskKey(_ path: String) async throws(ESXError) -> String {
        let datacenter = inventory.datacenter
        let raw = try await run { client in try await client.queryVirtualDiskUuid(name: path, datacenter: datacenter) }
        guard let key = VirtualDiskUUID.reformat(raw) else {
            throw .hostResource(.unexpected("virtual disk '\(path)' has a malformed UUID"))
        }
        return key
    }

    /// `SearchDatastore[SubFolders]_Task` on the pool's browser, waited for, results decoded.
    private func searchDatastore(
        _ pool: StoragePool, path: String, recursive: Bool, spec: HostDatastoreBrowserSearchSpec = volumeSearchSpec
    ) async throws(ESXError) -> [HostDatastoreBrowserSearchResults] {
        let datastore = Datastore(ManagedObjectReference(type: Datastore.wireName, value: pool.moref))
        let task: VITask = try await run { client -> VITask in
            guard let browser = try await client.retrieveProperties(of: [datastore], [.browser]).first?.browser else {
                throw ESXError.hostResource(.unexpected("datastore '\(pool.name)' has no browser"))
            }
            if recursive {
                guard let task = try await client.searchDatastoreSubFolders_Task(browser, datastorePath: path, searchSpec: spec)
                else { throw ESXError.hostResource(.unexpected("the server started no datastore search")) }
                return task
            }
            return try await client.searchDatastore_Task(browser, datastorePath: path, searchSpec: spec)
        }
        let info = try await TaskWaiter(connection: self).wait(
            for: task, vm: nil, operation: "search datastore '\(pool.name)'", progress: nil)
        switch info.result {
        case .object(let result as HostDatastoreBrowserSearchResults)?:
            return [result]
        case .array(_, let values)?:
            return values.compactMap { (value: AnyValue) -> HostDatastoreBrowserSearchResults? in
                if case .object(let result as HostDatastoreBrowserSearchResults) = value { return result }
                return nil
            }
        case nil:
            return []
        default:
            throw .hostResource(.unexpected("datastore search on '\(pool.name)' returned an unexpected result"))
        }
    }

    /// The directory of a search result below the datastore, without separators at either end
    /// (libvirt strips trailing ones; some servers join sub-folders with a leading `/`).
    private static func directory(of result: HostDatastoreBrowserSearchResults, pool: String) throws(ESXError) -> String {
        guard let folder = result.folderPath else { return "" }
        let path: DatastorePath
        do { path = try DatastorePath(parsing: folder) } catch {
            throw .hostResource(.unexpected("datastore search on '\(pool)' returned the malformed folder '\(folder)'"))
        }
        var directory = Substring(path.directoryAndFileName)
        while directory.hasPrefix("/") { directory = directory.dropFirst() }
        while directory.hasSuffix("/") { directory = directory.dropLast() }
        return String(directory)
    }
}
