import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// `/folder` file transfers on the simulator: streaming ds-put/ds-get with bounded memory,
/// resumed downloads (Range), typed errors.
final class DatastoreFileTests: XCTestCase {
    private static let bigSize = 200_000_000

    func testPutThenGetOf200MBIsByteIdenticalWithBoundedCLIMemory() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("big.bin").path
        try LocalFiles.writePattern(to: source, size: Self.bigSize, seed: 7)
        let uri = ESXTest.uri(sim)

        let put = try FaultInjection.esx(["-c", uri, "ds-put", source, "[LocalDS_0] big/big.bin", "--json"])
        XCTAssertEqual(put.status, 0, put.stderr)
        let putJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(put.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(putJSON["bytesTransferred"] as? Int, Self.bigSize)

        let copy = dir.appendingPathComponent("copy.bin").path
        let get = try FaultInjection.esx(["-c", uri, "ds-get", "[LocalDS_0] big/big.bin", copy, "--json"])
        XCTAssertEqual(get.status, 0, get.stderr)
        XCTAssertTrue(try LocalFiles.identical(source, copy), "downloaded file differs")

        // The CLI streams: holding the 200 MB body would need at least 200 MB.
        let limit = 64 << 20
        XCTAssertGreaterThan(put.maxRSS, 0)
        XCTAssertLessThan(put.maxRSS, limit, "ds-put peak RSS \(put.maxRSS) bytes")
        XCTAssertLessThan(get.maxRSS, limit, "ds-get peak RSS \(get.maxRSS) bytes")
        print("ds-put of \(Self.bigSize) bytes: peak RSS \(put.maxRSS >> 20) MiB; ds-get: \(get.maxRSS >> 20) MiB")
    }

    func testResumedDownloads() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let size = 20_000_000
        let source = dir.appendingPathComponent("src.bin").path
        try LocalFiles.writePattern(to: source, size: size, seed: 3)
        let connection = try await ESXTest.connect(sim)
        let remote = try DatastorePath(parsing: "[LocalDS_0] resume/file.bin")
        try await connection.uploadDatastoreFile(from: source, to: remote)

