@testable import ESX
import Foundation
import SimulatorSupport
import VI
import VMX
import XCTest

/// `define` and `undefine` on the simulator: the round trip, refusals, and a failure injected
/// after each step leaving the datastore and the inventory exactly as before.
final class DefineSimulatorTests: XCTestCase {
    func testDefineListDumpXMLUndefineRoundTrip() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        try await DefineTest.prepareDirectory(connection, "web 1", disk: "web 1.vmdk", registrable: "web 1")
        let uuid = "42a1b2c3-d4e5-f607-1829-3a4b5c6d7e8f"

        let started = ContinuousClock.now
        let domain = try await connection.define(xml: DefineTest.xml(name: "web 1", uuid: uuid, directory: "web 1"))
        let defineTime = ContinuousClock.now - started
        XCTAssertEqual(domain.name, "web 1")
        XCTAssertEqual(domain.state, .shutoff)

        let listed = try await connection.listDomains(.inactive).map(\.name)
        XCTAssertTrue(listed.contains("web 1"), "\(listed)")
        let vmx = try await connection.vmxFile(domain)
        let vmxText = String(decoding: vmx, as: UTF8.self)
        XCTAssertTrue(vmxText.contains("displayName = \"web 1\""), vmxText)
        XCTAssertTrue(vmxText.contains("virtualHW.version = \"\(connection.virtualHardwareVersion)\""), vmxText)
        let path = try await connection.info(domain).vmPathName
        XCTAssertEqual(path, "[LocalDS_0] web 1/web 1.vmx")

        let document = try await connection.domainXML(domain)
        XCTAssertEqual(document.source, .vmx, document.fallbackReason ?? "")
        let parsed = try DomainXML.parse(document.xml)
        XCTAssertEqual(parsed.name, "web 1")
        XCTAssertEqual(parsed.uuid.description, uuid)
        XCTAssertEqual(parsed.memoryKiB, 256 * 1024)
        XCTAssertEqual(parsed.vcpus, 2)
        XCTAssertEqual(parsed.disks.first?.source, "[LocalDS_0] web 1/web 1.vmdk")

