/// A libvirt domain definition, limited to what the VMware VMX format can express.
///
/// Read and written as libvirt domain XML by ``DomainXML``; converted to and from VMX by
/// ``VMXToDomain`` and ``DomainToVMX``.
public struct DomainDefinition: Sendable, Equatable {
    /// `<domain type=…>`; the VMX conversion needs `vmware`.
    public var virtType = "vmware"
    public var name: String?
    public var uuid = DomainUUID.zero
    /// `<genid>`: the VM generation ID (VMX `vm.genid`, `vm.genidX`).
    public var genid: DomainUUID?
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
    public var os = DomainOS()
    /// `<cpu><topology>`.
    public var cpuTopology: CPUTopology?
    public var clockOffset = "utc"
    public var onPoweroff = "destroy"
    public var onReboot = "restart"
    public var onCrash = "destroy"
    public var disks: [DomainDisk] = []
    public var controllers: [DomainController] = []
    public var filesystems: [DomainFilesystem] = []
    public var interfaces: [DomainInterface] = []
    public var serials: [DomainCharDevice] = []
    public var parallels: [DomainCharDevice] = []
    public var graphics: [DomainGraphics] = []
    public var videos: [DomainVideo] = []
    /// `<vmware:datacenterpath>`, `<vmware:moref>`.
    public var vmware = VMwareMetadata()

    public init() {}
}

/// `<os>`.
public struct DomainOS: Sendable, Equatable {
    public enum Arch: String, Sendable, CaseIterable { case i686, x86_64 }
    public enum Firmware: String, Sendable, CaseIterable { case bios, efi }
    public enum SMBIOSMode: String, Sendable, CaseIterable { case emulate, host, sysinfo }

    public var type = "hvm"
    public var arch = Arch.i686
    /// `<os firmware=…>`; nil leaves the choice to the hypervisor.
    public var firmware: Firmware?
    public var smbiosMode: SMBIOSMode?

    public init() {}
}

/// `<cpu><topology>`.
public struct CPUTopology: Sendable, Equatable {
    public var sockets: Int
    public var dies = 1
    public var clusters = 1
    public var cores: Int
    public var threads = 1

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

    public var datacenterPath: String?
    public var moref: String?

    public init(datacenterPath: String? = nil, moref: String? = nil) {
        self.datacenterPath = datacenterPath
        self.moref = moref
    }

    var isEmpty: Bool { datacenterPath == nil && moref == nil }
}