        // A download cancelled part-way keeps what arrived ...
        let partial = dir.appendingPathComponent("partial.bin").path
        let holder = TaskHolder()
        let task = Task {
            try await connection.downloadDatastoreFile(remote, to: partial) { step in
                // On the transfer thread: hold the first report back a little, cancel at the next.
                if step.bytes == 0 { usleep(150_000) } else { holder.cancel() }
            }
        }
        holder.set(task)
        await assertESXError({ try await task.value }) { $0 == .cancelled }
        let kept = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int)
        XCTAssertGreaterThan(kept, 0)
        XCTAssertLessThan(kept, size, "the download was cut short")

        // ... and a resumed one asks only for the rest (Range), ending byte-identical.
        let resumed = try await connection.downloadDatastoreFile(remote, to: partial, resume: true)
        XCTAssertEqual(resumed.resumedAt, Int64(kept))
        XCTAssertEqual(resumed.bytesTransferred, Int64(size - kept))
        XCTAssertEqual(resumed.size, Int64(size))
        XCTAssertTrue(try LocalFiles.identical(source, partial))

        // A complete file transfers nothing.
        let again = try await connection.downloadDatastoreFile(remote, to: partial, resume: true)
        XCTAssertEqual(again.bytesTransferred, 0)
        XCTAssertTrue(try LocalFiles.identical(source, partial))

        // Through the CLI: a prefix on disk, --resume fetches the rest.
        let prefix = dir.appendingPathComponent("prefix.bin").path
        try LocalFiles.copyPrefix(of: source, to: prefix, bytes: 7_000_000)
        let outcome = try FaultInjection.esx(
            ["-c", ESXTest.uri(sim), "ds-get", "[LocalDS_0] resume/file.bin", prefix, "--resume", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["resumedAt"] as? Int, 7_000_000)
        XCTAssertEqual(json["bytesTransferred"] as? Int, size - 7_000_000)
        XCTAssertTrue(try LocalFiles.identical(source, prefix))

        // A local file longer than the remote one cannot be resumed.
        let longer = dir.appendingPathComponent("longer.bin").path
        try LocalFiles.writePattern(to: longer, size: size + 10, seed: 3)
        await assertESXError({ try await connection.downloadDatastoreFile(remote, to: longer, resume: true) }) {
            if case .datastoreFile(.resumeMismatch(path: "[LocalDS_0] resume/file.bin", _)) = $0 { return true }
            return false
        }
        await connection.close()
    }

    func testTypedErrors() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let connection = try await ESXTest.connect(sim)
        let missing = try DatastorePath(parsing: "[LocalDS_0] nowhere/missing.bin")
        let target = dir.appendingPathComponent("out.bin").path
        await assertESXError({ try await connection.downloadDatastoreFile(missing, to: target) }) {
            $0 == .datastoreFile(.notFound(path: "[LocalDS_0] nowhere/missing.bin"))
        }
        let unknownDatastore = try DatastorePath(parsing: "[NoSuchDS] x.bin")
        await assertESXError({ try await connection.downloadDatastoreFile(unknownDatastore, to: target) }) {
            $0 == .datastoreFile(.notFound(path: "[NoSuchDS] x.bin"))
        }
        let noLocal = dir.appendingPathComponent("absent.bin").path
        await assertESXError({ try await connection.uploadDatastoreFile(from: noLocal, to: missing) }) {
            if case .datastoreFile(.localFile(path: noLocal, operation: "open", _)) = $0 { return true }
            return false
        }
        let exists = try await connection.datastoreItemExists(missing)
        XCTAssertFalse(exists)
        await connection.close()

        let outcome = try FaultInjection.esx(["-c", ESXTest.uri(sim), "ds-get", "[LocalDS_0] nowhere/missing.bin", target])
        assertOneLineFailure(outcome, "datastore file '[LocalDS_0] nowhere/missing.bin' not found")
        let badPath = try FaultInjection.esx(["-c", ESXTest.uri(sim), "ds-put", target, "no-brackets"])
        XCTAssertNotEqual(badPath.status, 0)
    }
}

/// Local test files: deterministic content, comparison in chunks (never whole files in memory).
enum LocalFiles {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("esx-ds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `size` pseudo-random bytes (xorshift from `seed`), written 1 MiB at a time.
    static func writePattern(to path: String, size: Int, seed: UInt64) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var state = seed | 1
        var left = size
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while left > 0 {
            let count = min(left, chunk.count)
            chunk.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for index in words.indices {
                    state ^= state << 13
                    state ^= state >> 7
                    state ^= state << 17
                    words[index] = state
                }
            }
            try handle.write(contentsOf: chunk[..<count])
            left -= count
        }
    }

    /// Copies the first `bytes` of `source` to `target`.
    static func copyPrefix(of source: String, to target: String, bytes: Int) throws {
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
        defer { try? input.close() }
        _ = FileManager.default.createFile(atPath: target, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        defer { try? output.close() }
        var left = bytes
        while left > 0, let data = try input.read(upToCount: min(left, 1 << 20)), !data.isEmpty {
            try output.write(contentsOf: data)
            left -= data.count
        }
    }

    /// Whether two files have the same bytes, compared 1 MiB at a time.
    static func identical(_ a: String, _ b: String) throws -> Bool {
        let first = try FileHandle(forReadingFrom: URL(fileURLWithPath: a))
        defer { try? first.close() }
        let second = try FileHandle(forReadingFrom: URL(fileURLWithPath: b))
        defer { try? second.close() }
        while true {
            let x = try first.read(upToCount: 1 << 20) ?? Data()
            let y = try second.read(upToCount: 1 << 20) ?? Data()
            if x != y { return false }
            if x.isEmpty { return true }
        }
    }
}

/// Lets a transfer thread cancel a task.
private final class TaskHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<DatastoreTransfer, any Error>?
    private var cancelled = false

    func set(_ task: Task<DatastoreTransfer, any Error>) {
        lock.withLock {
            self.task = task
            if cancelled { task.cancel() }
        }
    }

    func cancel() {
        lock.withLock {
            cancelled = true
            task?.cancel()
        }
    }
}
