import VI

/// Finds the datacenter, compute resource and host a connection works on:
/// the first ones for esx/gsx, the URI path for vpx (libvirt's rules).
struct InventoryDiscovery {
    /// Each call goes through the keeper's re-login path.
    let keeper: SessionKeeper
    let rootFolder: Folder

    /// A child entity of a folder with its name.
    struct Child {
        var ref: ManagedObjectReference
        var name: String

        /// Whether the (percent-escaped) entity name is `item`.
        func isNamed(_ item: String) -> Bool {
            name == item || EntityName.fromServer(name) == item
        }
    }

    /// esx/gsx: the first datacenter, its first compute resource and that one's first host.
    func first() async throws -> InventoryContext {
        guard let datacenter = try await children(of: rootFolder.ref).first(where: { $0.ref.type == "Datacenter" })
        else { throw ESXError.inventory("the inventory has no datacenter") }
        let (vmFolder, hostFolder) = try await folders(of: datacenter)
        guard let resource = try await children(of: hostFolder.ref).first(where: { Self.isComputeResource($0.ref) })
        else { throw ESXError.inventory("datacenter '\(datacenter.name)' has no compute resource") }
        let (pool, hosts) = try await poolAndHosts(of: resource, path: resource.name)
        guard let host = hosts.first else {
            throw ESXError.inventory("compute resource '\(resource.name)' has no host")
        }
        return InventoryContext(
            datacenter: Datacenter(datacenter.ref), datacenterName: datacenter.name, datacenterPath: datacenter.name,
            vmFolder: vmFolder, hostFolder: hostFolder, computeResource: resource.ref,
            computeResourceName: resource.name, computeResourcePath: resource.name, resourcePool: pool,
            host: HostSystem(host.ref), hostName: host.name)
    }

    /// vpx: `[folder/...]datacenter/[folder/...]computeresource[/host]`.
    func resolve(path items: [String]) async throws -> InventoryContext {
        let fullPath = items.joined(separator: "/")
        func fail(_ reason: String) -> ESXError { .invalidInventoryPath(path: fullPath, reason: reason) }
        var index = 0

        // Folders down to the datacenter.
        var current = rootFolder.ref
        var datacenter: Child?
        while datacenter == nil, index < items.count {
            let item = items[index]
            guard let child = try await children(of: current).first(where: { $0.isNamed(item) }) else {
                throw fail("no folder or datacenter named '\(item)'")
            }
            index += 1
            switch child.ref.type {
            case "Folder": current = child.ref
            case "Datacenter": datacenter = child
            default: throw fail("'\(item)' is neither a folder nor a datacenter")
            }
        }
        guard let datacenter else { throw fail("the path names no datacenter") }
        let datacenterPath = items[..<index].joined(separator: "/")
        let (vmFolder, hostFolder) = try await folders(of: datacenter)

        // Folders down to the compute resource.
        current = hostFolder.ref
        let resourceStart = index
        var resource: Child?
        while resource == nil, index < items.count {
            let item = items[index]
            guard let child = try await children(of: current).first(where: { $0.isNamed(item) }) else {
                throw fail("datacenter '\(datacenter.name)' has no folder or compute resource named '\(item)'")
            }
            index += 1
            if child.ref.type == "Folder" {
                current = child.ref
            } else if Self.isComputeResource(child.ref) {
                resource = child
            } else {
                throw fail("'\(item)' is neither a folder nor a compute resource")
            }
        }
        guard let resource else { throw fail("the path names no compute resource") }
        let resourcePath = items[resourceStart..<index].joined(separator: "/")
        let (pool, hosts) = try await poolAndHosts(of: resource, path: resourcePath)

        // The host: named by the next item in a cluster, else the compute resource's own.
        let host: Child
        if resource.ref.type == ClusterComputeResource.wireName {
            guard index < items.count else { throw fail("the path names no host system in cluster '\(resource.name)'") }
            let item = items[index]
            guard let found = hosts.first(where: { $0.isNamed(item) }) else {
                throw fail("cluster '\(resource.name)' has no host system named '\(item)'")
            }
            host = found
            index += 1
        } else {
            guard let only = hosts.first else { throw fail("compute resource '\(resource.name)' has no host system") }
            host = only
        }
        guard index == items.count else { throw fail("the path ends with an excess item '\(items[index])'") }
        return InventoryContext(
            datacenter: Datacenter(datacenter.ref), datacenterName: datacenter.name, datacenterPath: datacenterPath,
            vmFolder: vmFolder, hostFolder: hostFolder, computeResource: resource.ref,
            computeResourceName: resource.name, computeResourcePath: resourcePath, resourcePool: pool,
            host: HostSystem(host.ref), hostName: host.name)
    }

    static func isComputeResource(_ ref: ManagedObjectReference) -> Bool {
        ref.type == ComputeResource.wireName || ref.type == ClusterComputeResource.wireName
    }

    /// The named child entities of a folder, in one round trip.
    func children(of folder: ManagedObjectReference) async throws -> [Child] {
        let traversal = TraversalSpec(
            name: "children", type: Folder.wireName, path: Folder.Property.childEntity.wirePath, skip: false)
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: ManagedEntity.wireName, all: false, pathSet: [ManagedEntity.Property.name.wirePath])],
            objectSet: [ObjectSpec(obj: folder, skip: true, selectSet: [traversal])])
        return try await keeper.withRelogin { try await $0.retrieveContents(spec) }.compactMap { content in
            guard let name = try? VIClient.properties(of: content, as: ManagedEntity.self).name else { return nil }
            return Child(ref: content.obj, name: name)
        }
    }

    private func folders(of datacenter: Child) async throws -> (vm: Folder, host: Folder) {
        let properties = try await keeper.withRelogin { client in
            try await client.retrieveProperties(of: [Datacenter(datacenter.ref)], [.vmFolder, .hostFolder])
        }
        guard let vmFolder = properties.first?.vmFolder, let hostFolder = properties.first?.hostFolder else {
            throw ESXError.inventory("datacenter '\(datacenter.name)' has no vm or host folder")
        }
        return (vmFolder, hostFolder)
    }

    private func poolAndHosts(of resource: Child, path: String) async throws -> (ResourcePool, [Child]) {
        let properties = try await keeper.withRelogin { client in
            try await client.retrieveProperties(of: [ComputeResource(resource.ref)], [.resourcePool, .host])
        }
        guard let pool = properties.first?.resourcePool else {
            throw ESXError.inventory("compute resource '\(path)' has no resource pool")
        }
        let hosts = properties.first?.host ?? []
        let named = try await keeper.withRelogin { try await $0.retrieveProperties(of: hosts, [.name]) }
        return (pool, named.compactMap { host in host.name.map { Child(ref: host.managedObject.ref, name: $0) } })
    }
}
