/// Writes an interface as `ethernetN.*` keys.
struct VMXEthernetWriter {
    let hardwareVersion: Int

    func write(_ interface: DomainInterface, index: Int, into vmx: inout VMXConfig) throws {
        // virtualHW 7 (ESX 4.0) raised the limit from 4 adapters to 10.
        let limit = hardwareVersion >= 7 ? 9 : 3
        guard index <= limit else {
            throw VMXError.unsupported(
                element: "interface", message: "adapter index \(index) out of [0..\(limit)] range for virtualHW \(hardwareVersion)")
        }
        let prefix = "ethernet\(index)."
        vmx.set(prefix + "present", "true")
        if let model = interface.model {
            vmx.set(prefix + "virtualDev", model == .vmxnet2 ? "vmxnet" : model.rawValue)
            if model == .vmxnet2 { vmx.set(prefix + "features", "15") }
        }
        switch interface.connection {
        case .bridge(let network):
            vmx.set(prefix + "networkName", network)
            if let device = interface.targetDevice {
                vmx.set(prefix + "connectionType", "custom")
                vmx.set(prefix + "vnet", device)
            } else {
                vmx.set(prefix + "connectionType", "bridged")
            }
        case .user:
            vmx.set(prefix + "connectionType", "nat")
        case .null:
            break
        case .vds(let port):
            vmx.set(prefix + "dvs.switchId", port.switchID.vmxForm)
            if let portID = port.portID { vmx.set(prefix + "dvs.portId", "\(portID)") }
            if let group = port.portgroupID { vmx.set(prefix + "dvs.portgroupId", group) }
            if let connection = port.connectionID { vmx.set(prefix + "dvs.connectionId", "\(connection)") }
        }
        mac(interface, prefix: prefix, into: &vmx)
        if let address = interface.address {
            vmx.set(prefix + "pciSlotNumber", try Self.slotNumber(address, element: "interface"))
        }
    }

    /// `addressType`, the address and `checkMACAddress`, chosen from the address range unless the
    /// XML says otherwise: 00:0c:29 generated, 00:50:56:00–3f static, 00:50:56:80–bf vpx.
    private func mac(_ interface: DomainInterface, prefix: String, into vmx: inout VMXConfig) {
        guard let mac = interface.mac else {
            vmx.set(prefix + "addressType", "generated")
            return
        }
        var type = DomainInterface.MACType.static
        var check: Bool?
        var vpx = false
        if mac.prefix == 0x000C29 {
            type = .generated
        } else if mac.prefix == 0x005056 && mac.suffix <= 0x3F_FFFF {
            type = .static
        } else if mac.prefix == 0x005056 && (0x80_0000...0xBF_FFFF).contains(mac.suffix) {
            type = .generated
            vpx = true
        } else {
            check = false
        }
        if let explicit = interface.macType {
            type = explicit
            if explicit == .generated { check = nil }
        }
        if let explicit = interface.macCheck { check = explicit }
        if type == .generated {
            vmx.set(prefix + "addressType", vpx ? "vpx" : "generated")
            vmx.set(prefix + "generatedAddress", mac.description)
            if !vpx { vmx.set(prefix + "generatedAddressOffset", "0") }
        } else {
            vmx.set(prefix + "addressType", "static")
            vmx.set(prefix + "address", mac.description)
        }
        if let check { vmx.set(prefix + "checkMACAddress", check ? "true" : "false") }
    }

    static func slotNumber(_ address: PCIAddress, element: String) throws -> String {
        guard let number = address.vmwareSlotNumber else {
            throw VMXError.unsupported(
                element: element, message: "PCI address has no VMware slot number (domain 0, bus < 32, function < 8)")
        }
        return "\(number)"
    }
}
