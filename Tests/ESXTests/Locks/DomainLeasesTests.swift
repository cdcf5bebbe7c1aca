import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// The driver's start/destroy with disk leases on the simulator.
final class DomainLeasesTests: XCTestCase {
    func testStartAndDestroyTakeAndReleaseDiskLeases() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, autostart: false))
        defer { sim.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esx-leases-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let connection = try await ESXTest.connect(sim)
        let configuration = LockPluginConfiguration(
            directory: dir, liveness: ESXLeaseLiveness(connection: connection), hostName: "mgmt-a")
        let plugin = try FileLockPlugin(configuration: configuration)
        let leases = DomainLeases(plugin: plugin)

        let vm0 = try await connection.domain(named: "ha-host_VM0")
        let vm1 = try await connection.domain(named: "ha-host_VM1")
        let disks0 = try await DomainLeases.diskResources(of: vm0.vm, connection: connection)
        let disks1 = try await DomainLeases.diskResources(of: vm1.vm, connection: connection)
        XCTAssertFalse(disks0.isEmpty, "the simulator's VMs have disks")
        let disk0 = try XCTUnwrap(disks0.first)

        try await connection.start(vm0, leases: leases)
        let holders = try await plugin.holders(of: disk0)
        XCTAssertEqual(holders.map(\.domainName), ["ha-host_VM0"])
        XCTAssertEqual(holders.first?.domainUUID, vm0.uuid?.lowercased())

        // Another domain (of another management client) wanting that disk is told who holds it.
        let intruder = try plugin.makeManager(for: LockDomainParameters(uuid: "other", name: "intruder"), start: .new)
        try intruder.register(disk0)
        do {
            try await intruder.acquireObject()
            XCTFail("expected resourceBusy")
        } catch let LockError.resourceBusy(resource, holder) {
            XCTAssertEqual(resource, disk0.name)
            XCTAssertEqual(holder.domainName, "ha-host_VM0")
        }

        // A domain whose disk is held elsewhere is not powered on and keeps no lease.
        let blocker = try plugin.makeManager(for: LockDomainParameters(uuid: "blocker", name: "blocker"), start: .new)
        try blocker.register(try XCTUnwrap(disks1.last))
        try await blocker.acquireObject()
        do {
            try await connection.start(vm1, leases: leases)
            XCTFail("expected resourceBusy")
        } catch let LockError.resourceBusy(_, holder) {
            XCTAssertEqual(holder.domainName, "blocker")
        }
        let vm1State = try await connection.domain(vm1.vm).state
        XCTAssertEqual(vm1State, .shutoff)
        for disk in disks1.dropLast() {
            let recorded = try await plugin.holders(of: disk)
            XCTAssertEqual(recorded, [])
        }
        try await blocker.shutdown()

        // destroy releases; a restarted client (new DomainLeases) re-attaches to release.
        try await connection.destroy(vm0, leases: leases)
        let recorded2 = try await plugin.holders(of: disk0)
        XCTAssertEqual(recorded2, [])
        try await connection.start(vm0, leases: leases)
        leases.detachAll()  // the client "exits"; VM0 keeps running with its leases recorded
        let recorded3 = try await plugin.holders(of: disk0)
        XCTAssertEqual(recorded3.map(\.domainName), ["ha-host_VM0"])
        let restarted = DomainLeases(plugin: plugin)
        try await connection.destroy(vm0, leases: restarted)
        for disk in disks0 {
            let recorded = try await plugin.holders(of: disk)
            XCTAssertEqual(recorded, [])
        }
        await connection.close()
    }
}
