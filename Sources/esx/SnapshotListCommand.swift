import ArgumentParser
import ESX

struct SnapshotListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-list", abstract: "List a domain's snapshots (a table, or --tree).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Flag(help: "Show the snapshots as a tree (nested in JSON).")
    var tree = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let snapshots = try await connection.withConnection { connection in
                try await connection.snapshots(of: try await connection.lookupDomain(target.domain))
            }
            switch (output.json, tree) {
            case (true, true): try Output.printJSON(snapshots.roots.map { SnapshotJSON($0, tree: true) })
            case (true, false): try Output.printJSON(snapshots.all.map { SnapshotJSON($0) })
            case (false, true): SnapshotText.tree(snapshots.roots).forEach(Output.printLine)
            case (false, false):
                Output.printTable(header: ["Name", "Creation Time", "State"], rows: SnapshotText.rows(snapshots.all))
            }
        }
    }
}
