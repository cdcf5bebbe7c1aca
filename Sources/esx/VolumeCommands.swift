import ArgumentParser
import ESX
import Foundation

/// How the volume commands name a volume, as virsh: with `--pool`, VOL is a name in that pool
/// (`directory/file`); without, a datastore path (`[datastore] directory/file`) or a key (disk UUID).
struct VolumeOptions: ParsableArguments {
    @Argument(help: "The volume: a name with --pool, else a path '[datastore] directory/file' or a key (disk UUID).")
    var volume: String
    @Option(help: "The pool (datastore) VOL is a name in.")
    var pool: String?

    func lookup(_ connection: ESXConnection) async throws(ESXError) -> StorageVolume {
        if let pool { return try await connection.storageVolume(pool: pool, name: volume) }
        return try await connection.storageVolume(key: volume)
    }
}

struct VolListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-list", abstract: "List a pool's volumes (.vmdk, .iso and .flp files, in sub-folders too).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The pool's (datastore's) name.") var pool: String
    @Flag(help: "Also show type, capacity and allocation.") var details = false

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let volumes = try await connection.withConnection { try await $0.storageVolumes(inPool: pool) }
            if output.json { try Output.printJSON(volumes) ; return }
            if details {
                Output.printTable(
                    header: ["Name", "Path", "Type", "Capacity", "Allocation"],
                    rows: volumes.map {
                        [$0.name, $0.path, $0.type, PrettyCapacity.format($0.capacity), PrettyCapacity.format($0.allocation)]
                    })
            } else {
                Output.printTable(header: ["Name", "Path"], rows: volumes.map { [$0.name, $0.path] })
            }
        }
    }
}

struct VolInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vol-info", abstract: "Show a volume's type and sizes.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let v = try await connection.withConnection { try await volume.lookup($0) }
            if output.json { try Output.printJSON(v) ; return }
            let rows = [("Name:", v.name), ("Type:", v.type), ("Capacity:", PrettyCapacity.format(v.capacity)),
                        ("Allocation:", PrettyCapacity.format(v.allocation))]
            for (label, value) in rows { Output.printField(label, value, width: 16) }
        }
    }
}

struct VolPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vol-path", abstract: "Show a volume's datastore path.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let v = try await connection.withConnection { try await volume.lookup($0) }
            if output.json { try Output.printJSON(["name": v.name, "path": v.path]) } else { Output.printLine(v.path) }
        }
    }
}

struct VolKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-key", abstract: "Show a volume's key (the disk UUID where the server has one, else the path).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let v = try await connection.withConnection { try await volume.lookup($0) }
            if output.json { try Output.printJSON(["name": v.name, "key": v.key]) } else { Output.printLine(v.key) }
        }
    }
}

struct VolDumpXMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-dumpxml", abstract: "Show a volume as libvirt storage volume XML.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    struct JSON: Encodable {
        var volume: StorageVolume
        var xml: String
    }

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let v = try await connection.withConnection { try await volume.lookup($0) }
            let xml: String
            do { xml = try StorageVolumeXML.format(v) } catch { throw CLIFailure(ESXError.wrap(error)) }
            if output.json { try Output.printJSON(JSON(volume: v, xml: xml)) } else { XMLOutput.print(xml) }
        }
    }
}

/// virsh's volume sizes: bytes without a unit, else `virScaleInteger` units; libvirt rounds the
/// capacity up to whole KiB for `capacityKb`.
enum VolumeSize {
    static func kibibytes(_ text: String, _ what: String) throws -> Int64 {
        do { return try MemorySize.kibibytes(parsing: text, defaultUnit: 1) } catch {
            throw CLIFailure(message: "\(what): \(error)")
        }
    }
}

