import ArgumentParser
import ESX

struct DomInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dominfo", abstract: "Show a domain's state, memory and vCPUs.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    struct JSON: Encodable {
        var name: String
        var id: Int?
        var uuid: String?
        var state: String
        var maxMemoryKiB: Int64
        var memoryKiB: Int64
        var vcpus: Int
        var osType = "hvm"
        var guestFullName: String?
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let info = try await connection.withConnection { connection in
                try await connection.info(try await connection.lookupDomain(target.domain))
            }
            let domain = info.domain
            if output.json {
                try Output.printJSON(JSON(
                    name: domain.name, id: domain.id?.value, uuid: domain.uuid, state: domain.state.rawValue,
                    maxMemoryKiB: info.maxMemoryKiB, memoryKiB: info.memoryKiB, vcpus: info.vcpus,
                    guestFullName: info.guestFullName))
                return
            }
            let rows: [(String, String)] = [
                ("Id:", domain.state.isActive ? (domain.id?.description ?? "-") : "-"), ("Name:", domain.name),
                ("UUID:", domain.uuid ?? "-"), ("OS Type:", "hvm"), ("State:", "\(domain.state)"),
                ("CPU(s):", "\(info.vcpus)"), ("Max memory:", "\(info.maxMemoryKiB) KiB"),
                ("Used memory:", "\(info.memoryKiB) KiB"), ("Persistent:", "yes"),
            ]
            for (label, value) in rows { Output.printField(label, value, width: 16) }
        }
    }
}

struct DomStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "domstate", abstract: "Show a domain's state.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let domain = try await connection.withConnection { try await $0.lookupDomain(target.domain) }
            if output.json {
                try Output.printJSON(DomainJSON(domain))
            } else {
                Output.printLine("\(domain.state)")
            }
        }
    }
}

/// The power operations share one shape: look up, run, report.
protocol PowerCommand: AsyncParsableCommand {
    var connection: ConnectionOptions { get }
    var target: DomainArgument { get }
    var output: OutputOptions { get }
    /// Past tense for the message, e.g. `started`.
    static var done: String { get }
    static func perform(
        _ connection: ESXConnection, _ domain: Domain, _ progress: AsyncStream<TaskProgress>.Continuation?
    ) async throws
}

extension PowerCommand {
    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let domain = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await Self.perform(connection, domain, progress)
                }
                return try await connection.domain(domain.vm)
            }
            if output.json {
                try Output.printJSON(DomainJSON(domain))
            } else {
                Output.printLine("Domain '\(domain.name)' \(Self.done)")
            }
        }
    }
}

struct StartCommand: PowerCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Power a shut off domain on.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "started"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        try await c.start(d, progress: p)
    }
}

struct DestroyCommand: PowerCommand {
    static let configuration = CommandConfiguration(commandName: "destroy", abstract: "Power a domain off at once.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "destroyed"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        try await c.destroy(d, progress: p)
    }
}

struct SuspendCommand: PowerCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend a running domain.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "suspended"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        try await c.suspend(d, progress: p)
    }
}

struct ResumeCommand: PowerCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a suspended domain.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "resumed"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        try await c.resume(d, progress: p)
    }
}

struct ShutdownCommand: PowerCommand {
    static let configuration = CommandConfiguration(
        commandName: "shutdown", abstract: "Ask the guest to shut down (needs VMware Tools).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "is being shutdown"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        p?.finish()
        try await c.shutdown(d)
    }
}

struct RebootCommand: PowerCommand {
    static let configuration = CommandConfiguration(
        commandName: "reboot", abstract: "Ask the guest to reboot (needs VMware Tools).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions
    static let done = "is being rebooted"
    static func perform(_ c: ESXConnection, _ d: Domain, _ p: AsyncStream<TaskProgress>.Continuation?) async throws {
        p?.finish()
        try await c.reboot(d)
    }
}
