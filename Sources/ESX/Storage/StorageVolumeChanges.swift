import VI

/// How a new virtual disk is provisioned, from libvirt's capacity-to-allocation relation.
public enum VolumeProvisioning: String, Sendable, Hashable, Codable {
    /// Allocation 0: space is allocated and zeroed on demand (`thin`).
    case thin
    /// Allocation = capacity: all space allocated at creation, zeroed on demand (`preallocated`).
    case preallocated

    /// libvirt's rule: allocation equal to the capacity is preallocated, 0 is thin, anything
    /// else is refused.
    public init(capacityKb: Int64, allocationKb: Int64) throws(HostResourceError) {
        if allocationKb == capacityKb {
            self = .preallocated
        } else if allocationKb == 0 {
            self = .thin
        } else {
            throw .invalidArgument(
                "unsupported capacity-to-allocation relation: the allocation must be 0 (thin) or the capacity (preallocated)")
        }
    }
}

/// The changes a volume creation or clone makes, in order (tests inject failures after each).
enum VolumeCreationStep: String, Sendable, CaseIterable {
    case directoryMade
    case diskCreated
}

/// Storage volumes (write side), as libvirt's ESX VMFS storage backend changes them: virtual
/// disks through the `VirtualDiskManager`, other files through the `FileManager`. Every task is
/// waited for with the driver's task wait (progress to `progress` when given).
extension ESXConnection {
    /// Creates the virtual disk `name` (`directory/file.vmdk`) in the pool `pool`
    /// (`CreateVirtualDisk_Task`, adapter `busLogic` as libvirt), making the directory when it
    /// does not exist. A failure removes what this call made (the disk, then the directory).
    public func createStorageVolume(
        pool: String, name: String, capacityKb: Int64, allocationKb: Int64, format: String = "vmdk",
        progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) -> StorageVolume {
        try await createStorageVolume(
            pool: pool, name: name, capacityKb: capacityKb, allocationKb: allocationKb, format: format, progress: progress,
            afterStep: nil)
    }

    /// ``createStorageVolume(pool:name:capacityKb:allocationKb:format:progress:)`` calling
    /// `afterStep` after each change (tests throw from it).
    func createStorageVolume(
        pool: String, name: String, capacityKb: Int64, allocationKb: Int64, format: String,
        progress: AsyncStream<TaskProgress>.Continuation?,
        afterStep: (@Sendable (VolumeCreationStep) async throws -> Void)?
    ) async throws(ESXError) -> StorageVolume {
        defer { progress?.finish() }
        guard capacityKb > 0 else { throw .hostResource(.invalidArgument("the capacity must be more than 0")) }
        let provisioning: VolumeProvisioning
        do { provisioning = try VolumeProvisioning(capacityKb: capacityKb, allocationKb: allocationKb) } catch {
            throw .hostResource(error)
        }
        let store = try await storagePool(named: pool)
        let target = try Self.newVolumePath(pool: store.name, name: name, format: format)
        let spec = FileBackedVirtualDiskSpec(
            diskType: provisioning.rawValue, adapterType: "busLogic", capacityKb: capacityKb)
        let datacenter = inventory.datacenter
        return try await creatingVolume(
            target, operation: "create volume '\(target.file)'", progress: progress, afterStep: afterStep
        ) { client in
            try await client.createVirtualDisk_Task(name: target.file.description, datacenter: datacenter, spec: spec)
        }
    }

    /// Copies the virtual disk `source` to `name` in the same pool (`CopyVirtualDisk_Task`),
    /// making the directory when it does not exist; a failure removes what this call made.
    public func cloneStorageVolume(
        _ source: StorageVolume, name: String, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) -> StorageVolume {
        try await cloneStorageVolume(source, name: name, progress: progress, afterStep: nil)
    }

    /// ``cloneStorageVolume(_:name:progress:)`` calling `afterStep` after each change (tests throw from it).
    func cloneStorageVolume(
        _ source: StorageVolume, name: String, progress: AsyncStream<TaskProgress>.Continuation?,
        afterStep: (@Sendable (VolumeCreationStep) async throws -> Void)?
    ) async throws(ESXError) -> StorageVolume {
        defer { progress?.finish() }
        guard source.format == "vmdk" else {
            throw .hostResource(.invalidArgument("volume '\(source.path)' is not a virtual disk; only disks are cloned"))
        }
        let target = try Self.newVolumePath(pool: source.pool, name: name, format: "vmdk")
        let datacenter = inventory.datacenter
        return try await creatingVolume(
            target, operation: "clone volume '\(source.path)' to '\(target.file)'", progress: progress, afterStep: afterStep
        ) { client in
            try await client.copyVirtualDisk_Task(
                sourceName: source.path, sourceDatacenter: datacenter, destName: target.file.description,
                destDatacenter: datacenter, force: false)
        }
    }

    /// Deletes `volume`: `DeleteVirtualDisk_Task` for a disk (its extents go with it),
    /// `DeleteDatastoreFile_Task` for any other file.
    public func deleteStorageVolume(
        _ volume: StorageVolume, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        defer { progress?.finish() }
        let datacenter = inventory.datacenter
        let path = volume.path
        let isDisk = volume.format == "vmdk"
        let task: VITask = try await run { client -> VITask in
            if isDisk { return try await client.deleteVirtualDisk_Task(name: path, datacenter: datacenter) }
            return try await client.deleteDatastoreFile_Task(name: path, datacenter: datacenter)
        }
        _ = try await TaskWaiter(connection: self).wait(
            for: task, vm: nil, operation: "delete volume '\(path)'", progress: progress)
    }

