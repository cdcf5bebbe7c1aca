import Foundation
import VIRuntime
import XCTest

/// Each way a call can fail without a response keeps its own ``TransportError`` case through
/// ``VIClient``, with the method name.
final class TransportFailureKindTests: XCTestCase {
    func testConnectionClosedMidBodyIsConnectionLost() async throws {
        let server = try TransportTestServer()
        let reason = try await Self.reason(server.base + "/short?length=1000&send=10&close=1")
        guard case .connectionLost? = reason else { return XCTFail("got \(String(describing: reason))") }
    }

    func testConnectionResetIsConnectionLost() async throws {
        let server = try TransportTestServer()
        let reason = try await Self.reason(server.base + "/reset")
        guard case .connectionLost? = reason else { return XCTFail("got \(String(describing: reason))") }
    }

    func testDeadPortIsConnectionRefused() async throws {
        let reason = try await Self.reason("http://127.0.0.1:1/sdk")
        guard case .connectionRefused(let url, _)? = reason else { return XCTFail("got \(String(describing: reason))") }
        XCTAssertEqual(url, "http://127.0.0.1:1/sdk")
    }

    func testUnknownHostIsHostNotFound() async throws {
        var options = TransportOptions()
        options.connectTimeout = 5
        let reason = try await Self.reason("http://no-such-host.invalid/sdk", options)
        guard case .hostNotFound? = reason else { return XCTFail("got \(String(describing: reason))") }
    }

    func testUntrustedCertificateIsTLSVerificationFailed() async throws {
        guard let (cert, key) = try TransportTestCertificate.make() else {
            throw XCTSkip("openssl is not available to make a test certificate")
        }
        let server = try TransportTestServer(tls: (cert, key))
        let reason = try await Self.reason(server.base + "/echo")
        guard case .tlsVerificationFailed? = reason else { return XCTFail("got \(String(describing: reason))") }
    }

    func testResponseTooLargeKeepsItsCase() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxResponseBytes = 1000
        let reason = try await Self.reason(server.base + "/big?n=5000", options)
        XCTAssertEqual(reason, .responseTooLarge(url: server.base + "/big?n=5000", limit: 1000))
    }

    func testCancelledCallIsCancellationError() async throws {
        let server = try TransportTestServer()
        let client = try VIClient(url: server.base + "/silent")
        let task = Task { try await CallTimeoutTests.invoke(client) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, error is CancellationError else {
            return XCTFail("expected CancellationError, got \(result)")
        }
    }

    /// The reason of the ``VITransportError`` a call to `url` ends with; checks the method name.
    static func reason(
        _ url: String, _ options: TransportOptions = TransportOptions(), file: StaticString = #filePath, line: UInt = #line
    ) async throws -> TransportError? {
        let client = try VIClient(url: url, options: options)
        let start = ContinuousClock.now
        do {
            try await CallTimeoutTests.invoke(client)
            XCTFail("expected a transport error", file: file, line: line)
            return nil
        } catch let error as VITransportError {
            XCTAssertEqual(error.method, CallTimeoutTests.method, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("call to '\(CallTimeoutTests.method)' failed: "), file: file, line: line)
            XCTAssertLessThan(CallTimeoutTests.seconds(ContinuousClock.now - start), 2.5, "fails fast", file: file, line: line)
            return error.reason
        }
    }
}
