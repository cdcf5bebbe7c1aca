/// A libvirt domain definition, limited to what the VMware VMX format can express.
///
/// Read and written as libvirt domain XML by ``DomainXML``; converted to and from VMX by
/// ``VMXToDomain`` and ``DomainToVMX``.
public struct DomainDefinition: Sendable, Equatable {
    /// `<domain type=…>`; the VMX conversion needs `vmware`.
    public var virtType = "vmware"
    /// `<name>` (VMX `displayName`).
    public var name: String?
    /// `<uuid>` (VMX `uuid.bios`); zero when absent.
    public var uuid = DomainUUID.zero
    /// `<genid>`: the VM generation ID (VMX `vm.genid`, `vm.genidX`).
    public var genid: DomainUUID?
    /// `<description>` (VMX `annotation`).
    public var description: String?
    /// `<memory>` in KiB.
    public var memoryKiB: UInt64 = 32 * 1024
    /// `<currentMemory>` in KiB.
    public var currentMemoryKiB: UInt64 = 32 * 1024
    /// `<memtune><min_guarantee>` in KiB.
    public var minGuaranteeKiB: UInt64?
    /// `<vcpu>`: the number of virtual CPUs.
    public var vcpus = 1
    /// `<vcpu current=…>`; VMX cannot express offline vCPUs.
    public var currentVcpus: Int?
    /// `<vcpu cpuset=…>`: host CPUs the guest may run on.
    public var cpuset: CPUSet?
    /// `<cputune><shares>`.
    public var cpuShares: UInt64?
    /// `<os>`.
    public var os = DomainOS()
    /// `<cpu><topology>`.
    public var cpuTopology: CPUTopology?
    /// `<clock offset=…>`; VMX has no equivalent and always reads as `utc`.
    public var clockOffset = "utc"
    /// Lifecycle actions; VMX has none, libvirt prints these defaults.
    public var onPoweroff = "destroy"
    public var onReboot = "restart"
    public var onCrash = "destroy"
    /// `<disk>` elements in order: SCSI, SATA, NVMe, IDE, floppy when read from VMX.
    public var disks: [DomainDisk] = []
    /// `<controller>` elements.
    public var controllers: [DomainController] = []
    /// `<filesystem>`: shared folders.
    public var filesystems: [DomainFilesystem] = []
    /// `<interface>`: `ethernetN`, in index order.
    public var interfaces: [DomainInterface] = []
    /// `<serial>`: `serial0`…`serial3`.
    public var serials: [DomainCharDevice] = []
    /// `<parallel>`: `parallel0`…`parallel2`.
    public var parallels: [DomainCharDevice] = []
    /// `<graphics>`: at most one VNC display.
    public var graphics: [DomainGraphics] = []
    /// `<video>`: the SVGA adapter.
    public var videos: [DomainVideo] = []
    /// `<vmware:datacenterpath>`, `<vmware:moref>`.
    public var vmware = VMwareMetadata()

    /// An empty definition with libvirt's defaults.
    public init() {}
}

/// `<os>`.
public struct DomainOS: Sendable, Equatable {
    /// `<type arch=…>`.
    public enum Arch: String, Sendable, CaseIterable { case i686, x86_64 }
    /// `<os firmware=…>`.
    public enum Firmware: String, Sendable, CaseIterable { case bios, efi }
    /// `<smbios mode=…>`.
    public enum SMBIOSMode: String, Sendable, CaseIterable { case emulate, host, sysinfo }

    /// `<type>`: always `hvm`.
    public var type = "hvm"
    /// The guest architecture (VMX `guestOS` ending in `-64`).
    public var arch = Arch.i686
    /// `<os firmware=…>`; nil leaves the choice to the hypervisor.
    public var firmware: Firmware?
    /// `host` for VMX `smbios.reflecthost`.
    public var smbiosMode: SMBIOSMode?

    public init() {}
}

/// `<cpu><topology>`.
public struct CPUTopology: Sendable, Equatable {
    /// Sockets; VMX derives them from `numvcpus / cpuid.coresPerSocket`.
    public var sockets: Int
    /// Dies, clusters and threads must be 1 for VMX.
    public var dies = 1
    public var clusters = 1
    /// Cores per socket (VMX `cpuid.coresPerSocket`).
    public var cores: Int
    public var threads = 1

    /// A topology of `sockets` × `cores`.
    public init(sockets: Int, dies: Int = 1, clusters: Int = 1, cores: Int, threads: Int = 1) {
        self.sockets = sockets
        self.dies = dies
        self.clusters = clusters
        self.cores = cores
        self.threads = threads
    }
}

/// The `vmware:` namespace elements the ESX driver adds.
public struct VMwareMetadata: Sendable, Equatable {
    /// The namespace URI of the `vmware:` prefix.
    public static let namespace = "http://libvirt.org/schemas/domain/vmware/1.0"

    /// The inventory path of the datacenter.
    public var datacenterPath: String?
    /// The managed object reference of the VM.
    public var moref: String?

    /// Metadata; nil values are not printed.
    public init(datacenterPath: String? = nil, moref: String? = nil) {
        self.datacenterPath = datacenterPath
        self.moref = moref
    }

    var isEmpty: Bool { datacenterPath == nil && moref == nil }
}
