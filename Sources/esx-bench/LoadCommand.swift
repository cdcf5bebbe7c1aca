import ArgumentParser
import ESX
import Foundation
import Logging
import VI

/// `esx-bench load`: N concurrent callers on one logged-in ``ESXConnection``.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Concurrent callers on one session; print one JSON line of latency, throughput and memory.",
        discussion: """
            Each caller loops RetrievePropertiesEx of one VM's name and runtime alternating with CurrentTime, \
            and lists every VM through a ContainerView every 10th call. With --expire-session-every a second \
            session terminates the load session periodically; the driver must log in again exactly once per \
            expiry. Exits with status 1 when a call failed or the re-logins do not match the expiries.
            """)

    @Option(help: "SDK URL (http[s]://host:port/sdk) or an esx:// URI.")
    var url: String

    @Option(help: "User name (default: the URL's user, else 'user').")
    var user: String?

    @Flag(help: "Skip TLS certificate verification (self-signed test servers).")
    var insecure = false

    @Option(help: "Concurrent callers.")
    var callers = 64

    @Option(help: "Measured seconds.")
    var seconds = 60.0

    @Option(help: "Unmeasured seconds before, after which the starting RSS is read.")
    var warmup = 2.0

    @Option(help: "A container-view listing every N calls of a caller (0: none).")
    var listingEvery = 10

    @Option(name: .customLong("expire-session-every"), help: "Terminate the session every N seconds (0: never).")
    var expireEvery = 0.0

    func validate() throws {
        guard callers >= 1 else { throw ValidationError("--callers must be at least 1") }
        guard seconds > 0, warmup >= 0, expireEvery >= 0 else {
            throw ValidationError("--seconds must be positive; --warmup and --expire-session-every not negative")
        }
    }

    func run() async throws {
        // Log lines go to stderr: stdout carries only the JSON line.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let target = try LoadTarget(url: url, user: user, insecure: insecure)
        let options = ESXConnection.Options()
        let connection = try await ESXConnection.connect(
            target.uri, credentials: StaticCredentials(user: target.user, password: target.password), options: options)
        let workload = try await LoadWorkload(connection: connection)

        let measureStart = ContinuousClock.now + .seconds(warmup)
        let end = measureStart + .seconds(seconds)
        async let rssStart: Int = {
            try? await Task.sleep(until: measureStart, clock: .continuous)
            return ProcessMemory.residentKB()
        }()
        async let expiries: Int = expire(connection, target: target, from: measureStart, until: end)
        let tally = await withTaskGroup(of: CallerTally.self) { group in
            for _ in 0..<callers {
                group.addTask { await Self.caller(workload, listingEvery: listingEvery, measureFrom: measureStart, until: end) }
            }
            return await group.reduce(into: CallerTally()) { $0.merge($1) }
        }
        let rssEnd = ProcessMemory.residentKB()
        let expired = try await expiries
        _ = try? await workload.perform(.currentTime)  // settles a re-login still pending
        let logins = await connection.loginCount
        await connection.close()

        let report = LoadReport(
            callers: callers, seconds: seconds, tally: tally, rssStartKB: await rssStart, rssEndKB: rssEnd,
            rssPeakKB: ProcessMemory.peakKB(), logins: logins, expiries: expired)
        print(report.jsonLine)
        if let firstError = tally.firstError {
            FileHandle.standardError.write(Data("esx-bench: \(tally.errors) failed calls; first: \(firstError)\n".utf8))
        }
        guard report.passed else { throw ExitCode.failure }
    }

    /// One caller: loops the mix until `end`, recording calls that start at or after `measureFrom`.
    private static func caller(
        _ workload: LoadWorkload, listingEvery: Int, measureFrom: ContinuousClock.Instant, until end: ContinuousClock.Instant
    ) async -> CallerTally {
        var tally = CallerTally()
        tally.latencies.reserveCapacity(4096)
        var index = 0
        while true {
            let started = ContinuousClock.now
            guard started < end else { break }
            let kind = LoadCall.kind(at: index, listingEvery: listingEvery)
            index += 1
            var failure: (any Error)?
            do { try await workload.perform(kind) } catch { failure = error }
            guard started >= measureFrom else { continue }
            let elapsed = ContinuousClock.now - started
            tally.latencies.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
            tally.kinds[kind, default: 0] += 1
            if let failure {
                tally.errors += 1
                if tally.firstError == nil { tally.firstError = "\(kind.rawValue): \(failure)" }
            }
        }
        return tally
    }

    /// Runs the session expirer over the measured window; 0 expiries when it is off.
    private func expire(
        _ connection: ESXConnection, target: LoadTarget, from start: ContinuousClock.Instant, until end: ContinuousClock.Instant
    ) async throws -> Int {
        guard expireEvery > 0 else { return 0 }
        let admin = try await target.adminClient()
        let expirer = SessionExpirer(connection: connection, admin: admin, interval: .milliseconds(Int(expireEvery * 1000)))
        let outcome: Result<Int, any Error>
        do {
            try await Task.sleep(until: start, clock: .continuous)
            outcome = .success(try await expirer.run(until: end))
        } catch {
            outcome = .failure(error)
        }
        try? await admin.logout()
        return try outcome.get()
    }
}
