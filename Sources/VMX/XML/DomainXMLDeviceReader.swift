/// Reads `<devices>`.
enum DomainXMLDeviceReader {
    static func devices(_ element: XMLElement, into domain: inout DomainDefinition) throws {
        try element.expect(children: [
            "disk", "controller", "filesystem", "interface", "serial", "parallel", "console", "graphics", "video",
        ])
        var consoles: [XMLElement] = []
        for child in element.children {
            switch child.name {
            case "disk": domain.disks.append(try disk(child))
            case "controller": domain.controllers.append(try controller(child))
            case "filesystem": domain.filesystems.append(try filesystem(child))
            case "interface": domain.interfaces.append(try DomainXMLInterfaceReader.interface(child))
            case "serial": domain.serials.append(try DomainXMLCharReader.character(child, serial: true))
            case "parallel": domain.parallels.append(try DomainXMLCharReader.character(child, serial: false))
            case "console": consoles.append(child)
            case "graphics": domain.graphics.append(try graphics(child))
            default: domain.videos.append(try video(child))
            }
        }
        for console in consoles { try DomainXMLCharReader.checkConsole(console, serials: domain.serials) }
    }

    static func disk(_ element: XMLElement) throws -> DomainDisk {
        try element.expect(
            attributes: ["type", "device"],
            children: ["driver", "source", "target", "readonly", "transient", "address"])
        let type = try element.enumeration("type", DomainDisk.SourceType.self) ?? .file
        let device = try element.enumeration("device", DomainDisk.Device.self) ?? .disk
        let target = try element.requiredChild("target")
        try target.expect(attributes: ["dev", "bus"])
        let dev = try target.requiredAttribute("dev")
        guard let bus = try target.enumeration("bus", DomainDisk.Bus.self) ?? DiskNaming.bus(ofTarget: dev) else {
            throw target.invalid("dev", dev, expected: "a name starting with 'sd', 'hd', 'fd' or 'nvme'")
        }
        var disk = DomainDisk(type: type, device: device, target: dev, bus: bus)
        if let driver = try element.child("driver") {
            try driver.expect(attributes: ["cache"])
            switch driver.attribute("cache") {
            case nil, "default": break
            case "writethrough": disk.writeThrough = true
            case let other?: throw driver.invalid("cache", other, expected: "'default' or 'writethrough'")
            }
        }
        if let source = try element.child("source") {
            try source.expect(attributes: [type == .file ? "file" : "dev", "startupPolicy"])
            disk.source = source.attribute(type == .file ? "file" : "dev")
            if let policy = source.attribute("startupPolicy") {
                guard policy == "optional" else { throw source.invalid("startupPolicy", policy, expected: "'optional'") }
                disk.startupPolicyOptional = true
            }
        }
        if let readonly = try element.child("readonly") {
            try readonly.expect()
            disk.readonly = true
        }
        if let transient = try element.child("transient") {
            try transient.expect()
            disk.transient = true
        }
        if let address = try element.child("address") {
            try address.expect(attributes: ["type", "controller", "bus", "target", "unit"])
            let kind = try address.requiredAttribute("type")
            guard kind == "drive" else { throw address.invalid("type", kind, expected: "'drive'") }
            disk.address = DriveAddress(
                controller: try address.integer("controller", in: 0...255) ?? 0,
                bus: try address.integer("bus", in: 0...255) ?? 0, target: try address.integer("target", in: 0...255) ?? 0,
                unit: try address.integer("unit", in: 0...255) ?? 0)
        }
        return disk
    }

    static func controller(_ element: XMLElement) throws -> DomainController {
        try element.expect(attributes: ["type", "index", "model"], children: ["address"])
        guard let type = try element.enumeration("type", DomainController.Kind.self) else {
            throw DomainXMLError.missingAttribute(name: "type", element: "controller", line: element.line)
        }
        var controller = DomainController(type: type, index: try element.integer("index", in: 0...255) ?? 0)
        if let model = element.attribute("model") {
            guard type == .scsi, let value = SCSIControllerModel(rawValue: model) else {
                throw element.invalid(
                    "model", model,
                    expected: type == .scsi
                        ? SCSIControllerModel.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
                        : "absent for a '\(type.rawValue)' controller")
            }
            controller.model = value
        }
        controller.address = try element.child("address").map(pciAddress)
        return controller
    }

    static func pciAddress(_ element: XMLElement) throws -> PCIAddress {
        try element.expect(attributes: ["type", "domain", "bus", "slot", "function", "multifunction"])
        let kind = try element.requiredAttribute("type")
        guard kind == "pci" else { throw element.invalid("type", kind, expected: "'pci'") }
        return PCIAddress(
            domain: try element.integer("domain", in: 0...0xFFFF) ?? 0, bus: try element.integer("bus", in: 0...0xFF) ?? 0,
            slot: try element.integer("slot", in: 0...0x1F) ?? 0, function: try element.integer("function", in: 0...7) ?? 0)
    }

    static func filesystem(_ element: XMLElement) throws -> DomainFilesystem {
        try element.expect(attributes: ["type", "accessmode"], children: ["source", "target", "readonly"])
        if let type = element.attribute("type"), type != "mount" {
            throw element.invalid("type", type, expected: "'mount'")
        }
        let source = try element.requiredChild("source")
        try source.expect(attributes: ["dir"])
        let target = try element.requiredChild("target")
        try target.expect(attributes: ["dir"])
        if let readonly = try element.child("readonly") { try readonly.expect() }
        var filesystem = DomainFilesystem(
            source: try source.requiredAttribute("dir"), target: try target.requiredAttribute("dir"),
            readonly: try element.child("readonly") != nil)
        filesystem.accessMode = element.attribute("accessmode") ?? filesystem.accessMode
        return filesystem
    }

    static func graphics(_ element: XMLElement) throws -> DomainGraphics {
        try element.expect(attributes: ["type", "port", "autoport", "listen", "keymap", "passwd"], children: ["listen"])
        let type = try element.requiredAttribute("type")
        guard type == "vnc" else { throw element.invalid("type", type, expected: "'vnc'") }
        let port = try element.integer("port", in: -1...65535)
        let autoport = try element.yesNo("autoport") ?? (port == nil || port == -1)
        var listen = element.attribute("listen")
        for child in element.children {
            try child.expect(attributes: ["type", "address"])
            if let kind = child.attribute("type"), kind != "address" {
                throw child.invalid("type", kind, expected: "'address'")
            }
            listen = listen ?? child.attribute("address")
        }
        return DomainGraphics(
            port: autoport ? nil : (port == -1 ? nil : port), autoport: autoport, listen: listen,
            keymap: element.attribute("keymap"), password: element.attribute("passwd"))
    }

    static func video(_ element: XMLElement) throws -> DomainVideo {
        try element.expect(children: ["model"])
        let model = try element.requiredChild("model")
        try model.expect(attributes: ["type", "vram", "heads", "primary"])
        let type = try model.requiredAttribute("type")
        guard type == "vmvga" else { throw model.invalid("type", type, expected: "'vmvga'") }
        var video = DomainVideo(
            vramKiB: UInt64(try model.integer("vram") ?? 4096), heads: try model.integer("heads", in: 1...16))
        video.primary = try model.yesNo("primary") ?? true
        return video
    }
}
