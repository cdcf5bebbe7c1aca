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

    public var connection: Connection
    public var mac: MACAddress?
    public var macType: MACType?
    /// `<mac check=…>`: VMX `checkMACAddress`.
    public var macCheck: Bool?
    /// `<target dev=…>`: VMX `vnet` of a `custom` connection.
    public var targetDevice: String?
    public var model: Model?
    public var address: PCIAddress?

    public init(connection: Connection, mac: MACAddress? = nil, model: Model? = nil) {
        self.connection = connection
        self.mac = mac
        self.model = model
    }
}

/// `<source switchid portid portgroupid connectionid/>` of a `vds` interface.
public struct DistributedPort: Sendable, Equatable {
    public var switchID: DomainUUID
    public var portID: Int64?
    public var portgroupID: String?
    public var connectionID: Int64?

    public init(switchID: DomainUUID, portID: Int64? = nil, portgroupID: String? = nil, connectionID: Int64? = nil) {
        self.switchID = switchID
        self.portID = portID
        self.portgroupID = portgroupID
        self.connectionID = connectionID
    }
}