    /// Overwrites the virtual disk `volume` with zeros (`ZeroFillVirtualDisk_Task`, as libvirt's
    /// volume wipe).
    public func wipeStorageVolume(
        _ volume: StorageVolume, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        defer { progress?.finish() }
        guard volume.format == "vmdk" else {
            throw .hostResource(.invalidArgument("volume '\(volume.path)' is not a virtual disk; only disks are wiped"))
        }
        let datacenter = inventory.datacenter
        let path = volume.path
        let task = try await run { client in try await client.zeroFillVirtualDisk_Task(name: path, datacenter: datacenter) }
        _ = try await TaskWaiter(connection: self).wait(
            for: task, vm: nil, operation: "wipe volume '\(path)'", progress: progress)
    }

    /// Downloads the file of `volume` to `localPath` (the datastore file transfer, streaming).
    public func downloadStorageVolume(
        _ volume: StorageVolume, to localPath: String, progress: (@Sendable (DatastoreTransferProgress) -> Void)? = nil
    ) async throws(ESXError) -> DatastoreTransfer {
        try await downloadDatastoreFile(try Self.datastorePath(of: volume), to: localPath, progress: progress)
    }

    /// Replaces the file of `volume` with the local file `localPath` (the datastore file
    /// transfer, streaming).
    public func uploadStorageVolume(
        _ volume: StorageVolume, from localPath: String, progress: (@Sendable (DatastoreTransferProgress) -> Void)? = nil
    ) async throws(ESXError) -> DatastoreTransfer {
        try await uploadDatastoreFile(from: localPath, to: try Self.datastorePath(of: volume), progress: progress)
    }

    // MARK: Helpers

    /// Where a new volume goes: the escaped directory and file (libvirt escapes both).
    private struct NewVolumePath {
        var directory: DatastorePath
        var file: DatastorePath
    }

    /// libvirt's checks on a new volume's name: `directory/file.vmdk`, not starting with `/`,
    /// and the `vmdk` format.
    private static func newVolumePath(pool: String, name: String, format: String) throws(ESXError) -> NewVolumePath {
        guard format == "vmdk" else {
            throw .hostResource(.invalidArgument("creation of \(format) volumes is not supported"))
        }
        guard let slash = name.lastIndex(of: "/"), !name.hasPrefix("/"), name.index(after: slash) != name.endIndex else {
            throw .hostResource(.invalidArgument("volume name '\(name)' doesn't have the expected format '<directory>/<file>'"))
        }
        guard name.hasSuffix(".vmdk") else {
            throw .hostResource(.invalidArgument("volume name '\(name)' has an unsupported suffix, expecting '.vmdk'"))
        }
        let directory = DatastoreItemEscaping.escape(String(name[..<slash]))
        let file = DatastoreItemEscaping.escape(String(name[name.index(after: slash)...]))
        do {
            let directoryPath = try DatastorePath(datastore: pool, directoryAndFileName: directory)
            return NewVolumePath(directory: directoryPath, file: directoryPath.appending(file))
        } catch {
            throw .hostResource(.invalidArgument("invalid volume name '\(name)': \(error)"))
        }
    }

    private static func datastorePath(of volume: StorageVolume) throws(ESXError) -> DatastorePath {
        do { return try DatastorePath(datastore: volume.pool, directoryAndFileName: volume.name) } catch {
            throw .hostResource(.invalidArgument("invalid volume '\(volume.path)': \(error)"))
        }
    }

    /// The shared create/clone flow: `MakeDirectory` when the directory is missing, the task,
    /// the new volume read back. On any failure after a step, that step is undone (disk deleted,
    /// directory removed), then the first error is thrown.
    private func creatingVolume(
        _ target: NewVolumePath, operation: String, progress: AsyncStream<TaskProgress>.Continuation?,
        afterStep: (@Sendable (VolumeCreationStep) async throws -> Void)?,
        start: @escaping @Sendable (VIClient) async throws -> VITask
    ) async throws(ESXError) -> StorageVolume {
        let datacenter = inventory.datacenter
        var madeDirectory = false
        var madeDisk = false
        do {
            if try await !datastoreItemExists(target.directory) {
                let directory = target.directory.description
                try await run { client in
                    try await client.makeDirectory(name: directory, datacenter: datacenter, createParentDirectories: true)
                }
                madeDirectory = true
                try await afterStep?(.directoryMade)
            }
            let task = try await run(start)
            _ = try await TaskWaiter(connection: self).wait(for: task, vm: nil, operation: operation, progress: progress)
            madeDisk = true
            try await afterStep?(.diskCreated)
            return try await storageVolume(path: target.file)
        } catch {
            let disk = target.file.description
            if madeDisk {
                if let task = try? await run({ client in try await client.deleteVirtualDisk_Task(name: disk, datacenter: datacenter) }) {
                    _ = try? await TaskWaiter(connection: self).wait(
                        for: task, vm: nil, operation: "remove volume '\(disk)' after a failure", progress: nil)
                }
            }
            if madeDirectory { try? await deleteDatastoreFile(target.directory) }
            throw ESXError.wrap(error)
        }
    }
}