        let undefineStart = ContinuousClock.now
        try await connection.undefine(domain)
        let undefineTime = ContinuousClock.now - undefineStart
        let after = try await connection.listDomains(.all).map(\.name)
        XCTAssertFalse(after.contains("web 1"))
        let kept = try await connection.datastoreItemExists(try DatastorePath(parsing: "[LocalDS_0] web 1/web 1.vmx"))
        XCTAssertTrue(kept, "undefine keeps the files")
        print("define: \(defineTime), undefine: \(undefineTime)")
        await connection.close()
    }

    func testEscapedVMXNameAndCLIRoundTrip() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        try await DefineTest.prepareDirectory(connection, "odd", disk: "disk.vmdk", registrable: "a/b:c")
        await connection.close()
        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var definition = try DomainXML.parse(DefineTest.xml(name: "a/b:c", directory: "odd"))
        definition.disks[0].source = "[LocalDS_0] odd/disk.vmdk"
        let file = dir.appendingPathComponent("odd.xml")
        try Data(DomainXML.format(definition).utf8).write(to: file)

        let uri = ESXTest.uri(sim)
        let defined = try FaultInjection.esx(["-c", uri, "define", file.path])
        XCTAssertEqual(defined.status, 0, defined.stderr)
        XCTAssertEqual(defined.stdout, "Domain 'a/b:c' defined from \(file.path)\n")
        let list = try FaultInjection.esx(["-c", uri, "list", "--all"])
        XCTAssertTrue(list.stdout.contains("a/b:c"), list.stdout)
        let xml = try FaultInjection.esx(["-c", uri, "dumpxml", "a/b:c"])
        XCTAssertEqual(xml.status, 0, xml.stderr)
        XCTAssertTrue(xml.stdout.contains("<name>a/b:c</name>"), xml.stdout)
        // libvirt's EscapeDatastoreItem: ':' becomes '_', '/' becomes %2f, then base64 for '%'.
        let expected = DatastoreItemEscaping.escape("a/b:c") + ".vmx"
        let check = try await ESXTest.connect(sim)
        let exists = try await check.datastoreItemExists(try DatastorePath(parsing: "[LocalDS_0] odd/\(expected)"))
        XCTAssertTrue(exists, expected)
        await check.close()
        let undefined = try FaultInjection.esx(["-c", uri, "undefine", "a/b:c"])
        XCTAssertEqual(undefined.stdout, "Domain 'a/b:c' has been undefined\n", undefined.stderr)
        let after = try FaultInjection.esx(["-c", uri, "list", "--all"])
        XCTAssertFalse(after.stdout.contains("a/b:c"), after.stdout)
    }

    func testExistingNameOrUUIDAndBadDefinitionsAreRefusedWithoutChanges() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let existing = try await connection.domain(named: "ha-host_VM1")
        let uuid = try XCTUnwrap(existing.uuid)
        try await DefineTest.prepareDirectory(connection, "fresh", disk: "fresh.vmdk")
        let treeBefore = try await DefineTest.datastoreTree(connection.client)
        let inventoryBefore = try await DefineTest.inventory(connection.client)

        await assertESXError({ try await connection.define(xml: DefineTest.xml(name: "ha-host_VM1", directory: "fresh")) }) {
            $0 == .domainExists(name: "ha-host_VM1", uuid: uuid)
        }
        await assertESXError({
            try await connection.define(xml: DefineTest.xml(name: "fresh", uuid: uuid, directory: "fresh"))
        }) {
            $0 == .domainExists(name: "ha-host_VM1", uuid: uuid)
        }
        await assertESXError({ try await connection.define(xml: "<domain type='vmware'><name>x</name><bogus/></domain>") }) {
            if case .invalidDefinition(let message) = $0 { return message.contains("bogus") }
            return false
        }
        await assertESXError({ try await connection.define(xml: DefineTest.xml(name: "nodir", directory: "no-such-dir")) }) {
            $0 == .datastoreFile(.notFound(path: "[LocalDS_0] no-such-dir"))
        }
        // An existing .vmx file is never overwritten.
        try await connection.putDatastoreFile(Array("x".utf8), to: try DatastorePath(parsing: "[LocalDS_0] fresh/taken.vmx"))
        let treeWithTaken = try await DefineTest.datastoreTree(connection.client)
        await assertESXError({ try await connection.define(xml: DefineTest.xml(name: "taken", directory: "fresh")) }) {
            $0 == .datastoreFile(.alreadyExists(path: "[LocalDS_0] fresh/taken.vmx"))
        }
        let treeAfter = try await DefineTest.datastoreTree(connection.client)
        XCTAssertEqual(treeAfter, treeWithTaken)
        XCTAssertEqual(treeBefore.count + 1, treeAfter.count)
        let inventoryAfter = try await DefineTest.inventory(connection.client)
        XCTAssertEqual(inventoryAfter, inventoryBefore)
        await connection.close()
    }

    /// A failure on the server (RegisterVM) and a failure injected after each step (leases held,
    /// VMX uploaded, VM registered) undo everything: datastore, inventory and leases as before.
    func testFailureInjectedAtEachStepLeavesDatastoreAndInventoryAsBefore() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let leaseDirectory = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: leaseDirectory) }
        let plugin = try FileLockPlugin(configuration: LockPluginConfiguration(directory: leaseDirectory.path))
        let leases = DomainLeases(plugin: plugin)
        let disk = try LockResource.disk("[LocalDS_0] victim/victim.vmdk")
        let inventoryBefore = try await DefineTest.inventory(connection.client)

        // Without the files the simulator's RegisterVM opens, the task fails on the server.
        try await DefineTest.prepareDirectory(connection, "victim", disk: "victim.vmdk")
        let treeBeforeServerFailure = try await DefineTest.datastoreTree(connection.client)
        await assertESXError({ try await connection.define(xml: DefineTest.xml(name: "victim"), leases: leases) }) {
            if case .taskFailed(let operation, _) = $0 { return operation == "define domain 'victim'" }
            return false
        }
        let treeAfterServerFailure = try await DefineTest.datastoreTree(connection.client)
        XCTAssertEqual(treeAfterServerFailure, treeBeforeServerFailure, "datastore after RegisterVM failed")
        let inventoryAfterServerFailure = try await DefineTest.inventory(connection.client)
        XCTAssertEqual(inventoryAfterServerFailure, inventoryBefore, "inventory after RegisterVM failed")
        let holdersAfterServerFailure = try await plugin.holders(of: disk)
        XCTAssertEqual(holdersAfterServerFailure, [])

        try await DefineTest.prepareDirectory(connection, "victim", disk: "victim.vmdk", registrable: "victim")
        let treeBefore = try await DefineTest.datastoreTree(connection.client)
        for step in DefineStep.allCases {
            let reached = StepRecorder()
            await assertESXError({
                try await connection.define(
                    xml: DefineTest.xml(name: "victim"), leases: leases,
                    afterStep: { current in
                        reached.record(current)
                        if current == step { throw InjectedFailure(step: current.rawValue) }
                    })
            }) {
                $0.description.contains("injected failure after \(step.rawValue)")
            }
            XCTAssertEqual(reached.steps.last, step)
            let tree = try await DefineTest.datastoreTree(connection.client)
            XCTAssertEqual(tree, treeBefore, "datastore after a failure at \(step)")
            let inventory = try await DefineTest.inventory(connection.client)
            XCTAssertEqual(inventory, inventoryBefore, "inventory after a failure at \(step)")
            let holders = try await plugin.holders(of: disk)
            XCTAssertEqual(holders, [], "leases after a failure at \(step)")
        }
        // Without an injected failure the same define succeeds, and keeps no leases.
        let domain = try await connection.define(xml: DefineTest.xml(name: "victim"), leases: leases)
        XCTAssertEqual(domain.name, "victim")
        let holders = try await plugin.holders(of: disk)
        XCTAssertEqual(holders, [])
        await connection.close()
    }

    func testUndefineRefusesARunningDomain() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let running = try await connection.domain(named: "ha-host_VM0")
        XCTAssertEqual(running.state, .running)
        await assertESXError({ try await connection.undefine(running) }) {
            $0 == .invalidDomainState(name: "ha-host_VM0", state: "running", operation: "undefine")
        }
        let still = try await connection.listDomains(.all).map(\.name)
        XCTAssertTrue(still.contains("ha-host_VM0"))
        try await connection.suspend(running)
        try await connection.undefine(running)
        let after = try await connection.listDomains(.all).map(\.name)
        XCTAssertFalse(after.contains("ha-host_VM0"), "a suspended domain can be undefined")
        await connection.close()

        let outcome = try FaultInjection.esx(["-c", ESXTest.uri(sim), "undefine", "ha-host_VM1"])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stderr.contains("cannot undefine domain 'ha-host_VM1' in state running"), outcome.stderr)
    }
}

/// The steps a define reached (the hook runs inside the define's task).
final class StepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [DefineStep] = []
    var steps: [DefineStep] { lock.withLock { recorded } }
    func record(_ step: DefineStep) { lock.withLock { recorded.append(step) } }
}
