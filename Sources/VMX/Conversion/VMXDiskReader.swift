/// Reads SCSI, SATA, NVMe, IDE and floppy slots and their controllers.
extension VMXDeviceReader {
    func disks(into domain: inout DomainDefinition) throws {
        var scsi: [DomainController] = []
        var sata: [DomainController] = []
        var nvme: [DomainController] = []
        for index in 0..<4 {
            let prefix = "scsi\(index)"
            guard try config.bool(prefix + ".present", default: false) else { continue }
            var controller = DomainController(type: .scsi, index: index, address: try pciAddress(prefix))
            if config[prefix + ".virtualDev"] != nil {
                guard let model = SCSIControllerModel(vmxName: config[prefix + ".virtualDev"] ?? "") else {
                    throw config.invalid(prefix + ".virtualDev", expected: "'buslogic', 'lsilogic', 'lsisas1068' or 'pvscsi'")
                }
                controller.model = model
            }
            scsi.append(controller)
            for unit in 0...DiskNaming.scsiMaxUnit(wide: wideSCSI) where unit != 7 {
                if let disk = try disk(bus: .scsi, controller: index, unit: unit) { domain.disks.append(disk) }
            }
        }
        for index in 0..<4 {
            let prefix = "sata\(index)"
            guard try config.bool(prefix + ".present", default: false) else { continue }
            sata.append(DomainController(type: .sata, index: index, address: try pciAddress(prefix)))
            for unit in 0..<DiskNaming.sataUnitsPerController {
                if let disk = try disk(bus: .sata, controller: index, unit: unit) { domain.disks.append(disk) }
            }
        }
        for index in 0..<4 {
            let prefix = "nvme\(index)"
            guard try config.bool(prefix + ".present", default: false) else { continue }
            nvme.append(DomainController(type: .nvme, index: index, address: try pciAddress(prefix)))
            for unit in 0..<DiskNaming.nvmeUnitsPerController(virtualHW: hardwareVersion) {
                if let disk = try disk(bus: .nvme, controller: index, unit: unit) { domain.disks.append(disk) }
            }
        }
        for bus in 0..<2 {
            for unit in 0..<2 {
                if let disk = try disk(bus: .ide, controller: bus, unit: unit) { domain.disks.append(disk) }
            }
        }
        for unit in 0..<2 {
            if let disk = try disk(bus: .fdc, controller: 0, unit: unit) { domain.disks.append(disk) }
        }
        var controllers: [DomainController] = []
        if domain.disks.contains(where: { $0.bus == .ide }) { controllers.append(DomainController(type: .ide, index: 0)) }
        if domain.disks.contains(where: { $0.bus == .fdc }) { controllers.append(DomainController(type: .fdc, index: 0)) }
        domain.controllers = controllers + scsi + sata + nvme
    }

    /// The disk in one slot, or nil when the slot is empty, absent or a client device.
    private func disk(bus: DomainDisk.Bus, controller: Int, unit: Int) throws -> DomainDisk? {
        let prefix: String
        let address: DriveAddress
        switch bus {
        case .ide:
            prefix = "ide\(controller):\(unit)"
            address = DriveAddress(controller: 0, bus: controller, unit: unit)
        case .fdc:
            prefix = "floppy\(unit)"
            address = DriveAddress(controller: 0, unit: unit)
        default:
            prefix = "\(bus == .scsi ? "scsi" : bus == .sata ? "sata" : "nvme")\(controller):\(unit)"
            address = DriveAddress(controller: controller, unit: unit)
        }
        // floppyN.present defaults to true; the other slots to false.
        guard try config.bool(prefix + ".present", default: bus == .fdc && config[prefix + ".fileType"] != nil) else {
            return nil
        }
        _ = try config.bool(prefix + ".startConnected", default: true)
        if try config.bool(prefix + ".clientDevice", default: false) { return nil }
        let target = DiskNaming.target(bus: bus, controller: controller, unit: unit, wideSCSI: wideSCSI)
        var disk: DomainDisk
        if bus == .fdc {
            disk = try floppy(prefix, target: target)
        } else if let media = try removableMedia(prefix, bus: bus, target: target) {
            disk = media
        } else {
            disk = try hardDisk(prefix, bus: bus, target: target)
        }
        disk.address = address
        return disk
    }

