import XCTest

@testable import vi_gen

/// The layout of single long lines, at small widths so the cases stay readable.
final class LineWrapperTests: XCTestCase {
    private func wrap(_ line: String, width: Int, indentation: Int = 0) -> String {
        LineWrapper(width: width).lines(line, indentation: indentation).joined(separator: "\n")
    }

    func testLineThatFitsIsKept() {
        XCTAssertEqual(wrap("let a = f(b, c)", width: 15, indentation: 0), "let a = f(b, c)")
        XCTAssertEqual(wrap("  let a = f(b, c)", width: 40, indentation: 4), "      let a = f(b, c)")
    }

    func testArrayLiteralGetsOneElementPerLineAndATrailingComma() {
        XCTAssertEqual(
            wrap("public static let all: [Property] = [.name, .parent, .state]", width: 40),
            """
            public static let all: [Property] = [
                .name,
                .parent,
                .state,
            ]
            """)
    }

    func testParameterListClosesAtTheOriginalIndentation() {
        XCTAssertEqual(
            wrap("public init(name: String, state: State? = nil, tags: [String] = []) {", width: 40, indentation: 4),
            """
                public init(
                    name: String,
                    state: State? = nil,
                    tags: [String] = []
                ) {
            """)
    }

    func testSignatureBreaksItsParametersNotItsResultType() {
        XCTAssertEqual(
            wrap("public func find(_ this: Folder, names: [String]) async throws -> [any ShapeProtocol] {", width: 60),
            """
            public func find(
                _ this: Folder,
                names: [String]
            ) async throws -> [any ShapeProtocol] {
            """)
        XCTAssertEqual(
            wrap("public func find(_ this: Folder) async throws -> [ShapeProtocolWithALongName] {", width: 60),
            """
            public func find(
                _ this: Folder
            ) async throws -> [ShapeProtocolWithALongName] {
            """)
    }

    func testValueIsBrokenBeforeItsType() {
        XCTAssertEqual(
            wrap("public static let declaredValues: [SomeLongEnumTypeName] = [.a, .b]", width: 65),
            """
            public static let declaredValues: [SomeLongEnumTypeName] = [
                .a,
                .b,
            ]
            """)
    }

    func testNestedBracketsBreakAgainWhenAnElementIsTooLong() {
        XCTAssertEqual(
            wrap("result = compute(alpha, transform(beta, gamma, delta), [1, 2])", width: 30),
            """
            result = compute(
                alpha,
                transform(
                    beta,
                    gamma,
                    delta
                ),
                [1, 2]
            )
            """)
    }

    func testStringLiteralsAreNeverSplit() {
        XCTAssertEqual(
            wrap(#"log("a, b (c) [d]", "q\"(, ]", value)"#, width: 20),
            #"""
            log(
                "a, b (c) [d]",
                "q\"(, ]",
                value
            )
            """#)
    }

    func testDocCommentReflowsAtWordBoundariesKeepingCodeSpans() {
        XCTAssertEqual(
            wrap(
                "/// Adopted by `Shape` and every subtype; a field holds `any ShapeProtocol` values.", width: 40,
                indentation: 4),
            """
                /// Adopted by `Shape` and every
                /// subtype; a field holds
                /// `any ShapeProtocol` values.
            """)
    }

    func testListItemContinuationIsIndented() {
        XCTAssertEqual(
            wrap("/// - Throws: `VISOAPFault` carrying one of: `InvalidLogin`, `NotFound`.", width: 40),
            """
            /// - Throws: `VISOAPFault` carrying one
            ///   of: `InvalidLogin`, `NotFound`.
            """)
    }

    func testUnbreakableTokenStaysWhole() {
        let token = "aVeryLongIdentifierThatCannotBeBrokenAnywhere"
        XCTAssertEqual(wrap(token, width: 20), token)
        XCTAssertEqual(wrap("/// \(token)", width: 20), "/// \(token)")
        XCTAssertEqual(wrap("let a = \"\(token)\"", width: 20), "let a =\n    \"\(token)\"")
    }

    func testCaseLineBreaksAfterItsLabel() {
        XCTAssertEqual(
            wrap(#"case "name": self.name = try decode(value, "name", in: "Machine")"#, width: 60),
            #"""
            case "name":
                self.name = try decode(value, "name", in: "Machine")
            """#)
    }

    func testTrailingClosureBodyMovesToItsOwnLine() {
        XCTAssertEqual(
            wrap(
                #"let this = try await bind("Login") { (_content: ServiceContent) in _content.sessionManager }"#,
                width: 70),
            #"""
            let this = try await bind("Login") { (_content: ServiceContent) in
                _content.sessionManager
            }
            """#)
    }

    func testAccessorsMoveIntoTheirBraces() {
        XCTAssertEqual(
            wrap("public var parent: Parent? { get { _parent?.value } set { _parent = newValue } }", width: 60),
            """
            public var parent: Parent? {
                get { _parent?.value } set { _parent = newValue }
            }
            """)
    }

    func testValueBreaksAfterTheEqualsSign() {
        XCTAssertEqual(
            wrap("public static let wireName = LongTypeName(rawValue: \"value\")", width: 40),
            """
            public static let wireName =
                LongTypeName(rawValue: "value")
            """)
    }

    func testTypeDeclarationBreaksAfterItsColon() {
        XCTAssertEqual(
            wrap("public struct SomeLongName: VIEnum, CustomStringConvertible {", width: 40),
            """
            public struct SomeLongName:
                VIEnum, CustomStringConvertible
            {
            """)
    }

    func testPrinterWrapsAtItsIndentation() {
        var printer = CodePrinter()
        printer.block("enum E") { p in
            p.line("static let all: [String] = [" + (1...30).map { "\"value\($0)\"" }.joined(separator: ", ") + "]")
        }
        let lines = printer.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 34)
        XCTAssertEqual(lines[1], "    static let all: [String] = [")
        XCTAssertEqual(lines[2], "        \"value1\",")
        XCTAssertEqual(lines[31], "        \"value30\",")
        XCTAssertEqual(lines[32], "    ]")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 120 })
    }
}
