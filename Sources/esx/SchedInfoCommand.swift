import ArgumentParser
import ESX

struct SchedInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedinfo",
        abstract: "Show or set a domain's CPU allocation (libvirt's 'allocation' scheduler).",
        discussion: """
            Parameters: reservation (MHz, >= 0), limit (MHz, -1 = unlimited), shares (a number >= 0, or \
            low/normal/high, which virsh shows as -1/-2/-3). Names may carry a cpu_ prefix. \
            Example: --set cpu_reservation=500,cpu_limit=2000,cpu_shares=high
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("set"), help: "NAME=VALUE[,NAME=VALUE...]; may be repeated.")
    var settings: [String] = []

    struct JSON: Encodable {
        var name: String
        var scheduler = SchedulerParameters.schedulerType
        var reservation: Int64
        var limit: Int64
        /// libvirt's value: -1/-2/-3 for low/normal/high, else the number of shares.
        var shares: Int32
        var sharesLevel: String
        var sharesValue: Int32?
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let change = try Self.change(from: settings)
            let (domain, parameters) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                if let change {
                    try await ProgressBar.run(enabled: !output.json) { progress in
                        try await connection.setSchedulerParameters(domain, change, progress: progress)
                    }
                }
                return (domain, try await connection.schedulerParameters(of: domain))
            }
            if output.json {
                try Output.printJSON(JSON(
                    name: domain.name, reservation: parameters.reservation, limit: parameters.limit,
                    shares: parameters.shares.libvirtValue, sharesLevel: parameters.shares.level,
                    sharesValue: parameters.sharesValue))
                return
            }
            let rows = [
                ("Scheduler", SchedulerParameters.schedulerType), ("reservation", "\(parameters.reservation)"),
                ("limit", "\(parameters.limit)"), ("shares", "\(parameters.shares)"),
            ]
            for (label, value) in rows { Output.printField(label, ": " + value, width: 15) }
        }
    }

    /// The change the `--set` options ask for; nil when there are none.
    static func change(from settings: [String]) throws -> SchedulerChange? {
        let pairs = settings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true) }
        guard !pairs.isEmpty else { return nil }
        var change = SchedulerChange()
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw CLIFailure(message: "invalid --set '\(pair)': expecting NAME=VALUE")
            }
            var name = parts[0].lowercased()
            if name.hasPrefix("cpu_") { name.removeFirst(4) }
            switch name {
            case "reservation": change.reservation = try integer(parts[1], pair)
            case "limit": change.limit = try integer(parts[1], pair)
            case "shares":
                do { change.shares = try CPUShares(parsing: parts[1]) } catch { throw CLIFailure(.tuning(error)) }
            default:
                throw CLIFailure(message: "unknown scheduler parameter '\(parts[0])': expecting reservation, limit or shares")
            }
        }
        return change
    }

    private static func integer(_ text: String, _ pair: Substring) throws -> Int64 {
        guard let value = Int64(text) else { throw CLIFailure(message: "invalid --set '\(pair)': expecting an integer") }
        return value
    }
}
