/// Converts a ``DomainDefinition`` to a ``VMXConfig`` (libvirt's `virVMXFormatConfig`).
public struct DomainToVMX: Sendable {
    /// Maps domain paths to VMX file names.
    public var resolver: any VMXFileNameResolver
    /// The `virtualHW.version` written; 13 or more allows SCSI units up to 64.
    public var virtualHardwareVersion: Int
    /// The model written for a SCSI controller with `model='auto'`, given the disks on it.
    public var autoSCSIModel: @Sendable ([DomainDisk]) throws -> SCSIControllerModel

    /// A converter writing `virtualHardwareVersion`; `model='auto'` SCSI controllers become lsilogic by default.
    public init(
        resolver: any VMXFileNameResolver, virtualHardwareVersion: Int = VirtualHardware.defaultVersion,
        autoSCSIModel: @escaping @Sendable ([DomainDisk]) throws -> SCSIControllerModel = { _ in .lsilogic }
    ) {
        self.resolver = resolver
        self.virtualHardwareVersion = virtualHardwareVersion
        self.autoSCSIModel = autoSCSIModel
    }

    /// The VMX entries of `domain`.
    public func convert(_ domain: DomainDefinition) throws -> VMXConfig {
        guard domain.virtType == "vmware" else {
            throw VMXError.unsupported(element: "domain", message: "type must be 'vmware', not '\(domain.virtType)'")
        }
        guard (4...99).contains(virtualHardwareVersion) else {
            throw VMXError.invalidValue(
                key: "virtualHW.version", line: 0, value: "\(virtualHardwareVersion)", expected: "an integer in 4...99")
        }
        var vmx = VMXConfig()
        vmx.set(".encoding", "UTF-8")
        vmx.set("config.version", "8")
        vmx.set("virtualHW.version", "\(virtualHardwareVersion)")
        vmx.set("guestOS", domain.os.arch == .x86_64 ? "other-64" : "other")
        switch domain.os.smbiosMode {
        case nil, .emulate: break
        case .host: vmx.set("smbios.reflecthost", "true")
        case .sysinfo: throw VMXError.unsupported(element: "smbios", message: "mode 'sysinfo' has no VMX form")
        }
        if domain.uuid.isZero { vmx.set("uuid.action", "create") } else { vmx.set("uuid.bios", domain.uuid.vmxForm) }
        if let name = domain.name {
            guard !name.isEmpty else { throw VMXError.unsupported(element: "name", message: "must not be empty") }
            vmx.set("displayName", VMXEscaping.escapePercent(VMXEscaping.escapePipe(name)))
        }
        if let genid = domain.genid {
            vmx.set("vm.genid", "\(genid.halves.high)")
            vmx.set("vm.genidX", "\(genid.halves.low)")
        }
        if let description = domain.description { vmx.set("annotation", VMXEscaping.escapePipe(description)) }
        try memory(domain, into: &vmx)
        try processors(domain, into: &vmx)
        guard domain.graphics.count <= 1 else {
            throw VMXError.unsupported(element: "graphics", message: "VMX has one VNC display; found \(domain.graphics.count)")
        }
        if let vnc = domain.graphics.first { vncKeys(vnc, into: &vmx) }
        let writer = VMXDeviceWriter(converter: self, domain: domain)
        try writer.write(into: &vmx)
        return vmx
    }

    private func memory(_ domain: DomainDefinition, into vmx: inout VMXConfig) throws {
        guard domain.memoryKiB > 0 else { throw VMXError.unsupported(element: "memory", message: "must be more than 0") }
        let rounded = (domain.memoryKiB + 4095) / 4096 * 4096
        vmx.set("memsize", "\(rounded / 1024)")
        if domain.currentMemoryKiB < rounded { vmx.set("sched.mem.max", "\((domain.currentMemoryKiB + 1023) / 1024)") }
        if let minimum = domain.minGuaranteeKiB, minimum > 0 { vmx.set("sched.mem.minsize", "\((minimum + 1023) / 1024)") }
    }

    private func processors(_ domain: DomainDefinition, into vmx: inout VMXConfig) throws {
        if let current = domain.currentVcpus, current != domain.vcpus {
            throw VMXError.unsupported(element: "vcpu", message: "attribute 'current' (offline vCPUs) has no VMX form")
        }
        vmx.set("numvcpus", "\(domain.vcpus)")
        if let topology = domain.cpuTopology {
            guard topology.threads == 1 else {
                throw VMXError.unsupported(element: "topology", message: "only 1 thread per core is supported")
            }
            guard topology.dies == 1, topology.clusters == 1 else {
                throw VMXError.unsupported(element: "topology", message: "only 1 die and 1 cluster per socket are supported")
            }
            guard topology.sockets * topology.cores == domain.vcpus else {
                throw VMXError.unsupported(
                    element: "topology",
                    message: "sockets × cores is \(topology.sockets * topology.cores) but <vcpu> is \(domain.vcpus)")
            }
            vmx.set("cpuid.coresPerSocket", "\(topology.cores)")
        }
        if let cpuset = domain.cpuset {
            guard cpuset.cpus.count >= domain.vcpus else {
                throw VMXError.unsupported(
                    element: "vcpu", message: "attribute 'cpuset' must list at least \(domain.vcpus) CPU(s)")
            }
            vmx.set("sched.cpu.affinity", cpuset.cpus.map(String.init).joined(separator: ","))
        }
        if let shares = domain.cpuShares {
            let vcpus = UInt64(domain.vcpus)
            let named = [500: "low", 1000: "normal", 2000: "high"].first { UInt64($0.key) * vcpus == shares }
            vmx.set("sched.cpu.shares", named?.value ?? "\(shares)")
        }
    }

    private func vncKeys(_ vnc: DomainGraphics, into vmx: inout VMXConfig) {
        vmx.set("RemoteDisplay.vnc.enabled", "true")
        if !vnc.autoport, let port = vnc.port { vmx.set("RemoteDisplay.vnc.port", "\(port)") }
        if let listen = vnc.listen { vmx.set("RemoteDisplay.vnc.ip", listen) }
        if let keymap = vnc.keymap { vmx.set("RemoteDisplay.vnc.keymap", keymap) }
        if let password = vnc.password { vmx.set("RemoteDisplay.vnc.password", password) }
    }
}
