import XCTest
@testable import ESX

/// The `timeout=SECONDS` URI parameter.
final class ESXURITimeoutTests: XCTestCase {
    func testTimeoutValues() throws {
        XCTAssertNil(try ESXURI(parsing: "esx://h/").parameters.timeout)
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?timeout=30").parameters.timeout, 30)
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?TIMEOUT=2.5").parameters.timeout, 2.5)
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?timeout=86400").parameters.timeout, 86_400)
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?timeout=1&timeout=7").parameters.timeout, 7)
        XCTAssertTrue(ESXURIParameters.knownNames.contains("timeout"))
        XCTAssertTrue(try ESXURI(parsing: "esx://h/?timeout=5").warnings.isEmpty)
    }

    func testRejectedTimeoutsNameTheParameter() {
        for value in ["", "0", "0.0", "-1", "86401", "abc", "1e3", "0x10", "nan", "inf", "5s", " 5", "1.2.3"] {
            let text = "esx://h/?timeout=" + (value == " 5" ? "%205" : value)
            XCTAssertThrowsError(try ESXURI(parsing: text), text) { error in
                guard case let .invalidParameter(name, actual, reason)? = error as? URIError else {
                    return XCTFail("\(text): unexpected \(error)")
                }
                XCTAssertEqual(name, "timeout", text)
                XCTAssertEqual(actual, value, text)
                XCTAssertEqual(reason, ESXURIParameters.timeoutRule)
                XCTAssertTrue(String(describing: error).contains("query parameter 'timeout'"))
            }
        }
    }

    func testDescriptionKeepsTheTimeout() throws {
        XCTAssertEqual(try ESXURI(parsing: "esx://h/?timeout=30.0").description, "esx://h/?timeout=30")
        let text = "esx://root@h/?no_verify=1&timeout=2.5"
        let uri = try ESXURI(parsing: text)
        XCTAssertEqual(uri.description, text)
        XCTAssertEqual(try ESXURI(parsing: uri.description), uri)
    }
}
