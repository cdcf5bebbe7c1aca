import ESX
import Foundation
import VI
import XCTest

/// `<domainsnapshot>` XML, offline.
final class DomainSnapshotXMLTests: XCTestCase {
    func testSnapshotXMLWithoutParentOrDescription() {
        let snapshot = DomainSnapshot(
            snapshot: VirtualMachineSnapshot(value: "snapshot-1"), name: "root",
            creationTime: Date(timeIntervalSince1970: 1_700_000_000.7), state: .shutoff)
        XCTAssertEqual(
            DomainSnapshotXML.format(snapshot, domainUUID: nil),
            "<domainsnapshot>\n  <name>root</name>\n  <state>shutoff</state>\n"
                + "  <creationTime>1700000000</creationTime>\n</domainsnapshot>\n")
    }

    func testMarkupIsEscapedAndUnknownStateIsNoState() {
        let snapshot = DomainSnapshot(
            snapshot: VirtualMachineSnapshot(value: "snapshot-2"), name: "a&b\u{1}<c>", description: "\"q\" 'x'",
            creationTime: Date(timeIntervalSince1970: 0), state: .unknown, parent: "p&")
        let xml = DomainSnapshotXML.format(snapshot, domainUUID: "u")
        XCTAssertTrue(xml.contains("<name>a&amp;b&lt;c&gt;</name>"), xml)
        XCTAssertTrue(xml.contains("<description>&quot;q&quot; &apos;x&apos;</description>"), xml)
        XCTAssertTrue(xml.contains("<state>nostate</state>"), xml)
        XCTAssertTrue(xml.contains("<parent>\n    <name>p&amp;</name>\n  </parent>"), xml)
        XCTAssertTrue(xml.hasSuffix("  <domain>\n    <uuid>u</uuid>\n  </domain>\n</domainsnapshot>\n"), xml)
    }
}
