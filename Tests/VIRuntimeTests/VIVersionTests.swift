import Foundation
import VI
import VIRuntime
import XCTest

final class VIVersionTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(VIVersion("8.0.3.0")?.components, [8, 0, 3, 0])
        XCTAssertEqual(VIVersion("6.7")?.components, [6, 7])
        XCTAssertEqual(VIVersion("8")?.components, [8])
        XCTAssertEqual(VIVersion("007.01")?.components, [7, 1])
    }

    /// Non-numeric text ends the version at the component it starts in.
    func testSuffixesEndTheVersion() {
        XCTAssertEqual(VIVersion("7.0U3")?.components, [7, 0])
        XCTAssertEqual(VIVersion("7.0U3.5")?.components, [7, 0])
        XCTAssertEqual(VIVersion("8.0.2-beta.1")?.components, [8, 0, 2])
        XCTAssertEqual(VIVersion("6.5.x")?.components, [6, 5])
        XCTAssertEqual(VIVersion("8.0.")?.components, [8, 0])
        XCTAssertEqual(VIVersion("8..1")?.components, [8])
    }

    func testNotVersions() {
        for text in ["", "x.1", "U3", ".8", " 8.0", "-1", "99999999999999999999.0", "٣.٤"] {
            XCTAssertNil(VIVersion(text), text)
        }
    }

    func testOrderingIsNumeric() throws {
        let ordered = ["2.5", "3.5", "3.10", "6.7", "6.7.3", "7.0U3", "7.0.3", "8", "8.0.3.0", "8.0.3.1", "10.0"]
        let versions = try ordered.map { try XCTUnwrap(VIVersion($0), $0) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            XCTAssertLessThan(lower, higher)
            XCTAssertFalse(higher < lower)
        }
    }

    /// Missing components count as 0, for ordering, equality and hashing alike.
    func testTrailingZerosAreEqual() {
        let versions = ["8", "8.0", "8.0.0.0"].compactMap(VIVersion.init)
        XCTAssertEqual(versions.count, 3)
        XCTAssertEqual(Set(versions).count, 1)
        XCTAssertEqual(VIVersion(8), VIVersion(8, 0, 0))
        XCTAssertFalse(VIVersion(8) < VIVersion(8, 0))
        XCTAssertEqual(VIVersion("8.0.0.0")?.description, "8.0.0.0")
    }

    func testInitializerAndAccessors() {
        let version = VIVersion(7, 0, 3)
        XCTAssertEqual([version.major, version.minor, version.micro, version.component(3)], [7, 0, 3, 0])
        XCTAssertEqual(VIVersion(6, -1).components, [6, 0])
        XCTAssertEqual(VIVersion(6, 7).description, "6.7")
    }

    func testCodableAsText() throws {
        let data = try JSONEncoder().encode([VIVersion(6, 7, 3)])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["6.7.3"]"#)
        XCTAssertEqual(try JSONDecoder().decode([VIVersion].self, from: Data(#"["7.0U3"]"#.utf8)), [VIVersion(7, 0)])
        XCTAssertThrowsError(try JSONDecoder().decode([VIVersion].self, from: Data(#"["next"]"#.utf8)))
    }

    func testNegotiatedAPIVersion() {
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "6.7.3"), "6.7.3")
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "7.0U3"), "7.0U3")
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "8.0.3.0"), VIClient.defaultAPIVersion)
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "9.0.0.0"), VIClient.defaultAPIVersion)
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "8.0.10"), VIClient.defaultAPIVersion)
        XCTAssertEqual(VIClient.negotiatedAPIVersion(server: "garbage"), VIClient.defaultAPIVersion)
    }
}
