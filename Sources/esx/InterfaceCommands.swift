import ArgumentParser
import ESX

struct IfaceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iface-list", abstract: "List the host's physical NICs (always active).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also list inactive interfaces (ESX has none).") var all = false
    @Flag(help: "List only inactive interfaces (ESX has none).") var inactive = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let list = inactive ? [] : try await connection.withConnection { try await $0.interfaces() }
            if output.json { try Output.printJSON(list) ; return }
            Output.printTable(header: ["Name", "State", "MAC Address"], rows: list.map { [$0.name, "active", $0.mac] })
        }
    }
}

struct IfaceMACCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "iface-mac", abstract: "Print the MAC address of a NIC.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The NIC's device name (vmnic0).") var name: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let iface = try await connection.withConnection { try await $0.interface(named: name) }
            if output.json { try Output.printJSON(iface) } else { Output.printLine(iface.mac) }
        }
    }
}

struct IfaceNameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iface-name", abstract: "Print the device name of the NIC with a MAC address.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The MAC address (any case).") var mac: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let iface = try await connection.withConnection { try await $0.interface(mac: mac) }
            if output.json { try Output.printJSON(iface) } else { Output.printLine(iface.name) }
        }
    }
}

struct IfaceDumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iface-dumpxml", abstract: "Show a NIC as libvirt interface XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The NIC's device name or MAC address.") var name: String
    @Flag(help: "Leave out an address obtained by DHCP.") var inactive = false

    struct JSON: Encodable {
        var interface: HostInterface
        var xml: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let iface = try await connection.withConnection { c in
                name.contains(":") ? try await c.interface(mac: name) : try await c.interface(named: name)
            }
            let xml = InterfaceXML.format(iface, inactive: inactive)
            if output.json { try Output.printJSON(JSON(interface: iface, xml: xml)) } else { XMLOutput.print(xml) }
        }
    }
}
