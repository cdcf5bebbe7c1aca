// Starts VMware's vSphere simulator (govmomi's vcsim, extended by the project's
// Scripts/simulator/main.go) as a child process for integration tests.
//
//     let sim = try await SharedSimulators.esx()          // one per test run
//     let own = try await SimulatorProcess.start(.init(model: .vpx, tls: true))
//     defer { own.stop() }
//     // sim.url == "http://127.0.0.1:PORT/sdk", sim.username, sim.password
//
// The binary is .build/sim/vcsim, built by Scripts/build-simulator.sh when
// missing or older than its Go sources (set SWIFT_ESX_VCSIM to use another).
// Children get -watch-stdin and a stdin pipe: when this process exits for any
// reason the pipe closes and the simulator exits too; an atexit hook also
// terminates them, so no vcsim outlives `swift test`.

import Foundation

/// What to simulate. Inventory counts left nil keep the model's defaults.
public struct SimulatorOptions: Sendable, Hashable {
    public enum Model: String, Sendable, Hashable {
        /// A standalone ESX host: `ha-datacenter`, `ha-host`, VMs `ha-host_VM0`...
        case esx
        /// A vCenter: `DC0`, hosts `DC0_H0`, clusters `DC0_C0`, VMs `DC0_H0_VM0`...
        case vpx
    }

    public var model: Model
    /// Serve https with a self-signed certificate for 127.0.0.1 generated at start-up
    /// (``SimulatorProcess/certificateFile`` holds it, for CA-file tests).
    public var tls: Bool
    /// Add VMs `ask-cancelable` and `ask-noncancelable` whose power-on waits on a question.
    public var askVMs: Bool
    /// Power on the model's VMs (the asking VMs always start powered off).
    public var autostart: Bool
    public var datacenters: Int?
    public var clusters: Int?
    public var hostsPerCluster: Int?
    /// Standalone hosts per datacenter (vpx).
    public var standaloneHosts: Int?
    /// VMs per host's or cluster's root resource pool.
    public var vmsPerPool: Int?
    public var pools: Int?
    public var datastores: Int?
    public var username: String
    public var password: String
    /// Further vcsim flags, e.g. ["-trace"].
    public var extraArguments: [String]
    /// How long to wait for the URL line (a 5,000-VM inventory takes 10-30 s).
    public var startTimeout: Duration

    public init(
        model: Model = .esx, tls: Bool = false, askVMs: Bool = false, autostart: Bool = true,
        datacenters: Int? = nil, clusters: Int? = nil, hostsPerCluster: Int? = nil,
        standaloneHosts: Int? = nil, vmsPerPool: Int? = nil, pools: Int? = nil, datastores: Int? = nil,
        username: String = "user", password: String = "pass",
        extraArguments: [String] = [], startTimeout: Duration = .seconds(60)
    ) {
        self.model = model
        self.tls = tls
        self.askVMs = askVMs
        self.autostart = autostart
        self.datacenters = datacenters
        self.clusters = clusters
        self.hostsPerCluster = hostsPerCluster
        self.standaloneHosts = standaloneHosts
        self.vmsPerPool = vmsPerPool
        self.pools = pools
        self.datastores = datastores
        self.username = username
        self.password = password
        self.extraArguments = extraArguments
        self.startTimeout = startTimeout
    }

    /// The vcsim command line for these options (without -listen / -watch-stdin).
    public var arguments: [String] {
        var args = ["-model", model.rawValue, "-username", username, "-password", password]
        if tls { args.append("-tls") }
        if askVMs { args.append("-ask") }
        if !autostart { args.append("-autostart=false") }
        let knobs: [(String, Int?)] = [
            ("-datacenter", datacenters), ("-cluster", clusters), ("-cluster-host", hostsPerCluster),
            ("-host", standaloneHosts), ("-vm", vmsPerPool), ("-pool", pools), ("-datastore", datastores),
        ]
        for case let (flag, value?) in knobs {
            args += [flag, String(value)]
        }
        return args + extraArguments
    }
}

