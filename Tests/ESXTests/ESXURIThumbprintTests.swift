import ESX
import VI
import XCTest

/// The `thumbprint` URI parameter.
final class ESXURIThumbprintTests: XCTestCase {
    private let colon = (0..<32).map { String(format: "%02X", $0) }.joined(separator: ":")

    func testParsesColonAndBareHexAndPrintsTheColonForm() throws {
        let expected = try CertificateThumbprint(parsing: colon)
        let bare = colon.replacingOccurrences(of: ":", with: "").lowercased()
        for value in [colon, colon.lowercased(), bare, colon.replacingOccurrences(of: ":", with: "%3A")] {
            let uri = try ESXURI(parsing: "esx://root@host/?thumbprint=\(value)")
            XCTAssertEqual(uri.parameters.thumbprint, expected, value)
            XCTAssertEqual(uri.description, "esx://root@host/?thumbprint=\(colon)")
            XCTAssertEqual(uri.warnings, [])
        }
        XCTAssertTrue(ESXURIParameters.knownNames.contains("thumbprint"))
    }

    func testInvalidValuesNameTheParameter() {
        let sha1 = (0..<20).map { String(format: "%02x", $0) }.joined(separator: ":")
        for (value, fragment) in [(sha1, "SHA-1"), ("xyz", "SHA-256"), ("", "empty"), ("AB:CD", "2 bytes")] {
            XCTAssertThrowsError(try ESXURI(parsing: "esx://host/?thumbprint=\(value)")) { error in
                guard case .invalidParameter(name: "thumbprint", _, let reason)? = error as? URIError else {
                    return XCTFail("got \(error)")
                }
                XCTAssertTrue(reason.contains(fragment), reason)
                XCTAssertTrue("\(error)".contains("query parameter 'thumbprint'"), "\(error)")
            }
        }
    }

    func testWarnsWhenOtherParametersMakeItMoot() throws {
        let http = try ESXURI(parsing: "esx://host/?transport=http&thumbprint=\(colon)")
        XCTAssertEqual(http.warnings, [.ignoredParameter(name: "thumbprint", reason: "only used with transport=https")])
        let both = try ESXURI(parsing: "esx://host/?no_verify=1&thumbprint=\(colon)")
        XCTAssertEqual(both.warnings, [.ignoredParameter(name: "no_verify", reason: "thumbprint= pins the certificate")])
    }
}
