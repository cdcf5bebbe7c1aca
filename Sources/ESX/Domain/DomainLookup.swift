import VI

/// Which domains a listing includes.
public enum DomainFilter: String, Sendable, CaseIterable {
    /// Running or paused (libvirt's active domains).
    case active
    /// Shut off (libvirt's defined domains).
    case inactive
    case all

    func includes(_ state: DomainState) -> Bool {
        switch self {
        case .active: state.isActive
        case .inactive: !state.isActive
        case .all: true
        }
    }
}

/// Where listings and name lookups look.
public enum DomainScope: String, Sendable, CaseIterable {
    /// The connection's host (libvirt's behaviour).
    case host
    /// Every VM of the connection's datacenter.
    case datacenter
}

extension ESXConnection {
    /// `properties` of every VM in `scope`, read in one round trip through a `ContainerView`.
    public func virtualMachines(
        _ properties: [VirtualMachine.Property], scope: DomainScope = .host
    ) async throws(ESXError) -> [VirtualMachine.Properties] {
        let container = scope == .host ? inventory.host.ref : inventory.vmFolder.ref
        return try await run { client in
            try await client.retrieveProperties(ofAll: VirtualMachine.self, in: container, recursive: true, properties)
        }
    }

    /// The domains in `scope` that pass `filter`, sorted by name.
    public func listDomains(_ filter: DomainFilter = .all, scope: DomainScope = .host) async throws(ESXError)
        -> [Domain]
    {
        try await virtualMachines(DomainProperties.identity, scope: scope)
            .map(DomainProperties.domain(from:))
            .filter { filter.includes($0.state) }
            .sorted { ($0.name, $0.managedObjectID) < ($1.name, $1.managedObjectID) }
    }

    /// The domain with this (unescaped) name.
    public func domain(named name: String, scope: DomainScope = .host) async throws(ESXError) -> Domain {
        let matches = try await listDomains(.all, scope: scope).filter { $0.name == name }
        guard let first = matches.first else { throw .domainNotFound("name '\(name)'") }
        guard matches.count == 1 else { throw .ambiguousDomainName(name) }
        return first
    }

    /// The domain with this BIOS UUID (`FindByUuid` in the connection's datacenter).
    public func domain(uuid: String) async throws(ESXError) -> Domain {
        let datacenter = inventory.datacenter
        let found = try await run { client in try await client.findByUuid(datacenter: datacenter, uuid: uuid, vmSearch: true) }
        guard let found, found.ref.type == VirtualMachine.wireName else { throw .domainNotFound("UUID '\(uuid)'") }
        return try await domain(VirtualMachine(found.ref))
    }

    /// The domain with this id: `42` or `vm-42` (the managed object id on this server).
    public func domain(id: VirtualMachineID) async throws(ESXError) -> Domain {
        // ESX names VMs `42`, vCenter `vm-42`; some servers (the simulator) use `vm-42` for both.
        let forms = product == .vpx
            ? [id.vCenterManagedObjectID, id.description] : [id.description, id.vCenterManagedObjectID]
        for value in forms {
            do { return try await domain(VirtualMachine(value: value)) } catch .domainNotFound {}
        }
        throw .domainNotFound("id \(id)")
    }

    /// The current state of `vm` as a ``Domain``.
    public func domain(_ vm: VirtualMachine) async throws(ESXError) -> Domain {
        DomainProperties.domain(from: try await properties(of: vm, DomainProperties.identity))
    }

    /// Looks `text` up like virsh: as an id, then as a UUID, then as a name.
    public func lookupDomain(_ text: String, scope: DomainScope = .host) async throws(ESXError) -> Domain {
        if let id = try? VirtualMachineID(parsing: text) {
            do { return try await domain(id: id) } catch .domainNotFound {}
        }
        if Self.looksLikeUUID(text) {
            do { return try await domain(uuid: text) } catch .domainNotFound {}
        }
        do {
            return try await domain(named: text, scope: scope)
        } catch .domainNotFound {
            throw .domainNotFound("id, UUID or name '\(text)'")
        }
    }

    /// Reads `properties` of one VM; a VM that does not exist is ``ESXError/domainNotFound(_:)``.
    func properties(of vm: VirtualMachine, _ properties: [VirtualMachine.Property]) async throws(ESXError)
        -> VirtualMachine.Properties
    {
        let result: VirtualMachine.Properties?
        do {
            result = try await run { client in try await client.retrieveProperties(of: [vm], properties).first }
        } catch where error.isFault(ManagedObjectNotFound.self) {
            result = nil
        }
        guard let result else { throw .domainNotFound("id '\(vm.ref.value)'") }
        return result
    }

    static func looksLikeUUID(_ text: String) -> Bool {
        let hex = text.filter { $0 != "-" && $0 != " " }
        return hex.count == 32 && hex.allSatisfy(\.isHexDigit)
    }
}
