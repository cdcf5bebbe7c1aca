import Foundation
import VIRuntime
import XCTest

/// Stalled servers end in a typed timeout naming the SOAP method, within the configured limit.
final class CallTimeoutTests: XCTestCase {
    static let method = "RetrievePropertiesEx"
    /// libcurl measures speed over the last ~5 s, the request upload included, so the low-speed
    /// limit fires up to about that much after `lowSpeedTime` (plus slack for a loaded machine).
    static let speedWindow = 8.0

    func testDefaultsBoundEveryRequest() {
        let options = TransportOptions()
        XCTAssertEqual(options.connectTimeout, 30)
        XCTAssertEqual(options.totalTimeout, 300)
        XCTAssertEqual(options.lowSpeedLimit, 1)
        XCTAssertEqual(options.lowSpeedTime, 60)
        XCTAssertEqual(VICallOptions.current, VICallOptions())
    }

    func testAcceptAndNeverAnswerHitsTheDeadline() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.totalTimeout = 1.5
        let (error, elapsed) = try await Self.call(server.base + "/silent", options)
        XCTAssertEqual(error?.method, Self.method)
        XCTAssertEqual(error?.timeout?.limit, .deadline)
        XCTAssertEqual(error?.timeout?.after, 1.5)
        XCTAssertGreaterThanOrEqual(elapsed, 1.4)
        XCTAssertLessThan(elapsed, 3)
        let text = String(describing: error)
        XCTAssertTrue(text.contains("'RetrievePropertiesEx'") && text.contains("within 1.5 s"), text)
    }

    func testSilentServerHitsTheLowSpeedLimitBeforeALongDeadline() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.lowSpeedTime = 1
        let (error, elapsed) = try await Self.call(server.base + "/silent", options)
        XCTAssertEqual(error?.method, Self.method)
        XCTAssertEqual(error?.timeout?.limit, .lowSpeed)
        XCTAssertEqual(error?.timeout?.after, 1)
        XCTAssertLessThan(elapsed, 1 + Self.speedWindow)
    }

    func testOneBytePerSecondHitsTheDeadline() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.totalTimeout = 2
        let (error, elapsed) = try await Self.call(server.base + "/trickle?n=100&interval=1", options)
        XCTAssertEqual(error?.method, Self.method)
        XCTAssertEqual(error?.timeout?.limit, .deadline)
        XCTAssertEqual(error?.timeout?.after, 2)
        XCTAssertLessThan(elapsed, 3.5)
    }

    func testTricklingBelowTheLowSpeedLimitIsAborted() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.lowSpeedLimit = 100
        options.lowSpeedTime = 2
        let (error, elapsed) = try await Self.call(server.base + "/trickle?n=1000&interval=0.3", options)
        XCTAssertEqual(error?.timeout?.limit, .lowSpeed)
        XCTAssertEqual(error?.timeout?.after, 2)
        XCTAssertLessThan(elapsed, 2 + Self.speedWindow)
    }

    func testShortBodyWithALongerContentLengthTimesOut() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.totalTimeout = 1.5
        let (error, elapsed) = try await Self.call(server.base + "/short?length=1000&send=10", options)
        XCTAssertEqual(error?.method, Self.method)
        XCTAssertEqual(error?.timeout?.limit, .deadline)
        XCTAssertLessThan(elapsed, 3)
    }

    func testStalledTLSHandshakeIsAConnectTimeout() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.connectTimeout = 1
        options.totalTimeout = 10
        let (error, elapsed) = try await Self.call("https://127.0.0.1:\(server.blackHolePort)/sdk", options)
        XCTAssertEqual(error?.method, Self.method)
        XCTAssertEqual(error?.timeout?.limit, .connect)
        XCTAssertEqual(error?.timeout?.after, 1)
        XCTAssertLessThan(elapsed, 3)
    }

    // MARK: Task-local deadline

    func testCallDeadlineOverridesTheTransportDefault() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.lowSpeedTime = 1
        let client = try VIClient(url: server.base + "/silent", options: options)
        let start = ContinuousClock.now
        do {
            try await VIClient.withCallDeadline(1.5) {
                // A child task inherits the deadline.
                try await Task { try await Self.invoke(client) }.value
            }
            XCTFail("expected a timeout")
        } catch let error as VITransportError {
            XCTAssertEqual(error.method, Self.method)
            // The low-speed check (1 s) is off inside withCallDeadline: the deadline ends the call.
            XCTAssertEqual(error.timeout?.limit, .deadline)
            XCTAssertEqual(error.timeout?.after, 1.5)
        }
        XCTAssertLessThan(Self.seconds(ContinuousClock.now - start), 3)
        XCTAssertEqual(VICallOptions.current, VICallOptions(), "the override ends with its scope")
    }

    func testLongPollOutlivesTheLowSpeedLimitWithinItsDeadline() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.lowSpeedTime = 1
        options.totalTimeout = 1
        let client = try VIClient(url: server.base + "/delay?s=2", options: options)
        do {
            try await VIClient.withCallDeadline(10) { try await Self.invoke(client) }
            XCTFail("/delay does not answer SOAP")
        } catch let error as VITransportError {
            XCTFail("a 2 s silent wait must survive a 10 s call deadline: \(error)")
        } catch {
            // The 2 s wait completed; its body is not a SOAP envelope.
        }
    }

    func testInvalidLimitsAreRejected() async throws {
        var options = TransportOptions()
        options.lowSpeedTime = -1
        XCTAssertThrowsError(try CurlTransport(options: options))
        options = TransportOptions()
        options.lowSpeedLimit = -1
        XCTAssertThrowsError(try CurlTransport(options: options))
        let transport = try CurlTransport()
        do {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/", timeout: .nan))
            XCTFail("expected invalidRequest")
        } catch TransportError.invalidRequest(_, let message) {
            XCTAssertTrue(message.contains("timeout"), message)
        }
    }

    // MARK: Helpers

    static func invoke(_ client: VIClient) async throws {
        try await client.invoke(method, { _ in }, decode: { _ in () })
    }

    /// Calls `method` at `url`; the transport error and the seconds it took.
    static func call(_ url: String, _ options: TransportOptions) async throws -> (VITransportError?, Double) {
        let client = try VIClient(url: url, options: options)
        let start = ContinuousClock.now
        do {
            try await invoke(client)
            XCTFail("expected a transport error")
            return (nil, seconds(ContinuousClock.now - start))
        } catch let error as VITransportError {
            return (error, seconds(ContinuousClock.now - start))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
