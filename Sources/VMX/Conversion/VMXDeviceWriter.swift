/// Writes domain devices as VMX keys.
struct VMXDeviceWriter {
    let converter: DomainToVMX
    let domain: DomainDefinition

    var hardwareVersion: Int { converter.virtualHardwareVersion }
    var resolver: any VMXFileNameResolver { converter.resolver }

    func write(into vmx: inout VMXConfig) throws {
        let placed = try placedDisks()
        let hasSCSI = try controllers(placed, into: &vmx)
        var floppies = [false, false]
        for (disk, address) in placed {
            if disk.device == .floppy {
                floppies[address.unit] = true
                try floppy(disk, unit: address.unit, into: &vmx)
            } else {
                try self.disk(disk, address: address, into: &vmx)
            }
        }
        for (unit, present) in floppies.enumerated() where !present { vmx.set("floppy\(unit).present", "false") }
        try sharedFolders(into: &vmx)
        let ethernet = VMXEthernetWriter(hardwareVersion: hardwareVersion)
        for (index, interface) in domain.interfaces.enumerated() { try ethernet.write(interface, index: index, into: &vmx) }
        try video(into: &vmx)
        try VMXPortWriter(resolver: resolver).write(serials: domain.serials, parallels: domain.parallels, into: &vmx)
        if let firmware = domain.os.firmware { vmx.set("firmware", firmware.rawValue) }
        if hardwareVersion >= 7 {
            if hasSCSI {
                vmx.set("pciBridge0.present", "true")
                for bridge in 4...7 {
                    vmx.set("pciBridge\(bridge).present", "true")
                    vmx.set("pciBridge\(bridge).virtualDev", "pcieRootPort")
                    vmx.set("pciBridge\(bridge).functions", "8")
                }
            }
            vmx.set("vmci0.present", "true")
        }
    }

    private func sharedFolders(into vmx: inout VMXConfig) throws {
        guard !domain.filesystems.isEmpty else { return }
        vmx.set("isolation.tools.hgfs.disable", "false")
        vmx.set("sharedFolder.maxNum", "\(domain.filesystems.count)")
        for (number, folder) in domain.filesystems.enumerated() {
            let prefix = "sharedFolder\(number)."
            vmx.set(prefix + "present", "true")
            vmx.set(prefix + "enabled", "true")
            vmx.set(prefix + "readAccess", "true")
            vmx.set(prefix + "writeAccess", folder.readonly ? "false" : "true")
            vmx.set(prefix + "hostPath", folder.source)
            vmx.set(prefix + "guestName", folder.target)
        }
    }

    private func video(into vmx: inout VMXConfig) throws {
        guard let video = domain.videos.first else { return }
        guard domain.videos.count == 1 else {
            throw VMXError.unsupported(element: "video", message: "VMX has one video device; found \(domain.videos.count)")
        }
        if let heads = video.heads, heads > 1 {
            throw VMXError.unsupported(element: "model", message: "multi-head video devices are unsupported")
        }
        // Windows guests want a multiple of 64 KiB (VMware KB 1003).
        let kibibytes = (video.vramKiB + 63) / 64 * 64
        vmx.set("svga.vramSize", "\(kibibytes * 1024)")
    }
}
