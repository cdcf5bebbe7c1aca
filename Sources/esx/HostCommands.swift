import ArgumentParser
import ESX

struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the server's product and version.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let version = try await connection.withConnection { $0.serverVersion }
            if output.json {
                try Output.printJSON(version)
            } else {
                Output.printLine("Product:      \(version.fullName)")
                Output.printLine("Version:      \(version.version) (build \(version.build))")
                Output.printLine("API:          \(version.apiType) \(version.apiVersion)")
            }
        }
    }
}

struct NodeInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nodeinfo", abstract: "Show the host's CPUs and memory.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let info = try await connection.withConnection { try await $0.nodeInfo() }
            if output.json {
                try Output.printJSON(info)
                return
            }
            let rows: [(String, String)] = [
                ("CPU model:", info.cpuModel), ("CPU(s):", "\(info.cpus)"), ("CPU frequency:", "\(info.mhz) MHz"),
                ("CPU socket(s):", "\(info.sockets)"), ("Core(s) per socket:", "\(info.coresPerSocket)"),
                ("Thread(s) per core:", "\(info.threadsPerCore)"), ("NUMA cell(s):", "\(info.numaNodes)"),
                ("Memory size:", "\(info.memoryKiB) KiB"),
            ]
            for (label, value) in rows { Output.printField(label, value, width: 20) }
        }
    }
}

struct URICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uri", abstract: "Connect and print the canonical URI with the resolved inventory.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var uri: String
        var product: String
        var user: String
        var datacenter: String
        var computeResource: String
        var host: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let json = try await connection.withConnection { c in
                JSON(
                    uri: c.uri.description, product: c.product.displayName, user: c.user,
                    datacenter: c.inventory.datacenterPath, computeResource: c.inventory.computeResourcePath,
                    host: c.inventory.hostName)
            }
            if output.json {
                try Output.printJSON(json)
            } else {
                Output.printLine(json.uri)
            }
        }
    }
}
