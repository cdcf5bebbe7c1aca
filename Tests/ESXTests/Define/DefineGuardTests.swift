import ESX
import Foundation
import SimulatorSupport
import VI
import VMX
import XCTest

/// Job guards and disk leases around define and undefine: each refusal, and nothing changed by it.
final class DefineGuardTests: XCTestCase {
    /// `-job-delay` keeps another client's snapshot task running on ha-host_VM0.
    private func startWithRunningSnapshotTask() async throws -> (SimulatorProcess, VITask) {
        let sim = try await SimulatorProcess.start(
            SimulatorOptions(model: .esx, autostart: false, extraArguments: ["-job-delay", "4s"]))
        let other = try await ESXTest.viClient(sim)
        let vms = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        let vm = try XCTUnwrap(vms.first { $0.name == "ha-host_VM0" })
        let task = try await other.createSnapshot_Task(vm.managedObject, name: "busy", memory: false, quiesce: false)
        return (sim, task)
    }

    func testUndefineIsRefusedWhileAnotherClientsTaskRuns() async throws {
        let (sim, task) = try await startWithRunningSnapshotTask()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        XCTAssertEqual(domain.state, .shutoff)
        let error = await assertESXError({ try await connection.undefine(domain) }) {
            guard case .jobConflict(let conflict) = $0 else { return false }
            return conflict.operation == .undefine && conflict.job.taskKey == task.ref.value
                && conflict.job.kind == .snapshotCreate && conflict.job.origin == .otherClient
        }
        XCTAssertTrue(error?.description.contains(task.ref.value) == true, "\(String(describing: error))")
        let names = try await connection.listDomains(.all).map(\.name)
        XCTAssertTrue(names.contains("ha-host_VM0"), "still defined")

        let outcome = try FaultInjection.esx(["-c", ESXTest.uri(sim), "undefine", "ha-host_VM0"])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stderr.contains("cannot undefine domain 'ha-host_VM0'"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains(task.ref.value), outcome.stderr)
        await connection.close()
    }

    func testDefineOverAnExistingDomainNamesItsRunningJob() async throws {
        let (sim, task) = try await startWithRunningSnapshotTask()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let tree = try await DefineTest.datastoreTree(connection.client)
        await assertESXError({
            try await connection.define(xml: DefineTest.xml(name: "ha-host_VM0", directory: "ha-host_VM0"))
        }) {
            guard case .jobConflict(let conflict) = $0 else { return false }
            return conflict.operation == .redefine && conflict.job.taskKey == task.ref.value
        }
        let after = try await DefineTest.datastoreTree(connection.client)
        XCTAssertEqual(after, tree)
        // Once the job is over the define is refused for the existing domain itself.
        try await Task.sleep(for: .seconds(5))
        await assertESXError({
            try await connection.define(xml: DefineTest.xml(name: "ha-host_VM0", directory: "ha-host_VM0"))
        }) {
            if case .domainExists(name: "ha-host_VM0", _) = $0 { return true }
            return false
        }
        await connection.close()
    }

    func testDefineIsRefusedForADiskARunningDomainHolds() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, autostart: false))
        defer { sim.stop() }
        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let connection = try await ESXTest.connect(sim)
        let plugin = try FileLockPlugin(configuration: LockPluginConfiguration(directory: dir.path, hostName: "mgmt-a"))
        let leases = DomainLeases(plugin: plugin)
        let owner = try await connection.domain(named: "ha-host_VM0")
        let ownerDefinition = try await connection.domainDefinitionFromConfig(owner)
        let disk = try XCTUnwrap(ownerDefinition.disks.first { $0.device == .disk }?.source)
        try await connection.start(owner, leases: leases)

        var definition = DefineTest.definition(name: "thief")
        definition.disks[0].source = disk
        let tree = try await DefineTest.datastoreTree(connection.client)
        let inventory = try await DefineTest.inventory(connection.client)
        await assertESXError({ try await connection.define(xml: DomainXML.format(definition), leases: leases) }) {
            guard case .lock(.resourceBusy(_, let holder)) = $0 else { return false }
            return holder.domainName == "ha-host_VM0"
        }
        let treeAfter = try await DefineTest.datastoreTree(connection.client)
        XCTAssertEqual(treeAfter, tree)
        let inventoryAfter = try await DefineTest.inventory(connection.client)
        XCTAssertEqual(inventoryAfter, inventory)

        // Released by destroy, the disk can be defined into another domain.
        try await connection.destroy(owner, leases: leases)
        let directory = try DatastorePath(parsing: disk).directoryName
        try await DefineTest.prepareDirectory(connection, directory, disk: "placeholder.vmdk", registrable: "thief")
        let thief = try await connection.define(xml: DomainXML.format(definition), leases: leases)
        XCTAssertEqual(thief.name, "thief")
        let holders = try await plugin.holders(of: try LockResource.disk(disk))
        XCTAssertEqual(holders, [], "define keeps no leases")
        await connection.close()
    }
}
