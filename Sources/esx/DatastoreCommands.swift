import ArgumentParser
import ESX
import Foundation

/// `esx ds-get '[ds] path' LOCALFILE`: downloads a datastore file, streaming (bounded memory).
struct DSGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ds-get", abstract: "Download a datastore file ('[datastore] path') to a local file.",
        discussion: """
            The file streams to disk with bounded memory and a progress bar on a terminal. --resume \
            continues a partial local file with an HTTP Range request (a server that ignores it sends \
            the whole file, which replaces the local one).
            """)

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The datastore file, '[datastore] directory/file'.")
    var path: String
    @Argument(help: "The local file to write.")
    var localFile: String
    @Flag(help: "Continue a partial local file instead of replacing it.")
    var resume = false
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let datastorePath = try TransferOutput.parse(path)
            let transfer = try await connection.withConnection { connection in
                try await TransferOutput.withProgress(enabled: !output.json) { progress in
                    try await connection.downloadDatastoreFile(
                        datastorePath, to: localFile, resume: resume, progress: progress)
                }
            }
            try TransferOutput.report(transfer, verb: "Downloaded", json: output.json)
        }
    }
}

/// `esx ds-put LOCALFILE '[ds] path'`: uploads a local file to a datastore, streaming.
struct DSPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ds-put", abstract: "Upload a local file to a datastore file ('[datastore] path'), replacing it.",
        discussion: "The file streams from disk with bounded memory and a progress bar on a terminal.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The local file to send.")
    var localFile: String
    @Argument(help: "The datastore file, '[datastore] directory/file'.")
    var path: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            let datastorePath = try TransferOutput.parse(path)
            let transfer = try await connection.withConnection { connection in
                try await TransferOutput.withProgress(enabled: !output.json) { progress in
                    try await connection.uploadDatastoreFile(from: localFile, to: datastorePath, progress: progress)
                }
            }
            try TransferOutput.report(transfer, verb: "Uploaded", json: output.json)
        }
    }
}

/// What `ds-get` and `ds-put` share: path parsing, the progress bar and the result line.
enum TransferOutput {
    struct JSON: Encodable {
        var path: String
        var localFile: String
        var bytesTransferred: Int64
        var resumedAt: Int64
        var size: Int64
    }

    static func parse(_ text: String) throws -> DatastorePath {
        do { return try DatastorePath(parsing: text) } catch { throw CLIFailure(message: "\(error)") }
    }

    /// Runs `transfer` with the task progress bar fed from byte counts.
    static func withProgress(
        enabled: Bool,
        _ transfer: (@escaping @Sendable (DatastoreTransferProgress) -> Void) async throws -> DatastoreTransfer
    ) async throws -> DatastoreTransfer {
        var result: DatastoreTransfer?
        try await ProgressBar.run(enabled: enabled) { continuation in
            result = try await transfer { step in
                continuation?.yield(TaskProgress(operation: describe(step), percent: step.percent))
            }
        }
        guard let result else { throw CLIFailure(message: "the transfer did not finish") }
        return result
    }

    static func report(_ transfer: DatastoreTransfer, verb: String, json: Bool) throws {
        if json {
            try Output.printJSON(JSON(
                path: transfer.path.description, localFile: transfer.localPath,
                bytesTransferred: transfer.bytesTransferred, resumedAt: transfer.resumedAt, size: transfer.size))
            return
        }
        var line = "\(verb) '\(transfer.path)' \(verb == "Uploaded" ? "from" : "to") '\(transfer.localPath)': "
            + "\(transfer.bytesTransferred) bytes"
        if transfer.resumedAt > 0 { line += " (resumed at byte \(transfer.resumedAt), size \(transfer.size))" }
        Output.printLine(line)
    }

    /// `'[ds] file' 12.5 of 200.0 MiB`.
    static func describe(_ step: DatastoreTransferProgress) -> String {
        let done = mebibytes(step.bytes)
        guard let total = step.totalBytes else { return "'\(step.path)' \(done) MiB" }
        return "'\(step.path)' \(done) of \(mebibytes(total)) MiB"
    }

    private static func mebibytes(_ bytes: Int64) -> String {
        let tenths = bytes * 10 / (1 << 20)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
