import ESX
import VI
import XCTest

/// The listing call of `esx list` broken in every way an HTTP exchange can break: each gives a
/// typed error and a one-line CLI message, is not retried, and leaks no session.
final class TransportFaultTests: XCTestCase {
    /// Runs the library and the CLI against a server with `rule` on the listing call; returns
    /// the library's error and the CLI's outcome after checking counts and leaks.
    private func check(
        _ rule: FaultRule, callTimeout: Int = 5, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> (ESXError, FaultInjection.Outcome) {
        let (placed, cleanCount) = try await FaultInjection.onListing(rule)
        let server = try FakeVSphereServer(faults: [placed])
        var caught: ESXError?
        do {
            let names = try await FaultInjection.listNames(server, callTimeout: Double(callTimeout))
            XCTFail("listed \(names) despite \(rule.action)", file: file, line: line)
        } catch {
            caught = error
        }
        let stats = try server.stats()
        XCTAssertEqual(stats.requests, cleanCount, "no retry: \(stats.sequence)", file: file, line: line)
        XCTAssertEqual(stats.count("Login"), 1, file: file, line: line)
        try assertNoLeaks(server, file: file, line: line)

        let cliServer = try FakeVSphereServer(faults: [placed])
        let outcome = try FaultInjection.esxList(cliServer, timeout: callTimeout)
        XCTAssertEqual(try cliServer.stats().requests, cleanCount, file: file, line: line)
        try assertNoLeaks(cliServer, file: file, line: line)
        return (try XCTUnwrap(caught, file: file, line: line), outcome)
    }

    private func transportReason(_ error: ESXError, file: StaticString = #filePath, line: UInt = #line) -> TransportError? {
        guard case let .transport(transport) = error else {
            XCTFail("expected a transport error, got \(error)", file: file, line: line)
            return nil
        }
        return transport.reason
    }

    func testNoAnswerTimesOut() async throws {
        let (error, outcome) = try await check(FaultRule(action: .silent), callTimeout: 2)
        guard case let .transport(transport) = error else { return XCTFail("\(error)") }
        XCTAssertTrue(transport.isTimeout, "\(transport)")
        assertOneLineFailure(outcome, "timed out")
    }

    func testSlowBodyTimesOut() async throws {
        let (error, outcome) = try await check(FaultRule(action: .slow, interval: 0.5), callTimeout: 2)
        guard case let .transport(transport) = error else { return XCTFail("\(error)") }
        XCTAssertTrue(transport.isTimeout, "\(transport)")
        assertOneLineFailure(outcome, "timed out")
    }

    func testShortBodyIsALostConnection() async throws {
        let (error, outcome) = try await check(FaultRule(action: .short, send: 100))
        guard case .connectionLost = transportReason(error) else { return XCTFail("\(error)") }
        assertOneLineFailure(outcome, "lost")
    }

    func testDropMidBodyIsALostConnection() async throws {
        let (error, outcome) = try await check(FaultRule(action: .reset, send: 100))
        guard case .connectionLost = transportReason(error) else { return XCTFail("\(error)") }
        assertOneLineFailure(outcome, "lost")
    }

    func testStatus500WithASOAPFaultIsTheTypedFault() async throws {
        let rule = FaultRule(action: .fault, type: "InvalidState", message: "the host is busy")
        let (error, outcome) = try await check(rule)
        XCTAssertTrue(error.isFault(InvalidState.self), "\(error)")
        guard case let .fault(fault) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(fault.typeName, "InvalidState")
        XCTAssertEqual(fault.message, "the host is busy")
        assertOneLineFailure(outcome, "RetrievePropertiesEx failed: InvalidState - the host is busy")
    }

    func testStatus500WithHTMLIsAnHTTPError() async throws {
        let (error, outcome) = try await check(FaultRule(action: .html500))
        guard case let .http(.status(_, status)) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(status, 500)
        assertOneLineFailure(outcome, "HTTP response code 500")
    }

    func testStatus200WithHTMLIsAnError() async throws {
        let (error, outcome) = try await check(FaultRule(action: .html200))
        // The runtime's VIDecodingError.unexpectedElement, carried as text by the driver.
        XCTAssertEqual(error, .other("expected element 'Envelope', found 'html'"))
        assertOneLineFailure(outcome, "expected element 'Envelope', found 'html'")
    }

    func testRedirectIsNotFollowed() async throws {
        let (error, outcome) = try await check(FaultRule(action: .redirect))
        guard case let .http(.redirect(_, status, location)) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(status, 302)
        XCTAssertEqual(location, "http://127.0.0.1:1/elsewhere")
        assertOneLineFailure(outcome, "redirected to 'http://127.0.0.1:1/elsewhere'")
    }
}
