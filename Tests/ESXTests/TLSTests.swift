import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Certificate checks against the simulator's https endpoint: CA verification, CA file,
/// pinned thumbprints (URI and options) and `no_verify`.
final class TLSTests: XCTestCase {
    /// `esx://user@127.0.0.1:PORT/` plus `query`, without the `no_verify=1` of `ESXTest.uri`.
    private func uri(_ sim: SimulatorProcess, _ query: String = "") -> String {
        let url = URL(string: sim.url)
        return "esx://\(sim.username)@127.0.0.1:\(url?.port ?? 443)/" + (query.isEmpty ? "" : "?" + query)
    }

    private func connect(
        _ sim: SimulatorProcess, _ query: String = "", options: ESXConnection.Options = .init()
    ) async throws(ESXError) -> ESXConnection {
        try await ESXConnection.connect(uri(sim, query), credentials: StaticCredentials(password: sim.password), options: options)
    }

    private func certificateThumbprint(_ sim: SimulatorProcess) async throws -> CertificateThumbprint {
        let parsed = try ESXURI(parsing: uri(sim))
        return try await ESXConnection.fetchThumbprint(uri: parsed)
    }

    func testUntrustedCertificateIsRefused() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        await assertESXError({ try await self.connect(sim) }) {
            if case .transport(let error) = $0, case .tlsVerificationFailed = error.reason { return true }
            return false
        }
    }

    func testCAFileIsAccepted() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        var options = ESXConnection.Options()
        options.caFile = try XCTUnwrap(sim.certificateFile)
        let connection = try await connect(sim, options: options)
        let connectionCount = try await connection.listDomains(.all).count
        XCTAssertEqual(connectionCount, 2)
        await connection.close()
    }

    func testPinnedThumbprintIsAccepted() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let thumbprint = try await certificateThumbprint(sim)
        // Bare lower-case hex in the URI, and the colon form through the options.
        let bare = thumbprint.description.replacingOccurrences(of: ":", with: "").lowercased()
        let viaURI = try await connect(sim, "thumbprint=\(bare)")
        XCTAssertEqual(viaURI.uri.parameters.thumbprint, thumbprint)
        let viaURICount = try await viaURI.listDomains(.all).count
        XCTAssertEqual(viaURICount, 2)
        await viaURI.close()

        var options = ESXConnection.Options()
        options.thumbprint = thumbprint
        let viaOptions = try await connect(sim, options: options)
        let viaOptionsCount = try await viaOptions.listDomains(.all).count
        XCTAssertEqual(viaOptionsCount, 2)
        await viaOptions.close()
    }

    func testWrongThumbprintIsRefusedBeforeAnyRequest() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, tls: true, extraArguments: ["-trace"]))
        defer { sim.stop() }
        let actual = try await certificateThumbprint(sim)
        let wrong = try XCTUnwrap(CertificateThumbprint(bytes: actual.bytes.reversed()))
        let error = await assertESXError({ try await self.connect(sim, "thumbprint=\(wrong)") }) {
            if case .transport(let error) = $0, case .tlsThumbprintMismatch(_, wrong, actual) = error.reason { return true }
            return false
        }
        XCTAssertTrue(error?.description.contains("expected \(wrong)") ?? false, "\(String(describing: error))")
        // The simulator traces every SOAP request: none arrived, so no password was sent.
        let log = try String(contentsOfFile: sim.logPath, encoding: .utf8)
        XCTAssertFalse(log.contains("Request:"), log)
        XCTAssertFalse(log.contains("Login"), log)
        // The trace does work: a pinned connection with the right thumbprint shows up in it.
        let connection = try await connect(sim, "thumbprint=\(actual)")
        await connection.close()
        let after = try String(contentsOfFile: sim.logPath, encoding: .utf8)
        XCTAssertTrue(after.contains("Request:") && after.contains("Login"), "trace has no Login")
    }

    func testNoVerifyStillConnects() async throws {
        let sim = try await SharedSimulators.esx(tls: true)
        let connection = try await connect(sim, "no_verify=1")
        let connectionCount = try await connection.listDomains(.all).count
        XCTAssertEqual(connectionCount, 2)
        await connection.close()
    }
}
