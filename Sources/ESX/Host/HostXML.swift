import Foundation
import VMX

/// libvirt's capabilities XML for an ESX host (`virCapabilitiesFormatXML`'s element order).
public enum CapabilitiesXML {
    public static func format(_ caps: HostCapabilities) -> String {
        var w = XMLWriter()
        w.open("capabilities")
        w.open("host")
        if let uuid = caps.hostUUID { w.leaf("uuid", text: uuid) }
        w.open("cpu")
        w.leaf("arch", text: caps.hostArch)
        w.close("cpu")
        w.empty("power_management")
        w.empty("iommu", ["support": "no"])
        w.open("migration_features")
        if caps.liveMigration { w.empty("live") }
        if !caps.migrationTransports.isEmpty {
            w.open("uri_transports")
            for transport in caps.migrationTransports { w.leaf("uri_transport", text: transport) }
            w.close("uri_transports")
        }
        w.close("migration_features")
        w.close("host")
        for guest in caps.guests {
            w.open("guest")
            w.leaf("os_type", text: guest.osType)
            w.open("arch", ["name": guest.arch])
            w.leaf("wordsize", text: "\(guest.wordSize)")
            w.empty("domain", ["type": guest.domainType])
            w.close("arch")
            w.close("guest")
        }
        w.close("capabilities")
        return w.text
    }
}

/// libvirt's `<sysinfo type='smbios'>` XML (`virSysinfoFormat`): `<bios>` then `<system>`,
/// each entry only when the host reports it.
public enum SysinfoXML {
    public static func format(_ info: HostSysinfo) -> String {
        var w = XMLWriter()
        w.open("sysinfo", ["type": "smbios"])
        section(&w, "bios", [("vendor", info.biosVendor), ("version", info.biosVersion), ("date", info.biosDate),
            ("release", info.biosRelease)])
        section(&w, "system", [("manufacturer", info.manufacturer), ("product", info.product), ("version", nil),
            ("serial", info.serial), ("uuid", info.uuid), ("sku", nil), ("family", info.family)])
        w.close("sysinfo")
        return w.text
    }

    private static func section(_ w: inout XMLWriter, _ name: String, _ entries: [(String, String?)]) {
        let present = entries.compactMap { entry in entry.1.flatMap { $0.isEmpty ? nil : (entry.0, $0) } }
        guard !present.isEmpty else { return }
        w.open(name)
        for (key, value) in present { w.leaf("entry", ["name": key], text: value) }
        w.close(name)
    }
}
