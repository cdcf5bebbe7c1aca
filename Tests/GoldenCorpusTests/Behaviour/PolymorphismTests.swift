import Foundation
import VIRuntime
import XCTest

/// Inheritance, `xsi:type` dispatch, absent and unknown `xsi:type`, recursion.
final class PolymorphismTests: XCTestCase {
    override func setUp() { registerGoldenTypes }

    func testSubtypesRoundTripThroughBaseFields() throws {
        let drawing = Drawing(
            main: Square(name: "sq", corners: 4, inner: Circle(name: "in", radius: 0.5), side: 2),
            shapes: [Circle(name: "c", radius: 1), Polygon(name: "p", corners: 5), Shape(name: "plain")],
            extra: nil, circle: Circle(name: "only", radius: 3), labels: ["l"])
        let xml = try encodeDocument(drawing)
        XCTAssertTrue(xml.contains(#"<main xsi:type="Square">"#), xml)
        let decoded = try decodeDocument(xml, Drawing.decodeValue)
        let square = try XCTUnwrap(decoded.main as? Square)
        XCTAssertEqual(square.side, 2)
        XCTAssertEqual((square.inner as? Circle)?.radius, 0.5)
        XCTAssertEqual(decoded.shapes.map { type(of: $0).wireName }, ["Circle", "Polygon", "Shape"])
        XCTAssertEqual(decoded.shapes.map(\.name), ["c", "p", "plain"])
        XCTAssertNil(decoded.extra)
        XCTAssertEqual(decoded.circle?.radius, 3)
    }

    func testAbsentXsiTypeMeansTheDeclaredType() throws {
        let xml = document("<d><main><name>m</name></main><shapes><name>s</name></shapes><labels>l</labels></d>")
        let decoded = try decodeDocument(xml, Drawing.decodeValue)
        XCTAssertTrue(decoded.main is Shape)
        XCTAssertTrue(decoded.shapes.first is Shape)
        XCTAssertNil(decoded.main.unknownSubtype)
    }

    func testUnknownXsiTypeDecodesAsDeclaredTypeAndKeepsTheRawXML() throws {
        let xml = document(
            #"<d><main xsi:type="Hexagon"><name>h</name><corners>6</corners><glow>yes</glow></main><labels>l</labels></d>"#)
        let decoded = try decodeDocument(xml, Drawing.decodeValue)
        let main = try XCTUnwrap(decoded.main as? Shape)
        XCTAssertEqual(main.name, "h")
        XCTAssertEqual(main.unknownSubtype?.wireType, "Hexagon")
        XCTAssertTrue(main.unknownSubtype?.xml.contains("<glow>yes</glow>") ?? false)
    }

    func testUnknownXsiTypeOnALeafTypeIsKeptToo() throws {
        let xml = document(#"<d><main><name>m</name></main><circle xsi:type="FancyCircle"><name>f</name><radius>1</radius></circle><labels>l</labels></d>"#)
        let decoded = try decodeDocument(xml, Drawing.decodeValue)
        XCTAssertEqual(decoded.circle?.unknownSubtype?.wireType, "FancyCircle")
        XCTAssertEqual(decoded.circle?.radius, 1)
    }

    func testKnownTypeThatIsNotASubtypeIsKeptAsUnknown() throws {
        let xml = document(#"<d><main xsi:type="ShapeStyle"><name>m</name></main><labels>l</labels></d>"#)
        let decoded = try decodeDocument(xml, Drawing.decodeValue)
        XCTAssertTrue(decoded.main is Shape)
        XCTAssertEqual(decoded.main.unknownSubtype?.wireType, "ShapeStyle")
    }

    func testPrefixedXsiTypeResolves() throws {
        let xml = document(#"<d><main xmlns:vim="urn:vim25" xsi:type="vim:Circle"><name>c</name><radius>2</radius></main><labels>l</labels></d>"#)
        XCTAssertEqual((try decodeDocument(xml, Drawing.decodeValue).main as? Circle)?.radius, 2)
    }

    func testRecursiveTypesRoundTrip() throws {
        var leaf = TreeNode(name: "leaf")
        leaf.pair = Pair(left: TreeNode(name: "left"))
        let root = TreeNode(name: "root", next: TreeNode(name: "next", next: leaf), children: [TreeNode(name: "child")])
        let decoded = try roundTrip(root)
        XCTAssertEqual(decoded.next?.next?.name, "leaf")
        XCTAssertEqual(decoded.next?.next?.pair?.left?.name, "left")
        XCTAssertEqual(decoded.children.map(\.name), ["child"])
    }

    func testFaultsRoundTripThroughTheMethodFaultBase() throws {
        let wrapped = LocalizedMethodFault(
            fault: InvalidArgument(
                faultCause: LocalizedMethodFault(fault: InvalidLogin(), localizedMessage: "inner"),
                faultMessage: [LocalizableMessage(key: "k", message: "m")], invalidProperty: "name"),
            localizedMessage: "outer")
        let decoded = try roundTrip(wrapped)
        let fault = try XCTUnwrap(decoded.fault as? InvalidArgument)
        XCTAssertEqual(fault.invalidProperty, "name")
        XCTAssertTrue(fault.faultCause?.fault is InvalidLogin)
        XCTAssertEqual(fault.faultMessage.first?.message, "m")
        XCTAssertEqual(decoded.localizedMessage, "outer")
    }

    func testFaultsAreSwiftErrors() {
        let fault: any Error = InvalidArgument(invalidProperty: "x")
        XCTAssertTrue(fault is any MethodFaultProtocol)
        XCTAssertEqual(InvalidArgument.ancestors, ["RuntimeFault", "MethodFault"])
    }
}
