import VMX
import XCTest

final class VMXEscapingTests: XCTestCase {
    func testPipeAndPercent() {
        XCTAssertEqual(VMXEscaping.escapePipe("a|b\"c"), "a|7cb|22c")
        XCTAssertEqual(VMXEscaping.escapePercent("50% /a\\b"), "50%25 %2fa%5cb")
        XCTAssertEqual(VMXEscaping.unescapePipe("a|7Cb|22c"), "a|b\"c")
        XCTAssertEqual(VMXEscaping.unescapePercent("%2F%25"), "/%")
        XCTAssertEqual(VMXEscaping.unescapePipe("caf|c3|a9"), "café")
    }

    func testInvalidSequences() {
        XCTAssertNil(VMXEscaping.unescapePipe("a|7"))
        XCTAssertNil(VMXEscaping.unescapePipe("a|zz"))
        XCTAssertNil(VMXEscaping.unescapePercent("100%"))
        XCTAssertNil(VMXEscaping.unescapePipe("|ff"), "not UTF-8")
    }

    func testDisplayNameAndAnnotationErrorsNameTheKey() throws {
        let resolver = OfflineFileNameResolver()
        for key in ["displayName", "annotation"] {
            let config = try VMXParser.parse(Samples.vmx("\(key) = \"bad |4\"\n"))
            XCTAssertThrowsError(try VMXToDomain(resolver: resolver).convert(config)) { error in
                guard case VMXError.invalidValue(let reported, let line, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(reported, key)
                XCTAssertEqual(line, 4)
            }
        }
    }
}
