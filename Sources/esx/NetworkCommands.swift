import ArgumentParser
import ESX

private func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

struct NetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "net-list", abstract: "List the host's virtual switches as networks (always active).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also list inactive networks (ESX has none).") var all = false
    @Flag(help: "List only inactive networks (ESX has none).") var inactive = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let list = inactive ? [] : try await connection.withConnection { try await $0.hostNetworks() }
            if output.json { try Output.printJSON(list) ; return }
            Output.printTable(
                header: ["Name", "State", "Autostart", "Persistent"],
                rows: list.map { [$0.name, $0.active ? "active" : "inactive", yesNo($0.autostart), yesNo($0.persistent)] })
        }
    }
}

/// Looks a network up by name, else by UUID (as virsh does for its NETWORK argument).
private func lookupNetwork(_ c: ESXConnection, _ text: String) async throws -> HostNetwork {
    do {
        return try await c.hostNetwork(named: text)
    } catch {
        guard case .hostResource(.notFound) = error, let byUUID = try? await c.hostNetwork(uuid: text) else { throw error }
        return byUUID
    }
}

struct NetInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "net-info", abstract: "Show a network's name, UUID and state.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The network's name or UUID.") var network: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let net = try await connection.withConnection { try await lookupNetwork($0, network) }
            if output.json { try Output.printJSON(net) ; return }
            let rows = [("Name:", net.name), ("UUID:", net.uuid), ("Active:", yesNo(net.active)),
                        ("Persistent:", yesNo(net.persistent)), ("Autostart:", yesNo(net.autostart))]
            for (label, value) in rows { Output.printField(label, value, width: 16) }
        }
    }
}

struct NetUUIDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "net-uuid", abstract: "Print a network's UUID (MD5 of its vswitch key).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The network's name.") var name: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let net = try await connection.withConnection { try await $0.hostNetwork(named: name) }
            if output.json { try Output.printJSON(["name": net.name, "uuid": net.uuid]) } else { Output.printLine(net.uuid) }
        }
    }
}

struct NetNameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "net-name", abstract: "Print the name of the network with a UUID.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The network's UUID.") var uuid: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let net = try await connection.withConnection { try await $0.hostNetwork(uuid: uuid) }
            if output.json { try Output.printJSON(["name": net.name, "uuid": net.uuid]) } else { Output.printLine(net.name) }
        }
    }
}

struct NetDumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "net-dumpxml", abstract: "Show a network as libvirt network XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The network's name or UUID.") var network: String

    struct JSON: Encodable {
        var network: HostNetwork
        var xml: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let net = try await connection.withConnection { try await lookupNetwork($0, network) }
            let xml = NetworkXML.format(net)
            if output.json { try Output.printJSON(JSON(network: net, xml: xml)) } else { XMLOutput.print(xml) }
        }
    }
}