public enum SimulatorError: Error, CustomStringConvertible {
    case repositoryRootNotFound(from: String)
    case buildFailed(status: Int32, output: String)
    case exitedEarly(status: Int32, log: String)
    case timedOut(seconds: Double, log: String)
    case unexpectedOutput(String)

    public var description: String {
        switch self {
        case .repositoryRootNotFound(let path):
            return "no Package.swift with Scripts/build-simulator.sh above \(path)"
        case .buildFailed(let status, let output):
            return "Scripts/build-simulator.sh failed (\(status)):\n\(output)"
        case .exitedEarly(let status, let log):
            return "vcsim exited with status \(status) before printing its URL; log:\n\(log)"
        case .timedOut(let seconds, let log):
            return "vcsim printed no URL within \(seconds) s; log:\n\(log)"
        case .unexpectedOutput(let line):
            return "vcsim's first line is not an SDK URL: \(line)"
        }
    }
}

/// One running simulator. `stop()` is idempotent; unstopped ones die at exit.
public final class SimulatorProcess: Sendable {
    /// `http(s)://127.0.0.1:PORT/sdk`, without credentials.
    public let url: String
    public let username: String
    public let password: String
    public let options: SimulatorOptions
    public let pid: Int32
    /// The simulator's stderr log (deleted when the simulator is stopped).
    public let logPath: String
    /// With `tls`: the PEM certificate the simulator serves (removed when it exits).
    public let certificateFile: String?
    private let child: ChildProcess

    private init(url: String, options: SimulatorOptions, child: ChildProcess, logPath: String, certificateFile: String?) {
        self.url = url
        self.username = options.username
        self.password = options.password
        self.options = options
        self.child = child
        self.pid = child.pid
        self.logPath = logPath
        self.certificateFile = certificateFile
    }

    /// The URL with `user:password@` for clients that take credentials that way.
    public var urlWithCredentials: String {
        url.replacingOccurrences(of: "://", with: "://\(username):\(password)@")
    }

    public var isRunning: Bool { child.isRunning }

    /// Terminates the simulator (SIGTERM, then SIGKILL after 5 s) and waits for it.
    public func stop() {
        child.terminate(wait: 5)
    }

    /// Builds vcsim if needed and starts it on 127.0.0.1 with a free port.
    public static func start(_ options: SimulatorOptions = .init()) async throws -> SimulatorProcess {
        let paths = try await SimulatorPaths.prepare()
        let logDir = paths.root.appendingPathComponent(".build/sim/logs")
        try FileManager.default.createDirectory(at: logDir, withIntermediateDirectories: true)
        pruneLogs(in: logDir)
        let logPath = logDir.appendingPathComponent(
            "vcsim-\(options.model.rawValue)-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        ).path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw SimulatorError.unexpectedOutput("cannot create \(logPath)")
        }
        defer { try? log.close() }

        let process = Process()
        process.executableURL = paths.binary
        let certificateFile = options.tls ? String(logPath.dropLast(".log".count)) + "-cert.pem" : nil
        process.arguments = options.arguments + ["-listen", "127.0.0.1:0", "-watch-stdin"]
            + (certificateFile.map { ["-cert-file", $0] } ?? [])
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = log
        try process.run()
        let child = ChildProcess(process: process, stdin: stdin)
        ChildRegistry.shared.add(child)
        // On failure the log stays in .build/sim/logs for a post-mortem.

        let seconds = options.startTimeout.seconds
        let line: String
        do {
            line = try await firstLine(of: stdout.fileHandleForReading, timeout: seconds)
        } catch FirstLineError.eof {
            child.terminate(wait: 5)
            throw SimulatorError.exitedEarly(status: child.exitStatus, log: tail(of: logPath))
        } catch {
            child.terminate(wait: 5)
            throw SimulatorError.timedOut(seconds: seconds, log: tail(of: logPath))
        }
        guard line.hasPrefix("http://") || line.hasPrefix("https://"), line.hasSuffix("/sdk") else {
            child.terminate(wait: 5)
            throw SimulatorError.unexpectedOutput(line)
        }
        child.logToRemove = logPath
        return SimulatorProcess(
            url: line, options: options, child: child, logPath: logPath, certificateFile: certificateFile)
    }
}