    private func floppy(_ prefix: String, target: String) throws -> DomainDisk {
        let fileName = config[prefix + ".fileName"]
        switch try config.requiredString(prefix + ".fileType").lowercased() {
        case "device":
            return DomainDisk(type: .block, device: .floppy, source: fileName, target: target, bus: .fdc)
        case "file":
            let source = try fileName.map { try resolver.domainPath(fromVMX: $0) }
            return DomainDisk(type: .file, device: .floppy, source: source, target: target, bus: .fdc)
        default:
            throw config.invalid(prefix + ".fileType", expected: "'device' or 'file'")
        }
    }

    private func hardDisk(_ prefix: String, bus: DomainDisk.Bus, target: String) throws -> DomainDisk {
        let fileNameKey = prefix + ".fileName"
        guard let fileName = config[fileNameKey], fileName.lowercased().hasSuffix(".vmdk") else {
            throw config.invalid(fileNameKey, expected: "a .vmdk hard disk or a CD-ROM backing")
        }
        if let deviceType = config[prefix + ".deviceType"]?.lowercased() {
            let expected = bus == .scsi ? "scsi-harddisk" : bus == .ide ? "ata-harddisk" : nil
            if deviceType != "disk", let expected, deviceType != expected {
                throw config.invalid(
                    prefix + ".deviceType", expected: "'\(bus == .scsi ? "scsi-hardDisk" : "ata-hardDisk")' or 'disk'")
            }
        }
        var disk = DomainDisk(
            type: .file, device: .disk, source: try resolver.domainPath(fromVMX: fileName), target: target, bus: bus)
        disk.writeThrough = try config.bool(prefix + ".writeThrough", default: false)
        disk.transient = config[prefix + ".mode"]?.lowercased() == "independent-nonpersistent"
        return disk
    }

    /// A CD-ROM (image, host drive, raw drive, passthrough) or nil when the slot holds a hard disk.
    private func removableMedia(_ prefix: String, bus: DomainDisk.Bus, target: String) throws -> DomainDisk? {
        let deviceTypeKey = prefix + ".deviceType"
        let deviceType = config[deviceTypeKey]?.lowercased()
        let fileName = config[prefix + ".fileName"]
        let isImage = fileName?.lowercased().hasSuffix(".iso") == true
        let isEmpty = fileName == "emptyBackingString" || fileName == ""
        let isPassthroughCDROM = deviceType == "scsi-passthru" && fileName?.hasPrefix("/vmfs/devices/cdrom/") == true
        if fileName?.lowercased().hasSuffix(".vmdk") == true && deviceType != "cdrom-image" { return nil }
        guard fileName == nil || isImage || isEmpty || isPassthroughCDROM
            || ["atapi-cdrom", "cdrom-raw", "cdrom-image"].contains(deviceType ?? "")
        else { return nil }
        guard bus != .nvme else {
            throw config.invalid(prefix + ".fileName", expected: "a .vmdk hard disk (NVMe slots hold no CD-ROM)")
        }
        var disk = DomainDisk(type: .file, device: .cdrom, target: target, bus: bus)
        disk.readonly = true
        if isImage || isEmpty {
            if let deviceType, deviceType != "cdrom-image" { throw config.invalid(deviceTypeKey, expected: "'cdrom-image'") }
            if isImage, let fileName {
                do {
                    disk.source = try resolver.domainPath(fromVMX: fileName)
                } catch VMXError.unknownDatastore {
                    disk.source = nil  // an image on a datastore this host lacks: an empty drive
                }
            }
        } else if deviceType == "atapi-cdrom" || deviceType == "cdrom-raw" {
            disk.type = .block
            disk.device = deviceType == "cdrom-raw" ? .lun : .cdrom
            if fileName?.lowercased() == "auto detect" {
                disk.startupPolicyOptional = true
            } else {
                disk.source = fileName
            }
        } else if isPassthroughCDROM && bus == .scsi {
            disk.type = .block
            disk.device = .lun
            disk.source = fileName
        } else {
            throw config.invalid(prefix + ".fileName", expected: "a .vmdk, .iso, host device or 'emptyBackingString'")
        }
        return disk
    }
}
