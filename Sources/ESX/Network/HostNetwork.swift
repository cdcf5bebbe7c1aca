import VI
import VMX

/// libvirt's `<bandwidth>` of a network or port group, converted from a vSwitch traffic shaping
/// policy as libvirt does: bits/s to kilobytes/s (÷ 8 ÷ 1000) and bytes to KiB (÷ 1024), the same
/// values inbound and outbound.
public struct NetworkBandwidth: Sendable, Hashable, Codable {
    /// kilobytes per second.
    public var average: Int64
    /// kilobytes per second.
    public var peak: Int64
    /// kibibytes.
    public var burst: Int64

    public init(average: Int64, peak: Int64, burst: Int64) {
        self.average = average
        self.peak = peak
        self.burst = burst
    }

    /// nil unless the policy is enabled (libvirt's `esxShapingPolicyToBandwidth`).
    public init?(shaping: HostNetworkTrafficShapingPolicy?) {
        guard let shaping, shaping.enabled == true else { return nil }
        average = (shaping.averageBandwidth ?? 0) / 8 / 1000
        peak = (shaping.peakBandwidth ?? 0) / 8 / 1000
        burst = (shaping.burstSize ?? 0) / 1024
    }

    /// The shaping policy libvirt writes for this bandwidth (`esxBandwidthToShapingPolicy`):
    /// nil when all three are 0, members left out when 0.
    public var shapingPolicy: HostNetworkTrafficShapingPolicy? {
        guard average != 0 || peak != 0 || burst != 0 else { return nil }
        return HostNetworkTrafficShapingPolicy(
            enabled: true, averageBandwidth: average > 0 ? average * 8 * 1000 : nil,
            peakBandwidth: peak > 0 ? peak * 8 * 1000 : nil, burstSize: burst > 0 ? burst * 1024 : nil)
    }
}

/// A host virtual switch as libvirt's ESX network driver shows it.
public struct HostNetwork: Sendable, Hashable, Codable {
    /// A port group of the switch that has a network of the same name in the datacenter.
    public struct PortGroup: Sendable, Hashable, Codable {
        public var name: String
        public var vlanId: Int
        public var bandwidth: NetworkBandwidth?
    }

    public var name: String
    /// MD5 of `key`, formatted as a UUID (libvirt's network UUID).
    public var uuid: String
    /// `HostVirtualSwitch.key`.
    public var key: String
    /// `bridge` when physical NICs back the switch, else `none`.
    public var forwardMode: String
    /// The device names of the physical NICs (`<forward><interface dev=.../>`).
    public var interfaces: [String]
    public var portGroups: [PortGroup]
    public var bandwidth: NetworkBandwidth?
    /// ESX networks are always active, persistent and autostarted (libvirt's answers).
    public var active: Bool
    public var persistent: Bool
    public var autostart: Bool

    /// The network UUID libvirt derives from a vswitch key.
    public static func uuid(ofKey key: String) -> String { MD5.uuid(of: key) }

    /// Builds the network of `vswitch` from the host's NICs and port groups, keeping only port
    /// groups whose name is in `networkNames` (libvirt's `esxNetworkGetXMLDesc`).
    public init(
        _ vswitch: HostVirtualSwitch, nics: [PhysicalNic], portGroups: [HostPortGroup], networkNames: Set<String>
    ) throws(HostResourceError) {
        name = vswitch.name
        key = vswitch.key
        uuid = Self.uuid(ofKey: vswitch.key)
        interfaces = []
        for nicKey in vswitch.pnic {
            guard let nic = nics.first(where: { $0.key == nicKey }) else {
                throw .unexpected("virtual switch '\(vswitch.name)' refers to an unknown physical NIC '\(nicKey)'")
            }
            interfaces.append(nic.device)
        }
        forwardMode = interfaces.isEmpty ? "none" : "bridge"
        self.portGroups = []
        for groupKey in vswitch.portgroup {
            guard let group = portGroups.first(where: { $0.key == groupKey }) else {
                throw .unexpected("virtual switch '\(vswitch.name)' refers to an unknown port group '\(groupKey)'")
            }
            guard networkNames.contains(group.spec.name) else { continue }
            self.portGroups.append(PortGroup(
                name: group.spec.name, vlanId: Int(group.spec.vlanId), bandwidth: NetworkBandwidth(shaping: group.spec.policy.shapingPolicy)))
        }
        bandwidth = NetworkBandwidth(shaping: vswitch.spec.policy?.shapingPolicy)
        active = true
        persistent = true
        autostart = true
    }
}

/// libvirt's network XML (`virNetworkDefFormat`'s element order: name, uuid, forward, bandwidth,
/// port groups).
public enum NetworkXML {
    public static func format(_ network: HostNetwork) -> String {
        var w = XMLWriter()
        w.open("network")
        w.leaf("name", text: network.name)
        w.leaf("uuid", text: network.uuid)
        if network.forwardMode != "none" {
            w.open("forward", ["dev": network.interfaces.first, "mode": network.forwardMode])
            for device in network.interfaces { w.empty("interface", ["dev": device]) }
            w.close("forward")
        }
        bandwidth(&w, network.bandwidth)
        for group in network.portGroups {
            w.open("portgroup", ["name": group.name])
            bandwidth(&w, group.bandwidth)
            w.close("portgroup")
        }
        w.close("network")
        return w.text
    }

    /// `<bandwidth>` with `<inbound>` and `<outbound>`, each written only with a non-zero
    /// average and holding only non-zero attributes (libvirt's `virNetDevBandwidthFormat`).
    static func bandwidth(_ w: inout XMLWriter, _ value: NetworkBandwidth?) {
        guard let value, value.average != 0 else { return }
        w.open("bandwidth")
        for direction in ["inbound", "outbound"] {
            w.empty(direction, [
                "average": "\(value.average)", "peak": value.peak != 0 ? "\(value.peak)" : nil,
                "burst": value.burst != 0 ? "\(value.burst)" : nil,
            ])
        }
        w.close("bandwidth")
    }
}

extension ESXConnection {
    /// The host's virtual switches as networks, in the server's order.
    public func hostNetworks() async throws(ESXError) -> [HostNetwork] {
        let host = inventory.host
        let network = try await run { client in
            try await client.retrieveProperties(of: [host], [.config.network]).first?[.config.network]
        }
        guard let network else { return [] }
        let names = Set(try await networks().map(\.name))
        do {
            return try network.vswitch.map { vswitch throws(HostResourceError) in
                try HostNetwork(vswitch, nics: network.pnic, portGroups: network.portgroup, networkNames: names)
            }
        } catch {
            throw .hostResource(error)
        }
    }

    /// The network (virtual switch) named `name`.
    public func hostNetwork(named name: String) async throws(ESXError) -> HostNetwork {
        guard let found = try await hostNetworks().first(where: { $0.name == name }) else {
            throw .hostResource(.notFound(kind: "network", key: "name", value: name))
        }
        return found
    }

    /// The network whose UUID (MD5 of the vswitch key) is `uuid`, in any case, with or without dashes.
    public func hostNetwork(uuid: String) async throws(ESXError) -> HostNetwork {
        let wanted = HostCapabilities.normalizedUUID(uuid)
        guard let wanted, let found = try await hostNetworks().first(where: { $0.uuid == wanted }) else {
            throw .hostResource(.notFound(kind: "network", key: "UUID", value: uuid))
        }
        return found
    }
}
