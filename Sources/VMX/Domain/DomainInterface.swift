/// `<interface>`: a virtual network adapter.
public struct DomainInterface: Sendable, Equatable {
    /// How the adapter is connected (`<interface type=…>` and its `<source>`).
    public enum Connection: Sendable, Equatable {
        /// `type='bridge'`: a port group (VMX `networkName`).
        case bridge(network: String)
        /// `type='user'`: VMware NAT.
        case user
        /// `type='null'`: not connected.
        case null
        /// `type='vds'`: a distributed virtual switch port.
        case vds(DistributedPort)
    }

    /// `<mac type=…>`.
    public enum MACType: String, Sendable, CaseIterable { case generated, `static` }

    /// Adapter models (`<model type=…>`).
    public enum Model: String, Sendable, CaseIterable { case vlance, vmxnet, vmxnet2, vmxnet3, e1000, e1000e }

    /// The connection.
    public var connection: Connection
    /// `<mac address=…>`; nil lets VMware generate one.
    public var mac: MACAddress?
    /// `<mac type=…>`; nil picks the type from the address range.
    public var macType: MACType?
    /// `<mac check=…>`: VMX `checkMACAddress`.
    public var macCheck: Bool?
    /// `<target dev=…>`: VMX `vnet` of a `custom` connection.
    public var targetDevice: String?
    /// The adapter model (VMX `virtualDev`).
    public var model: Model?
    /// `<address type='pci'>` (VMX `pciSlotNumber`).
    public var address: PCIAddress?

    /// An adapter.
    public init(connection: Connection, mac: MACAddress? = nil, model: Model? = nil) {
        self.connection = connection
        self.mac = mac
        self.model = model
    }
}

/// `<source switchid portid portgroupid connectionid/>` of a `vds` interface.
public struct DistributedPort: Sendable, Equatable {
    /// `switchid` (VMX `dvs.switchId`).
    public var switchID: DomainUUID
    /// `portid` (VMX `dvs.portId`).
    public var portID: Int64?
    /// `portgroupid` (VMX `dvs.portgroupId`).
    public var portgroupID: String?
    /// `connectionid` (VMX `dvs.connectionId`).
    public var connectionID: Int64?

    /// A distributed switch port.
    public init(switchID: DomainUUID, portID: Int64? = nil, portgroupID: String? = nil, connectionID: Int64? = nil) {
        self.switchID = switchID
        self.portID = portID
        self.portgroupID = portgroupID
        self.connectionID = connectionID
    }
}
