import ESX
import SimulatorSupport
import VI
import XCTest

/// Connect: product checks, credentials, discovery on the ESX model.
final class ConnectionTests: XCTestCase {
    func testConnectsToESXAndDiscoversTheFirstHost() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim)
        XCTAssertEqual(connection.product, .esx)
        XCTAssertEqual(connection.inventory.datacenterName, "ha-datacenter")
        XCTAssertEqual(connection.inventory.host.ref.type, "HostSystem")
        XCTAssertEqual(connection.user, "user")
        XCTAssertEqual(connection.serverVersion.apiType, "HostAgent")
        let loginCount = await connection.loginCount
        XCTAssertEqual(loginCount, 1)
        await connection.close()
        await assertESXError({ try await connection.listDomains() }) { $0 == .connectionClosed }
    }

    func testHTTPSWithNoVerify() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        XCTAssertTrue(sim.url.hasPrefix("https://"))
        let connection = try await ESXTest.connect(sim)  // ?no_verify=1
        XCTAssertTrue(connection.uri.parameters.noVerify)
        let domains = try await connection.listDomains(.all)
        XCTAssertEqual(domains.count, 2)
        await connection.close()
        // Without no_verify the self-signed certificate is refused.
        let strict = ESXTest.uri(sim).replacingOccurrences(of: "?no_verify=1", with: "")
        await assertESXError({ try await ESXConnection.connect(strict, credentials: StaticCredentials(password: "pass")) }) {
            if case .transport(let error) = $0, case .tlsVerificationFailed = error.reason { return true }
            return false
        }
    }

    func testProductMismatchNamesBothProducts() async throws {
        let esx = try await SharedSimulators.esx()
        let vpx = try await SharedSimulators.vpx()
        let error = await assertESXError({ try await ESXTest.connect(vpx, scheme: "esx") }) {
            if case .productMismatch(_, "ESX(i)", "vCenter/VPX") = $0 { return true }
            return false
        }
        XCTAssertTrue(error?.description.contains("expecting '127.0.0.1' to be a ESX(i) host but found a vCenter/VPX host") ?? false)
        await assertESXError({ try await ESXTest.connect(esx, scheme: "vpx", path: "ha-datacenter/x") }) {
            if case .productMismatch(_, "vCenter/VPX", "ESX(i)") = $0 { return true }
            return false
        }
        await assertESXError({ try await ESXTest.connect(esx, scheme: "gsx") }) {
            if case .productMismatch(_, "Server/GSX", "ESX(i)") = $0 { return true }
            return false
        }
    }

    func testWrongPasswordFailsWithoutLeakingIt() async throws {
        let sim = try await SharedSimulators.esx()
        let secret = "s3cr3t-never-printed"
        let error = await assertESXError({
            try await ESXConnection.connect(ESXTest.uri(sim), credentials: StaticCredentials(password: secret))
        }) { $0 == .authenticationFailed(user: "user", host: "127.0.0.1") }
        XCTAssertFalse(String(describing: error).contains(secret))
        XCTAssertFalse(String(reflecting: ESXPassword(secret)).contains(secret))
        XCTAssertFalse(String(describing: StaticCredentials(password: secret)).contains(secret))
    }

    func testUnknownParametersAreWarnedNotFatal() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim, query: "frobnicate=1")
        XCTAssertEqual(connection.uri.warnings, [.unknownParameter(name: "frobnicate")])
        XCTAssertEqual(connection.uri.port, URL(string: sim.url)?.port)
        await connection.close()
    }

    func testDefaultPortsFollowSchemeAndTransport() throws {
        XCTAssertEqual(try ESXURI(parsing: "esx://h/").port, 443)
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?transport=http").port, 80)
        XCTAssertEqual(try ESXURI(parsing: "gsx://h/").port, 8333)
        XCTAssertEqual(try ESXURI(parsing: "vpx://h/dc/cr?transport=http").port, 80)
    }

    func testHostsDatastoresNetworksAndNodeInfo() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim)
        let hosts = try await connection.hosts()
        XCTAssertEqual(hosts.map(\.ref), [connection.inventory.host.ref])
        let datastores = try await connection.datastores()
        XCTAssertFalse(datastores.isEmpty)
        let networks = try await connection.networks()
        XCTAssertFalse(networks.isEmpty)
        let node = try await connection.nodeInfo()
        XCTAssertGreaterThan(node.cpus, 0)
        XCTAssertGreaterThan(node.memoryKiB, 0)
        await connection.close()
    }
}
