import Foundation
import XCTest

@testable import ESX

final class FileLockManagerTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try makeLeaseDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func manager(
        _ plugin: FileLockPlugin, _ domain: LockDomainParameters, _ disks: [(String, LockResourceFlags)],
        start: LockManagerStart = .new
    ) throws -> any DomainLockManager {
        let manager = try plugin.makeManager(for: domain, start: start)
        for (path, flags) in disks { try manager.register(.disk(path, flags: flags)) }
        return manager
    }

    func testExclusiveDiskConflictNamesTheHolder() async throws {
        let plugin = try lockdPlugin(dir)
        let a = try manager(plugin, domainA, [("[ds] a/disk.vmdk", [])])
        let b = try manager(plugin, domainB, [("[ds] b/own.vmdk", []), ("[ds]  a//disk.vmdk", [])])
        try await a.acquireObject()
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
        // All or nothing: b's own disk was released again.
        let recorded1 = try await plugin.holders(of: .disk("[ds] b/own.vmdk"))
        XCTAssertEqual(recorded1, [])
        let holders = try await plugin.holders(of: .disk("[ds] a/disk.vmdk"))
        XCTAssertEqual(holders.map(\.domainName), ["alpha"])
        XCTAssertEqual(holders.first?.mode, .exclusive)
        XCTAssertEqual(holders.first?.managementHost, "mgmt-a")
        XCTAssertEqual(holders.first?.hypervisorHost, "esx-1")
        XCTAssertEqual(holders.first?.pid, getpid())

        try await a.shutdown()
        XCTAssertEqual(leaseFiles(in: dir), [], "released leases remove their files")
        try await b.acquireObject()
        let recorded2 = try await plugin.holders(of: .disk("[ds] a/disk.vmdk"))
        XCTAssertEqual(recorded2.map(\.domainName), ["beta"])
        try await b.release()
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testSharedAndReadOnlyDisks() async throws {
        let plugin = try lockdPlugin(dir)
        let a = try manager(plugin, domainA, [("[ds] shared.vmdk", .shared), ("[ds] iso.vmdk", .readonly)])
        let b = try manager(plugin, domainB, [("[ds] shared.vmdk", .shared), ("[ds] iso.vmdk", .readonly)])
        let c = try manager(plugin, domainC, [("[ds] shared.vmdk", [])])
        let d = try manager(plugin, domainC, [("[ds] iso.vmdk", [])])
        try await a.acquireObject()
        try await b.acquireObject()
        let recorded3 = try await plugin.holders(of: .disk("[ds] shared.vmdk"))
        XCTAssertEqual(Set(recorded3.map(\.domainName)), ["alpha", "beta"])
        let recorded4 = try await plugin.holders(of: .disk("[ds] iso.vmdk"))
        XCTAssertEqual(recorded4, [], "read-only disks take no lease")
        // A writer is refused while readers share the disk; a writer of the read-only disk is not.
        do {
            try await c.acquireObject()
            XCTFail("exclusive over shared must fail")
        } catch let LockError.resourceBusy(resource, holder) {
            XCTAssertEqual(resource, "[ds] shared.vmdk")
            XCTAssertTrue(["alpha", "beta"].contains(holder.domainName))
        }
        try await d.acquireObject()
        try await d.shutdown()
        // Once one sharer leaves the other still blocks the writer; once both leave it gets it.
        try await a.shutdown()
        await assertBusy({ try await c.acquireObject() }, heldBy: domainB)
        try await b.shutdown()
        try await c.acquireObject()
        // And a sharer is refused while the writer holds it.
        let e = try manager(plugin, domainA, [("[ds] shared.vmdk", .shared)])
        await assertBusy({ try await e.acquireObject() }, heldBy: domainC)
        try await c.shutdown()
    }

    func testTheSameDiskRegisteredTwiceTakesTheStrongestMode() async throws {
        let plugin = try lockdPlugin(dir)
        let a = try manager(plugin, domainA, [("[ds] x.vmdk", .readonly), ("[ds] x.vmdk", .shared), ("[ds] ./x.vmdk", [])])
        try await a.acquireObject()
        let recorded5 = try await plugin.holders(of: .disk("[ds] x.vmdk"))
        XCTAssertEqual(recorded5.map(\.mode), [.exclusive])
        try await a.shutdown()
    }

    func testStaleLeaseIsReclaimedOnlyOnceItsDomainIsDown() async throws {
        let liveness = FakeLiveness()
        let plugin = try lockdPlugin(dir, liveness: liveness)
        // The holder goes away without releasing (like a killed client): the record stays.
        do {
            let a = try manager(plugin, domainA, [("[ds] disk.vmdk", [])])
            try await a.acquireObject()
        }
        let recorded6 = try await plugin.holders(of: .disk("[ds] disk.vmdk"))
        XCTAssertEqual(recorded6.map(\.domainName), ["alpha"])
        liveness.set(domainA.uuid, running: true)
        let b = try manager(plugin, domainB, [("[ds] disk.vmdk", [])])
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
        XCTAssertEqual(liveness.questions, [domainA.uuid])

        liveness.set(domainA.uuid, running: false)
        try await b.acquireObject()
        let recorded7 = try await plugin.holders(of: .disk("[ds] disk.vmdk"))
        XCTAssertEqual(recorded7.map(\.domainName), ["beta"])
        try await b.shutdown()
    }

    func testWithoutLivenessARecordedLeaseIsNeverReclaimed() async throws {
        let plugin = try lockdPlugin(dir)
        do {
            let a = try manager(plugin, domainA, [("[ds] disk.vmdk", [])])
            try await a.acquireObject()
        }
        let b = try manager(plugin, domainB, [("[ds] disk.vmdk", [])])
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
    }

    func testLiveHolderIsBusyWithoutAskingLiveness() async throws {
        let liveness = FakeLiveness()
        let plugin = try lockdPlugin(dir, liveness: liveness)
        let a = try manager(plugin, domainA, [("[ds] disk.vmdk", [])])
        try await a.acquireObject()
        let b = try manager(plugin, domainB, [("[ds] disk.vmdk", [])])
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
        XCTAssertEqual(liveness.questions, [], "a held kernel lock proves the holder alive")
        try await a.shutdown()
    }

    func testReattachAfterClientRestart() async throws {
        let plugin = try lockdPlugin(dir)
        do {
            let first = try manager(plugin, domainA, [("[ds] disk.vmdk", []), ("[ds] data.vmdk", .shared)])
            try await first.acquireObject()
        }  // the client "exits" while the domain keeps running
        let again = try manager(plugin, domainA, [("[ds] disk.vmdk", []), ("[ds] data.vmdk", .shared)], start: .attach)
        try await again.acquireObject()
        let holders = try await plugin.holders(of: .disk("[ds] disk.vmdk"))
        XCTAssertEqual(holders.count, 1, "the old entry was adopted, not duplicated")
        XCTAssertEqual(holders.first?.domainUUID, domainA.uuid)
        // The re-attached manager holds the kernel lock again: others see a live holder.
        let b = try manager(plugin, domainB, [("[ds] disk.vmdk", [])])
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
        // A second live client of the same domain is refused too.
        let twin = try manager(plugin, domainA, [("[ds] disk.vmdk", [])], start: .attach)
        await assertBusy({ try await twin.acquireObject() }, heldBy: domainA)
        try await again.shutdown()
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testHotplugAcquireAndReleaseOneResource() async throws {
        let plugin = try lockdPlugin(dir)
        let a = try manager(plugin, domainA, [("[ds] boot.vmdk", [])])
        await XCTAssertThrowsLockError(try await a.acquire(.disk("[ds] hot.vmdk")), "before acquireObject")
        try await a.acquireObject()
        XCTAssertThrowsError(try a.register(.disk("[ds] late.vmdk")), "register after start")
        try await a.acquire(.disk("[ds] hot.vmdk"))
        XCTAssertEqual(a.resources.map(\.name), ["[ds] boot.vmdk", "[ds] hot.vmdk"])
        let b = try manager(plugin, domainB, [("[ds] hot.vmdk", [])])
        await assertBusy({ try await b.acquireObject() }, heldBy: domainA)
        // Hotplug of a disk held elsewhere fails and leaves the domain's leases alone.
        await XCTAssertThrowsLockError(try await b.acquire(.disk("[ds] free.vmdk")), "b has not started")
        try await a.release(.disk("[ds] hot.vmdk"))
        do {
            try await a.release(.disk("[ds] hot.vmdk"))
            XCTFail("released twice")
        } catch {
            XCTAssertEqual(error, .notHeld(resource: "[ds] hot.vmdk"))
        }
        try await b.acquireObject()
        let c = try manager(plugin, domainC, [("[ds] x.vmdk", [])])
        try await c.acquireObject()
        await assertBusy({ try await c.acquire(.disk("[ds] boot.vmdk")) }, heldBy: domainA)
        XCTAssertEqual(c.resources.map(\.name), ["[ds] x.vmdk"])
        for m in [a, b, c] { try await m.shutdown() }
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testMigrationCommit() async throws {
        let plugin = try lockdPlugin(dir)
        let disks: [(String, LockResourceFlags)] = [("[ds] m.vmdk", []), ("[ds] shared.vmdk", .shared)]
        let source = try manager(plugin, domainA, disks)
        try await source.acquireObject()
        try await source.prepareMigrate(to: "esx-2")
        let recorded8 = try await plugin.holders(of: .disk("[ds] m.vmdk"))
        XCTAssertEqual(recorded8.map(\.state), [.migratingOut])
        let recorded9 = try await plugin.holders(of: .disk("[ds] m.vmdk"))
        XCTAssertEqual(recorded9.map(\.migrationTarget), ["esx-2"])

        var target = domainA
        target.host = "esx-2"
        let destination = try manager(plugin, target, disks, start: .migrateIn)
        try await destination.acquireObject()
        let recorded10 = try await plugin.holders(of: .disk("[ds] m.vmdk"))
        XCTAssertEqual(recorded10.map(\.state), [.migratingOut, .incoming])
        // Nobody else gets in during the migration.
        let other = try manager(plugin, domainB, [("[ds] m.vmdk", [])])
        await assertBusy({ try await other.acquireObject() }, heldBy: domainA)

        try await destination.completeMigrateIn(.commit)
        try await source.completeMigrateIn(.commit)
        try await source.shutdown()
        let holders = try await plugin.holders(of: .disk("[ds] m.vmdk"))
        XCTAssertEqual(holders.map(\.state), [.active])
        XCTAssertEqual(holders.map(\.hypervisorHost), ["esx-2"])
        await assertBusy({ try await other.acquireObject() }, heldBy: domainA)
        // The target's kernel lock is exclusive again once the source let go.
        try await destination.acquire(.disk("[ds] hot.vmdk"))
        try await destination.shutdown()
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testMigrationCancel() async throws {
        let plugin = try lockdPlugin(dir)
        let source = try manager(plugin, domainA, [("[ds] m.vmdk", [])])
        try await source.acquireObject()
        try await source.prepareMigrate(to: "esx-2")
        var target = domainA
        target.host = "esx-2"
        let destination = try manager(plugin, target, [("[ds] m.vmdk", [])], start: .migrateIn)
        try await destination.acquireObject()
        try await destination.completeMigrateIn(.cancel)
        try await destination.shutdown()
        try await source.completeMigrateIn(.cancel)
        let holders = try await plugin.holders(of: .disk("[ds] m.vmdk"))
        XCTAssertEqual(holders.map(\.state), [.active])
        XCTAssertEqual(holders.map(\.hypervisorHost), ["esx-1"])
        XCTAssertNil(holders.first?.migrationTarget)
        // The source still owns it, with a live kernel lock.
        let other = try manager(plugin, domainB, [("[ds] m.vmdk", [])])
        await assertBusy({ try await other.acquireObject() }, heldBy: domainA)
        try await source.shutdown()
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testMigrationToAnotherHostThanPreparedIsRefused() async throws {
        let plugin = try lockdPlugin(dir)
        let source = try manager(plugin, domainA, [("[ds] m.vmdk", [])])
        try await source.acquireObject()
        var target = domainA
        target.host = "esx-3"
        let early = try manager(plugin, target, [("[ds] m.vmdk", [])], start: .migrateIn)
        await XCTAssertThrowsLockError(try await early.acquireObject(), "before prepareMigrate")
        try await source.prepareMigrate(to: "esx-2")
        let wrong = try manager(plugin, target, [("[ds] m.vmdk", [])], start: .migrateIn)
        do {
            try await wrong.acquireObject()
            XCTFail("migrating in to a host not prepared must fail")
        } catch let LockError.migrationMismatch(_, expected, found) {
            XCTAssertEqual(expected, "esx-3")
            XCTAssertEqual(found, "esx-2")
        }
        await XCTAssertThrowsLockError(try await source.prepareMigrate(to: "esx-2"), "twice")
        try await source.completeMigrateIn(.cancel)
        try await source.shutdown()
    }

    func testLifecycleStateErrors() async throws {
        let plugin = try lockdPlugin(dir)
        let a = try manager(plugin, domainA, [("[ds] a.vmdk", [])])
        await XCTAssertThrowsLockError(try await a.prepareMigrate(to: "x"), "prepareMigrate")
        await XCTAssertThrowsLockError(try await a.completeMigrateIn(.commit), "completeMigrateIn")
        try await a.acquireObject()
        await XCTAssertThrowsLockError(try await a.acquireObject(), "twice")
        try await a.release()
        try await a.acquireObject()  // again after release
        try await a.shutdown()
        try await a.shutdown()  // idempotent
        await XCTAssertThrowsLockError(try await a.acquireObject(), "after shutdown")
        XCTAssertEqual(leaseFiles(in: dir), [])
    }

    func testCorruptLeaseFileIsReported() async throws {
        let plugin = try lockdPlugin(dir)
        let disk = try LockResource.disk("[ds] bad.vmdk")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: plugin.leasePath(for: disk)))
        let a = try manager(plugin, domainA, [("[ds] bad.vmdk", [])])
        do {
            try await a.acquireObject()
            XCTFail("expected corruptLease")
        } catch LockError.corruptLease(let path, _) {
            XCTAssertEqual(path, plugin.leasePath(for: disk))
        }
    }
}

/// Asserts that an async expression throws a `LockError`.
func XCTAssertThrowsLockError(
    _ body: @autoclosure () async throws -> Void, _ message: String, file: StaticString = #filePath, line: UInt = #line
) async {
    do {
        try await body()
        XCTFail("expected a LockError: \(message)", file: file, line: line)
    } catch is LockError {
    } catch {
        XCTFail("expected a LockError, got \(error): \(message)", file: file, line: line)
    }
}
