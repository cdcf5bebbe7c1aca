import XCTest
@testable import ESX

final class VMXEscapingTests: XCTestCase {
    func testPercentEscaping() {
        let vectors: [(String, String)] = [
            ("", ""),
            ("plain name", "plain name"),
            ("a%b", "a%25b"),
            ("a/b", "a%2fb"),
            ("a\\b", "a%5cb"),
            ("%/\\", "%25%2f%5c"),
            ("100% sure/yes\\no", "100%25 sure%2fyes%5cno"),
            ("%25", "%2525"),
            ("Grüße/Welt", "Grüße%2fWelt"),
            ("日本/語", "日本%2f語"),
            ("pipe|quote\"", "pipe|quote\""),
            ("//", "%2f%2f"),
        ]
        for (plain, escaped) in vectors {
            XCTAssertEqual(VMXEscaping.escapePercent(plain), escaped, plain)
            XCTAssertEqual(try VMXEscaping.unescapePercent(escaped), plain, escaped)
        }
    }

    func testPipeEscaping() {
        let vectors: [(String, String)] = [
            ("", ""),
            ("a|b", "a|7cb"),
            ("say \"hi\"", "say |22hi|22"),
            ("|\"|", "|7c|22|7c"),
            ("100%/\\", "100%/\\"),
            ("ä|ö", "ä|7cö"),
            ("|7c", "|7c7c"),
        ]
        for (plain, escaped) in vectors {
            XCTAssertEqual(VMXEscaping.escapePipe(plain), escaped, plain)
            XCTAssertEqual(try VMXEscaping.unescapePipe(escaped), plain, escaped)
        }
    }

    func testOutputHexIsLowercaseAndInputHexAnyCase() throws {
        XCTAssertEqual(VMXEscaping.escapePercent("/\\"), "%2f%5c")
        XCTAssertEqual(try VMXEscaping.unescapePercent("%2F%5C%2f%5c"), "/\\/\\")
        XCTAssertEqual(try VMXEscaping.unescapePipe("|7C|7c|22"), "||\"")
    }

    func testUnescapeDecodesAnyByte() throws {
        XCTAssertEqual(try VMXEscaping.unescapePercent("%41%62%20"), "Ab ")
        XCTAssertEqual(try VMXEscaping.unescapePercent("%c3%bc"), "ü")
        XCTAssertEqual(try VMXEscaping.unescapePercent("%E2%82%AC"), "€")
        XCTAssertEqual(try VMXEscaping.unescapePipe("|41"), "A")
    }

    func testUnescapeRejectsInvalidSequences() {
        let vectors: [(String, Int)] = [
            ("%", 0),
            ("%2", 0),
            ("%2g", 0),
            ("%g2", 0),
            ("a%zz", 1),
            ("%%", 0),
            ("abc%", 3),
            ("ok%20%2", 5),
            ("%-1", 0),
            ("% 20", 0),
        ]
        for (text, offset) in vectors {
            XCTAssertThrowsError(try VMXEscaping.unescapePercent(text), text) { error in
                XCTAssertEqual(error as? ESXNameError, .invalidEscapeSequence(text: text, offset: offset))
            }
        }
        XCTAssertThrowsError(try VMXEscaping.unescapePipe("a|")) { error in
            XCTAssertEqual(error as? ESXNameError, .invalidEscapeSequence(text: "a|", offset: 1))
        }
        XCTAssertThrowsError(try VMXEscaping.unescapePipe("|x1"))
    }

    func testUnescapeRejectsInvalidUTF8() {
        for text in ["%ff", "%c3", "a%c3b", "%80", "%ed%a0%80"] {
            XCTAssertThrowsError(try VMXEscaping.unescapePercent(text), text) { error in
                XCTAssertEqual(error as? ESXNameError, .invalidUTF8(text: text))
            }
        }
    }

    func testGenericHexEscaping() throws {
        let escaped = VMXEscaping.escapeHex("a#b c=d", escape: UInt8(ascii: "#"), special: " =".utf8)
        XCTAssertEqual(escaped, "a#23b#20c#3dd")
        XCTAssertEqual(try VMXEscaping.unescapeHex(escaped, escape: UInt8(ascii: "#")), "a#b c=d")
        XCTAssertEqual(VMXEscaping.escapeHex("abc", escape: UInt8(ascii: "#"), special: []), "abc")
        XCTAssertEqual(VMXEscaping.escapeHex("\t\n", escape: UInt8(ascii: "~"), special: [9, 10]), "~09~0a")
    }

