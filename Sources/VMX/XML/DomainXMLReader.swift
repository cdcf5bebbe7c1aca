/// Reads the top-level elements of `<domain>`.
enum DomainXMLReader {
    static let topLevel: Set<String> = [
        "name", "uuid", "genid", "description", "memory", "currentMemory", "memtune", "vcpu", "cputune", "os", "cpu",
        "clock", "on_poweroff", "on_reboot", "on_crash", "devices", "vmware:datacenterpath", "vmware:moref",
    ]

    static func domain(_ root: XMLElement) throws -> DomainDefinition {
        try root.expect(attributes: ["type", "id"], children: topLevel)
        var domain = DomainDefinition()
        domain.virtType = try root.requiredAttribute("type")
        domain.name = try root.child("name").map(textContent)
        if let uuid = try root.child("uuid") { domain.uuid = try self.uuid(uuid) }
        domain.genid = try root.child("genid").map(uuid)
        domain.description = try root.child("description").map { element in
            try element.expect(text: true)
            return element.text
        }
        let memory = try root.requiredChild("memory")
        domain.memoryKiB = try kibibytes(memory)
        domain.currentMemoryKiB = try root.child("currentMemory").map(kibibytes) ?? domain.memoryKiB
        if let memtune = try root.child("memtune") {
            try memtune.expect(children: ["min_guarantee"])
            domain.minGuaranteeKiB = try memtune.child("min_guarantee").map(kibibytes)
        }
        try vcpu(try root.child("vcpu"), into: &domain)
        if let cputune = try root.child("cputune") {
            try cputune.expect(children: ["shares"])
            if let shares = try cputune.child("shares") {
                try shares.expect(text: true)
                guard let value = UInt64(shares.trimmedText) else {
                    throw shares.invalid(nil, shares.trimmedText, expected: "an unsigned integer")
                }
                domain.cpuShares = value
            }
        }
        domain.os = try os(try root.requiredChild("os"))
        domain.cpuTopology = try root.child("cpu").flatMap(cpu)
        if let clock = try root.child("clock") {
            try clock.expect(attributes: ["offset"])
            domain.clockOffset = clock.attribute("offset") ?? "utc"
        }
        domain.onPoweroff = try lifecycle(root, "on_poweroff") ?? domain.onPoweroff
        domain.onReboot = try lifecycle(root, "on_reboot") ?? domain.onReboot
        domain.onCrash = try lifecycle(root, "on_crash") ?? domain.onCrash
        if let devices = try root.child("devices") { try DomainXMLDeviceReader.devices(devices, into: &domain) }
        domain.vmware.datacenterPath = try vmware(root, "vmware:datacenterpath")
        domain.vmware.moref = try vmware(root, "vmware:moref")
        return domain
    }

    static func textContent(_ element: XMLElement) throws -> String {
        try element.expect(text: true)
        return element.trimmedText
    }

    static func uuid(_ element: XMLElement) throws -> DomainUUID {
        try element.expect(text: true)
        guard let uuid = DomainUUID(element.trimmedText) else {
            throw element.invalid(nil, element.trimmedText, expected: "a UUID")
        }
        return uuid
    }

    /// The element's number in KiB, scaled by its `unit` attribute (libvirt's units).
    static func kibibytes(_ element: XMLElement) throws -> UInt64 {
        try element.expect(attributes: ["unit"], text: true)
        let text = element.trimmedText
        guard let number = UInt64(text) else { throw element.invalid(nil, text, expected: "an unsigned integer") }
        let unit = element.attribute("unit") ?? "KiB"
        let bytes: (multiplier: UInt64, divisor: UInt64)
        switch unit {
        case "b", "bytes": bytes = (1, 1024)
        case "KB": bytes = (1000, 1024)
        case "k", "KiB": bytes = (1, 1)
        case "MB": bytes = (1_000_000, 1024)
        case "M", "MiB": bytes = (1024, 1)
        case "GB": bytes = (1_000_000_000, 1024)
        case "G", "GiB": bytes = (1024 * 1024, 1)
        case "TB": bytes = (1_000_000_000_000, 1024)
        case "T", "TiB": bytes = (1024 * 1024 * 1024, 1)
        default: throw element.invalid("unit", unit, expected: "a libvirt memory unit such as 'KiB' or 'MiB'")
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: bytes.multiplier)
        guard !overflow, product / bytes.divisor <= UInt64(Int64.max) / 1024 else {
            throw element.invalid(nil, text, expected: "a size that fits in 64 bits")
        }
        return (product + bytes.divisor - 1) / bytes.divisor
    }

    static func vcpu(_ element: XMLElement?, into domain: inout DomainDefinition) throws {
        guard let element else { return }
        try element.expect(attributes: ["placement", "cpuset", "current"], text: true)
        if let placement = element.attribute("placement"), placement != "static" {
            throw element.invalid("placement", placement, expected: "'static'")
        }
        guard let count = Int(element.trimmedText), count >= 1, count <= 4096 else {
            throw element.invalid(nil, element.trimmedText, expected: "an integer in 1...4096")
        }
        domain.vcpus = count
        domain.currentVcpus = try element.integer("current", in: 1...4096)
        if let text = element.attribute("cpuset") {
            guard let set = CPUSet(parsing: text) else {
                throw element.invalid("cpuset", text, expected: "a CPU list such as '0-3,6'")
            }
            domain.cpuset = set
        }
    }

    static func os(_ element: XMLElement) throws -> DomainOS {
        try element.expect(attributes: ["firmware"], children: ["type", "smbios"])
        var os = DomainOS()
        os.firmware = try element.enumeration("firmware", DomainOS.Firmware.self)
        let type = try element.requiredChild("type")
        try type.expect(attributes: ["arch"], text: true)
        guard type.trimmedText == "hvm" else { throw type.invalid(nil, type.trimmedText, expected: "'hvm'") }
        os.arch = try type.enumeration("arch", DomainOS.Arch.self) ?? .i686
        if let smbios = try element.child("smbios") {
            try smbios.expect(attributes: ["mode"])
            os.smbiosMode = try smbios.enumeration("mode", DomainOS.SMBIOSMode.self)
        }
        return os
    }

    static func cpu(_ element: XMLElement) throws -> CPUTopology? {
        try element.expect(attributes: ["mode", "match", "check"], children: ["topology"])
        if let mode = element.attribute("mode"), mode != "custom" {
            throw element.invalid("mode", mode, expected: "'custom'")
        }
        guard let topology = try element.child("topology") else { return nil }
        try topology.expect(attributes: ["sockets", "dies", "clusters", "cores", "threads"])
        func count(_ name: String) throws -> Int {
            guard let value = try topology.integer(name, in: 1...4096) else {
                throw DomainXMLError.missingAttribute(name: name, element: "topology", line: topology.line)
            }
            return value
        }
        return CPUTopology(
            sockets: try count("sockets"), dies: try topology.integer("dies", in: 1...4096) ?? 1,
            clusters: try topology.integer("clusters", in: 1...4096) ?? 1, cores: try count("cores"),
            threads: try count("threads"))
    }

    static func lifecycle(_ root: XMLElement, _ name: String) throws -> String? {
        guard let element = try root.child(name) else { return nil }
        try element.expect(text: true)
        return element.trimmedText
    }

    static func vmware(_ root: XMLElement, _ name: String) throws -> String? {
        guard let element = try root.child(name) else { return nil }
        guard element.namespace == VMwareMetadata.namespace else {
            throw DomainXMLError.unknownElement(name: name, parent: "domain", line: element.line)
        }
        try element.expect(text: true)
        return element.trimmedText
    }
}
