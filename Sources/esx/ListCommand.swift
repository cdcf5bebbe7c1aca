import ArgumentParser
import ESX

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List domains (running ones unless --all or --inactive).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "List running and shut off domains.")
    var all = false

    @Flag(help: "List shut off domains only.")
    var inactive = false

    @Flag(help: "List the whole datacenter, not only the connection's host.")
    var datacenter = false

    func validate() throws {
        if all && inactive { throw ValidationError("--all and --inactive exclude each other") }
    }

    func run() async throws {
        let filter: DomainFilter = all ? .all : inactive ? .inactive : .active
        let scope: DomainScope = datacenter ? .datacenter : .host
        try await reportingFailures(verbose: connection.verbose) {
            let domains = try await connection.withConnection { try await $0.listDomains(filter, scope: scope) }
            if output.json {
                try Output.printJSON(domains.map(DomainJSON.init))
            } else {
                Output.printTable(
                    header: ["Id", "Name", "State"],
                    rows: domains.map { [$0.state.isActive ? ($0.id?.description ?? "-") : "-", $0.name, "\($0.state)"] })
            }
        }
    }
}
