/// Reads `<interface>`.
enum DomainXMLInterfaceReader {
    static func interface(_ element: XMLElement) throws -> DomainInterface {
        try element.expect(attributes: ["type"], children: ["mac", "source", "target", "model", "address"])
        let type = try element.requiredAttribute("type")
        let source = try element.child("source")
        let connection: DomainInterface.Connection
        switch type {
        case "bridge":
            let source = try source ?? { throw DomainXMLError.missingElement(name: "source", parent: "interface", line: element.line) }()
            try source.expect(attributes: ["bridge"])
            connection = .bridge(network: try source.requiredAttribute("bridge"))
        case "user", "null":
            if let source { throw DomainXMLError.unknownElement(name: "source", parent: "interface", line: source.line) }
            connection = type == "user" ? .user : .null
        case "vds":
            let source = try source ?? { throw DomainXMLError.missingElement(name: "source", parent: "interface", line: element.line) }()
            connection = .vds(try distributedPort(source))
        default:
            throw element.invalid("type", type, expected: "'bridge', 'user', 'null' or 'vds'")
        }
        var interface = DomainInterface(connection: connection)
        if let mac = try element.child("mac") {
            try mac.expect(attributes: ["address", "type", "check"])
            let text = try mac.requiredAttribute("address")
            guard let address = MACAddress(text) else { throw mac.invalid("address", text, expected: "a MAC address") }
            interface.mac = address
            interface.macType = try mac.enumeration("type", DomainInterface.MACType.self)
            interface.macCheck = try mac.yesNo("check")
        }
        if let target = try element.child("target") {
            try target.expect(attributes: ["dev"])
            guard case .bridge = connection else {
                throw DomainXMLError.unknownElement(name: "target", parent: "interface type='\(type)'", line: target.line)
            }
            interface.targetDevice = try target.requiredAttribute("dev")
        }
        if let model = try element.child("model") {
            try model.expect(attributes: ["type"])
            guard let value = try model.enumeration("type", DomainInterface.Model.self) else {
                throw DomainXMLError.missingAttribute(name: "type", element: "model", line: model.line)
            }
            interface.model = value
        }
        interface.address = try element.child("address").map(DomainXMLDeviceReader.pciAddress)
        return interface
    }

    static func distributedPort(_ source: XMLElement) throws -> DistributedPort {
        try source.expect(attributes: ["switchid", "portid", "portgroupid", "connectionid"])
        let switchText = try source.requiredAttribute("switchid")
        guard let switchID = DomainUUID(switchText) else {
            throw source.invalid("switchid", switchText, expected: "a UUID")
        }
        func number(_ name: String) throws -> Int64? {
            guard let text = source.attribute(name) else { return nil }
            guard let value = Int64(text) else { throw source.invalid(name, text, expected: "an integer") }
            return value
        }
        return DistributedPort(
            switchID: switchID, portID: try number("portid"), portgroupID: source.attribute("portgroupid"),
            connectionID: try number("connectionid"))
    }
}
