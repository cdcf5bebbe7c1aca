import ArgumentParser
import ESX

struct AutostartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autostart",
        abstract: "Mark a domain to start with its host (--disable: unmark), or --list the host's autostart state.",
        discussion: """
            A domain autostarts when the host's autostart default is on and the domain's start action is \
            powerOn. Enabling a domain while the default is off switches the default on, unless another \
            domain of the host's autostart list asks for a power-on (it would start too): then it is refused.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Domain id (42 or vm-42), UUID or name.")
    var domain: String?

    @Flag(help: "Unmark the domain.")
    var disable = false

    @Flag(help: "List the host's autostart default and the domains in its autostart list.")
    var list = false

    func validate() throws {
        if list && (domain != nil || disable) { throw ValidationError("--list takes no domain and no --disable") }
        if !list && domain == nil { throw ValidationError("give a domain, or --list") }
    }

    struct EntryJSON: Encodable {
        var name: String
        var moref: String
        var startAction: String
        var startOrder: Int32
        var autostart: Bool
    }

    struct ListJSON: Encodable {
        var hostDefaultEnabled: Bool
        var domains: [EntryJSON]
    }

    struct DomainJSON: Encodable {
        var name: String
        var autostart: Bool
        var hostDefaultEnabled: Bool
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            if list { return try await printList() }
            let (name, state) = try await connection.withConnection { connection in
                let target = try await connection.lookupDomain(domain ?? "")
                try await connection.setAutostart(target, enabled: !disable)
                return (target.name, try await connection.autostartState())
            }
            if output.json {
                let enabled = state.entries.contains { $0.domain.name == name && $0.powersOn } && state.hostDefaultEnabled
                try Output.printJSON(DomainJSON(name: name, autostart: enabled, hostDefaultEnabled: state.hostDefaultEnabled))
            } else {
                Output.printLine(disable ? "Domain '\(name)' unmarked as autostarted" : "Domain '\(name)' marked as autostarted")
            }
        }
    }

    private func printList() async throws {
        let state = try await connection.withConnection { try await $0.autostartState() }
        let entries = state.entries.map {
            EntryJSON(
                name: $0.domain.name, moref: $0.domain.managedObjectID, startAction: $0.startAction,
                startOrder: $0.startOrder, autostart: state.hostDefaultEnabled && $0.powersOn)
        }
        if output.json {
            try Output.printJSON(ListJSON(hostDefaultEnabled: state.hostDefaultEnabled, domains: entries))
            return
        }
        Output.printLine("Host autostart default: \(state.hostDefaultEnabled ? "enabled" : "disabled")")
        Output.printTable(
            header: ["Name", "Autostart", "Start action", "Start order"],
            rows: entries.map {
                [$0.name, $0.autostart ? "enable" : "disable", $0.startAction, $0.startOrder < 0 ? "-" : "\($0.startOrder)"]
            })
    }
}
