import ArgumentParser
import ESX
import Foundation

/// virsh's capacities: `%.2lf` in the largest binary unit that keeps the value at least 1.
enum PrettyCapacity {
    static func format(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.2f %@", value, units[unit])
    }
}

struct PoolListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool-list", abstract: "List the host's datastores as storage pools.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also show persistence and sizes.") var details = false
    @Flag(help: "Also list inactive pools (ESX has none).") var all = false
    @Flag(help: "List only inactive pools (ESX has none).") var inactive = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let pools = inactive ? [] : try await connection.withConnection { try await $0.storagePools() }
            if output.json { try Output.printJSON(pools) ; return }
            let yes = { (v: Bool) in v ? "yes" : "no" }
            if details {
                Output.printTable(
                    header: ["Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available"],
                    rows: pools.map {
                        [$0.name, $0.state, yes($0.autostart), yes($0.persistent), PrettyCapacity.format($0.capacity),
                         PrettyCapacity.format($0.allocation), PrettyCapacity.format($0.available)]
                    })
            } else {
                Output.printTable(header: ["Name", "State", "Autostart"], rows: pools.map { [$0.name, $0.state, yes($0.autostart)] })
            }
        }
    }
}

struct PoolInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pool-info", abstract: "Show a storage pool's state and sizes.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The pool's (datastore's) name.") var pool: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let p = try await connection.withConnection { try await $0.storagePool(named: pool) }
            if output.json { try Output.printJSON(p) ; return }
            var rows = [("Name:", p.name), ("UUID:", p.uuid), ("State:", p.state),
                        ("Persistent:", p.persistent ? "yes" : "no"), ("Autostart:", p.autostart ? "yes" : "no")]
            if p.accessible {
                rows += [("Capacity:", PrettyCapacity.format(p.capacity)), ("Allocation:", PrettyCapacity.format(p.allocation)),
                         ("Available:", PrettyCapacity.format(p.available))]
            }
            for (label, value) in rows { Output.printField(label, value, width: 16) }
        }
    }
}

struct PoolDumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool-dumpxml", abstract: "Show a storage pool as libvirt storage pool XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The pool's (datastore's) name.") var pool: String

    struct JSON: Encodable {
        var pool: StoragePool
        var xml: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let p = try await connection.withConnection { try await $0.storagePool(named: pool) }
            let xml: String
            do { xml = try StoragePoolXML.format(p) } catch { throw CLIFailure(ESXError.wrap(error)) }
            if output.json { try Output.printJSON(JSON(pool: p, xml: xml)) } else { XMLOutput.print(xml) }
        }
    }
}

struct PoolRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool-refresh", abstract: "Refresh a datastore's capacity and free space (RefreshDatastore).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The pool's (datastore's) name.") var pool: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let p = try await connection.withConnection { try await $0.refreshStoragePool(named: pool) }
            if output.json { try Output.printJSON(p) } else { Output.printLine("Pool \(p.name) refreshed") }
        }
    }
}
