import ArgumentParser
import ESX
import Foundation

/// `NAME` of a snapshot, after the domain.
struct SnapshotNameArgument: ParsableArguments {
    @Argument(help: "Snapshot name.")
    var snapshot: String
}

struct SnapshotCreateAsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-create-as", abstract: "Take a snapshot of a domain (names are unique per domain).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var name: SnapshotNameArgument
    @OptionGroup var output: OutputOptions

    @Option(help: "A description of the snapshot.")
    var description: String?

    @Flag(help: "Include the guest's memory (running domains).")
    var memory = false

    @Flag(help: "Quiesce the guest's file systems first (needs VMware Tools).")
    var quiesce = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let snapshot = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                var created: DomainSnapshot?
                try await ProgressBar.run(enabled: !output.json) { progress in
                    created = try await connection.createSnapshot(
                        domain, name: name.snapshot, description: description, memory: memory, quiesce: quiesce,
                        progress: progress)
                }
                guard let created else { throw CLIFailure(message: "the snapshot was not created") }
                return created
            }
            if output.json {
                try Output.printJSON(SnapshotJSON(snapshot))
            } else {
                Output.printLine("Domain snapshot \(snapshot.name) created")
            }
        }
    }
}

struct SnapshotCurrentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-current", abstract: "Show a domain's current snapshot (its XML, or --name).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print only the snapshot's name.")
    var name = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let (snapshot, uuid) = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                return (try await connection.currentSnapshot(of: domain), domain.uuid)
            }
            if output.json {
                try Output.printJSON(SnapshotJSON(snapshot))
            } else if name {
                Output.printLine(snapshot.name)
            } else {
                FileHandle.standardOutput.write(Data(DomainSnapshotXML.format(snapshot, domainUUID: uuid).utf8))
            }
        }
    }
}

struct SnapshotRevertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-revert", abstract: "Revert a domain to a snapshot.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var name: SnapshotNameArgument
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let domain = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.revertToSnapshot(domain, named: name.snapshot, progress: progress)
                }
                return try await connection.domain(domain.vm)
            }
            if output.json {
                try Output.printJSON(DomainJSON(domain))
            } else {
                Output.printLine("Domain '\(domain.name)' reverted to snapshot \(name.snapshot)")
            }
        }
    }
}

struct SnapshotDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-delete", abstract: "Delete a snapshot (its children move up unless --children).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var name: SnapshotNameArgument
    @OptionGroup var output: OutputOptions

    @Flag(help: "Delete the snapshot's descendants too.")
    var children = false

    struct JSON: Encodable {
        var name: String
        var deleted: Int
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let deleted = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                var count = 0
                try await ProgressBar.run(enabled: !output.json) { progress in
                    count = try await connection.deleteSnapshot(
                        domain, named: name.snapshot, children: children, progress: progress)
                }
                return count
            }
            if output.json {
                try Output.printJSON(JSON(name: name.snapshot, deleted: deleted))
            } else if children {
                Output.printLine("Domain snapshot \(name.snapshot) and its children deleted (\(deleted) in all)")
            } else {
                Output.printLine("Domain snapshot \(name.snapshot) deleted")
            }
        }
    }
}

struct SnapshotDumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot-dumpxml", abstract: "Print a snapshot as libvirt <domainsnapshot> XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var target: DomainArgument
    @OptionGroup var name: SnapshotNameArgument

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let xml = try await connection.withConnection { connection in
                let domain = try await connection.lookupDomain(target.domain)
                let snapshot = try await connection.snapshot(named: name.snapshot, of: domain)
                return DomainSnapshotXML.format(snapshot, domainUUID: domain.uuid)
            }
            FileHandle.standardOutput.write(Data(xml.utf8))
        }
    }
}