    func testRoundTripsAndDisplayNameChain() throws {
        let samples = [
            "", "vm", "%", "%%2f", "a/b\\c%d|e\"f", "Grüße \"Welt\" | 100%",
            "日本語/テキスト", "😀/😀", "trailing\\", "|22", "%7c",
        ] + randomNames(count: 300, seed: 1)
        for name in samples {
            XCTAssertEqual(try VMXEscaping.unescapePercent(VMXEscaping.escapePercent(name)), name)
            XCTAssertEqual(try VMXEscaping.unescapePipe(VMXEscaping.escapePipe(name)), name)
            // VMX displayName: percent (vSphere name) then pipe; read back in reverse order.
            let displayName = VMXEscaping.escapePipe(VMXEscaping.escapePercent(name))
            XCTAssertFalse(displayName.contains("\""))
            XCTAssertFalse(displayName.contains("/"))
            XCTAssertEqual(try VMXEscaping.unescapePercent(VMXEscaping.unescapePipe(displayName)), name)
        }
    }
}

final class DatastoreItemEscapingTests: XCTestCase {
    /// Vectors matching libvirt's esxutilstest expectations (compatibility).
    func testLibvirtCompatibleVectors() {
        let vectors: [(String, String)] = [
            ("normal", "normal"),
            ("Aä1ö2ü3ß4#5~6!7§8/9%Z", "A+w6Q-1+w7Y-2+w7w-3+w58-4+Iw-5+fg-6+IQ-7+wqc-8+JQ-2f9+JQ-25Z"),
            ("Z~6!7§8/9%0#1\"2'3`4&A", "Z+fg-6+IQ-7+wqc-8+JQ-2f9+JQ-250+Iw-1_2'3+YA-4+Jg-A"),
            ("標準語", "+5qiZ5rqW6Kqe"),
            ("!\"#$%&'()*+,-./0123456789:;<=>?", "+IQ-_+IyQl-25+Jg-'()_+Kw-,-.+JQ-2f0123456789_+Ow-_+PQ-__"),
            ("A Z[\\]^_B", "A Z+WyU-5c+XV4-_B"),
            ("A`B@{|}~DEL", "A+YA-B+QHs-_+fX4-DEL"),
            ("hÀÁÂÃÄÅH", "h+w4DDgcOCw4PDhMOF-H"),
            ("A쿀Z", "A+7L+A-Z"),
            ("!쿀A", "+Iey,gA-A"),
            ("~~~", "+fn5+"),
            ("~~~A", "+fn5+-A"),
            ("K%U/H\\Z", "K+JQ-25U+JQ-2fH+JQ-5cZ"),
            ("vvv<A\"B\"C>zzz", "vvv_A_B_C_zzz"),
        ]
        for (name, escaped) in vectors {
            XCTAssertEqual(DatastoreItemEscaping.escape(name), escaped, name)
        }
    }

    func testBase64RunLengths() {
        let vectors: [(String, String)] = [
            ("#", "+Iw"),
            ("##", "+IyM"),
            ("###", "+IyMj"),
            ("####", "+IyMjIw"),
            ("#####", "+IyMjIyM"),
            ("######", "+IyMjIyMj"),
            ("a#b", "a+Iw-b"),
            ("a##b", "a+IyM-b"),
            ("a###b", "a+IyMj-b"),
            ("a####b", "a+IyMjIw-b"),
            ("x~", "x+fg"),
            ("~x", "+fg-x"),
        ]
        for (plain, escaped) in vectors {
            XCTAssertEqual(DatastoreItemEscaping.escapeBase64(plain), escaped, plain)
            XCTAssertEqual(try DatastoreItemEscaping.unescapeBase64(escaped), plain, escaped)
        }
    }

    func testBase64OfUTF8Names() {
        let vectors: [(String, String)] = [
            ("é", "+w6k"),
            ("€", "+4oKs"),
            ("😀", "+8J+YgA"),
            ("Grüße", "Gr+w7zDnw-e"),
            ("日本語テキスト", "+5pel5pys6Kqe44OG44Kt44K544OI"),
            ("Straße #1", "Stra+w58-e +Iw-1"),
            ("€uro", "+4oKs-uro"),
        ]
        for (plain, escaped) in vectors {
            XCTAssertEqual(DatastoreItemEscaping.escape(plain), escaped, plain)
            XCTAssertEqual(try DatastoreItemEscaping.unescape(escaped), plain, escaped)
        }
    }

