import Foundation
import SimulatorSupport
import VI
@testable import VMX
import XCTest

/// The node, interface, network and storage pool commands through the built `esx` binary,
/// checked against the simulator's state read independently with raw typed retrieval.
extension CLITests {
    /// MD5 of `text` as a UUID, computed by coreutils' md5sum (independent of the driver's MD5).
    private func md5UUID(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let hex = Array(String(decoding: data, as: UTF8.self).prefix(32))
        return [hex[0..<8], hex[8..<12], hex[12..<16], hex[16..<20], hex[20..<32]].map { String($0) }.joined(separator: "-")
    }

    private func hostProperties(_ sim: SimulatorProcess, name: String? = nil) async throws -> HostSystem.Properties {
        let client = try await ESXTest.viClient(sim)
        let hosts = try await client.retrieveProperties(ofAll: HostSystem.self, [
            .name, .hardware.systemInfo, .hardware.cpuInfo, .hardware.memorySize, .hardware.cpuFeature,
            .summary.quickStats.overallMemoryUsage, .config.network,
        ])
        return try XCTUnwrap(hosts.first { name == nil || $0.name == name })
    }

    func testNodeCommandsAgainstSimulator() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let raw = try await hostProperties(sim)
        let system = try XCTUnwrap(raw[.hardware.systemInfo])
        let cpu = try XCTUnwrap(raw[.hardware.cpuInfo])
        let memory = try XCTUnwrap(raw[.hardware.memorySize])

        // capabilities: long mode from the raw EDX string (bit 29 = third character), host UUID.
        let leaf = try XCTUnwrap(raw[.hardware.cpuFeature]?.first { $0.level == Int32(bitPattern: 0x8000_0001) })
        let longMode = Array(try XCTUnwrap(leaf.edx))[2] == "1"
        let capsOut = try esx(["-c", uri, "capabilities"])
        XCTAssertEqual(capsOut.status, 0, capsOut.stderr)
        let caps = try XMLTree.parse(capsOut.stdout)
        let host = try XCTUnwrap(caps.children.first { $0.name == "host" })
        XCTAssertEqual(host.children.first { $0.name == "uuid" }?.text, system.uuid.lowercased())
        XCTAssertEqual(host.children.first { $0.name == "cpu" }?.children.first?.text, longMode ? "x86_64" : "i686")
        XCTAssertTrue(capsOut.stdout.contains("<uri_transport>vpxmigr</uri_transport>"), capsOut.stdout)
        let guests = caps.children.filter { $0.name == "guest" }.compactMap { $0.children.first { $0.name == "arch" }?.attribute("name") }
        XCTAssertEqual(guests, longMode ? ["i686", "x86_64"] : ["i686"])

        // nodeinfo as libvirt: cpus = cores, MHz from hz.
        let node = try XCTUnwrap(try json(try esx(["-c", uri, "nodeinfo", "--json"])) as? [String: Any])
        XCTAssertEqual(node["cpus"] as? Int, Int(cpu.numCpuCores))
        XCTAssertEqual(node["mhz"] as? Int, Int(cpu.hz / 1_000_000))
        XCTAssertEqual(node["sockets"] as? Int, Int(cpu.numCpuPackages))
        XCTAssertEqual(node["memoryKiB"] as? Int, Int(memory / 1024))

        // freecell: memory size minus overall usage in MiB.
        let used = Int64(raw[.summary.quickStats.overallMemoryUsage] ?? 0)
        XCTAssertEqual(try esx(["-c", uri, "freecell"]).stdout, "Total: \((memory - used * 1_048_576) / 1024) KiB\n")

        // hostname: DNS host name and domain.
        let dns = try XCTUnwrap(raw[.config.network]?.dnsConfig)
        XCTAssertEqual(try esx(["-c", uri, "hostname"]).stdout, "\(dns.hostName).\(dns.domainName)\n")

        // sysinfo.
        let sysOut = try esx(["-c", uri, "sysinfo"])
        XCTAssertEqual(sysOut.status, 0, sysOut.stderr)
        let sys = try XMLTree.parse(sysOut.stdout)
        let entries = sys.children.first { $0.name == "system" }?.children ?? []
        XCTAssertEqual(entries.first { $0.attribute("name") == "manufacturer" }?.text, system.vendor)
        XCTAssertEqual(entries.first { $0.attribute("name") == "product" }?.text, system.model)
        XCTAssertEqual(entries.first { $0.attribute("name") == "uuid" }?.text, system.uuid.lowercased())

