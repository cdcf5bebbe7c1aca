import Foundation
import XCTest

@testable import ESX

/// Leases between processes: the test binary re-runs itself as a lease holder
/// (`LockHolderProcess.testHolder` with `ESX_LOCK_HELPER` set).
final class LockProcessTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try makeLeaseDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testTwoProcessesCompeteForOneDisk() async throws {
        let one = try HolderProcess.start(dir: dir, domain: domainA, disk: "[ds] race.vmdk")
        let two = try HolderProcess.start(dir: dir, domain: domainB, disk: "[ds] race.vmdk")
        defer {
            one.kill()
            two.kill()
        }
        try one.waitReady()
        try two.waitReady()
        one.go()
        two.go()
        let results = [try one.result(), try two.result()]
        let winners = results.filter { $0 == "ACQUIRED" }
        XCTAssertEqual(winners.count, 1, "\(results)")
        let loser = results.first { $0 != "ACQUIRED" } ?? ""
        let winnerName = results[0] == "ACQUIRED" ? domainA.name : domainB.name
        XCTAssertEqual(loser, "BUSY \(winnerName)", "the loser's error names the winning domain")
    }

    func testKilledHoldersLeaseIsReclaimableOnlyOnceItsDomainIsDown() async throws {
        let holder = try HolderProcess.start(dir: dir, domain: domainA, disk: "[ds] killed.vmdk")
        defer { holder.kill() }
        try holder.waitReady()
        holder.go()
        XCTAssertEqual(try holder.result(), "ACQUIRED")

        let liveness = FakeLiveness()
        liveness.set(domainA.uuid, running: true)
        let plugin = try lockdPlugin(dir, liveness: liveness, host: "mgmt-b")
        let manager = try plugin.makeManager(for: domainB, start: .new)
        try manager.register(.disk("[ds] killed.vmdk"))
        // While the holder process lives, its kernel lock answers without asking vSphere.
        await assertBusy({ try await manager.acquireObject() }, heldBy: domainA)
        XCTAssertEqual(liveness.questions, [])

        holder.kill()
        let holders = try await plugin.holders(of: .disk("[ds] killed.vmdk"))
        XCTAssertEqual(holders.map(\.domainName), ["alpha"], "the lease outlives the process")
        XCTAssertEqual(holders.first?.pid, holder.pid)
        await assertBusy({ try await manager.acquireObject() }, heldBy: domainA)
        XCTAssertEqual(liveness.questions, [domainA.uuid], "a dead holder's domain is still running")

        liveness.set(domainA.uuid, running: false)
        try await manager.acquireObject()
        let recorded1 = try await plugin.holders(of: .disk("[ds] killed.vmdk"))
        XCTAssertEqual(recorded1.map(\.domainName), ["beta"])
        try await manager.shutdown()
    }

    func testSharedDiskAcrossProcesses() async throws {
        let one = try HolderProcess.start(dir: dir, domain: domainA, disk: "[ds] shared.vmdk", shared: true)
        let two = try HolderProcess.start(dir: dir, domain: domainB, disk: "[ds] shared.vmdk", shared: true)
        let three = try HolderProcess.start(dir: dir, domain: domainC, disk: "[ds] shared.vmdk")
        defer { [one, two, three].forEach { $0.kill() } }
        for p in [one, two, three] { try p.waitReady() }
        one.go()
        XCTAssertEqual(try one.result(), "ACQUIRED")
        two.go()
        XCTAssertEqual(try two.result(), "ACQUIRED")
        three.go()
        XCTAssertTrue(try three.result().hasPrefix("BUSY "))
    }
}

/// A child test process that takes one lease on "go" and holds it until killed or stdin closes.
final class HolderProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    var pid: Int32 { process.processIdentifier }

    static func start(dir: String, domain: LockDomainParameters, disk: String, shared: Bool = false) throws
        -> HolderProcess
    {
        let holder = HolderProcess()
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        holder.process.executableURL = URL(fileURLWithPath: binary)
        holder.process.arguments = ["ESXTests.LockHolderProcess/testHolder"]
        var environment = ProcessInfo.processInfo.environment
        environment["ESX_LOCK_HELPER"] = [dir, domain.uuid, domain.name, disk, shared ? "shared" : "exclusive"]
            .joined(separator: "\n")
        holder.process.environment = environment
        holder.process.standardInput = holder.input
        holder.process.standardOutput = holder.output
        holder.process.standardError = FileHandle.nullDevice
        try holder.process.run()
        return holder
    }

    func waitReady() throws { _ = try line(prefix: "READY") }
    func go() { try? input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8)) }
    func result() throws -> String { try line(prefix: "RESULT ").dropFirst("RESULT ".count).description }

    func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The next output line starting with `prefix` (XCTest's own lines are skipped), within 60 s.
    private func line(prefix: String) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                if text.hasPrefix(prefix) { return text }
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        throw HolderError.noLine(prefix)
    }

    enum HolderError: Error { case noLine(String) }
}

/// The child side: does nothing unless started by ``HolderProcess``.
final class LockHolderProcess: XCTestCase {
    func testHolder() async throws {
        guard let spec = ProcessInfo.processInfo.environment["ESX_LOCK_HELPER"] else { return }
        let parts = spec.components(separatedBy: "\n")
        guard parts.count == 5 else { return XCTFail("bad ESX_LOCK_HELPER") }
        let plugin = try lockdPlugin(parts[0], host: "mgmt-\(getpid())")
        let manager = try plugin.makeManager(for: LockDomainParameters(uuid: parts[1], name: parts[2]), start: .new)
        try manager.register(.disk(parts[3], flags: parts[4] == "shared" ? .shared : []))
        say("READY")
        _ = readLine()
        do {
            try await manager.acquireObject()
            say("RESULT ACQUIRED")
        } catch let LockError.resourceBusy(_, holder) {
            say("RESULT BUSY \(holder.domainName)")
        } catch {
            say("RESULT ERROR \(error)")
        }
        // Hold until the parent kills us or closes stdin; never release (like a crashed client).
        while readLine() != nil {}
        withExtendedLifetime(manager) {}
        exit(0)
    }

    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
