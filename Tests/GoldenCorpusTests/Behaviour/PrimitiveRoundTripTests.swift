import Foundation
import VIRuntime
import XCTest

/// Every primitive, list and optional through encode -> decode.
final class PrimitiveRoundTripTests: XCTestCase {
    override func setUp() { registerGoldenTypes }

    func testEveryPrimitiveRoundTrips() throws {
        let when = try XCTUnwrap(XSDDateTime.parse("2026-11-23T10:51:42.25Z"))
        let value = Primitives(
            text: "a < b & \"c\" 'd' > e\r\n\tend", flag: true, tiny: -128, small: 32767, number: Int32.min,
            big: Int64.max, ratio: 0.5, precise: -1.25e-300, when: when, blob: Data([0, 1, 2, 250, 255]),
            anything: .string("any"), ref: ManagedObjectReference(type: "VirtualMachine", value: "vm-1&2"),
            texts: ["x", "", "y z"], numbers: [1, -2, 3], states: [.poweredOn, PowerState(rawValue: "futureState")],
            blobs: [Data(), Data([7])], password: "p<a>ss", protocol: .in, self_: "me", modern: 42)
        let decoded = try roundTrip(value)
        XCTAssertEqual(decoded.text, value.text)
        XCTAssertEqual(decoded.flag, true)
        XCTAssertEqual(decoded.tiny, -128)
        XCTAssertEqual(decoded.small, 32767)
        XCTAssertEqual(decoded.number, Int32.min)
        XCTAssertEqual(decoded.big, Int64.max)
        XCTAssertEqual(decoded.ratio, 0.5)
        XCTAssertEqual(decoded.precise, -1.25e-300)
        XCTAssertEqual(decoded.when, when)
        XCTAssertEqual(decoded.blob, Data([0, 1, 2, 250, 255]))
        XCTAssertEqual(decoded.anything?.as(String.self), "any")
        XCTAssertEqual(decoded.ref, value.ref)
        XCTAssertEqual(decoded.texts, ["x", "", "y z"])
        XCTAssertEqual(decoded.numbers, [1, -2, 3])
        XCTAssertEqual(decoded.states, [.poweredOn, PowerState(rawValue: "futureState")])
        XCTAssertEqual(decoded.blobs, [Data(), Data([7])])
        XCTAssertEqual(decoded.password, "p<a>ss")
        XCTAssertEqual(decoded.protocol, .in)
        XCTAssertEqual(decoded.self_, "me")
        XCTAssertEqual(decoded.modern, 42)
    }

    func testAbsentOptionalsStayAbsent() throws {
        let decoded = try roundTrip(Primitives(text: "", flag: false, number: 0))
        XCTAssertNil(decoded.tiny)
        XCTAssertNil(decoded.when)
        XCTAssertEqual(decoded.texts, [])
        XCTAssertEqual(decoded.text, "")
    }

    func testFloatingPointSpecialValues() throws {
        let decoded = try roundTrip(Primitives(text: "", flag: false, number: 0, ratio: .infinity, precise: .nan))
        XCTAssertEqual(decoded.ratio, .infinity)
        XCTAssertTrue(decoded.precise?.isNaN ?? false)
    }

    func testRequiredMemberMissingOnDecodeNamesTypeAndMember() {
        XCTAssertThrowsError(try decodeDocument(document("<v><flag>true</flag><number>1</number></v>"), Primitives.decodeValue)) {
            XCTAssertEqual($0 as? VIDecodingError, .missingRequired(type: "Primitives", member: "text"))
        }
    }

    func testRequiredListEmptyOnEncodeNamesTypeAndMember() {
        let drawing = Drawing(main: Circle(name: "c", radius: 1), labels: [])
        XCTAssertThrowsError(try encodeDocument(drawing)) {
            XCTAssertEqual($0 as? VIEncodingError, .missingRequired(type: "Drawing", member: "labels"))
        }
    }

    func testInvalidNumberNamesTheElement() {
        XCTAssertThrowsError(
            try decodeDocument(document("<v><text/><flag>true</flag><number>12x</number></v>"), Primitives.decodeValue)
        ) {
            XCTAssertEqual($0 as? VIDecodingError, .invalidValue(element: "number", type: "xsd:int", text: "12x"))
        }
        XCTAssertThrowsError(
            try decodeDocument(document("<v><text/><flag>maybe</flag><number>1</number></v>"), Primitives.decodeValue)
        ) {
            XCTAssertEqual($0 as? VIDecodingError, .invalidValue(element: "flag", type: "xsd:boolean", text: "maybe"))
        }
        XCTAssertThrowsError(
            try decodeDocument(document("<v><text/><flag>1</flag><number>1</number><tiny>300</tiny></v>"), Primitives.decodeValue)
        ) {
            XCTAssertEqual($0 as? VIDecodingError, .invalidValue(element: "tiny", type: "xsd:byte", text: "300"))
        }
    }

    func testUnknownAndIgnoredElementsAreSkipped() throws {
        let xml = document(
            "<v><future><deep><deeper>x</deeper></deep></future><text>t</text><ignoredThing>i</ignoredThing>"
                + "<alsoIgnored><a/></alsoIgnored><flag>0</flag><number> 7 </number><another/></v>")
        let decoded = try decodeDocument(xml, Primitives.decodeValue)
        XCTAssertEqual(decoded.text, "t")
        XCTAssertEqual(decoded.flag, false)
        XCTAssertEqual(decoded.number, 7)
    }

    func testTextWithCDATAAndEntitiesDecodes() throws {
        let xml = document("<v><text>a &amp; <![CDATA[<b>]]> &#233;</text><flag>true</flag><number>1</number></v>")
        XCTAssertEqual(try decodeDocument(xml, Primitives.decodeValue).text, "a & <b> é")
    }

    func testControlCharactersAreRefusedNotDropped() {
        XCTAssertThrowsError(try encodeDocument(Primitives(text: "bell\u{07}", flag: true, number: 1))) {
            XCTAssertEqual($0 as? VIEncodingError, .invalidCharacter(element: "text", scalar: 7))
        }
    }

    func testEncodingEscapesTextAndAttributes() throws {
        let xml = try encodeDocument(ManagedObjectReference(type: "A\"<&>", value: "v<&>'\"\r"))
        XCTAssertTrue(xml.contains(#"<value type="A&quot;&lt;&amp;&gt;">v&lt;&amp;&gt;&apos;&quot;&#13;</value>"#), xml)
    }

    func testSecretsAreRedactedOnlyWhenAsked() throws {
        let value = Primitives(text: "t", flag: true, number: 1, password: "hunter2")
        var plain = VIXMLWriter()
        try value.encodeValue(as: "v", to: &plain)
        XCTAssertTrue(plain.string.contains("<password>hunter2</password>"))
        var redacted = VIXMLWriter(redactSecrets: true)
        try value.encodeValue(as: "v", to: &redacted)
        XCTAssertFalse(redacted.string.contains("hunter2"))
        XCTAssertTrue(redacted.string.contains("<password>(secret)</password>"))
    }
}
