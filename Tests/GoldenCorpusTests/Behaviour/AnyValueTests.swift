import Foundation
import VIRuntime
import XCTest

/// Every `xsd:anyType` kind through decode and encode -> decode.
final class AnyValueTests: XCTestCase {
    override func setUp() { registerGoldenTypes }

    private func decode(_ inner: String) throws -> AnyValue {
        try decodeDocument(document(inner), AnyValue.decodeValue)
    }

    private func reencode(_ value: AnyValue) throws -> AnyValue {
        try decodeDocument(try encodeDocument(value), AnyValue.decodeValue)
    }

    func testPrimitives() throws {
        let cases: [(String, String, AnyValue)] = [
            ("xsd:string", "hello", .string("hello")),
            ("xsd:boolean", "true", .boolean(true)),
            ("xsd:byte", "-5", .byte(-5)),
            ("xsd:short", "-300", .short(-300)),
            ("xsd:int", "70000", .int(70000)),
            ("xsd:long", "9000000000", .long(9_000_000_000)),
            ("xsd:float", "1.5", .float(1.5)),
            ("xsd:double", "2.25", .double(2.25)),
            ("xsd:base64Binary", "AAEC", .binary(Data([0, 1, 2]))),
            ("xsd:anyURI", "http://x/", .string("http://x/")),
        ]
        for (type, text, expected) in cases {
            let value = try decode(#"<val xsi:type="\#(type)">\#(text)</val>"#)
            XCTAssertEqual(String(describing: value), String(describing: expected), type)
            XCTAssertEqual(String(describing: try reencode(value)), String(describing: expected), type)
        }
        let date = try decode(#"<val xsi:type="xsd:dateTime">2020-01-02T03:04:05Z</val>"#)
        XCTAssertEqual(date.as(Date.self), XSDDateTime.parse("2020-01-02T03:04:05Z"))
        XCTAssertEqual(try reencode(date).as(Date.self), date.as(Date.self))
    }

    func testManagedObjectReference() throws {
        let value = try decode(#"<val type="Folder" xsi:type="ManagedObjectReference">group-d1</val>"#)
        XCTAssertEqual(value.as(ManagedObjectReference.self), ManagedObjectReference(type: "Folder", value: "group-d1"))
        XCTAssertEqual(try reencode(value).as(ManagedObjectReference.self)?.value, "group-d1")
        XCTAssertEqual(value.as(Folder.self)?.ref.value, "group-d1")
    }

    func testArraysOfPrimitivesReferencesEnumsAndObjects() throws {
        let strings = try decode(#"<val xsi:type="ArrayOfString"><string>a</string><string>b</string></val>"#)
        XCTAssertEqual(strings.as([String].self), ["a", "b"])
        XCTAssertEqual(try reencode(strings).as([String].self), ["a", "b"])

        let ints = try decode(#"<val xsi:type="ArrayOfInt"><int>1</int><int>2</int></val>"#)
        XCTAssertEqual(ints.as([Int32].self), [1, 2])
        XCTAssertEqual(try reencode(ints).as([Int32].self), [1, 2])

        // vcsim sends the items of ArrayOfManagedObjectReference without xsi:type.
        let refs = try decode(
            #"<val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-1</ManagedObjectReference><ManagedObjectReference type="HostSystem">host-2</ManagedObjectReference></val>"#)
        XCTAssertEqual(refs.as([ManagedObjectReference].self)?.map(\.value), ["host-1", "host-2"])
        XCTAssertEqual(try reencode(refs).as([ManagedObjectReference].self)?.map(\.value), ["host-1", "host-2"])

        let states = try decode(#"<val xsi:type="ArrayOfPowerState"><PowerState>poweredOn</PowerState></val>"#)
        XCTAssertEqual(states.as([PowerState].self), [.poweredOn])
        XCTAssertEqual(try reencode(states).as([PowerState].self), [.poweredOn])

        let shapes = try decode(
            #"<val xsi:type="ArrayOfShape"><Shape xsi:type="Circle"><name>c</name><radius>1</radius></Shape><Shape><name>plain</name></Shape></val>"#)
        let decodedShapes = try XCTUnwrap(shapes.objects(as: (any ShapeProtocol).self))
        XCTAssertEqual(decodedShapes.map { type(of: $0).wireName }, ["Circle", "Shape"])
        let again = try XCTUnwrap(try reencode(shapes).objects(as: (any ShapeProtocol).self))
        XCTAssertEqual(again.map(\.name), ["c", "plain"])
    }

    func testEnumsAndObjects() throws {
        let state = try decode(#"<val xsi:type="PowerState">suspended</val>"#)
        XCTAssertEqual(state.as(PowerState.self), .suspended)
        XCTAssertEqual(try reencode(state).as(PowerState.self), .suspended)

        let circle = try decode(#"<val xsi:type="Circle"><name>c</name><radius>4</radius></val>"#)
        XCTAssertEqual(circle.as(Circle.self)?.radius, 4)
        XCTAssertEqual(circle.object(as: (any ShapeProtocol).self)?.name, "c")
        XCTAssertEqual(try reencode(circle).as(Circle.self)?.radius, 4)
    }

    func testUnknownTypesAreKeptRaw() throws {
        let value = try decode(#"<val xsi:type="FutureThing"><a>1</a><b x="y">2</b></val>"#)
        guard case .unknown(let type, let xml) = value else { return XCTFail("expected .unknown, got \(value)") }
        XCTAssertEqual(type, "FutureThing")
        XCTAssertTrue(xml.contains(#"<b x="y">2</b>"#))
        let reencoded = try encodeDocument(value)
        XCTAssertTrue(reencoded.contains(#"<b x="y">2</b>"#), reencoded)

        let array = try decode(#"<val xsi:type="ArrayOfFutureThing"><FutureThing/></val>"#)
        guard case .unknown(let arrayType, _) = array else { return XCTFail("expected .unknown") }
        XCTAssertEqual(arrayType, "ArrayOfFutureThing")
    }

    func testWireTypes() {
        XCTAssertEqual(AnyValue.array(elementType: "string", []).wireType, "ArrayOfString")
        XCTAssertEqual(AnyValue.array(elementType: "ManagedObjectReference", []).wireType, "ArrayOfManagedObjectReference")
        XCTAssertEqual(AnyValue.int(1).wireType, "xsd:int")
    }
}
