/// Places disks on VMX slots and writes disk and controller keys.
extension VMXDeviceWriter {
    var wideSCSI: Bool { hardwareVersion >= 13 }

    /// Each disk with its checked drive address, in document order.
    func placedDisks() throws -> [(DomainDisk, DriveAddress)] {
        var used = Set<String>()
        return try domain.disks.map { disk in
            let address = try self.address(of: disk)
            let slot = "\(disk.bus.rawValue):\(address.controller):\(address.bus):\(address.unit)"
            guard used.insert(slot).inserted else {
                throw VMXError.unsupported(element: "disk", message: "two disks use the slot of '\(disk.target)'")
            }
            return (disk, address)
        }
    }

    private func address(of disk: DomainDisk) throws -> DriveAddress {
        let matchesBus: Bool
        switch disk.device {
        case .floppy: matchesBus = disk.bus == .fdc
        case .disk: matchesBus = disk.bus != .fdc
        case .cdrom, .lun: matchesBus = disk.bus != .fdc && disk.bus != .nvme
        }
        guard matchesBus else {
            throw VMXError.unsupported(
                element: "disk", message: "a \(disk.device.rawValue) on bus '\(disk.bus.rawValue)' has no VMX form")
        }
        let fromName = DiskNaming.address(ofTarget: disk.target, bus: disk.bus, wideSCSI: wideSCSI)
        guard let address = disk.address ?? fromName else {
            throw VMXError.unsupported(
                element: "target", message: "cannot derive a \(disk.bus.rawValue) slot from dev '\(disk.target)'")
        }
        if disk.address != nil {
            let narrow = DiskNaming.address(ofTarget: disk.target, bus: disk.bus, wideSCSI: false)
            let wide = DiskNaming.address(ofTarget: disk.target, bus: disk.bus, wideSCSI: true)
            guard address == narrow || address == wide else {
                throw VMXError.unsupported(
                    element: "address",
                    message: "disk address \(address.controller):\(address.bus):\(address.unit) "
                        + "does not match target device '\(disk.target)'")
            }
        }
        try checkRange(address, bus: disk.bus)
        return address
    }

    private func checkRange(_ address: DriveAddress, bus: DomainDisk.Bus) throws {
        func fail(_ message: String) -> VMXError { .unsupported(element: "address", message: message) }
        guard address.target == 0 else { throw fail("target index \(address.target) out of [0] range") }
        switch bus {
        case .scsi, .sata, .nvme:
            let units: String
            let valid: Bool
            switch bus {
            case .scsi:
                let max = DiskNaming.scsiMaxUnit(wide: wideSCSI)
                units = "[0..6,8..\(max)]"
                valid = address.unit <= max && address.unit != 7
            case .sata:
                units = "[0..29]"
                valid = address.unit < DiskNaming.sataUnitsPerController
            default:
                let count = DiskNaming.nvmeUnitsPerController(virtualHW: hardwareVersion)
                units = "[0..\(count - 1)]"
                valid = address.unit < count
            }
            guard address.controller <= 3 else {
                throw fail("\(bus.rawValue) controller index \(address.controller) out of [0..3] range")
            }
            guard address.bus == 0 else { throw fail("\(bus.rawValue) bus index \(address.bus) out of [0] range") }
            guard valid else { throw fail("\(bus.rawValue) unit index \(address.unit) out of \(units) range") }
        case .ide:
            guard address.controller == 0 else { throw fail("IDE controller index \(address.controller) out of [0] range") }
            guard address.bus <= 1 else { throw fail("IDE bus index \(address.bus) out of [0..1] range") }
            guard address.unit <= 1 else { throw fail("IDE unit index \(address.unit) out of [0..1] range") }
        case .fdc:
            guard address.controller == 0, address.bus == 0 else { throw fail("FDC controller and bus must be 0") }
            guard address.unit <= 1 else { throw fail("FDC unit index \(address.unit) out of [0..1] range") }
        }
    }