/// One simulator per configuration per test process, started on first use.
/// Tests that change inventory state in ways others would notice should start
/// their own with `SimulatorProcess.start`.
public enum SharedSimulators {
    public static func esx(tls: Bool = false) async throws -> SimulatorProcess {
        try await shared(SimulatorOptions(model: .esx, tls: tls))
    }

    public static func vpx(tls: Bool = false) async throws -> SimulatorProcess {
        try await shared(SimulatorOptions(model: .vpx, tls: tls))
    }

    /// ESX model plus the VMs `ask-cancelable` and `ask-noncancelable`.
    public static func asking() async throws -> SimulatorProcess {
        try await shared(SimulatorOptions(model: .esx, askVMs: true))
    }

    public static func shared(_ options: SimulatorOptions) async throws -> SimulatorProcess {
        try await SimulatorCache.shared.simulator(for: options)
    }
}

// MARK: - Implementation

private actor SimulatorCache {
    static let shared = SimulatorCache()
    private var starts: [SimulatorOptions: Task<SimulatorProcess, Error>] = [:]

    func simulator(for options: SimulatorOptions) async throws -> SimulatorProcess {
        if let start = starts[options] {
            let sim = try await start.value
            if sim.isRunning { return sim }  // else it died: start a fresh one
        }
        let start = Task { try await SimulatorProcess.start(options) }
        starts[options] = start
        return try await start.value
    }
}

/// Locates the repository and makes sure the simulator binary is current.
private struct SimulatorPaths: Sendable {
    let root: URL
    let binary: URL

    static func prepare() async throws -> SimulatorPaths {
        let root = try repositoryRoot()
        if let custom = ProcessInfo.processInfo.environment["SWIFT_ESX_VCSIM"], !custom.isEmpty {
            return SimulatorPaths(root: root, binary: URL(fileURLWithPath: custom))
        }
        let binary = root.appendingPathComponent(".build/sim/vcsim")
        if needsBuild(root: root, binary: binary) {
            try await build(root: root)
        }
        return SimulatorPaths(root: root, binary: binary)
    }

    static func repositoryRoot(from file: String = #filePath) throws -> URL {
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while dir.path != "/" {
            let fm = FileManager.default
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
                fm.fileExists(atPath: dir.appendingPathComponent("Scripts/build-simulator.sh").path)
            {
                return dir
            }
            dir = dir.deletingLastPathComponent()
        }
        throw SimulatorError.repositoryRootNotFound(from: file)
    }

    /// True when the binary is missing or older than a Go source or the build script.
    static func needsBuild(root: URL, binary: URL) -> Bool {
        let fm = FileManager.default
        func modified(_ path: String) -> Date? {
            (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        guard let built = modified(binary.path) else { return true }
        var sources = [root.appendingPathComponent("Scripts/build-simulator.sh").path]
        let dir = root.appendingPathComponent("Scripts/simulator").path
        for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".go") {
            sources.append(dir + "/" + name)
        }
        return sources.contains { (modified($0) ?? .distantPast) > built }
    }

    static func build(root: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Scripts/build-simulator.sh").path]
        process.currentDirectoryURL = root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw SimulatorError.buildFailed(status: status, output: text) }
    }
}

/// A started vcsim child: its Process and the write end of its stdin pipe.
private final class ChildProcess: @unchecked Sendable {
    private let lock = NSLock()
    private let process: Process  // guarded by lock
    private var stdin: Pipe?  // guarded by lock; closing it makes vcsim exit
    private var _logToRemove: String?  // guarded by lock
    let pid: Int32

