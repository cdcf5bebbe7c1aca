import ArgumentParser
import ESX

/// A memory size as `virsh setmem` takes it: positional or `--size`, a number with an optional
/// unit (KiB by default; `M`/`MiB`, `G`/`GiB`, ... powers of 1024; `MB`, `GB`, ... powers of 1000).
struct MemorySizeArgument: ParsableArguments {
    @Argument(help: "New size (KiB unless a unit follows: b, k/KiB, M/MiB, G/GiB, T/TiB, KB, MB, GB, TB).")
    var size: String?

    @Option(name: .customLong("size"), help: "The size, as an option.")
    var sizeOption: String?

    func validate() throws {
        guard (size == nil) != (sizeOption == nil) else {
            throw ValidationError("give the size once: as the argument or with --size")
        }
    }

    func kibibytes() throws -> Int64 {
        do { return try MemorySize.kibibytes(parsing: size ?? sizeOption ?? "") } catch { throw CLIFailure(.tuning(error)) }
    }
}

/// Memory in JSON output (KiB).
struct MemoryJSON: Encodable {
    var name: String
    var maxMemoryKiB: Int64
    var currentMemoryKiB: Int64
    var minGuaranteeKiB: Int64

    init(_ domain: Domain, _ memory: DomainMemoryParameters) {
        name = domain.name
        maxMemoryKiB = memory.maxMemoryKiB
        currentMemoryKiB = memory.currentMemoryKiB
        minGuaranteeKiB = memory.minGuaranteeKiB
    }
}

struct SetMemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setmem",
        abstract: "Set a domain's current memory (the allocation limit, rounded up to MiB), in any state.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var size: MemorySizeArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let kibibytes = try size.kibibytes()
            let (domain, memory) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.setMemory(domain, kibibytes: kibibytes, progress: progress)
                }
                return (domain, try await connection.memoryParameters(of: domain))
            }
            if output.json { try Output.printJSON(MemoryJSON(domain, memory)) }
        }
    }
}

struct SetMaxMemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setmaxmem",
        abstract: "Set a shut off domain's maximum memory (rounded up to a multiple of 4 MiB).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var size: MemorySizeArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let kibibytes = try size.kibibytes()
            let (domain, memory) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.setMaxMemory(domain, kibibytes: kibibytes, progress: progress)
                }
                return (domain, try await connection.memoryParameters(of: domain))
            }
            if output.json { try Output.printJSON(MemoryJSON(domain, memory)) }
        }
    }
}

struct MemtuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memtune",
        abstract: "Show or set a domain's memory parameters (ESX has min_guarantee: the memory reservation).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("min-guarantee"), help: "Guaranteed memory (KiB unless a unit follows).")
    var minGuarantee: String?

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let kibibytes = try minGuarantee.map(Self.kibibytes)
            let (domain, memory) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                if let kibibytes {
                    try await ProgressBar.run(enabled: !output.json) { progress in
                        try await connection.setMinGuarantee(domain, kibibytes: kibibytes, progress: progress)
                    }
                }
                return (domain, try await connection.memoryParameters(of: domain))
            }
            if output.json {
                try Output.printJSON(MemoryJSON(domain, memory))
            } else if kibibytes == nil {
                Output.printLine("min_guarantee  : \(memory.minGuaranteeKiB)")
            }
        }
    }

    private static func kibibytes(_ text: String) throws -> Int64 {
        do { return try MemorySize.kibibytes(parsing: text) } catch { throw CLIFailure(.tuning(error)) }
    }
}