    /// Writes `scsiN`, `sataN` and `nvmeN` keys for declared controllers and those disks use;
    /// returns whether any SCSI controller is present.
    func controllers(_ placed: [(DomainDisk, DriveAddress)], into vmx: inout VMXConfig) throws -> Bool {
        var declared: [DomainController.Kind: [Int: DomainController]] = [:]
        for controller in domain.controllers {
            switch controller.type {
            case .ide, .fdc:
                guard controller.index == 0 else {
                    throw VMXError.unsupported(
                        element: "controller", message: "\(controller.type.rawValue) controller index must be 0")
                }
            case .scsi, .sata, .nvme:
                guard controller.index <= 3 else {
                    throw VMXError.unsupported(
                        element: "controller",
                        message: "\(controller.type.rawValue) controller index \(controller.index) out of [0..3] range")
                }
                guard declared[controller.type, default: [:]].updateValue(controller, forKey: controller.index) == nil else {
                    throw VMXError.unsupported(
                        element: "controller", message: "\(controller.type.rawValue) controller \(controller.index) is declared twice")
                }
            }
        }
        var hasSCSI = false
        for (kind, bus) in [(DomainController.Kind.scsi, DomainDisk.Bus.scsi), (.sata, .sata), (.nvme, .nvme)] {
            for index in 0..<4 {
                let disks = placed.filter { $0.0.bus == bus && $0.1.controller == index }.map(\.0)
                let controller = declared[kind]?[index]
                guard controller != nil || !disks.isEmpty else { continue }
                let prefix = "\(kind.rawValue)\(index)"
                vmx.set(prefix + ".present", "true")
                if kind == .scsi {
                    hasSCSI = true
                    if var model = controller?.model {
                        if model == .auto { model = try converter.autoSCSIModel(disks) }
                        guard model != .auto else {
                            throw VMXError.unsupported(element: "controller", message: "SCSI model autodetection gave 'auto'")
                        }
                        vmx.set(prefix + ".virtualDev", model.vmxName)
                    }
                }
                if let address = controller?.address {
                    vmx.set(prefix + ".pciSlotNumber", try VMXEthernetWriter.slotNumber(address, element: "controller"))
                }
            }
        }
        return hasSCSI
    }

    func disk(_ disk: DomainDisk, address: DriveAddress, into vmx: inout VMXConfig) throws {
        let prefix: String
        switch disk.bus {
        case .ide: prefix = "ide\(address.bus):\(address.unit)."
        default: prefix = "\(disk.bus.rawValue)\(address.controller):\(address.unit)."
        }
        func fail(_ message: String) -> VMXError { .unsupported(element: "disk", message: "'\(disk.target)': " + message) }
        let deviceType: String?
        switch (disk.device, disk.type) {
        case (.disk, .file): deviceType = disk.bus == .scsi ? "scsi-hardDisk" : disk.bus == .ide ? "ata-hardDisk" : nil
        case (.disk, .block): throw fail("a hard disk must have type 'file'")
        case (.cdrom, .file): deviceType = "cdrom-image"
        case (.cdrom, .block): deviceType = "atapi-cdrom"
        case (.lun, .block):
            deviceType = disk.bus == .scsi && disk.source?.hasPrefix("/vmfs/devices/cdrom/") == true
                ? "scsi-passthru" : "cdrom-raw"
        case (.lun, .file): throw fail("a raw CD-ROM (device 'lun') must have type 'block'")
        case (.floppy, _): throw fail("a floppy must be on bus 'fdc'")
        }
        if disk.readonly && disk.device == .disk { throw fail("a read-only hard disk has no VMX form") }
        vmx.set(prefix + "present", "true")
        if let deviceType { vmx.set(prefix + "deviceType", deviceType) }
        if disk.type == .file {
            if disk.startupPolicyOptional { throw fail("startupPolicy needs a host CD-ROM (type 'block')") }
            if let source = disk.source {
                let suffix = disk.device == .disk ? ".vmdk" : ".iso"
                guard source.lowercased().hasSuffix(suffix) else { throw fail("the image must end in '\(suffix)'") }
                vmx.set(prefix + "fileName", try resolver.vmxFileName(fromDomain: source))
            } else if disk.device == .cdrom {
                vmx.set(prefix + "fileName", "emptyBackingString")
            } else {
                throw fail("a hard disk needs a <source file>")
            }
        } else if disk.source == nil && disk.startupPolicyOptional {
            vmx.set(prefix + "autodetect", "true")
            vmx.set(prefix + "fileName", "auto detect")
        } else if let source = disk.source {
            vmx.set(prefix + "fileName", source)
        } else {
            throw fail("a host drive needs a <source dev>")
        }
        if disk.writeThrough { vmx.set(prefix + "writeThrough", "true") }
        if disk.transient { vmx.set(prefix + "mode", "independent-nonpersistent") }
    }

    func floppy(_ disk: DomainDisk, unit: Int, into vmx: inout VMXConfig) throws {
        let prefix = "floppy\(unit)."
        if disk.writeThrough || disk.transient || disk.startupPolicyOptional {
            throw VMXError.unsupported(element: "disk", message: "'\(disk.target)': floppy options have no VMX form")
        }
        vmx.set(prefix + "present", "true")
        vmx.set(prefix + "fileType", disk.type == .file ? "file" : "device")
        if let source = disk.source {
            vmx.set(prefix + "fileName", disk.type == .file ? try resolver.vmxFileName(fromDomain: source) : source)
        }
    }
}
