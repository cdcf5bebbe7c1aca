import ArgumentParser
import ESX
import Foundation

/// `esx define FILE.xml`: defines a domain from libvirt domain XML.
struct DefineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "define", abstract: "Define a domain from libvirt domain XML.",
        discussion: """
            The .vmx file is uploaded as '<escaped name>.vmx' into the directory of the first \
            file-backed .vmdk disk and registered into the datacenter's VM folder. A domain with the \
            same name or UUID is refused. Any failure removes what was uploaded or registered.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The domain XML file.")
    var file: String
    @Option(help: "Lease the disks in this lockd lease directory while defining (a disk a running domain holds refuses).")
    var lockDirectory: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let bytes = try NativeFormat.read(file)
            guard let xml = String(validating: bytes, as: UTF8.self) else {
                throw CLIFailure(message: "'\(file)' is not UTF-8")
            }
            let leases = try lockDirectory.map { directory in
                DomainLeases(plugin: try LockManagerPlugins.load(
                    "lockd", configuration: LockPluginConfiguration(directory: directory)))
            }
            let domain = try await connection.withConnection { connection in
                try await connection.define(xml: xml, leases: leases)
            }
            if output.json {
                try Output.printJSON(DomainJSON(domain))
            } else {
                Output.printLine("Domain '\(domain.name)' defined from \(file)")
            }
        }
    }
}

/// `esx undefine DOMAIN`: unregisters a shut-off or suspended domain, keeping its files.
struct UndefineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undefine",
        abstract: "Undefine a shut-off or suspended domain (UnregisterVM; its files stay on the datastore).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let domain = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                try await connection.undefine(domain)
                return domain
            }
            if output.json {
                try Output.printJSON(DomainJSON(domain))
            } else {
                Output.printLine("Domain '\(domain.name)' has been undefined")
            }
        }
    }
}
