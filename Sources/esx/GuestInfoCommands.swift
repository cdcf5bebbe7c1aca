import ArgumentParser
import ESX
import Foundation

struct DomHostnameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domhostname", abstract: "Print a running domain's hostname as VMware Tools report it.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var name: String
        var hostname: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (name, hostname) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                return (domain.name, try await connection.hostname(of: domain))
            }
            if output.json {
                try Output.printJSON(JSON(name: name, hostname: hostname))
            } else {
                Output.printLine(hostname)
            }
        }
    }
}

struct DomIfAddrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domifaddr",
        abstract: "List a running domain's interfaces and addresses as VMware Tools report them.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let interfaces = try await connection.withConnection { connection in
                try await connection.interfaceAddresses(of: try await connection.lookupDomain(target.domain))
            }
            if output.json { return try Output.printJSON(interfaces) }
            var rows: [[String]] = []
            for interface in interfaces {
                let name = interface.name ?? "-"
                let mac = interface.mac ?? "-"
                if interface.addresses.isEmpty { rows.append([name, mac, "N/A", "N/A"]) }
                for (index, address) in interface.addresses.enumerated() {
                    let text = address.address + (address.prefix.map { "/\($0)" } ?? "")
                    rows.append(index == 0 ? [name, mac, address.type, text] : ["-", "-", address.type, text])
                }
            }
            Output.printTable(header: ["Name", "MAC address", "Protocol", "Address"], rows: rows)
        }
    }
}

struct ScreenshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenshot",
        abstract: "Save a running domain's screen as a PNG file (the host must support screenshots).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Argument(help: "The PNG file to write.")
    var file: String

    struct JSON: Encodable {
        var name: String
        var file: String
        var mimeType = "image/png"
        var bytes: Int
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (name, png) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                return (domain.name, try await connection.screenshot(of: domain))
            }
            do {
                try Data(png).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw CLIFailure(message: "cannot write '\(file)': \(error.localizedDescription)")
            }
            if output.json {
                try Output.printJSON(JSON(name: name, file: file, bytes: png.count))
            } else {
                Output.printLine("Screenshot saved to \(file), with type of image/png")
            }
        }
    }
}
