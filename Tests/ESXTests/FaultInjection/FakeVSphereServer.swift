import Foundation
import XCTest

/// `Scripts/fake-vsphere-server.py` replaying the recorded simulator conversation
/// (`Fixtures/Conversations/esx.json`) with scripted faults, as a child process on 127.0.0.1.
final class FakeVSphereServer: @unchecked Sendable {
    /// What the server saw so far.
    struct Stats: Decodable {
        /// Requests of every operation, answered or faulted.
        var requests: Int
        /// Requests per operation.
        var ops: [String: Int]
        /// Requests per operation answered from the recording (no fault injected).
        var answered: [String: Int]
        /// The operations in arrival order.
        var sequence: [String]

        func count(_ op: String) -> Int { ops[op] ?? 0 }
        func answeredCount(_ op: String) -> Int { answered[op] ?? 0 }

        /// Pairs whose counts differ: objects created and not destroyed, a session not logged out.
        /// Filters live in private collectors: destroying the collector destroys them. A re-login
        /// replaces a session the server reported gone, so only the last one needs a Logout.
        var leaks: [String] {
            let pairs = [("CreateContainerView", "DestroyView"), ("CreatePropertyCollector", "DestroyPropertyCollector")]
            var leaks = pairs.compactMap { create, destroy in
                answeredCount(create) == count(destroy)
                    ? nil : "\(create) \(answeredCount(create)) vs \(destroy) \(count(destroy))"
            }
            if count("Logout") != min(answeredCount("Login"), 1) {
                leaks.append("Login \(answeredCount("Login")) vs Logout \(count("Logout"))")
            }
            if answeredCount("CreateFilter") > count("DestroyPropertyFilter") + count("DestroyPropertyCollector") {
                leaks.append("CreateFilter \(answeredCount("CreateFilter")) vs destroyed filters and collectors")
            }
            return leaks
        }
    }

    let port: Int
    private let process: Process
    private let input: Pipe
    private let output: Pipe
    private var buffered = Data()

    /// `esx://user@127.0.0.1:PORT/?transport=http` (password `pass`).
    var uri: String { "esx://user@127.0.0.1:\(port)/?transport=http" }

    init(faults: [FaultRule] = []) throws {
        let script = try Self.repositoryFile("Scripts/fake-vsphere-server.py")
        guard let resources = Bundle.module.resourceURL else { throw XCTSkip("no test resources") }
        let conversation = resources.appendingPathComponent("Fixtures/Conversations/esx.json").path
        let faultsJSON = String(decoding: try JSONEncoder().encode(faults), as: UTF8.self)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--replay", conversation, "--faults", faultsJSON]
        input = Pipe()
        output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var buffer = Data()
        let line = Self.readLine(from: output.fileHandleForReading, buffer: &buffer)
        buffered = buffer
        guard let port = Int(line) else {
            process.terminate()
            throw XCTSkip("fake-vsphere-server.py did not start: '\(line)'")
        }
        self.port = port
    }

    deinit { stop() }

    /// The server's counts so far.
    func stats() throws -> Stats {
        input.fileHandleForWriting.write(Data("stats\n".utf8))
        let line = Self.readLine(from: output.fileHandleForReading, buffer: &buffered)
        return try JSONDecoder().decode(Stats.self, from: Data(line.utf8))
    }

    /// Stops the server (closing its stdin makes it exit).
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The next line of `handle`; what was read beyond it stays in `buffer`.
    private static func readLine(from handle: FileHandle, buffer: inout Data) -> String {
        while !buffer.contains(UInt8(ascii: "\n")) {
            let data = handle.availableData
            if data.isEmpty { break }
            buffer.append(data)
        }
        let end = buffer.firstIndex(of: UInt8(ascii: "\n")) ?? buffer.endIndex
        let line = String(decoding: buffer[..<end], as: UTF8.self)
        buffer = end < buffer.endIndex ? Data(buffer[buffer.index(after: end)...]) : Data()
        return line
    }

    static func repositoryFile(_ relative: String, from file: String = #filePath) throws -> String {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw XCTSkip("\(relative) not found")
    }
}
