import Foundation
import SimulatorSupport
import VI
import XCTest

/// The snapshot commands, `dumpxml` and `vmx` through the built `esx` binary.
extension CLITests {
    func testSnapshotCommands() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        let vm = "ha-host_VM0"

        let created = try esx(["-c", uri, "snapshot-create-as", vm, "s1", "--description", "first"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stdout, "Domain snapshot s1 created\n")
        let s2 = try XCTUnwrap(try json(try esx(["-c", uri, "snapshot-create-as", vm, "s2", "--memory", "--quiesce", "--json"]))
            as? [String: Any])
        XCTAssertEqual(s2["parent"] as? String, "s1")
        XCTAssertEqual(s2["current"] as? Bool, true)
        XCTAssertEqual(s2["quiesced"] as? Bool, true)
        assertFails(try esx(["-c", uri, "snapshot-create-as", vm, "s1"]), "domain '\(vm)' already has a snapshot named 's1'")

        let table = try esx(["-c", uri, "snapshot-list", vm])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix(" Name") == true || lines.first?.hasPrefix("Name") == true, table.stdout)
        XCTAssertTrue(lines.contains { $0.contains("s1") && $0.contains("running") && $0.contains("+0000") }, table.stdout)
        XCTAssertEqual(try esx(["-c", uri, "snapshot-list", vm, "--tree"]).stdout, "s1\n  |\n  +- s2\n")
        let flat = try XCTUnwrap(try json(try esx(["-c", uri, "snapshot-list", vm, "--json"])) as? [[String: Any]])
        XCTAssertEqual(flat.compactMap { $0["name"] as? String }, ["s1", "s2"])
        XCTAssertEqual(flat.first?["description"] as? String, "first")
        XCTAssertNotNil(flat.first?["creationTime"] as? Int)
        let nested = try XCTUnwrap(try json(try esx(["-c", uri, "snapshot-list", vm, "--tree", "--json"])) as? [[String: Any]])
        let children = try XCTUnwrap(nested.first?["children"] as? [[String: Any]])
        XCTAssertEqual(children.compactMap { $0["name"] as? String }, ["s2"])

        XCTAssertEqual(try esx(["-c", uri, "snapshot-current", vm, "--name"]).stdout, "s2\n")
        let currentXML = try esx(["-c", uri, "snapshot-current", vm])
        XCTAssertTrue(currentXML.stdout.hasPrefix("<domainsnapshot>\n  <name>s2</name>"), currentXML.stdout)
        let dump = try esx(["-c", uri, "snapshot-dumpxml", vm, "s2"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        XCTAssertTrue(dump.stdout.contains("<parent>\n    <name>s1</name>\n  </parent>"), dump.stdout)
        XCTAssertTrue(dump.stdout.contains("<creationTime>"), dump.stdout)
        assertFails(try esx(["-c", uri, "snapshot-dumpxml", vm, "nope"]), "domain '\(vm)' has no snapshot named 'nope'")

        let reverted = try esx(["-c", uri, "snapshot-revert", vm, "s1"])
        XCTAssertEqual(reverted.status, 0, reverted.stderr)
        XCTAssertEqual(reverted.stdout, "Domain '\(vm)' reverted to snapshot s1\n")
        XCTAssertEqual(try esx(["-c", uri, "snapshot-current", vm, "--name"]).stdout, "s1\n")
        assertFails(try esx(["-c", uri, "snapshot-revert", vm, "nope"]), "has no snapshot named 'nope'")

        XCTAssertEqual(try esx(["-c", uri, "snapshot-create-as", vm, "s3"]).status, 0)
        XCTAssertEqual(try esx(["-c", uri, "snapshot-delete", vm, "s2"]).stdout, "Domain snapshot s2 deleted\n")
        let deleted = try XCTUnwrap(try json(try esx(["-c", uri, "snapshot-delete", vm, "s1", "--children", "--json"]))
            as? [String: Any])
        XCTAssertEqual(deleted["deleted"] as? Int, 2)
        let none = try json(try esx(["-c", uri, "snapshot-list", vm, "--json"])) as? [[String: Any]]
        XCTAssertEqual(none?.count, 0)
        assertFails(try esx(["-c", uri, "snapshot-current", vm]), "domain '\(vm)' has no current snapshot")
        assertFails(try esx(["-c", uri, "snapshot-delete", vm, "s1"]), "has no snapshot named 's1'")
    }

    func testSnapshotGuardRefusalThroughTheCLI() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, extraArguments: ["-job-delay", "3s"]))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        XCTAssertEqual(try esx(["-c", uri, "snapshot-create-as", "ha-host_VM1", "s1"]).status, 0)
        let other = try await ESXTest.viClient(sim)
        let vms = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        let vm = try XCTUnwrap(vms.first { $0.name == "ha-host_VM1" }?.managedObject)
        let task = try await other.createSnapshot_Task(vm, name: "theirs", memory: false, quiesce: false)
        assertFails(try esx(["-c", uri, "snapshot-delete", "ha-host_VM1", "s1"]), task.ref.value)
        assertFails(try esx(["-c", uri, "snapshot-revert", "ha-host_VM1", "s1"]), "cannot revert to a snapshot of domain")
        _ = try? await other.logout()
    }

    func testDumpXMLAndVMXCommands() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let text = try esx(["-c", uri, "dumpxml", "ha-host_VM0"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("<domain type='vmware'"), text.stdout)
        XCTAssertTrue(text.stdout.contains("<name>ha-host_VM0</name>"), text.stdout)
        XCTAssertTrue(text.stderr.hasPrefix("esx: domain XML built from the config properties ("), text.stderr)
        XCTAssertEqual(text.stderr.split(separator: "\n").count, 1, text.stderr)
        let document = try XCTUnwrap(try json(try esx(["-c", uri, "dumpxml", "ha-host_VM0", "--json"])) as? [String: Any])
        XCTAssertEqual(document["source"] as? String, "config")
        XCTAssertEqual(document["xml"] as? String, text.stdout)
        XCTAssertNotNil(document["fallbackReason"] as? String)
        assertFails(try esx(["-c", uri, "vmx", "ha-host_VM0"]), "no .vmx file for domain 'ha-host_VM0': ")
        assertFails(try esx(["-c", uri, "dumpxml", "missing"]), "domain not found")
    }
}
