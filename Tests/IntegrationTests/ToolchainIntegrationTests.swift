import Foundation
import SimulatorSupport
import VI
import XCTest

/// The generated SDK against VMware's simulator: ESX and vCenter models, http and https.
final class ToolchainIntegrationTests: XCTestCase {
    override func setUp() { VIClient.registerVITypes() }

    private func client(for simulator: SimulatorProcess, verify: Bool = false) throws -> VIClient {
        var options = TransportOptions()
        options.verifyPeer = verify
        options.connectTimeout = 10
        return try VIClient.vi(url: simulator.url, options: options)
    }

    /// The VM names the simulator's default inventory holds, by model.
    private func expectedNames(_ model: SimulatorOptions.Model) -> Set<String> {
        switch model {
        case .esx: return ["ha-host_VM0", "ha-host_VM1"]
        case .vpx: return ["DC0_H0_VM0", "DC0_H0_VM1", "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1"]
        }
    }

    private func runSession(model: SimulatorOptions.Model, tls: Bool) async throws {
        let simulator = try await SharedSimulators.shared(SimulatorOptions(model: model, tls: tls))
        XCTAssertEqual(simulator.url.hasPrefix("https://"), tls)
        let client = try client(for: simulator)

        let content = try await client.serviceContent(as: ServiceContent.self)
        XCTAssertEqual(content.about.apiType, model == .esx ? "HostAgent" : "VirtualCenter")
        XCTAssertEqual(content.rootFolder.ref.type, "Folder")

        let negotiated = try await client.negotiateAPIVersion()
        XCTAssertEqual(negotiated, content.about.apiVersion)
        XCTAssertEqual(client.apiVersion, content.about.apiVersion, "the simulator speaks an older API than the SDK")
        let session = try await client.login(userName: simulator.username, password: simulator.password)
        XCTAssertEqual(session.userName, simulator.username)
        XCTAssertNotNil(client.sessionCookie)

        let properties: [VirtualMachine.Property] = [
            .name, .runtime.powerState, .config.uuid, .config.hardware.numCPU, .config.hardware.memoryMB,
        ]
        let vms = try await client.retrieveProperties(ofAll: VirtualMachine.self, properties)
        XCTAssertEqual(Set(vms.compactMap(\.name)), expectedNames(model))
        for vm in vms {
            XCTAssertEqual(vm[.runtime.powerState], .poweredOn)
            XCTAssertGreaterThan(vm[.config.hardware.numCPU] ?? 0, 0)
            XCTAssertGreaterThan(vm[.config.hardware.memoryMB] ?? 0, 0)
            // Cross-check against the inventory through another path: the search index.
            let uuid = try XCTUnwrap(vm[.config.uuid])
            let found = try await client.findByUuid(uuid: uuid, vmSearch: true)
            XCTAssertEqual(found?.ref, vm.managedObject.ref)
        }
        // The same objects read directly (no view) agree.
        let direct = try await client.retrieveProperties(of: vms.map(\.managedObject), [.name, .runtime])
        XCTAssertEqual(Set(direct.compactMap(\.name)), expectedNames(model))
        XCTAssertTrue(direct.allSatisfy { $0.runtime?.powerState == .poweredOn })

        let manager = try XCTUnwrap(content.sessionManager)
        let before = try await client.retrieveProperties(of: [manager], [.currentSession])
        XCTAssertEqual(before.first?.currentSession?.key, session.key)
        try await client.logout()
        do {
            let after = try await client.retrieveProperties(of: [manager], [.currentSession])
            XCTAssertNil(after.first?.currentSession, "the session is gone after Logout")
        } catch where error.isFault(NotAuthenticated.self) {
            // A fault, or the property reported missing for NotAuthenticated (VIPropertyCollectorFault).
        }
    }

    func testESXOverHTTP() async throws { try await runSession(model: .esx, tls: false) }
    func testESXOverHTTPS() async throws { try await runSession(model: .esx, tls: true) }
    func testVCenterOverHTTP() async throws { try await runSession(model: .vpx, tls: false) }
    func testVCenterOverHTTPS() async throws { try await runSession(model: .vpx, tls: true) }

    func testWrongPasswordIsTypedInvalidLogin() async throws {
        let simulator = try await SharedSimulators.esx()
        let client = try client(for: simulator)
        do {
            _ = try await client.login(userName: simulator.username, password: "not-the-password")
            XCTFail("login must fail")
        } catch let fault as VISOAPFault {
            XCTAssertTrue(fault.fault is InvalidLogin, "got \(fault)")
            XCTAssertEqual(fault.faultType, "InvalidLogin")
            XCTAssertFalse("\(fault)".contains("not-the-password"))
        }
    }

    func testDeadPortIsTypedTransportError() async throws {
        // Bind a port, then close it, so nothing listens there.
        let port = try freeLoopbackPort()
        let client = try VIClient.vi(url: "http://127.0.0.1:\(port)/sdk")
        do {
            _ = try await client.serviceContent(as: ServiceContent.self)
            XCTFail("must not connect")
        } catch let error as VITransportError {
            XCTAssertEqual(error.method, "RetrieveServiceContent")
            guard case .connectionRefused = error.reason else { return XCTFail("got \(error)") }
        }
    }

    func testCertificateVerificationIsOnByDefault() async throws {
        let simulator = try await SharedSimulators.esx(tls: true)
        let client = try VIClient.vi(url: simulator.url)
        do {
            _ = try await client.serviceContent(as: ServiceContent.self)
            XCTFail("the simulator's self-signed certificate must be refused")
        } catch let error as VITransportError {
            guard case .tlsVerificationFailed = error.reason else { return XCTFail("got \(error)") }
        }
    }
}

/// A loopback TCP port with nothing listening on it.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
