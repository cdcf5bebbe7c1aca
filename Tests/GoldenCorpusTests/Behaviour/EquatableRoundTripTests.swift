import Foundation
import VIRuntime
import XCTest

/// Every golden-corpus data object is `Equatable` and `Hashable` member by member: decode(encode(x))
/// equals x, equal values hash alike, and changing any one member (nested, polymorphic, boxed,
/// unknown-subtype XML) makes values unequal.
final class EquatableRoundTripTests: XCTestCase {
    override func setUp() { _ = registerGoldenTypes }

    private var when: Date { Date(timeIntervalSince1970: 1_700_000_000.25) }

    private var primitives: Primitives {
        Primitives(
            text: "a <b> & c", flag: true, tiny: -8, small: 300, number: 42, big: 1 << 40, ratio: 1.5, precise: 0.1,
            when: when, blob: Data([0, 1, 255]), anything: .array(elementType: "string", [.string("x"), .string("y")]),
            ref: ManagedObjectReference(type: "VirtualMachine", value: "vm-1"), texts: ["p", "q"], numbers: [1, 2],
            states: [.poweredOn, PowerState(rawValue: "futureState")], blobs: [Data([7])], password: "secret",
            protocol: nil, self_: "me", modern: 9)
    }

    private var drawing: Drawing {
        let square = Square(name: "sq", style: ShapeStyle(color: "red"), corners: 4, inner: Circle(name: "c", radius: 1), side: 2)
        return Drawing(
            main: square, shapes: [Circle(name: "c1", radius: 3), Polygon(name: "p", corners: 5)],
            extra: Shape(name: "plain"), circle: Circle(name: "c2", radius: 4), labels: ["l"])
    }

    private var tree: TreeNode {
        TreeNode(
            name: "root", next: TreeNode(name: "next"), children: [TreeNode(name: "kid")],
            pair: Pair(left: TreeNode(name: "left")))
    }

    private var fault: LocalizedMethodFault {
        LocalizedMethodFault(
            fault: InvalidArgument(
                faultCause: LocalizedMethodFault(fault: InvalidLogin(), localizedMessage: "inner"),
                faultMessage: [LocalizableMessage(key: "k", message: "m")], invalidProperty: "spec"),
            localizedMessage: "outer")
    }

    /// One sample of every golden data object.
    private var samples: [any VIDataObject] {
        [
            primitives, drawing, tree, fault, Pair(left: tree), Shape(name: "s", style: ShapeStyle()),
            Circle(name: "c", radius: 2), Polygon(name: "p", corners: 3, inner: Square(name: "i", corners: 4, side: 1)),
            Square(name: "q", corners: 4, side: 3), ShapeStyle(color: "blue"),
            MethodFault(faultMessage: [LocalizableMessage(key: "a")]), RuntimeFault(), InvalidArgument(invalidProperty: "x"),
            InvalidLogin(), LocalizableMessage(key: "k", message: "v"),
            ServiceContent(
                rootFolder: Folder(value: "group-d1"), sessionManager: SessionManager(value: "SessionManager"),
                propertyCollector: PropertyCollector(value: "propertyCollector")),
            UserSession(key: "52", userName: "root", loginTime: when),
        ]
    }

    func testEveryGoldenTypeHasASample() {
        let sampled = Set(samples.map { String(describing: type(of: $0)) })
        let registered = Set(GoldenTypes.objects01().map { String(describing: $0) })
        XCTAssertEqual(registered.subtracting(sampled), [], "types without a sample")
    }

    func testDecodeEncodeDecodeEqualsTheFirstValue() throws {
        for sample in samples {
            try assertRoundTrip(sample)
        }
    }

    private func assertRoundTrip<T: VIDataObject>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let first = try roundTrip(value)
        XCTAssertEqual(first, value, "\(T.self)", file: file, line: line)
        let second = try roundTrip(first)
        XCTAssertEqual(second, first, "\(T.self)", file: file, line: line)
        XCTAssertEqual(first.hashValue, value.hashValue, "\(T.self)", file: file, line: line)
        XCTAssertEqual(Set([value, first, second]).count, 1, file: file, line: line)
    }

    func testAnyMemberChangeMakesValuesUnequal() {
        var other = primitives
        other.blob = Data([0, 1, 254])
        XCTAssertNotEqual(other, primitives)
        other = primitives
        other.states = [.poweredOn, PowerState(rawValue: "otherState")]
        XCTAssertNotEqual(other, primitives)
        other = primitives
        other.anything = .array(elementType: "string", [.string("x")])
        XCTAssertNotEqual(other, primitives)

        var picture = drawing
        picture.shapes[1] = Circle(name: "p", radius: 0)  // same name, other dynamic type
        XCTAssertNotEqual(picture, drawing)
        picture = drawing
        picture.extra = nil
        XCTAssertNotEqual(picture, drawing)

        var node = tree
        node.pair = Pair(left: TreeNode(name: "right"))  // a boxed member, two levels down
        XCTAssertNotEqual(node, tree)

        var wrapped = fault
        wrapped.fault = InvalidArgument(invalidProperty: "spec")
        XCTAssertNotEqual(wrapped, fault)
    }

    func testUnknownSubtypeXMLTakesPart() throws {
        let xml = document(#"<value xsi:type="Hexagon"><name>h</name><corners>6</corners></value>"#)
        let hexagon = try decodeDocument(xml, Polygon.decodeValue)
        XCTAssertNotNil(hexagon.unknownSubtype)
        XCTAssertNotEqual(hexagon, Polygon(name: "h", corners: 6))
        XCTAssertEqual(hexagon, try decodeDocument(xml, Polygon.decodeValue))
    }
}
