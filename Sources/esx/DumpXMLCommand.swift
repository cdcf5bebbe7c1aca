import ArgumentParser
import ESX
import ESXTerminal
import Foundation

/// `esx dumpxml DOMAIN`: the domain XML, from the `.vmx` file or, failing that, the VM's config.
struct DumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dumpxml",
        abstract: "Print a domain's libvirt XML (from its .vmx file, else from its config properties).",
        discussion: "Standard error names the source in one line; --json carries it as 'source'.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var name: String
        var source: String
        var fallbackReason: String?
        var xml: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (domain, document) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                return (domain, try await connection.domainXML(domain))
            }
            if output.json {
                try Output.printJSON(JSON(
                    name: domain.name, source: document.source.rawValue, fallbackReason: document.fallbackReason,
                    xml: document.xml))
                return
            }
            let note = switch document.source {
            case .vmx: "esx: domain XML converted from the .vmx file"
            case .config: "esx: domain XML built from the config properties (\(document.fallbackReason ?? "no .vmx file"))"
            }
            FileHandle.standardError.write(Data((TerminalText.escaped(note) + "\n").utf8))
            FileHandle.standardOutput.write(Data(document.xml.utf8))
        }
    }
}

/// `esx vmx DOMAIN`: the raw `.vmx` file as the server stores it.
struct VMXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmx", abstract: "Print a domain's raw .vmx file (an error when the server has none).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let bytes = try await connection.withConnection { connection in
                try await connection.vmxFile(try await connection.lookupDomain(target.domain))
            }
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
