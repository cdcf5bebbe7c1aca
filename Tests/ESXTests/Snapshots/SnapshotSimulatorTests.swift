import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Snapshots on the simulator: tree, current, revert, delete (with and without children),
/// duplicate names, and refusals while another client's snapshot task runs.
final class SnapshotSimulatorTests: XCTestCase {
    func testCreateListCurrentRevertDelete() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        let empty = try await connection.snapshots(of: domain)
        XCTAssertEqual(empty.all, [])
        await assertESXError({ try await connection.currentSnapshot(of: domain) }) {
            $0 == .noCurrentSnapshot("ha-host_VM0")
        }

        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        let s1 = try await connection.createSnapshot(domain, name: "s1", description: "first", progress: continuation)
        var updates: [TaskProgress] = []
        for await update in stream { updates.append(update) }
        XCTAssertEqual(updates.last?.percent, 100)
        XCTAssertEqual(updates.last?.operation, "create snapshot 's1' of domain 'ha-host_VM0'")
        XCTAssertEqual(s1.description, "first")
        XCTAssertEqual(s1.state, .running)
        XCTAssertTrue(s1.isCurrent)
        XCTAssertNil(s1.parent)

        try await connection.createSnapshot(domain, name: "s2", quiesce: true)
        try await connection.revertToSnapshot(domain, named: "s1")
        let current = try await connection.currentSnapshot(of: domain).name
        XCTAssertEqual(current, "s1")
        try await connection.createSnapshot(domain, name: "s3", memory: true)

        var tree = try await connection.snapshots(of: domain)
        XCTAssertEqual(tree.roots.map(\.name), ["s1"])
        XCTAssertEqual(tree.roots.first?.children.map(\.name), ["s2", "s3"])
        XCTAssertEqual(tree.all.map(\.name), ["s1", "s2", "s3"])
        XCTAssertEqual(tree.snapshot(named: "s2")?.parent, "s1")
        XCTAssertEqual(tree.snapshot(named: "s2")?.quiesced, true)
        XCTAssertEqual(tree.current?.name, "s3")

        await assertESXError({ try await connection.createSnapshot(domain, name: "s2") }) {
            $0 == .snapshotExists(domain: "ha-host_VM0", name: "s2")
        }
        let count = try await connection.snapshots(of: domain).all.count
        XCTAssertEqual(count, 3, "the duplicate was not created")
        await assertESXError({ try await connection.revertToSnapshot(domain, named: "nope") }) {
            $0 == .snapshotNotFound(domain: "ha-host_VM0", name: "nope")
        }

        // Without --children the children move up to the parent.
        try await connection.revertToSnapshot(domain, named: "s3")
        try await connection.createSnapshot(domain, name: "s4")
        let deletedOne = try await connection.deleteSnapshot(domain, named: "s3")
        XCTAssertEqual(deletedOne, 1)
        tree = try await connection.snapshots(of: domain)
        XCTAssertEqual(tree.roots.first?.children.map(\.name), ["s2", "s4"])

        // With children: s1 and everything below it.
        let deletedAll = try await connection.deleteSnapshot(domain, named: "s1", children: true)
        XCTAssertEqual(deletedAll, 3)
        let remaining = try await connection.snapshots(of: domain).all
        XCTAssertEqual(remaining, [])
        await assertESXError({ try await connection.deleteSnapshot(domain, named: "s1") }) {
            $0 == .snapshotNotFound(domain: "ha-host_VM0", name: "s1")
        }
        await connection.close()
    }

    func testSnapshotXML() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM1")
        try await connection.createSnapshot(domain, name: "base")
        let child = try await connection.createSnapshot(domain, name: "a<b", description: "x & y")
        let xml = DomainSnapshotXML.format(child, domainUUID: domain.uuid)
        XCTAssertTrue(xml.contains("<name>a&lt;b</name>"), xml)
        XCTAssertTrue(xml.contains("<description>x &amp; y</description>"), xml)
        XCTAssertTrue(xml.contains("<state>running</state>"), xml)
        XCTAssertTrue(xml.contains("<parent>\n    <name>base</name>\n  </parent>"), xml)
        XCTAssertTrue(xml.contains("<creationTime>\(Int64(child.creationTime.timeIntervalSince1970))</creationTime>"), xml)
        XCTAssertTrue(xml.contains("<uuid>\(try XCTUnwrap(domain.uuid))</uuid>"), xml)
        XCTAssertLessThan(abs(child.creationTime.timeIntervalSinceNow), 600)
        await connection.close()
    }

    /// Delete and revert (and create) are refused while another client's snapshot task runs;
    /// the error names the task. Once it is over they go ahead.
    func testGuardRefusesWhileAnotherClientsTaskRuns() async throws {
        let sim = try await SimulatorProcess.start(
            SimulatorOptions(model: .esx, extraArguments: ["-job-delay", "3s"]))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        try await connection.createSnapshot(domain, name: "s1")

        let other = try await ESXTest.viClient(sim)
        let task = try await other.createSnapshot_Task(domain.vm, name: "theirs", memory: false, quiesce: false)
        func isConflict(_ error: ESXError, _ operation: GuardedOperation) -> Bool {
            guard case .jobConflict(let conflict) = error else { return false }
            return conflict.operation == operation && conflict.job.kind == .snapshotCreate
                && conflict.job.origin == .otherClient && conflict.job.taskKey == task.ref.value
                && error.description.contains(task.ref.value)
        }
        await assertESXError({ try await connection.deleteSnapshot(domain, named: "s1") }) { isConflict($0, .snapshotRemove) }
        await assertESXError({ try await connection.revertToSnapshot(domain, named: "s1") }) { isConflict($0, .snapshotRevert) }
        await assertESXError({ try await connection.createSnapshot(domain, name: "s2") }) { isConflict($0, .snapshotCreate) }
        XCTAssertEqual(connection.jobs.localJobs(on: domain.vm.ref), [], "refused jobs are not recorded")

        try await Task.sleep(for: .seconds(4))
        let names = try await connection.snapshots(of: domain).all.map(\.name)
        XCTAssertEqual(names, ["s1", "theirs"])
        try await connection.revertToSnapshot(domain, named: "s1")
        let deleted = try await connection.deleteSnapshot(domain, named: "s1", children: true)
        XCTAssertEqual(deleted, 2)
        _ = try? await other.logout()
        await connection.close()
    }
}