    /// A log file to delete once the child is told to stop.
    var logToRemove: String? {
        get { lock.withLock { _logToRemove } }
        set { lock.withLock { _logToRemove = newValue } }
    }

    init(process: Process, stdin: Pipe) {
        self.process = process
        self.stdin = stdin
        self.pid = process.processIdentifier
    }

    var isRunning: Bool { lock.withLock { process.isRunning } }
    var exitStatus: Int32 { lock.withLock { process.isRunning ? -1 : process.terminationStatus } }

    /// Signals the child to stop (SIGTERM and EOF on its stdin); with `wait`
    /// > 0 waits that long for it to exit, then kills it.
    func terminate(wait: Double) {
        let log: String? = lock.withLock {
            if process.isRunning {
                kill(pid, SIGTERM)
            }
            try? stdin?.fileHandleForWriting.close()
            stdin = nil
            defer { _logToRemove = nil }
            return _logToRemove
        }
        if let log {
            try? FileManager.default.removeItem(atPath: log)  // vcsim may still hold it open: fine
        }
        guard wait > 0 else { return }
        let deadline = Date().addingTimeInterval(wait)
        while isRunning && Date() < deadline {
            usleep(20_000)
        }
        if isRunning {
            kill(pid, SIGKILL)
            lock.withLock { process.waitUntilExit() }
        }
        ChildRegistry.shared.remove(self)
    }
}

/// All live children, terminated by an atexit hook.
private final class ChildRegistry: @unchecked Sendable {
    static let shared: ChildRegistry = {
        let registry = ChildRegistry()
        atexit { ChildRegistry.shared.terminateAll() }
        return registry
    }()

    private let lock = NSLock()
    private var children: [ObjectIdentifier: ChildProcess] = [:]

    func add(_ child: ChildProcess) {
        lock.withLock { children[ObjectIdentifier(child)] = child }
    }

    func remove(_ child: ChildProcess) {
        _ = lock.withLock { children.removeValue(forKey: ObjectIdentifier(child)) }
    }

    func terminateAll() {
        let all = lock.withLock { Array(children.values) }
        for child in all {
            child.terminate(wait: 0)  // SIGTERM + stdin EOF; vcsim exits within milliseconds
        }
    }
}

private enum FirstLineError: Error {
    case eof
    case timeout
}

/// Reads the first line from `handle` on a background thread, or fails after
/// `timeout` seconds. The thread then drains the pipe until EOF.
private func firstLine(of handle: FileHandle, timeout: Double) async throws -> String {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, Error>) in
        let once = ResumeOnce(continuation)
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    once.resume(.failure(FirstLineError.eof))
                    return
                }
                buffer.append(chunk)
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    once.resume(.success(line.trimmingCharacters(in: .whitespacesAndNewlines)))
                    break
                }
            }
            while !handle.availableData.isEmpty {}
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            once.resume(.failure(FirstLineError.timeout))
        }
    }
}

/// Resumes a continuation at most once.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String, Error>?  // guarded by lock

    init(_ continuation: CheckedContinuation<String, Error>) {
        self.continuation = continuation
    }

    func resume(_ result: Result<String, Error>) {
        let continuation = lock.withLock {
            defer { self.continuation = nil }
            return self.continuation
        }
        continuation?.resume(with: result)
    }
}

/// Deletes simulator logs older than a day (left by failed starts or killed runs).
private func pruneLogs(in dir: URL) {
    let fm = FileManager.default
    let cutoff = Date().addingTimeInterval(-86_400)
    for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".log") {
        let path = dir.appendingPathComponent(name).path
        if let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date < cutoff {
            try? fm.removeItem(atPath: path)
        }
    }
}

private func tail(of path: String, lines: Int = 30) -> String {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
}

extension Duration {
    fileprivate var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
