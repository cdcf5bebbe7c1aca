import VI

/// One guest network interface as VMware Tools report it (`guest.net`), for `domifaddr`.
public struct GuestInterface: Sendable, Hashable, Codable {
    /// One address of the interface.
    public struct Address: Sendable, Hashable, Codable {
        /// `ipv4` or `ipv6`.
        public var type: String
        public var address: String
        /// The prefix length, when the tools report it (`ipConfig`).
        public var prefix: Int?

        public init(type: String, address: String, prefix: Int?) {
            self.type = type
            self.address = address
            self.prefix = prefix
        }
    }

    /// The port group or network the interface is connected to (ESX reports no guest name).
    public var name: String?
    public var mac: String?
    public var addresses: [Address]
}

extension ESXConnection {
    /// `virsh domhostname`: the guest's `guest.hostName`; the domain must be running and
    /// VMware Tools must report a name.
    public func hostname(of domain: Domain) async throws(ESXError) -> String {
        let properties = try await runningGuest(domain, [.guest.hostName])
        guard let name = properties[.guest.hostName], !name.isEmpty else {
            throw .tuning(.guestInfoUnavailable(
                domain: domain.name, what: "hostname", tools: properties[.guest.toolsRunningStatus]))
        }
        return name
    }

    /// `virsh domifaddr` (agent source): the guest's interfaces and addresses from `guest.net`,
    /// preferring `ipConfig` (with prefix lengths) over the plain `ipAddress` list.
    public func interfaceAddresses(of domain: Domain) async throws(ESXError) -> [GuestInterface] {
        let properties = try await runningGuest(domain, [.guest.net])
        let nics = properties[.guest.net] ?? []
        guard !nics.isEmpty else {
            throw .tuning(.guestInfoUnavailable(
                domain: domain.name, what: "interface addresses", tools: properties[.guest.toolsRunningStatus]))
        }
        return nics.map { nic in
            let configured = nic.ipConfig?.ipAddress ?? []
            let addresses = configured.isEmpty
                ? nic.ipAddress.map { GuestInterface.Address(type: Self.family($0), address: $0, prefix: nil) }
                : configured.map {
                    GuestInterface.Address(type: Self.family($0.ipAddress), address: $0.ipAddress, prefix: Int($0.prefixLength))
                }
            return GuestInterface(name: nic.network, mac: nic.macAddress, addresses: addresses)
        }
    }

    private func runningGuest(_ domain: Domain, _ wanted: [VirtualMachine.Property]) async throws(ESXError)
        -> VirtualMachine.Properties
    {
        let properties = try await properties(
            of: domain.vm, DomainProperties.identity + [.guest.toolsRunningStatus] + wanted)
        let current = DomainProperties.domain(from: properties)
        guard current.state == .running else { throw .domainNotRunning(current.name) }
        return properties
    }

    private static func family(_ address: String) -> String { address.contains(":") ? "ipv6" : "ipv4" }
}