    func testNormalBytesAreCopied() {
        let normal = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),. _-"
        XCTAssertEqual(DatastoreItemEscaping.escape(normal), normal)
        XCTAssertEqual(DatastoreItemEscaping.escape("My VM (test), v1.0_final-2"), "My VM (test), v1.0_final-2")
        XCTAssertEqual(DatastoreItemEscaping.escape(""), "")
    }

    func testTerminatorOnlyWhenInputFollows() {
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("é-x"), "+w6k--x")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("é,x"), "+w6k-,x")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("a+b"), "a+Kw-b")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("+"), "+Kw")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("a=b=c"), "a+PQ-b+PQ-c")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("tab\tx"), "tab+CQ-x")
        XCTAssertEqual(DatastoreItemEscaping.escapeBase64("nul\u{0}x"), "nul+AA-x")
    }

    func testWindowsSpecialCharactersBecomeUnderscores() {
        XCTAssertEqual(DatastoreItemEscaping.replaceSpecialWindowsPathCharacters("\"*<>:|?"), "_______")
        XCTAssertEqual(DatastoreItemEscaping.replaceSpecialWindowsPathCharacters("a:b/c\\d"), "a_b/c\\d")
        XCTAssertEqual(DatastoreItemEscaping.replaceSpecialWindowsPathCharacters("über?"), "über_")
        for character in ["\"", "*", "<", ">", ":", "|", "?"] {
            XCTAssertEqual(DatastoreItemEscaping.escape("a\(character)b"), "a_b", character)
        }
    }

    func testSlashAndBackslashArePercentThenBase64Escaped() {
        XCTAssertEqual(DatastoreItemEscaping.escape("a/b"), "a+JQ-2fb")
        XCTAssertEqual(DatastoreItemEscaping.escape("a\\b"), "a+JQ-5cb")
        XCTAssertEqual(DatastoreItemEscaping.escape("100%"), "100+JQ-25")
    }

    func testEscapedItemsUseOnlySafeBytes() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),. _-+".utf8)
        for name in randomNames(count: 1_000, seed: 3) {
            let escaped = DatastoreItemEscaping.escape(name)
            XCTAssertTrue(escaped.utf8.allSatisfy(allowed.contains), escaped)
        }
    }

    func testRoundTrips() throws {
        let samples = [
            "", "vm", "a/b\\c%d", "é-x", "é,x", "+", "++", "-+-", "~~~", "~~~A", "Grüße 日本 😀",
            "  spaced  ", "a%2fb", "+Iw-", "tab\there", "nul\u{0}byte",
        ] + randomNames(count: 1_000, seed: 2)
        for name in samples {
            let expected = DatastoreItemEscaping.replaceSpecialWindowsPathCharacters(name)
            XCTAssertEqual(try DatastoreItemEscaping.unescape(DatastoreItemEscaping.escape(name)), expected, name)
            XCTAssertEqual(try DatastoreItemEscaping.unescapeBase64(DatastoreItemEscaping.escapeBase64(name)), name)
        }
    }

    func testUnescapeAcceptsTerminatorAtEnd() throws {
        XCTAssertEqual(try DatastoreItemEscaping.unescapeBase64("+Iw-"), "#")
        XCTAssertEqual(try DatastoreItemEscaping.unescapeBase64("a+Iw-"), "a#")
        XCTAssertEqual(try DatastoreItemEscaping.unescape("_"), "_")
    }

    func testUnescapeRejectsInvalidSequences() {
        let vectors: [(String, Int)] = [
            ("+", 0),           // empty run
            ("+-", 0),          // empty run
            ("a+-b", 1),
            ("+I", 0),          // one character: length 1 mod 4
            ("+IyMjI", 0),      // five characters
            ("+Ix", 0),         // unused bits set (1 byte)
            ("+IyN", 0),        // unused bits set (2 bytes)
            ("+Iw!", 3),        // run ended by something other than '-'
            ("+Iw b", 3),
            ("a/b", 1),         // raw byte that escaping never leaves
            ("ü", 0),
            ("a%2fb", 1),
            ("x+Iw-y+", 6),
        ]
        for (text, offset) in vectors {
            XCTAssertThrowsError(try DatastoreItemEscaping.unescapeBase64(text), text) { error in
                XCTAssertEqual(error as? ESXNameError, .invalidEscapeSequence(text: text, offset: offset), text)
            }
        }
    }

    func testUnescapeRejectsInvalidResults() {
        XCTAssertThrowsError(try DatastoreItemEscaping.unescapeBase64("+,w")) { error in
            XCTAssertEqual(error as? ESXNameError, .invalidUTF8(text: "+,w"))
        }
        // Base64 step fine, percent step finds "%zz".
        XCTAssertThrowsError(try DatastoreItemEscaping.unescape("+JQ-zz")) { error in
            XCTAssertEqual(error as? ESXNameError, .invalidEscapeSequence(text: "%zz", offset: 0))
        }
    }

    func testErrorMessagesAreReadable() {
        XCTAssertEqual(
            ESXNameError.invalidEscapeSequence(text: "a%zz", offset: 1).description,
            "'a%zz' contains an invalid escape sequence at byte 1"
        )
        XCTAssertTrue(ESXNameError.invalidUTF8(text: "%ff").description.contains("UTF-8"))
    }
}

/// Reproducible random names mixing normal, special, escape and multi-byte characters.
private func randomNames(count: Int, seed: UInt64) -> [String] {
    let pieces: [String] = [
        "a", "Z", "0", " ", "_", "-", ".", ",", "'", "(", ")", "+", "%", "/", "\\", "|", "\"", "*", "<", ">",
        ":", "?", "#", "~", "!", "=", "&", "é", "ß", "€", "日", "😀", "\t", "%2f", "|7c",
    ]
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        let length = Int.random(in: 0...12, using: &generator)
        return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }
}

/// SplitMix64, for deterministic test data.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
