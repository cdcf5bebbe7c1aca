import Foundation
import VI
import VMX

/// The points of ``ESXConnection/define(xml:leases:)`` after each change it makes, where tests
/// inject failures to prove the clean-up.
enum DefineStep: String, Sendable, CaseIterable {
    /// The disks' leases are held (with a lock manager); nothing changed on the server yet.
    case leasesAcquired
    /// The `.vmx` file is on the datastore, not registered.
    case vmxUploaded
    /// The VM is registered.
    case registered
}

/// What a define changed so far, undone in reverse order when a later step fails.
private struct DefineChanges: Sendable {
    var manager: (any DomainLockManager)?
    var uploaded: DatastorePath?
    var registerStarted = false
    var registered: VirtualMachine?
}

/// Defining a domain from libvirt domain XML, like libvirt's ESX driver: the `.vmx` goes next
/// to the first file-backed disk and is registered into the datacenter's VM folder.
extension ESXConnection {
    /// Defines a domain from domain XML and returns it (shut off).
    ///
    /// The XML is validated (unknown elements are an error); a domain with the same UUID or
    /// name is refused (editing is not supported, as in libvirt), naming first a conflicting job
    /// running on it. The `.vmx` (`virtualHW.version` from the server's version) is uploaded as
    /// `<escaped name>.vmx` into the directory of the first file-backed `.vmdk` disk, which must
    /// exist and must not hold that file yet, then `RegisterVM_Task` registers it into the
    /// datacenter's VM folder, the host's resource pool and host. With `leases`, the disks are
    /// leased while this runs: a disk another running domain holds refuses the define.
    ///
    /// Any failure, cancellation included, undoes what was done: the VM is unregistered, the
    /// uploaded file deleted and the leases released, so nothing half-defined is left.
    public func define(xml: String, leases: DomainLeases? = nil) async throws(ESXError) -> Domain {
        try await define(xml: xml, leases: leases, afterStep: nil)
    }

    /// ``define(xml:leases:)`` calling `afterStep` after each change (tests throw from it).
    func define(
        xml: String, leases: DomainLeases?, afterStep: (@Sendable (DefineStep) async throws -> Void)?
    ) async throws(ESXError) -> Domain {
        var definition: DomainDefinition
        do { definition = try DomainXML.parse(xml) } catch { throw .invalidDefinition("\(error)") }
        guard let name = definition.name, !name.isEmpty else { throw .invalidDefinition("the domain XML has no name") }
        try await refuseExisting(definition, name: name)
        if definition.uuid.isZero, let random = DomainUUID(bytes: withUnsafeBytes(of: UUID().uuid) { Array($0) }) {
            definition.uuid = random  // as libvirt gives a definition without <uuid> a random one
        }
        let directory = try Self.vmxDirectory(of: definition)
        let vmxPath = directory.appending(DatastoreItemEscaping.escape(name) + ".vmx")
        let vmx = try await vmxText(definition, directory: directory)
        guard try await datastoreItemExists(directory) else {
            throw .datastoreFile(.notFound(path: directory.description))
        }
        guard try await !datastoreItemExists(vmxPath) else {
            throw .datastoreFile(.alreadyExists(path: vmxPath.description))
        }

        var changes = DefineChanges()
        do {
            changes.manager = try await acquireDiskLeases(definition, name: name, leases: leases)
            try await afterStep?(.leasesAcquired)
            changes.uploaded = vmxPath  // before the PUT: a PUT that fails late may still leave a file
            try await putDatastoreFile(Array(vmx.utf8), to: vmxPath)
            try await afterStep?(.vmxUploaded)
            changes.registerStarted = true
            changes.registered = try await register(vmxPath, name: name)
            try await afterStep?(.registered)
            guard let vm = changes.registered else { throw ESXError.other("the registered VM is unknown") }
            let domain = try await self.domain(vm)
            if let manager = changes.manager {
                changes.manager = nil
                try? await manager.shutdown()  // defined, not running: no leases stay
            }
            return domain
        } catch {
            await undo(changes, vmxPath: vmxPath, name: name)
            throw ESXError.wrap(error)
        }
    }

    /// Refuses a definition whose UUID or name a domain already has; a job running on that
    /// domain is reported first (``GuardedOperation/redefine``).
    private func refuseExisting(_ definition: DomainDefinition, name: String) async throws(ESXError) {
        var existing: Domain?
        if !definition.uuid.isZero {
            do { existing = try await domain(uuid: definition.uuid.description) } catch .domainNotFound {}
        }
        if existing == nil {
            do {
                existing = try await domain(named: name, scope: .datacenter)
            } catch .domainNotFound {
            } catch .ambiguousDomainName {
                throw .domainExists(name: name, uuid: nil)
            }
        }
        guard let existing else { return }
        try await checkJobs(.redefine, on: existing)
        throw .domainExists(name: existing.name, uuid: existing.uuid)
    }

