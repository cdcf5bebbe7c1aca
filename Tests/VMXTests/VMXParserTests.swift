import VMX
import XCTest

final class VMXParserTests: XCTestCase {
    func testGrammar() throws {
        let config = try VMXParser.parse(
            """
            # a comment
              displayName = "web 01"   # trailing comment

            guestOS=other-64
            \tmemsize\t=\t"256"\r
            empty = ""
            bare =
            key.with:odd_chars-1 = "#not a comment"
            """)
        XCTAssertEqual(config["DISPLAYNAME"], "web 01")
        XCTAssertEqual(config["guestos"], "other-64")
        XCTAssertEqual(config["memsize"], "256")
        XCTAssertEqual(config["empty"], "")
        XCTAssertEqual(config["bare"], "")
        XCTAssertEqual(config["key.with:odd_chars-1"], "#not a comment")
        XCTAssertEqual(config.entry("memsize")?.line, 5)
        XCTAssertEqual(config.entries.map(\.key), ["displayName", "guestOS", "memsize", "empty", "bare", "key.with:odd_chars-1"])
    }

    func testDuplicateKeysLastWinsInFirstPosition() throws {
        let config = try VMXParser.parse("a = \"1\"\nb = \"2\"\nA = \"3\"\n")
        XCTAssertEqual(config["a"], "3")
        XCTAssertEqual(config.entries.map(\.key), ["a", "b"])
        XCTAssertEqual(config.entry("a")?.line, 3)
    }

    func testSyntaxErrorsNameLineAndKey() {
        let cases: [(String, Int, String)] = [
            ("a = \"1\"\ndisplayName", 2, "expected '=' after key 'displayName'"),
            ("displayName = \"open", 1, "unterminated quoted value of key 'displayName'"),
            ("x = \"1\" y", 1, "unexpected 'y' after the value of key 'x'"),
            ("= \"1\"", 1, "expected a key"),
            ("\"quoted\" = \"1\"", 1, "expected a key"),
            ("k = \"a\u{0}b\"", 1, "NUL byte"),
        ]
        for (text, line, fragment) in cases {
            XCTAssertThrowsError(try VMXParser.parse(text), text) { error in
                guard case VMXError.syntax(let reported, let message) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(reported, line, text)
                XCTAssertTrue(message.contains(fragment), message)
            }
        }
    }

    func testInvalidUTF8IsTyped() {
        let bytes = Array("a = \"1\"\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        XCTAssertThrowsError(try VMXParser.parse(bytes: bytes)) { error in
            XCTAssertEqual(error as? VMXError, .invalidUTF8(line: 2))
        }
    }

    func testWindows1252IsConverted() throws {
        let bytes = Array(".encoding = \"windows-1252\"\ndisplayName = \"caf".utf8) + [0xE9, 0x20, 0x80]
            + Array("\"\n".utf8)
        let config = try VMXParser.parse(bytes: bytes)
        XCTAssertEqual(config["displayName"], "café €")
    }

    func testShiftJISIsConverted() throws {
        // 日本 in Shift_JIS.
        let bytes = Array(".encoding = \"Shift_JIS\"\nannotation = \"".utf8) + [0x93, 0xFA, 0x96, 0x7B] + Array("\"".utf8)
        XCTAssertEqual(try VMXParser.parse(bytes: bytes)["annotation"], "日本")
    }

    func testUnknownEncodingAndBadBytes() {
        XCTAssertThrowsError(try VMXParser.parse(bytes: Array(".encoding = \"klingon-8\"\n".utf8))) { error in
            XCTAssertEqual(error as? VMXError, .unknownEncoding("klingon-8"))
        }
        let bad = Array(".encoding = \"Shift_JIS\"\nx = \"1\"\ny = \"".utf8) + [0x81] + Array("\"\n".utf8)
        XCTAssertThrowsError(try VMXParser.parse(bytes: bad)) { error in
            XCTAssertEqual(error as? VMXError, .encodingConversion(encoding: "Shift_JIS", line: 3))
        }
    }

    func testTooLarge() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: VMXParser.maxBytes + 1)
        XCTAssertThrowsError(try VMXParser.parse(bytes: bytes)) { error in
            XCTAssertEqual(error as? VMXError, .tooLarge(bytes: VMXParser.maxBytes + 1, limit: VMXParser.maxBytes))
        }
    }

    func testTypedGetters() throws {
        let config = try VMXParser.parse("n = \" 42 \"\nu = \"UNLIMITED\"\nb = \"True\"\nbad = \"4x\"\nbb = \"yes\"\n")
        XCTAssertEqual(try config.integer("n", default: 0), 42)
        XCTAssertEqual(try config.integer("u", default: 0), -1)
        XCTAssertEqual(try config.integer("missing", default: 7), 7)
        XCTAssertTrue(try config.bool("b", default: false))
        XCTAssertThrowsError(try config.integer("bad", default: 0)) { error in
            XCTAssertEqual(error as? VMXError, .invalidValue(key: "bad", line: 4, value: "4x", expected: "an integer"))
        }
        XCTAssertThrowsError(try config.bool("bb", default: false)) { error in
            XCTAssertEqual((error as? VMXError)?.description, "VMX entry 'bb' (line 5) must be 'true' or 'false' but is 'yes'")
        }
        XCTAssertThrowsError(try config.requiredString("nope")) { error in
            XCTAssertEqual(error as? VMXError, .missingEntry(key: "nope"))
        }
    }

    func testFormatter() throws {
        var config = VMXConfig()
        config.set("a", "1")
        config.set("b", "two words")
        config.set("A", "3")
        XCTAssertEqual(try VMXFormatter.format(config), "a = \"3\"\nb = \"two words\"\n")
        config.set("bad", "say \"hi\"")
        XCTAssertThrowsError(try VMXFormatter.format(config)) { error in
            XCTAssertEqual(error as? VMXError, .unrepresentableValue(key: "bad", value: "say \"hi\""))
        }
    }
}
