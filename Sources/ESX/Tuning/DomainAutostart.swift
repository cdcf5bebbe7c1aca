import VI

/// Autostart through the host's `HostAutoStartManager`, with libvirt's rules: a domain
/// autostarts when the host's default (`config.defaults.enabled`) is on and the domain's
/// power info says `powerOn`.
public struct AutostartState: Sendable, Hashable {
    /// One domain listed in the host's autostart configuration.
    public struct Entry: Sendable, Hashable {
        public var domain: Domain
        /// `powerOn`, `none`, ... as the server reports it.
        public var startAction: String
        /// -1 when there is no specific order.
        public var startOrder: Int32
        /// Whether the entry asks for a power-on (case-insensitive `powerOn`).
        public var powersOn: Bool { startAction.lowercased() == "poweron" }
    }

    /// The host's default (`defaults.enabled`); nothing autostarts while it is off.
    public var hostDefaultEnabled: Bool
    /// The domains in the host's configuration, by start order (unordered ones last), then name.
    public var entries: [Entry]

    /// Whether `domain` autostarts (libvirt's `esxDomainGetAutostart`).
    public func isEnabled(_ domain: Domain) -> Bool {
        hostDefaultEnabled && entries.contains { $0.domain.vm.ref == domain.vm.ref && $0.powersOn }
    }
}

extension ESXConnection {
    /// The autostart configuration of the domain's host.
    public func autostartState(host: HostSystem? = nil) async throws(ESXError) -> AutostartState {
        let manager = try await autostartManager(of: host ?? inventory.host)
        let config = try await run { client in
            try await client.retrieveProperties(of: [manager], [.config]).first?[.config]
        }
        let infos = config?.powerInfo ?? []
        var domains: [ManagedObjectReference: Domain] = [:]
        for properties in try await identities(of: infos.map(\.key)) {
            domains[properties.managedObject.ref] = DomainProperties.domain(from: properties)
        }
        let entries = infos.compactMap { info -> AutostartState.Entry? in
            guard let domain = domains[info.key.ref] else { return nil }  // unregistered meanwhile
            return AutostartState.Entry(domain: domain, startAction: info.startAction, startOrder: info.startOrder)
        }.sorted { a, b in
            let (x, y) = (a.startOrder < 0 ? Int32.max : a.startOrder, b.startOrder < 0 ? Int32.max : b.startOrder)
            return x != y ? x < y : a.domain.name < b.domain.name
        }
        return AutostartState(hostDefaultEnabled: config?.defaults?.enabled ?? false, entries: entries)
    }

    /// Whether the domain autostarts with its host.
    public func autostart(of domain: Domain) async throws(ESXError) -> Bool {
        try await autostartState(host: try await host(of: domain)).isEnabled(domain)
    }

    /// `virsh autostart [--disable]` (libvirt's `esxDomainSetAutostart`): sets the domain's
    /// start action to `powerOn` or `none` (start order, delays and heartbeat left to the host's
    /// defaults). Enabling while the host's default is off switches the default on, but only if
    /// no other domain in the host's configuration asks for a power-on: those would start too.
    public func setAutostart(_ domain: Domain, enabled: Bool) async throws(ESXError) {
        let host = try await host(of: domain)
        let manager = try await autostartManager(of: host)
        var spec = HostAutoStartManagerConfig()
        if enabled {
            let state = try await autostartState(host: host)
            if !state.hostDefaultEnabled {
                let others = state.entries.filter { $0.domain.vm.ref != domain.vm.ref && $0.powersOn }
                guard others.isEmpty else {
                    throw .tuning(.autostartAffectsOthers(domain: domain.name, others: others.map(\.domain.name)))
                }
                spec.defaults = AutoStartDefaults(enabled: true)
            }
        }
        spec.powerInfo = [
            AutoStartPowerInfo(
                key: domain.vm, startOrder: -1, startDelay: -1, waitForHeartbeat: .systemDefault,
                startAction: enabled ? "powerOn" : "none", stopDelay: -1, stopAction: "none")
        ]
        let change = spec
        try await run { client in try await client.reconfigureAutostart(manager, spec: change) }
    }

    /// Identities of `vms`, skipping VMs that no longer exist (stale autostart entries).
    private func identities(of vms: [VirtualMachine]) async throws(ESXError) -> [VirtualMachine.Properties] {
        guard !vms.isEmpty else { return [] }
        do {
            return try await run { client in try await client.retrieveProperties(of: vms, DomainProperties.identity) }
        } catch where error.isFault(ManagedObjectNotFound.self) {
            var found: [VirtualMachine.Properties] = []
            for vm in vms {
                do { found.append(try await properties(of: vm, DomainProperties.identity)) } catch .domainNotFound {}
            }
            return found
        }
    }

    private func autostartManager(of host: HostSystem) async throws(ESXError) -> HostAutoStartManager {
        let manager = try await run { client in
            try await client.retrieveProperties(of: [host], [.configManager.autoStartManager]).first?[
                .configManager.autoStartManager]
        }
        guard let manager else {
            throw .tuning(.unsupported("host '\(host.ref.value)' has no autostart manager"))
        }
        return manager
    }
}