        // connect-info: plain HTTP is neither encrypted nor secure; the session is alive.
        XCTAssertEqual(try esx(["-c", uri, "connect-info"]).stdout, "Encrypted: no\nSecure:    no\nAlive:     yes\n")
    }

    func testInterfaceAndNetworkCommandsAgainstSimulator() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let raw = try await hostProperties(sim)
        let network = try XCTUnwrap(raw[.config.network])
        let nic = try XCTUnwrap(network.pnic.first)
        let mac = try XCTUnwrap(nic.mac)

        // Interfaces.
        let list = try XCTUnwrap(try json(try esx(["-c", uri, "iface-list", "--json"])) as? [[String: Any]])
        XCTAssertEqual(list.compactMap { $0["name"] as? String }, network.pnic.map(\.device))
        XCTAssertEqual(try esx(["-c", uri, "iface-mac", nic.device]).stdout, mac + "\n")
        XCTAssertEqual(try esx(["-c", uri, "iface-name", mac.uppercased()]).stdout, nic.device + "\n")
        let ifaceOut = try esx(["-c", uri, "iface-dumpxml", nic.device])
        XCTAssertEqual(ifaceOut.status, 0, ifaceOut.stderr)
        let iface = try XMLTree.parse(ifaceOut.stdout)
        XCTAssertEqual(iface.attribute("name"), nic.device)
        XCTAssertEqual(iface.children.first { $0.name == "mac" }?.attribute("address"), mac)
        XCTAssertEqual(iface.children.first { $0.name == "link" }?.attribute("speed"), nic.linkSpeed.map { "\($0.speedMb)" })
        assertFails(try esx(["-c", uri, "iface-mac", "vmnic99"]), "no interface with name 'vmnic99'")
        assertFails(try esx(["-c", uri, "iface-name", "00:00:00:00:00:00"]), "no interface with MAC address")

        // Networks = virtual switches.
        let vswitch = try XCTUnwrap(network.vswitch.first)
        let uuid = try md5UUID(vswitch.key)
        let nets = try XCTUnwrap(try json(try esx(["-c", uri, "net-list", "--json"])) as? [[String: Any]])
        XCTAssertEqual(nets.compactMap { $0["name"] as? String }, network.vswitch.map(\.name))
        XCTAssertEqual(nets.first?["autostart"] as? Bool, true)
        XCTAssertEqual(try esx(["-c", uri, "net-uuid", vswitch.name]).stdout, uuid + "\n")
        XCTAssertEqual(try esx(["-c", uri, "net-name", uuid.uppercased()]).stdout, vswitch.name + "\n")
        let info = try esx(["-c", uri, "net-info", uuid])
        XCTAssertTrue(info.stdout.contains("Name:           \(vswitch.name)\n") && info.stdout.contains("Autostart:      yes"), info.stdout)
        let netOut = try esx(["-c", uri, "net-dumpxml", vswitch.name])
        XCTAssertEqual(netOut.status, 0, netOut.stderr)
        let xml = try XMLTree.parse(netOut.stdout)
        XCTAssertEqual(xml.children.first { $0.name == "uuid" }?.text, uuid)
        let devices = vswitch.pnic.compactMap { key in network.pnic.first { $0.key == key }?.device }
        let forward = xml.children.first { $0.name == "forward" }
        XCTAssertEqual(forward?.children.compactMap { $0.attribute("dev") } ?? [], devices)
        let client = try await ESXTest.viClient(sim)
        let networkNames = Set(try await client.retrieveProperties(ofAll: Network.self, [.name]).compactMap(\.name))
        let expectedGroups = vswitch.portgroup.compactMap { key in network.portgroup.first { $0.key == key }?.spec.name }
            .filter { networkNames.contains($0) }
        XCTAssertFalse(expectedGroups.isEmpty)
        XCTAssertEqual(xml.children.filter { $0.name == "portgroup" }.compactMap { $0.attribute("name") }, expectedGroups)
        assertFails(try esx(["-c", uri, "net-dumpxml", "nope"]), "no network with name 'nope'")
    }

    func testPoolCommandsAgainstSimulator() async throws {
        for (model, path) in [(SimulatorOptions.Model.esx, ""), (.vpx, "DC0/DC0_H0")] {
            let sim = try await model == .esx ? SharedSimulators.esx() : SharedSimulators.vpx()
            let uri = ESXTest.uri(sim, scheme: model == .esx ? "esx" : "vpx", path: path)
            let client = try await ESXTest.viClient(sim)
            let hosts = try await client.retrieveProperties(ofAll: HostSystem.self, [.name, .datastore])
            let host = try XCTUnwrap(model == .esx ? hosts.first : hosts.first { $0.name == "DC0_H0" })
            let stores = try await client.retrieveProperties(of: host.datastore ?? [], [.summary])
            let summaries = stores.compactMap { $0[.summary] }
            XCTAssertFalse(summaries.isEmpty)

            let pools = try XCTUnwrap(try json(try esx(["-c", uri, "pool-list", "--json"])) as? [[String: Any]])
            XCTAssertEqual(pools.compactMap { $0["name"] as? String }.sorted(), summaries.map(\.name).sorted(), "\(model)")
            let first = try XCTUnwrap(summaries.first)
            let details = try esx(["-c", uri, "pool-list", "--details"])
            XCTAssertEqual(details.status, 0, details.stderr)
            XCTAssertTrue(details.stdout.contains(first.name), details.stdout)

            // The simulator's local datastores have no mount path: dumpxml must still work.
            let dump = try esx(["-c", uri, "pool-dumpxml", first.name])
            XCTAssertEqual(dump.status, 0, dump.stderr)
            let xml = try XMLTree.parse(dump.stdout)
            XCTAssertEqual(xml.attribute("type"), "dir")
            XCTAssertEqual(xml.children.first { $0.name == "name" }?.text, first.name)
            XCTAssertEqual(xml.children.first { $0.name == "capacity" }?.text, first.accessible ? "\(first.capacity)" : "0")
            XCTAssertEqual(xml.children.first { $0.name == "available" }?.text, first.accessible ? "\(first.freeSpace)" : "0")
            XCTAssertEqual(xml.children.first { $0.name == "uuid" }?.text, try md5UUID(first.url))

            let info = try XCTUnwrap(try json(try esx(["-c", uri, "pool-info", first.name, "--json"])) as? [String: Any])
            XCTAssertEqual(info["state"] as? String, first.accessible ? "running" : "inaccessible")
            // pool-refresh (the project's simulator answers RefreshDatastore; vcsim 0.24 alone sends no envelope).
            let refresh = try esx(["-c", uri, "pool-refresh", first.name])
            XCTAssertEqual(refresh.status, 0, refresh.stderr)
            XCTAssertEqual(refresh.stdout, "Pool \(first.name) refreshed\n")
            assertFails(try esx(["-c", uri, "pool-info", "nope"]), "no storage pool with name 'nope'")
        }
    }
}
