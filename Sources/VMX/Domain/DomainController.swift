/// `<controller>`: a disk controller.
public struct DomainController: Sendable, Equatable {
    /// `<controller type=…>`.
    public enum Kind: String, Sendable, CaseIterable { case ide, fdc, scsi, sata, nvme }

    /// The controller kind.
    public var type: Kind
    /// `index`: the VMX controller number (`scsi1` has index 1).
    public var index: Int
    /// `model` of a SCSI controller; nil lets the hypervisor choose.
    public var model: SCSIControllerModel?
    /// `<address type='pci'>` (VMX `pciSlotNumber`).
    public var address: PCIAddress?

    /// A controller of `type` numbered `index`.
    public init(type: Kind, index: Int, model: SCSIControllerModel? = nil, address: PCIAddress? = nil) {
        self.type = type
        self.index = index
        self.model = model
        self.address = address
    }
}

/// SCSI controller models: libvirt's name and the VMX `scsiN.virtualDev` value.
public enum SCSIControllerModel: String, Sendable, CaseIterable {
    /// Pick a model per VM (the conversion maps it through ``DomainToVMX/autoSCSIModel``).
    case auto
    case buslogic
    case lsilogic
    case lsisas1068
    case vmpvscsi

    /// The `scsiN.virtualDev` value.
    public var vmxName: String { self == .vmpvscsi ? "pvscsi" : rawValue }

    /// The model of a `scsiN.virtualDev` value (any case).
    public init?(vmxName: String) {
        switch vmxName.lowercased() {
        case "buslogic": self = .buslogic
        case "lsilogic": self = .lsilogic
        case "lsisas1068": self = .lsisas1068
        case "pvscsi": self = .vmpvscsi
        default: return nil
        }
    }
}
