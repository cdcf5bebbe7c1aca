import ArgumentParser
import ESX

/// vCPU counts in JSON output.
struct VCPUJSON: Encodable {
    var name: String
    var current: Int
    /// The host's maximum per domain, when it reports one.
    var maximum: Int?
}

struct SetVCPUsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setvcpus",
        abstract: "Set a domain's number of vCPUs (a running domain needs CPU hot add or hot remove).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Argument(help: "Number of vCPUs (at least 1, at most the host's maximum).")
    var count: Int

    @Flag(help: "Set the maximum instead (refused: on ESX the maximum is the host's limit).")
    var maximum = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (domain, vcpus) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                if maximum {
                    let limit = try await connection.vcpuCount(of: domain).maximum
                    throw CLIFailure(.tuning(.unsupported(
                        "cannot set the maximum vCPUs of domain '\(domain.name)': on ESX the maximum is the host's "
                            + "limit per domain (\(limit.map(String.init) ?? "not reported"))")))
                }
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.setVCPUs(domain, count: count, progress: progress)
                }
                return (domain, try await connection.vcpuCount(of: domain))
            }
            if output.json { try Output.printJSON(VCPUJSON(name: domain.name, current: vcpus.current, maximum: vcpus.maximum)) }
        }
    }
}

struct VCPUCountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vcpucount",
        abstract: "Show a domain's vCPU counts like virsh (config and live are the same on ESX).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (domain, vcpus) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                return (domain, try await connection.vcpuCount(of: domain))
            }
            if output.json {
                try Output.printJSON(VCPUJSON(name: domain.name, current: vcpus.current, maximum: vcpus.maximum))
                return
            }
            let maximum = vcpus.maximum.map(String.init) ?? "-"
            for (kind, value) in [("maximum", maximum), ("current", String(vcpus.current))] {
                for scope in ["config", "live"] {
                    Output.printLine(Self.row(kind, scope, value))
                }
            }
        }
    }

    /// virsh's `%-12s %-12s %3s` row.
    static func row(_ kind: String, _ scope: String, _ value: String) -> String {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        let number = String(repeating: " ", count: max(0, 3 - value.count)) + value
        return pad(kind, 12) + " " + pad(scope, 12) + " " + number
    }
}
