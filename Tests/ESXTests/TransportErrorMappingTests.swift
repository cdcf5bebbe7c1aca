import ESX
import VI
import XCTest

/// Transport failures and HTTP status errors keep their own ``ESXError`` cases.
final class TransportErrorMappingTests: XCTestCase {
    func testTransportFailuresKeepTheirReason() {
        let url = "https://h/sdk"
        let reasons: [TransportError] = [
            .timedOut(url: url, limit: .deadline, after: 30), .timedOut(url: url, limit: .connect, after: 5),
            .connectionRefused(url: url, message: "refused"), .hostNotFound(url: url, message: "h"),
            .tlsVerificationFailed(url: url, message: "self-signed"), .connectionLost(url: url, message: "reset"),
            .responseTooLarge(url: url, limit: 10),
        ]
        for reason in reasons {
            let error = VITransportError(method: "RetrievePropertiesEx", reason: reason)
            XCTAssertEqual(ESXError.wrap(error), .transport(error))
            let text = ESXError.wrap(error).description
            XCTAssertTrue(text.contains("'RetrievePropertiesEx'"), text)
            XCTAssertFalse(text.contains("\n"), text)
        }
    }

    func testMessagesSayWhatHappened() {
        func text(_ reason: TransportError) -> String {
            ESXError.wrap(VITransportError(method: "Login", reason: reason)).description
        }
        XCTAssertEqual(
            text(.timedOut(url: "https://h/sdk", limit: .deadline, after: 2)),
            "call to 'Login' failed: timed out: no complete response from https://h/sdk within 2 s")
        XCTAssertTrue(text(.timedOut(url: "u", limit: .connect, after: 30)).contains("could not connect to u within 30 s"))
        XCTAssertTrue(text(.timedOut(url: "u", limit: .lowSpeed, after: 60)).contains("stalled for 60 s"))
        XCTAssertTrue(text(.connectionRefused(url: "u", message: "m")).contains("connection refused"))
        XCTAssertTrue(text(.hostNotFound(url: "u", message: "m")).contains("host not found"))
        XCTAssertTrue(text(.tlsVerificationFailed(url: "u", message: "m")).contains("certificate verification failed"))
        XCTAssertTrue(text(.connectionLost(url: "u", message: "m")).contains("connection to u lost"))
    }

    func testHTTPStatusKeepsItsCase() {
        let error = VIHTTPError.status(method: "Login", status: 503)
        XCTAssertEqual(ESXError.wrap(error), .http(error))
        XCTAssertEqual(ESXError.wrap(error).description, "HTTP response code 503 for call to 'Login'")
    }

    func testCancellationStaysCancelled() {
        XCTAssertEqual(ESXError.wrap(CancellationError()), .cancelled)
        XCTAssertEqual(ESXError.wrap(TransportError.cancelled(url: "u")), .cancelled)
    }
}
