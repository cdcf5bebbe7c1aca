/// Converts a ``VMXConfig`` to a ``DomainDefinition`` (libvirt's `virVMXParseConfig`).
public struct VMXToDomain: Sendable {
    /// Maps VMX file names to domain paths.
    public var resolver: any VMXFileNameResolver
    /// Becomes `<vmware:datacenterpath>`.
    public var datacenterPath: String?
    /// Becomes `<vmware:moref>`.
    public var moref: String?

    /// A converter; the metadata, when given, becomes the `vmware:` elements.
    public init(resolver: any VMXFileNameResolver, datacenterPath: String? = nil, moref: String? = nil) {
        self.resolver = resolver
        self.datacenterPath = datacenterPath
        self.moref = moref
    }

    /// The domain definition of `config`.
    public func convert(_ config: VMXConfig) throws -> DomainDefinition {
        let configVersion = try config.requiredInteger("config.version")
        guard configVersion == 8 else { throw config.invalid("config.version", expected: "8") }
        let hardwareVersion = try config.requiredInteger("virtualHW.version")
        guard hardwareVersion >= 4, hardwareVersion < 1000 else {
            throw config.invalid("virtualHW.version", expected: "an integer of 4 or more")
        }
        var domain = DomainDefinition()
        domain.uuid = try config.uuid("uuid.bios") ?? .zero
        if let name = config["displayName"] {
            guard let unescaped = VMXEscaping.unescapePercent(name).flatMap(VMXEscaping.unescapePipe) else {
                throw config.invalid("displayName", expected: "text with valid %XX and |XX escapes")
            }
            domain.name = unescaped
        }
        domain.genid = try genid(config)
        if let annotation = config["annotation"] {
            guard let unescaped = VMXEscaping.unescapePipe(annotation) else {
                throw config.invalid("annotation", expected: "text with valid |XX escapes")
            }
            domain.description = unescaped
        }
        try memory(config, into: &domain)
        try processors(config, into: &domain)
        try operatingSystem(config, into: &domain)
        let devices = VMXDeviceReader(config: config, resolver: resolver, hardwareVersion: Int(hardwareVersion))
        try devices.read(into: &domain)
        domain.vmware = VMwareMetadata(datacenterPath: datacenterPath, moref: moref)
        return domain
    }

    private func genid(_ config: VMXConfig) throws -> DomainUUID? {
        let high = try config.integer("vm.genid", default: 0)
        let low = try config.integer("vm.genidX", default: 0)
        return high == 0 && low == 0 ? nil : DomainUUID(high: high, low: low)
    }

    private func memory(_ config: VMXConfig, into domain: inout DomainDefinition) throws {
        let memsize = try config.integer("memsize", default: 32)
        guard memsize > 0, memsize % 4 == 0, memsize <= Int64(UInt32.max) else {
            throw config.invalid("memsize", expected: "a positive multiple of 4 (MiB)")
        }
        domain.memoryKiB = UInt64(memsize) * 1024
        var maximum = try config.integer("sched.mem.max", default: memsize)
        if maximum < 0 { maximum = memsize }
        domain.currentMemoryKiB = UInt64(min(maximum, memsize)) * 1024
        let minimum = try config.integer("sched.mem.minsize", default: 0)
        if minimum > 0 { domain.minGuaranteeKiB = UInt64(min(minimum, memsize)) * 1024 }
    }

    private func processors(_ config: VMXConfig, into domain: inout DomainDefinition) throws {
        let count = try config.integer("numvcpus", default: 1)
        guard count > 0, count <= 4096 else { throw config.invalid("numvcpus", expected: "an integer in 1...4096") }
        domain.vcpus = Int(count)
        let cores = try config.integer("cpuid.coresPerSocket", default: 1)
        if cores > 1 {
            guard cores <= count, count % cores == 0 else {
                throw config.invalid("cpuid.coresPerSocket", expected: "a divisor of numvcpus (\(count))")
            }
            domain.cpuTopology = CPUTopology(sockets: Int(count / cores), cores: Int(cores))
        }
        if let affinity = config["sched.cpu.affinity"], affinity.trimmingBlanks().lowercased() != "all" {
            let items = affinity.split(separator: ",", omittingEmptySubsequences: false)
            guard items.count >= count else {
                throw config.invalid("sched.cpu.affinity", expected: "a list of at least numvcpus (\(count)) CPU numbers")
            }
            var cpus: [Int] = []
            for item in items {
                guard let cpu = Int(String(item).trimmingBlanks()), cpu >= 0, cpu <= CPUSet.maxCPU else {
                    throw config.invalid(
                        "sched.cpu.affinity", expected: "a comma separated list of CPU numbers up to \(CPUSet.maxCPU)")
                }
                cpus.append(cpu)
            }
            domain.cpuset = CPUSet(cpus)
        }
        if let shares = config["sched.cpu.shares"] {
            let vcpus = UInt64(domain.vcpus)
            switch shares.trimmingBlanks().lowercased() {
            case "low": domain.cpuShares = vcpus * 500
            case "normal": domain.cpuShares = vcpus * 1000
            case "high": domain.cpuShares = vcpus * 2000
            default:
                guard let value = UInt64(shares.trimmingBlanks()) else {
                    throw config.invalid("sched.cpu.shares", expected: "an unsigned integer, 'low', 'normal' or 'high'")
                }
                domain.cpuShares = value
            }
        }
    }

    private func operatingSystem(_ config: VMXConfig, into domain: inout DomainDefinition) throws {
        domain.os.arch = config["guestOS"]?.hasSuffix("-64") == true ? .x86_64 : .i686
        if try config.bool("smbios.reflecthost", default: false) { domain.os.smbiosMode = .host }
        if let firmware = config["firmware"] {
            guard let value = DomainOS.Firmware(rawValue: firmware.lowercased()) else {
                throw config.invalid("firmware", expected: "'bios' or 'efi'")
            }
            domain.os.firmware = value
        }
    }
}
