import ArgumentParser
import ESX
import Foundation

/// Writes an XML document as is: the writer has escaped every server string.
enum XMLOutput {
    static func print(_ xml: String) {
        FileHandle.standardOutput.write(Data(xml.utf8))
    }
}

struct CapabilitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capabilities", abstract: "Show the host's capabilities as libvirt capabilities XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let caps = try await connection.withConnection { try await $0.capabilities() }
            if output.json { try Output.printJSON(caps) } else { XMLOutput.print(CapabilitiesXML.format(caps)) }
        }
    }
}

struct FreecellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freecell", abstract: "Show the host's free memory (memory size minus overall usage).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var freeBytes: Int64
        var freeKiB: Int64
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let free = try await connection.withConnection { try await $0.freeMemory() }
            if output.json {
                try Output.printJSON(JSON(freeBytes: free, freeKiB: free / 1024))
            } else {
                Output.printLine("Total: \(free / 1024) KiB")
            }
        }
    }
}

struct HostnameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostname", abstract: "Show the host's DNS name (host name and domain).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let name = try await connection.withConnection { try await $0.hostname() }
            if output.json { try Output.printJSON(["hostname": name]) } else { Output.printLine(name) }
        }
    }
}

struct SysinfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sysinfo", abstract: "Show the host's BIOS and system identity as libvirt sysinfo XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let info = try await connection.withConnection { try await $0.sysinfo() }
            if output.json { try Output.printJSON(info) } else { XMLOutput.print(SysinfoXML.format(info)) }
        }
    }
}

struct ConnectInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect-info", abstract: "Say whether the connection is encrypted, secure and alive.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let info = try await connection.withConnection { await $0.connectionSecurity() }
            if output.json {
                try Output.printJSON(info)
                return
            }
            for (label, value) in [("Encrypted:", info.encrypted), ("Secure:", info.secure), ("Alive:", info.alive)] {
                Output.printField(label, value ? "yes" : "no", width: 11)
            }
        }
    }
}
