import Foundation
import VIRuntime
import XCTest

/// The parser loads no external entities, refuses DTDs and bounds depth and size.
final class XMLSafetyTests: XCTestCase {
    func testDoctypeAndEntitiesAreRefused() {
        let xml = #"<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><doc><v>&xxe;</v></doc>"#
        XCTAssertThrowsError(try decodeDocument(xml, String.decodeValue)) {
            XCTAssertEqual($0 as? VIDecodingError, .doctypeNotAllowed)
        }
        let laughs = #"<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><d><v>&b;</v></d>"#
        XCTAssertThrowsError(try decodeDocument(laughs, String.decodeValue))
    }

    func testDepthIsBounded() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        XCTAssertThrowsError(
            try VIXMLReader.withReader(bytes: Array(("<doc>" + deep + "</doc>").utf8), limits: VIXMLLimits(maxDepth: 50)) {
                reader in
                try reader.moveToDocumentElement()
                try reader.skipElement()
            }
        ) {
            guard case .tooDeep(_, 50)? = $0 as? VIDecodingError else { return XCTFail("got \($0)") }
        }
    }

    func testSizeIsBounded() {
        XCTAssertThrowsError(
            try VIXMLReader.withReader(bytes: Array(repeating: 0x20, count: 2000), limits: VIXMLLimits(maxBytes: 1000)) {
                _ in ()
            }
        ) {
            XCTAssertEqual($0 as? VIDecodingError, .tooLarge(bytes: 2000, limit: 1000))
        }
    }

    func testTruncatedDocumentNamesTheElement() {
        XCTAssertThrowsError(try decodeDocument(documentOpen + "<v>abc", String.decodeValue)) {
            XCTAssertNotNil($0 as? VIDecodingError)
        }
    }

    func testTextElementWithChildIsAnError() {
        XCTAssertThrowsError(try decodeDocument(document("<v>a<b/>c</v>"), String.decodeValue)) {
            XCTAssertEqual($0 as? VIDecodingError, .unexpectedChild(element: "v", child: "b"))
        }
    }
}