    /// The directory of the first file-backed disk (libvirt's rule), which must be a `.vmdk`.
    static func vmxDirectory(of definition: DomainDefinition) throws(ESXError) -> DatastorePath {
        guard !definition.disks.isEmpty else {
            throw .invalidDefinition("the domain XML has no disks, so there is no datastore directory for the .vmx file")
        }
        guard let disk = definition.disks.first(where: { $0.device == .disk && $0.type == .file }) else {
            throw .invalidDefinition(
                "the domain XML has no file-based hard disk, so there is no datastore directory for the .vmx file")
        }
        guard let source = disk.source, !source.isEmpty else {
            throw .invalidDefinition("the first file-based hard disk has no source")
        }
        guard source.lowercased().hasSuffix(".vmdk") else {
            throw .invalidDefinition("the first file-based hard disk '\(source)' is not a .vmdk image")
        }
        let path: DatastorePath
        do { path = try DatastorePath(parsing: source) } catch {
            throw .invalidDefinition("the first file-based hard disk '\(source)' is not a '[datastore] path': \(error)")
        }
        let hasDirectory = path.directoryAndFileName.contains("/")
        do {
            return try DatastorePath(datastore: path.datastore, directoryAndFileName: hasDirectory ? path.directoryName : "")
        } catch {
            throw .invalidDefinition("\(error)")
        }
    }

    /// The `.vmx` text: file names resolved against the host's datastores, `virtualHW.version`
    /// the newest the server's product version runs.
    private func vmxText(_ definition: DomainDefinition, directory: DatastorePath) async throws(ESXError) -> String {
        let host = inventory.host
        let datastores = try await run { client in
            try await client.retrieveProperties(of: [host], [.datastore]).first?.datastore ?? []
        }
        let names = datastores.isEmpty
            ? [] : try await run { client in try await client.retrieveProperties(of: datastores, [.name]).compactMap(\.name) }
        let resolver = OfflineFileNameResolver(
            datastores: names,
            vmxDirectory: VMX.DatastorePath(datastore: directory.datastore, path: directory.directoryAndFileName))
        do {
            let config = try DomainToVMX(resolver: resolver, virtualHardwareVersion: virtualHardwareVersion).convert(definition)
            return try VMXFormatter.format(config)
        } catch {
            throw .invalidDefinition("\(error)")
        }
    }

    /// The `virtualHW.version` new VMs get on this server.
    var virtualHardwareVersion: Int {
        let version = VIVersion(productVersion) ?? VIVersion(0)
        let line: VMX.VirtualHardware.Product = switch product {
        case .esx: .esx
        case .gsx: .gsx
        case .vpx: .vpx
        }
        return VMX.VirtualHardware.defaultVersion(product: line, major: version.major, minor: version.minor)
    }

    /// Leases the definition's file-backed disks (transient ones read-only) for the define.
    private func acquireDiskLeases(_ definition: DomainDefinition, name: String, leases: DomainLeases?)
        async throws -> (any DomainLockManager)?
    {
        guard let leases else { return nil }
        let identity = definition.uuid.isZero ? name : definition.uuid.description
        let manager = try leases.plugin.makeManager(
            for: LockDomainParameters(uuid: identity, name: name, host: inventory.hostName), start: .new)
        for disk in definition.disks where disk.device == .disk && disk.type == .file {
            guard let source = disk.source else { continue }
            try manager.register(try LockResource.disk(source, flags: disk.transient ? [.readonly] : []))
        }
        try await manager.acquireObject()
        return manager
    }

    /// `RegisterVM_Task` into the datacenter's VM folder, the resource pool and host; the new VM.
    private func register(_ vmxPath: DatastorePath, name: String) async throws(ESXError) -> VirtualMachine {
        let (folder, pool, host) = (inventory.vmFolder, inventory.resourcePool, inventory.host)
        let task = try await run { client in
            try await client.registerVM_Task(
                folder, path: vmxPath.description, name: VMXEscaping.escapePercent(name), asTemplate: false,
                pool: pool, host: host)
        }
        let info = try await TaskWaiter(connection: self).wait(
            for: task, vm: nil, operation: "define domain '\(name)'", progress: nil)
        guard case .moRef(let ref)? = info.result, ref.type == VirtualMachine.wireName else {
            throw .other("RegisterVM_Task for '\(vmxPath)' returned no virtual machine")
        }
        return VirtualMachine(ref)
    }

    /// The one clean-up path: unregisters, deletes the uploaded file, releases the leases.
    /// Runs in its own task, so a cancelled define still cleans up; failures are logged.
    private func undo(_ changes: DefineChanges, vmxPath: DatastorePath, name: String) async {
        await Task { [self] in
            var registered = changes.registered
            if registered == nil, changes.registerStarted {
                // The wait failed or was cancelled: the server may have registered it anyway.
                registered = try? await virtualMachines([.config.files.vmPathName], scope: .datacenter)
                    .first { $0[.config.files.vmPathName] == vmxPath.description }?.managedObject
            }
            if let vm = registered {
                do { try await run { client in try await client.unregisterVM(vm) } } catch {
                    logger.warning("define '\(name)': could not unregister \(vm.ref.value) again: \(error)")
                }
            }
            if let uploaded = changes.uploaded {
                do {
                    if try await datastoreItemExists(uploaded) { try await deleteDatastoreFile(uploaded) }
                } catch {
                    logger.warning("define '\(name)': could not delete '\(uploaded)' again: \(error)")
                }
            }
            if let manager = changes.manager {
                do { try await manager.shutdown() } catch {
                    logger.warning("define '\(name)': could not release the disk leases: \(error)")
                }
            }
        }.value
    }
}
