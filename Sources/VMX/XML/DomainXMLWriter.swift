/// Writes ``DomainDefinition`` in libvirt's element and attribute order.
enum DomainXMLWriter {
    static func write(_ domain: DomainDefinition, to writer: inout XMLWriter) {
        writer.open(
            "domain", ["type": domain.virtType, "xmlns:vmware": domain.vmware.isEmpty ? nil : VMwareMetadata.namespace])
        if let name = domain.name { writer.leaf("name", text: name) }
        writer.leaf("uuid", text: domain.uuid.description)
        if let genid = domain.genid { writer.leaf("genid", text: genid.description) }
        if let description = domain.description { writer.leaf("description", text: description) }
        writer.leaf("memory", ["unit": "KiB"], text: "\(domain.memoryKiB)")
        writer.leaf("currentMemory", ["unit": "KiB"], text: "\(domain.currentMemoryKiB)")
        if let minimum = domain.minGuaranteeKiB {
            writer.open("memtune")
            writer.leaf("min_guarantee", ["unit": "KiB"], text: "\(minimum)")
            writer.close("memtune")
        }
        writer.leaf(
            "vcpu",
            ["placement": "static", "cpuset": domain.cpuset?.description, "current": domain.currentVcpus.map { "\($0)" }],
            text: "\(domain.vcpus)")
        if let shares = domain.cpuShares {
            writer.open("cputune")
            writer.leaf("shares", text: "\(shares)")
            writer.close("cputune")
        }
        writer.open("os", ["firmware": domain.os.firmware?.rawValue])
        writer.leaf("type", ["arch": domain.os.arch.rawValue], text: domain.os.type)
        if let mode = domain.os.smbiosMode { writer.empty("smbios", ["mode": mode.rawValue]) }
        writer.close("os")
        if let topology = domain.cpuTopology {
            writer.open("cpu")
            writer.empty(
                "topology",
                [
                    "sockets": "\(topology.sockets)", "dies": "\(topology.dies)", "clusters": "\(topology.clusters)",
                    "cores": "\(topology.cores)", "threads": "\(topology.threads)",
                ])
            writer.close("cpu")
        }
        writer.empty("clock", ["offset": domain.clockOffset])
        writer.leaf("on_poweroff", text: domain.onPoweroff)
        writer.leaf("on_reboot", text: domain.onReboot)
        writer.leaf("on_crash", text: domain.onCrash)
        DomainXMLDeviceWriter.write(domain, to: &writer)
        if let path = domain.vmware.datacenterPath { writer.leaf("vmware:datacenterpath", text: path) }
        if let moref = domain.vmware.moref { writer.leaf("vmware:moref", text: moref) }
        writer.close("domain")
    }
}
