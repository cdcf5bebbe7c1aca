/// Reads `ethernetN.*` keys into interfaces.
struct VMXEthernetReader {
    let config: VMXConfig

    /// Interfaces of every present `ethernetN`, in index order.
    func interfaces() throws -> [DomainInterface] {
        try indexes().compactMap(interface)
    }

    /// The indexes used by `ethernet<N>.` keys; a key with no index is an error.
    private func indexes() throws -> [Int] {
        var found = Set<Int>()
        for entry in config.entries where entry.key.lowercased().hasPrefix("ethernet") {
            let rest = entry.key.dropFirst("ethernet".count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 4, rest.dropFirst(digits.count).first == ".", let index = Int(digits)
            else {
                throw VMXError.invalidValue(
                    key: entry.key, line: entry.line, value: entry.key, expected: "a key of the form ethernet<N>.<name>")
            }
            found.insert(index)
        }
        return found.sorted()
    }

    private func interface(_ index: Int) throws -> DomainInterface? {
        let prefix = "ethernet\(index)."
        func key(_ name: String) -> String { prefix + name }
        guard try config.bool(key("present"), default: false) else { return nil }
        _ = try config.bool(key("startConnected"), default: true)
        let connectionType = config[key("connectionType")]?.lowercased()
        var interface = DomainInterface(connection: .null)
        try mac(prefix, into: &interface)
        interface.model = try model(prefix)
        if let switchID = try config.uuid(key("dvs.switchId")) {
            var port = DistributedPort(switchID: switchID)
            port.portgroupID = config[key("dvs.portgroupId")]
            if config[key("dvs.portId")] != nil { port.portID = try config.requiredInteger(key("dvs.portId")) }
            if config[key("dvs.connectionId")] != nil {
                port.connectionID = try config.requiredInteger(key("dvs.connectionId"))
            }
            interface.connection = .vds(port)
        } else {
            switch connectionType {
            case nil:
                interface.connection = config[key("networkName")].map { .bridge(network: $0) } ?? .null
            case "bridged":
                interface.connection = .bridge(network: try config.requiredString(key("networkName")))
            case "custom":
                interface.connection = .bridge(network: try config.requiredString(key("networkName")))
                interface.targetDevice = try config.requiredString(key("vnet"))
            case "nat":
                interface.connection = .user
            default:
                throw config.invalid(key("connectionType"), expected: "'bridged', 'custom' or 'nat'")
            }
        }
        interface.address = try VMXDeviceReader.pciAddress(config, prefix + "pciSlotNumber")
        return interface
    }

    private func mac(_ prefix: String, into interface: inout DomainInterface) throws {
        let addressType = config[prefix + "addressType"]?.lowercased()
        let sourceKey: String
        switch addressType {
        case nil, "generated", "vpx":
            sourceKey = prefix + "generatedAddress"
            if addressType != nil { interface.macType = .generated }
        case "static":
            sourceKey = prefix + "address"
            interface.macType = .static
        default:
            throw config.invalid(prefix + "addressType", expected: "'generated', 'static' or 'vpx'")
        }
        if let text = config[sourceKey] {
            guard let mac = MACAddress(text) else { throw config.invalid(sourceKey, expected: "a MAC address") }
            interface.mac = mac
        }
        if let check = config[prefix + "checkMACAddress"] {
            interface.macCheck = check.lowercased() == "true"
        }
    }

    private func model(_ prefix: String) throws -> DomainInterface.Model? {
        let features = try config.integer(prefix + "features", default: 0)
        guard let name = config[prefix + "virtualDev"] else { return nil }
        switch name.lowercased() {
        case "vlance": return .vlance
        case "vmxnet": return features == 15 ? .vmxnet2 : .vmxnet
        case "vmxnet3": return .vmxnet3
        case "e1000": return .e1000
        case "e1000e": return .e1000e
        default:
            throw config.invalid(prefix + "virtualDev", expected: "'vlance', 'vmxnet', 'vmxnet3', 'e1000' or 'e1000e'")
        }
    }
}
