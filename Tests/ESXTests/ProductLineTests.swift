@testable import ESX
import VI
import XCTest

/// The product-line and version checks made on connect (no server needed).
final class ProductLineTests: XCTestCase {
    private func about(_ line: String, version: String, apiType: String = "HostAgent", api: String = "6.5") -> AboutInfo {
        AboutInfo(
            name: "x", fullName: "x", vendor: "VMware", version: version, build: "1", osType: "x", productLineId: line,
            apiType: apiType, apiVersion: api)
    }

    private func check(_ about: AboutInfo, _ scheme: ESXURI.Scheme) -> Result<ProductLine, ESXError> {
        Result { () throws(ESXError) in try ProductLine.check(about, scheme: scheme, host: "h") }
    }

    func testAcceptedProducts() {
        XCTAssertEqual(try check(about("esx", version: "3.5"), .esx).get(), .esx)
        XCTAssertEqual(try check(about("embeddedEsx", version: "8.0.3"), .esx).get(), .esx)
        XCTAssertEqual(try check(about("gsx", version: "2.0", api: "2.5"), .gsx).get(), .gsx)
        XCTAssertEqual(try check(about("vpx", version: "2.5", apiType: "VirtualCenter", api: "2.5"), .vpx).get(), .vpx)
    }

    func testRejectedProducts() {
        XCTAssertEqual(
            check(about("vpx", version: "7.0", apiType: "VirtualCenter"), .esx),
            .failure(.productMismatch(host: "h", expected: "ESX(i)", found: "vCenter/VPX")))
        XCTAssertEqual(
            check(about("esx", version: "3.0"), .esx),
            .failure(.unsupportedVersion(product: "ESX(i)", version: "3.0", minimum: "3.5")))
        XCTAssertEqual(
            check(about("vpx", version: "2.0", apiType: "VirtualCenter"), .vpx),
            .failure(.unsupportedVersion(product: "vCenter/VPX", version: "2.0", minimum: "2.5")))
        XCTAssertEqual(check(about("esx", version: "6.5", api: "2.0"), .esx),
            .failure(.unsupportedVersion(product: "API", version: "2.0", minimum: "2.5")))
        XCTAssertEqual(check(about("esx", version: "6.5", apiType: "Other"), .esx), .failure(.unsupportedAPIType("Other")))
        XCTAssertEqual(
            check(about("workstation", version: "16"), .esx),
            .failure(.productMismatch(host: "h", expected: "ESX(i)", found: "'workstation'")))
    }

    func testVersionSuffixesAndUnparsableVersions() {
        XCTAssertEqual(try check(about("esx", version: "7.0U3", api: "7.0.3.0"), .esx).get(), .esx)
        XCTAssertEqual(try check(about("esx", version: "3.10"), .esx).get(), .esx)
        XCTAssertEqual(
            check(about("esx", version: "ESXi"), .esx),
            .failure(.unsupportedVersion(product: "ESX(i)", version: "ESXi", minimum: "3.5")))
        XCTAssertEqual(
            check(about("esx", version: "6.5", api: "2.0U9"), .esx),
            .failure(.unsupportedVersion(product: "API", version: "2.0U9", minimum: "2.5")))
    }

    func testServerVersionNumbers() {
        let version = ServerVersion(
            fullName: "VMware ESXi 8.0.3", productLineId: "embeddedEsx", version: "8.0.3", build: "1",
            apiType: "HostAgent", apiVersion: "8.0.3.0")
        XCTAssertEqual(version.productVersion, VIVersion(8, 0, 3))
        XCTAssertEqual(version.apiVersionNumber, VIVersion(8, 0, 3))
        XCTAssertGreaterThan(try XCTUnwrap(version.apiVersionNumber), VIVersion(7, 0, 3, 1))
    }

    func testErrorMessagesAreOneLine() {
        let errors: [ESXError] = [
            .pendingQuestion(text: "Q?", answers: ["Keep", "Replace"]), .pendingQuestion(text: "Q?", answers: []),
            .taskFailed(operation: "start domain 'a'", fault: ESXFault(typeName: "InvalidPowerState", message: "bad state")),
            .taskBlocked(operation: "start domain 'a'", question: "Q?", answers: ["Yes"], reason: "r"),
            .otherTasksPending("a"), .domainNotRunning("a"),
        ]
        XCTAssertEqual(
            errors[0].description,
            "pending question blocks virtual machine execution, question is 'Q?', possible answers are 'Keep', 'Replace'")
        XCTAssertTrue(errors[1].description.hasSuffix("no possible answers"))
        XCTAssertEqual(errors[2].description, "could not start domain 'a': InvalidPowerState - bad state")
        for error in errors { XCTAssertFalse(error.description.contains("\n")) }
    }
}
