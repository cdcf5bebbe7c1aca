import Foundation
import SimulatorSupport
import VI
import XCTest

/// The tuning commands through the built `esx` binary.
extension CLITests {
    func testTuningCommands() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        let vm = "ha-host_VM0"

        // setmem / memtune, read back with --json.
        let before = try XCTUnwrap(try json(try esx(["-c", uri, "memtune", vm, "--json"])) as? [String: Any])
        let maxKiB = try XCTUnwrap(before["maxMemoryKiB"] as? Int)
        let half = try esx(["-c", uri, "setmem", vm, "\(maxKiB / 2048)M"])
        XCTAssertEqual(half.status, 0, half.stderr)
        XCTAssertEqual(half.stdout, "", "silent like virsh")
        let memory = try XCTUnwrap(try json(try esx(["-c", uri, "setmem", vm, "--size", "\(maxKiB / 2)", "--json"]))
            as? [String: Any])
        XCTAssertEqual(memory["currentMemoryKiB"] as? Int, maxKiB / 2)
        let dominfo = try esx(["-c", uri, "dominfo", vm])
        XCTAssertTrue(dominfo.stdout.contains("Used memory:    \(maxKiB / 2) KiB"), dominfo.stdout)
        assertFails(try esx(["-c", uri, "setmem", vm, "\(maxKiB + 1)"]), "above its maximum memory of \(maxKiB) KiB")
        assertFails(try esx(["-c", uri, "setmem", vm, "12X"]), "invalid size '12X'")
        XCTAssertEqual(try esx(["-c", uri, "memtune", vm, "--min-guarantee", "2M"]).status, 0)
        XCTAssertEqual(try esx(["-c", uri, "memtune", vm]).stdout, "min_guarantee  : 2048\n")
        assertFails(try esx(["-c", uri, "setmaxmem", vm, "64M"]), "cannot set the maximum memory of domain '\(vm)' in state running")

        // vCPUs.
        XCTAssertEqual(
            try esx(["-c", uri, "vcpucount", vm]).stdout,
            "maximum      config       128\nmaximum      live         128\ncurrent      config         1\ncurrent      live           1\n")
        assertFails(try esx(["-c", uri, "setvcpus", vm, "2"]), "without CPU hot add")
        assertFails(try esx(["-c", uri, "setvcpus", vm, "2", "--maximum"]), "the host's limit per domain (128)")
        assertFails(try esx(["-c", uri, "setvcpus", vm, "0"]), "must be at least 1")

        // schedinfo.
        let sched = try esx(["-c", uri, "schedinfo", vm, "--set", "cpu_reservation=500,cpu_limit=2000", "--set", "shares=high"])
        XCTAssertEqual(sched.status, 0, sched.stderr)
        XCTAssertEqual(
            sched.stdout, "Scheduler      : allocation\nreservation    : 500\nlimit          : 2000\nshares         : -3\n")
        let schedJSON = try XCTUnwrap(try json(try esx(["-c", uri, "schedinfo", vm, "--set", "cpu_shares=777", "--json"]))
            as? [String: Any])
        XCTAssertEqual(schedJSON["shares"] as? Int, 777)
        XCTAssertEqual(schedJSON["sharesLevel"] as? String, "custom")
        XCTAssertEqual(schedJSON["reservation"] as? Int, 500)
        assertFails(try esx(["-c", uri, "schedinfo", vm, "--set", "weight=3"]), "unknown scheduler parameter 'weight'")
        assertFails(try esx(["-c", uri, "schedinfo", vm, "--set", "limit=-5"]), "expecting a value ≥ 0 or -1")

