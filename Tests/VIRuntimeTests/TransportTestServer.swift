import Foundation

/// Runs `Scripts/fake-http-server.py` as a child process on 127.0.0.1 for the transport tests.
final class TransportTestServer: @unchecked Sendable {
    enum StartError: Error {
        case scriptNotFound
        case noPorts(String)
    }

    let port: Int
    let socksPort: Int
    /// Listens but never accepts: connects succeed, nothing is ever answered.
    let blackHolePort: Int
    private let process: Process
    private let input: Pipe

    /// Base URL like `http://127.0.0.1:PORT`.
    var base: String { "\(scheme)://127.0.0.1:\(port)" }
    let scheme: String

    /// Starts the server; `tls` is (certificate, key) PEM paths for https.
    init(tls: (cert: String, key: String)? = nil) throws {
        let script = try Self.repositoryFile("Scripts/fake-http-server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", script]
        if let tls { arguments += ["--tls", tls.cert, tls.key] }
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        self.process = process
        self.input = input
        scheme = tls == nil ? "http" : "https"

        var text = ""
        while text.filter({ $0 == "\n" }).count < 3 {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let ports = text.split(separator: "\n").compactMap { Int($0) }
        guard ports.count == 3 else {
            process.terminate()
            throw StartError.noPorts(text)
        }
        port = ports[0]
        socksPort = ports[1]
        blackHolePort = ports[2]
    }

    deinit {
        stop()
    }

    /// Stops the server (closing its stdin makes it exit).
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Absolute path of `relative` under the repository root, found upwards from this file.
    static func repositoryFile(_ relative: String, from file: String = #filePath) throws -> String {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw StartError.scriptNotFound
    }
}
