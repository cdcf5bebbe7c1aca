@testable import ESX
import XCTest

/// URI errors and descriptions never show a password: the user's nor a proxy's.
final class URIRedactionTests: XCTestCase {
    private let secret = "s3cr3t"

    private func assertErrorHidesSecret(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ESXURI(parsing: text), text, file: file, line: line) { error in
            let message = ESXError.wrap(error).description
            XCTAssertFalse(message.contains(secret), message, file: file, line: line)
            XCTAssertFalse(String(reflecting: error).contains(secret), String(reflecting: error), file: file, line: line)
        }
    }

    func testProxyCredentialsAreRejectedWithoutThePassword() {
        for proxy in [
            "user:\(secret)@proxy:3128", "http://user:\(secret)@proxy", "socks5://user:\(secret)@[::1]:1080",
            "user:\(secret)@", "user:p@\(secret)@proxy", "HTTP://u:\(secret)@p:99999",
        ] {
            assertErrorHidesSecret("esx://root@host/?proxy=\(proxy)")
            XCTAssertThrowsError(try ESXProxy(parsing: proxy)) { error in
                XCTAssertTrue("\(error)".contains("proxy credentials are not supported"), "\(error)")
                XCTAssertTrue("\(error)".contains(":***@"), "\(error)")
            }
        }
    }

    func testBadPercentEncodingInAProxyValueHidesThePassword() {
        assertErrorHidesSecret("esx://root@host/?proxy=u:\(secret)%zz@p")
    }

    func testPasswordWithUnencodedDelimitersIsNotEchoed() {
        for password in ["\(secret)/x", "x/\(secret)", "\(secret)?x", "\(secret)#x", "1/\(secret)"] {
            assertErrorHidesSecret("esx://root:\(password)@host/")
            assertErrorHidesSecret("vpx://root:\(password)@vc/dc/cluster")
        }
        XCTAssertThrowsError(try ESXURI(parsing: "esx://root:a/b@host/")) { error in
            XCTAssertEqual(
                error as? URIError,
                .malformed(reason: "an '@' follows the host; percent-encode '/', '?', '#' and '@' in the user name, password and path"))
        }
        XCTAssertEqual(try ESXURI(parsing: "esx://root:a%2Fb@host/").password, "a/b")
    }

    func testVCenterWithCredentialsIsRejectedWithoutThePassword() {
        assertErrorHidesSecret("esx://root@host/?vcenter=admin:\(secret)@vc")
    }

    func testDescriptionNeverShowsThePassword() throws {
        let uri = try ESXURI(parsing: "esx://root:\(secret)@host/?proxy=socks://p:9")
        XCTAssertEqual(uri.description, "esx://root@host/?proxy=socks5://p:9")
        XCTAssertFalse(String(reflecting: uri).contains(secret))
    }

    func testUserInfoRedaction() {
        XCTAssertEqual(URIRedaction.userInfo(in: "u:pw@h"), "u:***@h")
        XCTAssertEqual(URIRedaction.userInfo(in: "http://u:p@w@h:1"), "http://u:***@h:1")
        XCTAssertEqual(URIRedaction.userInfo(in: "socks5://u@h"), "socks5://u@h")
        XCTAssertEqual(URIRedaction.userInfo(in: "h:80"), "h:80")
        XCTAssertEqual(URIRedaction.userInfo(in: ""), "")
    }
}
