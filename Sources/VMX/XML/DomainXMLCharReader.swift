/// Reads `<serial>`, `<parallel>` and the `<console>` that mirrors the first serial port.
enum DomainXMLCharReader {
    static func character(_ element: XMLElement, serial: Bool) throws -> DomainCharDevice {
        try element.expect(attributes: ["type"], children: ["source", "protocol", "target"])
        let type = try element.requiredAttribute("type")
        let target = try element.requiredChild("target")
        try target.expect(attributes: ["port"])
        guard let port = try target.integer("port", in: 0...(serial ? 3 : 2)) else {
            throw DomainXMLError.missingAttribute(name: "port", element: "target", line: target.line)
        }
        let source = try element.requiredChild("source")
        switch type {
        case "dev", "file", "pipe":
            if let proto = try element.child("protocol") {
                throw DomainXMLError.unknownElement(name: "protocol", parent: element.name, line: proto.line)
            }
            try source.expect(attributes: ["path"])
            let path = try source.requiredAttribute("path")
            let kind: DomainCharDevice.Source =
                type == "dev" ? .device(path: path) : type == "file" ? .file(path: path) : .pipe(path: path)
            if !serial, case .pipe = kind { throw element.invalid("type", type, expected: "'dev' or 'file'") }
            return DomainCharDevice(port: port, source: kind)
        case "tcp" where serial:
            try source.expect(attributes: ["mode", "host", "service"])
            let mode = source.attribute("mode") ?? "connect"
            guard mode == "bind" || mode == "connect" else {
                throw source.invalid("mode", mode, expected: "'bind' or 'connect'")
            }
            var wire = TCPEndpoint.WireProtocol.raw
            if let proto = try element.child("protocol") {
                try proto.expect(attributes: ["type"])
                wire = try proto.enumeration("type", TCPEndpoint.WireProtocol.self) ?? .raw
            }
            let endpoint = TCPEndpoint(
                host: try source.requiredAttribute("host"), service: try source.requiredAttribute("service"),
                listen: mode == "bind", wireProtocol: wire)
            return DomainCharDevice(port: port, source: .tcp(endpoint))
        default:
            throw element.invalid("type", type, expected: serial ? "'dev', 'file', 'pipe' or 'tcp'" : "'dev' or 'file'")
        }
    }

    /// A `<console>` is accepted only as the copy libvirt prints of a serial port.
    static func checkConsole(_ element: XMLElement, serials: [DomainCharDevice]) throws {
        let target = try element.requiredChild("target")
        try target.expect(attributes: ["type", "port"])
        if let kind = target.attribute("type"), kind != "serial" {
            throw target.invalid("type", kind, expected: "'serial' (VMX has no other consoles)")
        }
        let port = try target.integer("port", in: 0...3) ?? 0
        var copy = element
        copy.children = copy.children.map { child in
            var child = child
            if child.name == "target" { child.attributes = [("port", "\(port)")] }
            return child
        }
        copy.name = "serial"
        let mirrored = try character(copy, serial: true)
        guard serials.contains(mirrored) else {
            throw DomainXMLError.unknownElement(name: "console", parent: "devices", line: element.line)
        }
    }
}
