import ESX
import SimulatorSupport
import VI
import XCTest

/// vpx:// paths resolved against the vCenter model's inventory.
final class InventoryPathTests: XCTestCase {
    private func resolve(_ sim: SimulatorProcess, _ path: String) async throws -> InventoryContext {
        let connection = try await ESXTest.connect(sim, scheme: "vpx", path: path)
        XCTAssertEqual(connection.product, .vpx)
        await connection.close()
        return connection.inventory
    }

    private func assertPathError(
        _ sim: SimulatorProcess, _ path: String, _ fragment: String, line: UInt = #line
    ) async {
        await assertESXError({ try await self.resolve(sim, path) }, line: line) { error in
            guard case .invalidInventoryPath(_, let reason) = error else { return false }
            return reason.contains(fragment)
        }
    }

    func testStandaloneHostAndClusterHost() async throws {
        let sim = try await SharedSimulators.vpx()
        let standalone = try await resolve(sim, "DC0/DC0_H0")
        XCTAssertEqual(standalone.datacenterName, "DC0")
        XCTAssertEqual(standalone.computeResource.type, "ComputeResource")
        XCTAssertEqual(standalone.hostName, "DC0_H0")

        let clustered = try await resolve(sim, "DC0/DC0_C0/DC0_C0_H1")
        XCTAssertEqual(clustered.computeResource.type, "ClusterComputeResource")
        XCTAssertEqual(clustered.computeResourceName, "DC0_C0")
        XCTAssertEqual(clustered.hostName, "DC0_C0_H1")
        XCTAssertEqual(clustered.computeResourcePath, "DC0_C0")
    }

    func testPathErrors() async throws {
        let sim = try await SharedSimulators.vpx()
        await assertPathError(sim, "DCX/DC0_H0", "no folder or datacenter named 'DCX'")
        await assertPathError(sim, "DC0/nothing", "no folder or compute resource named 'nothing'")
        await assertPathError(sim, "DC0/DC0_C0", "names no host system in cluster 'DC0_C0'")
        await assertPathError(sim, "DC0/DC0_C0/DC0_H0", "has no host system named 'DC0_H0'")
        await assertPathError(sim, "DC0/DC0_H0/extra", "excess item 'extra'")
        await assertPathError(sim, "DC0/DC0_C0/DC0_C0_H0/extra", "excess item 'extra'")
        // A path without a compute resource is rejected by the URI parser already.
        await assertESXError({ try await self.resolve(sim, "DC0") }) {
            if case .invalidURI(.invalidPath) = $0 { return true }
            return false
        }
    }

    func testFoldersAroundDatacenterAndComputeResources() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .vpx, extraArguments: ["-folder", "1"]))
        defer { sim.stop() }
        let standalone = try await resolve(sim, "F0/DC0/F0/DC0_H0")
        XCTAssertEqual(standalone.datacenterPath, "F0/DC0")
        XCTAssertEqual(standalone.computeResourcePath, "F0/DC0_H0")
        XCTAssertEqual(standalone.hostName, "DC0_H0")
        let clustered = try await resolve(sim, "F0/DC0/F0/DC0_C0/DC0_C0_H2")
        XCTAssertEqual(clustered.hostName, "DC0_C0_H2")
        await assertPathError(sim, "DC0/F0/DC0_H0", "no folder or datacenter named 'DC0'")
        await assertPathError(sim, "F0/DC0/DC0_H0", "no folder or compute resource named 'DC0_H0'")
    }

    func testListingIsScopedToTheHost() async throws {
        let sim = try await SharedSimulators.vpx()
        let connection = try await ESXTest.connect(sim, scheme: "vpx", path: "DC0/DC0_H0")
        let names = try await connection.listDomains(.all).map(\.name)
        XCTAssertEqual(Set(names), ["DC0_H0_VM0", "DC0_H0_VM1"])
        let everywhere = try await connection.listDomains(.all, scope: .datacenter).map(\.name)
        XCTAssertEqual(
            Set(everywhere), ["DC0_H0_VM0", "DC0_H0_VM1", "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1"])
        await connection.close()
    }
}