struct VolCreateAsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-create-as", abstract: "Create a virtual disk 'directory/file.vmdk' in a pool.",
        discussion: """
            CAPACITY and --allocation are bytes unless a unit is given (k, M, G, T are powers of 1024). \
            An allocation of 0 (the default) makes a thin disk, one equal to the capacity a preallocated \
            one; others are refused, as in libvirt. The directory is made when missing.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The pool's (datastore's) name.") var pool: String
    @Argument(help: "The new volume's name, 'directory/file.vmdk'.") var name: String
    @Argument(help: "The capacity, e.g. 10G.") var capacity: String
    @Option(help: "The allocation: 0 (thin) or the capacity (preallocated).") var allocation = "0"
    @Option(help: "The format; only vmdk can be created.") var format = "vmdk"

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let capacityKb = try VolumeSize.kibibytes(capacity, "capacity")
            let allocationKb = try VolumeSize.kibibytes(allocation, "allocation")
            let created = try await connection.withConnection { connection in
                var result: StorageVolume?
                try await ProgressBar.run(enabled: !output.json) { progress in
                    result = try await connection.createStorageVolume(
                        pool: pool, name: name, capacityKb: capacityKb, allocationKb: allocationKb, format: format,
                        progress: progress)
                }
                guard let result else { throw CLIFailure(message: "the volume creation did not finish") }
                return result
            }
            if output.json { try Output.printJSON(created) } else { Output.printLine("Vol \(created.name) created") }
        }
    }
}

struct VolCloneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-clone", abstract: "Copy a virtual disk to a new volume in the same pool.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions
    @Argument(help: "The new volume's name, 'directory/file.vmdk'.") var newName: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let cloned = try await connection.withConnection { connection in
                let source = try await volume.lookup(connection)
                var result: StorageVolume?
                try await ProgressBar.run(enabled: !output.json) { progress in
                    result = try await connection.cloneStorageVolume(source, name: newName, progress: progress)
                }
                guard let result else { throw CLIFailure(message: "the volume copy did not finish") }
                return result
            }
            if output.json { try Output.printJSON(cloned) } else { Output.printLine("Vol \(cloned.name) cloned from \(volume.volume)") }
        }
    }
}

struct VolDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-delete", abstract: "Delete a volume (a disk with its extents, or a file).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let deleted = try await connection.withConnection { connection in
                let v = try await volume.lookup(connection)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.deleteStorageVolume(v, progress: progress)
                }
                return v
            }
            if output.json { try Output.printJSON(deleted) } else { Output.printLine("Vol \(volume.volume) deleted") }
        }
    }
}

struct VolWipeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-wipe", abstract: "Overwrite a virtual disk with zeros (ZeroFillVirtualDisk_Task).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let wiped = try await connection.withConnection { connection in
                let v = try await volume.lookup(connection)
                try await ProgressBar.run(enabled: !output.json) { progress in
                    try await connection.wipeStorageVolume(v, progress: progress)
                }
                return v
            }
            if output.json { try Output.printJSON(wiped) } else { Output.printLine("Vol \(volume.volume) wiped") }
        }
    }
}

struct VolDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-download", abstract: "Download a volume's file to a local file (streaming, as ds-get).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions
    @Argument(help: "The local file to write.") var localFile: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let transfer = try await connection.withConnection { connection in
                let v = try await volume.lookup(connection)
                return try await TransferOutput.withProgress(enabled: !output.json) { progress in
                    try await connection.downloadStorageVolume(v, to: localFile, progress: progress)
                }
            }
            try TransferOutput.report(transfer, verb: "Downloaded", json: output.json)
        }
    }
}

struct VolUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vol-upload", abstract: "Replace a volume's file with a local file (streaming, as ds-put).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var volume: VolumeOptions
    @Argument(help: "The local file to send.") var localFile: String

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let transfer = try await connection.withConnection { connection in
                let v = try await volume.lookup(connection)
                return try await TransferOutput.withProgress(enabled: !output.json) { progress in
                    try await connection.uploadStorageVolume(v, from: localFile, progress: progress)
                }
            }
            try TransferOutput.report(transfer, verb: "Uploaded", json: output.json)
        }
    }
}