        // autostart.
        XCTAssertEqual(try esx(["-c", uri, "autostart", vm]).stdout, "Domain '\(vm)' marked as autostarted\n")
        let listed = try XCTUnwrap(try json(try esx(["-c", uri, "autostart", "--list", "--json"])) as? [String: Any])
        XCTAssertEqual(listed["hostDefaultEnabled"] as? Bool, true)
        let entries = try XCTUnwrap(listed["domains"] as? [[String: Any]])
        XCTAssertEqual(entries.first?["name"] as? String, vm)
        XCTAssertEqual(entries.first?["autostart"] as? Bool, true)
        let table = try esx(["-c", uri, "autostart", "--list"])
        XCTAssertTrue(table.stdout.hasPrefix("Host autostart default: enabled\n"), table.stdout)
        XCTAssertTrue(table.stdout.contains("enable"), table.stdout)
        XCTAssertEqual(try esx(["-c", uri, "autostart", vm, "--disable"]).stdout, "Domain '\(vm)' unmarked as autostarted\n")

        // Guest information: none reported until the tools say so.
        assertFails(try esx(["-c", uri, "domhostname", vm]), "the hostname of domain '\(vm)' is not available")
        let client = try await ESXTest.viClient(sim)
        let all = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        let target = try XCTUnwrap(all.first { $0.name == vm }?.managedObject)
        try await TuningSimulatorTests.setGuest(client, target, hostName: "web01", ip: "192.0.2.7")
        XCTAssertEqual(try esx(["-c", uri, "domhostname", vm]).stdout, "web01\n")
        let addresses = try esx(["-c", uri, "domifaddr", vm])
        XCTAssertEqual(addresses.status, 0, addresses.stderr)
        XCTAssertTrue(addresses.stdout.contains("ipv4") && addresses.stdout.contains("192.0.2.7"), addresses.stdout)
        let nics = try XCTUnwrap(try json(try esx(["-c", uri, "domifaddr", vm, "--json"])) as? [[String: Any]])
        let first = try XCTUnwrap(nics.first?["addresses"] as? [[String: Any]])
        XCTAssertEqual(first.first?["address"] as? String, "192.0.2.7")

        // Screenshot.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("esx-shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        let shot = try esx(["-c", uri, "screenshot", vm, file.path])
        XCTAssertEqual(shot.status, 0, shot.stderr)
        XCTAssertEqual(shot.stdout, "Screenshot saved to \(file.path), with type of image/png\n")
        let png = try Data(contentsOf: file)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])

        XCTAssertEqual(try esx(["-c", uri, "destroy", vm]).status, 0)
        assertFails(try esx(["-c", uri, "screenshot", vm, file.path]), "domain '\(vm)' is not running")
        let maxmem = try XCTUnwrap(try json(try esx(["-c", uri, "setmaxmem", vm, "5000", "--json"])) as? [String: Any])
        XCTAssertEqual(maxmem["maxMemoryKiB"] as? Int, 8192, "rounded up to 4 MiB")
        let vcpus = try XCTUnwrap(try json(try esx(["-c", uri, "setvcpus", vm, "3", "--json"])) as? [String: Any])
        XCTAssertEqual(vcpus["current"] as? Int, 3)
        XCTAssertEqual(vcpus["maximum"] as? Int, 128)
        assertFails(try esx(["-c", uri, "setvcpus", vm, "129"]), "the host supports at most 128 per domain")
        _ = try? await client.logout()
    }

    func testTuningGuardRefusalThroughTheCLI() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, extraArguments: ["-job-delay", "4s"]))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        let other = try await ESXTest.viClient(sim)
        let all = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        let vm = try XCTUnwrap(all.first { $0.name == "ha-host_VM1" }?.managedObject)
        let task = try await other.createSnapshot_Task(vm, name: "theirs", memory: false, quiesce: false)
        assertFails(try esx(["-c", uri, "setmem", "ha-host_VM1", "1024"]), "cannot reconfigure domain 'ha-host_VM1'")
        assertFails(try esx(["-c", uri, "setvcpus", "ha-host_VM1", "1"]), task.ref.value)
        _ = try? await other.logout()
    }
}
