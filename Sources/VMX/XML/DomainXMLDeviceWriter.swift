/// Writes `<devices>` in libvirt's order: disks, controllers, filesystems, interfaces, serials,
/// parallels, consoles, graphics, video.
enum DomainXMLDeviceWriter {
    static func write(_ domain: DomainDefinition, to writer: inout XMLWriter) {
        writer.open("devices")
        for disk in domain.disks { write(disk, to: &writer) }
        for controller in domain.controllers {
            let attributes: XMLWriter.Attributes = [
                "type": controller.type.rawValue, "index": "\(controller.index)", "model": controller.model?.rawValue,
            ]
            if let address = controller.address {
                writer.open("controller", attributes)
                write(address, to: &writer)
                writer.close("controller")
            } else {
                writer.empty("controller", attributes)
            }
        }
        for filesystem in domain.filesystems {
            writer.open("filesystem", ["type": "mount", "accessmode": filesystem.accessMode])
            writer.empty("source", ["dir": filesystem.source])
            writer.empty("target", ["dir": filesystem.target])
            if filesystem.readonly { writer.empty("readonly") }
            writer.close("filesystem")
        }
        for interface in domain.interfaces { DomainXMLInterfaceWriter.write(interface, to: &writer) }
        for serial in domain.serials { write(serial, element: "serial", targetType: nil, to: &writer) }
        for parallel in domain.parallels { write(parallel, element: "parallel", targetType: nil, to: &writer) }
        if let first = domain.serials.first { write(first, element: "console", targetType: "serial", to: &writer) }
        for graphics in domain.graphics { write(graphics, to: &writer) }
        for video in domain.videos {
            writer.open("video")
            writer.empty(
                "model",
                [
                    "type": video.model, "vram": "\(video.vramKiB)", "heads": video.heads.map { "\($0)" },
                    "primary": video.primary ? "yes" : nil,
                ])
            writer.close("video")
        }
        writer.close("devices")
    }

    static func write(_ disk: DomainDisk, to writer: inout XMLWriter) {
        writer.open("disk", ["type": disk.type.rawValue, "device": disk.device.rawValue])
        if disk.writeThrough { writer.empty("driver", ["cache": "writethrough"]) }
        let policy = disk.startupPolicyOptional ? "optional" : nil
        if disk.source != nil || policy != nil {
            if disk.type == .file {
                writer.empty("source", ["file": disk.source, "startupPolicy": policy])
            } else {
                writer.empty("source", ["dev": disk.source, "startupPolicy": policy])
            }
        }
        writer.empty("target", ["dev": disk.target, "bus": disk.bus.rawValue])
        if disk.readonly { writer.empty("readonly") }
        if disk.transient { writer.empty("transient") }
        if let address = disk.address {
            writer.empty(
                "address",
                [
                    "type": "drive", "controller": "\(address.controller)", "bus": "\(address.bus)",
                    "target": "\(address.target)", "unit": "\(address.unit)",
                ])
        }
        writer.close("disk")
    }

    static func write(_ address: PCIAddress, to writer: inout XMLWriter) {
        writer.empty(
            "address",
            [
                "type": "pci", "domain": hex(address.domain, digits: 4), "bus": hex(address.bus, digits: 2),
                "slot": hex(address.slot, digits: 2), "function": "0x" + String(address.function, radix: 16),
            ])
    }

    static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func write(_ device: DomainCharDevice, element: String, targetType: String?, to writer: inout XMLWriter) {
        writer.open(element, ["type": device.typeName])
        switch device.source {
        case .device(let path), .file(let path), .pipe(let path):
            writer.empty("source", ["path": path])
        case .tcp(let endpoint):
            writer.empty(
                "source", ["mode": endpoint.listen ? "bind" : "connect", "host": endpoint.host, "service": endpoint.service])
            writer.empty("protocol", ["type": endpoint.wireProtocol.rawValue])
        }
        writer.empty("target", ["type": targetType, "port": "\(device.port)"])
        writer.close(element)
    }

    static func write(_ graphics: DomainGraphics, to writer: inout XMLWriter) {
        let attributes: XMLWriter.Attributes = [
            "type": "vnc", "port": graphics.autoport ? "-1" : graphics.port.map { "\($0)" },
            "autoport": graphics.autoport ? "yes" : "no", "listen": graphics.listen, "keymap": graphics.keymap,
            "passwd": graphics.password,
        ]
        writer.open("graphics", attributes)
        writer.empty("listen", ["type": "address", "address": graphics.listen])
        writer.close("graphics")
    }
}

/// Writes `<interface>`.
enum DomainXMLInterfaceWriter {
    static func write(_ interface: DomainInterface, to writer: inout XMLWriter) {
        let type: String
        switch interface.connection {
        case .bridge: type = "bridge"
        case .user: type = "user"
        case .null: type = "null"
        case .vds: type = "vds"
        }
        writer.open("interface", ["type": type])
        if let mac = interface.mac {
            writer.empty(
                "mac",
                [
                    "address": mac.description, "type": interface.macType?.rawValue,
                    "check": interface.macCheck.map { $0 ? "yes" : "no" },
                ])
        }
        switch interface.connection {
        case .bridge(let network): writer.empty("source", ["bridge": network])
        case .vds(let port):
            writer.empty(
                "source",
                [
                    "switchid": port.switchID.description, "portid": port.portID.map { "\($0)" },
                    "portgroupid": port.portgroupID, "connectionid": port.connectionID.map { "\($0)" },
                ])
        case .user, .null: break
        }
        if let device = interface.targetDevice { writer.empty("target", ["dev": device]) }
        if let model = interface.model { writer.empty("model", ["type": model.rawValue]) }
        if let address = interface.address { DomainXMLDeviceWriter.write(address, to: &writer) }
        writer.close("interface")
    }
}
