/// `<disk>`: a hard disk, CD-ROM, raw CD-ROM (`lun`) or floppy.
public struct DomainDisk: Sendable, Equatable {
    /// `<disk type=…>`.
    public enum SourceType: String, Sendable, CaseIterable { case file, block }
    /// `<disk device=…>`.
    public enum Device: String, Sendable, CaseIterable { case disk, cdrom, lun, floppy }
    /// `<target bus=…>`.
    public enum Bus: String, Sendable, CaseIterable { case scsi, sata, ide, fdc, nvme }

    /// File or block backing.
    public var type: SourceType
    /// What the guest sees.
    public var device: Device
    /// `<source file=…>` or `<source dev=…>`; nil for an empty drive.
    public var source: String?
    /// `<source startupPolicy='optional'>`: a host CD-ROM chosen automatically.
    public var startupPolicyOptional = false
    /// `<target dev=…>` (`sda`, `hdc`, `fda`, `nvme0n1`).
    public var target: String
    /// `<target bus=…>`.
    public var bus: Bus
    /// `<driver cache='writethrough'>`.
    public var writeThrough = false
    /// `<readonly/>`: always set for CD-ROMs.
    public var readonly = false
    /// `<transient/>`: VMX mode `independent-nonpersistent`.
    public var transient = false
    /// `<address type='drive'>`: the VMX slot.
    public var address: DriveAddress?

    /// A disk; the address, when nil, follows from `target`.
    public init(type: SourceType, device: Device, source: String? = nil, target: String, bus: Bus,
                address: DriveAddress? = nil) {
        self.type = type
        self.device = device
        self.source = source
        self.target = target
        self.bus = bus
        self.address = address
    }
}
