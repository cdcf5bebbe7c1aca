import VI
import VMX

/// A host physical NIC as libvirt's ESX interface driver shows it: always active, started on
/// boot, of type ethernet.
public struct HostInterface: Sendable, Hashable, Codable {
    /// The device name (`vmnic0`).
    public var name: String
    public var mac: String
    /// The negotiated link speed in Mb/s; nil when the link is down.
    public var linkSpeedMb: Int?
    /// IPv4 by DHCP (`spec.ip.dhcp`).
    public var dhcp: Bool
    /// The configured IPv4 address and its prefix length, when both address and mask are set.
    public var ipv4Address: String?
    public var ipv4Prefix: Int?
    /// Always true: ESX interfaces are always active.
    public var active: Bool

    /// The interface of `nic`; a subnet mask that is not a valid IPv4 netmask is an error.
    public init(_ nic: PhysicalNic) throws(HostResourceError) {
        name = nic.device
        mac = nic.mac ?? ""
        linkSpeedMb = nic.linkSpeed.map { Int($0.speedMb) }
        let ip = nic.spec.ip
        dhcp = ip?.dhcp == true
        if let address = ip?.ipAddress, let mask = ip?.subnetMask, !address.isEmpty, !mask.isEmpty {
            guard let prefix = Self.prefixLength(ofNetmask: mask) else {
                throw .unexpected("interface '\(nic.device)' has an invalid IPv4 subnet mask '\(mask)'")
            }
            ipv4Address = address
            ipv4Prefix = prefix
        }
        active = true
    }

    /// The number of leading one bits of a dotted IPv4 netmask; nil unless it is one contiguous
    /// run of ones (libvirt's `virSocketAddrGetNumNetmaskBits`).
    public static func prefixLength(ofNetmask mask: String) -> Int? {
        let parts = mask.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        let prefix = (~value).leadingZeroBitCount
        let expected: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        return value == expected ? prefix : nil
    }
}

/// libvirt's interface XML for a host NIC (`virInterfaceDefFormat` for type ethernet).
public enum InterfaceXML {
    /// `inactive`: libvirt's `--inactive` (`VIR_INTERFACE_XML_INACTIVE`) leaves the address out
    /// when it came from DHCP.
    public static func format(_ iface: HostInterface, inactive: Bool = false) -> String {
        var w = XMLWriter()
        w.open("interface", ["type": "ethernet", "name": iface.name])
        w.empty("start", ["mode": "onboot"])
        if !iface.mac.isEmpty { w.empty("mac", ["address": iface.mac]) }
        w.empty("link", ["speed": iface.linkSpeedMb.map(String.init), "state": iface.linkSpeedMb == nil ? "down" : "up"])
        let address = iface.ipv4Address.flatMap { a in iface.ipv4Prefix.map { (a, $0) } }
        if iface.dhcp || address != nil {
            w.open("protocol", ["family": "ipv4"])
            if iface.dhcp { w.empty("dhcp") }
            if let (ip, prefix) = address, !(iface.dhcp && inactive) {
                w.empty("ip", ["address": ip, "prefix": "\(prefix)"])
            }
            w.close("protocol")
        }
        w.close("interface")
        return w.text
    }
}

extension ESXConnection {
    /// The host's physical NICs (`config.network.pnic`), in the server's order.
    public func interfaces() async throws(ESXError) -> [HostInterface] {
        let host = inventory.host
        let nics = try await run { client in
            try await client.retrieveProperties(of: [host], [.config.network.pnic]).first?[.config.network.pnic] ?? []
        }
        do {
            return try nics.map { nic throws(HostResourceError) in try HostInterface(nic) }
        } catch {
            throw .hostResource(error)
        }
    }

    /// The NIC whose device name is `name`.
    public func interface(named name: String) async throws(ESXError) -> HostInterface {
        guard let found = try await interfaces().first(where: { $0.name == name }) else {
            throw .hostResource(.notFound(kind: "interface", key: "name", value: name))
        }
        return found
    }

    /// The NIC whose MAC address is `mac` (compared without regard to case, as libvirt does).
    public func interface(mac: String) async throws(ESXError) -> HostInterface {
        guard let found = try await interfaces().first(where: { $0.mac.lowercased() == mac.lowercased() }) else {
            throw .hostResource(.notFound(kind: "interface", key: "MAC address", value: mac))
        }
        return found
    }
}
