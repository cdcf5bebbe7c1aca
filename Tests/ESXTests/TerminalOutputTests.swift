@testable import ESXTerminal
import XCTest

/// Escaping server text for the terminal, cell widths, tables and cut messages.
final class TerminalOutputTests: XCTestCase {
    func testNamedC0ControlsUseBashEscapes() {
        XCTAssertEqual(TerminalText.escaped("a\u{7}\u{8}\t\n\u{B}\u{C}\r\u{1B}z"), #"a\a\b\t\n\v\f\r\ez"#)
        XCTAssertEqual(TerminalText.escaped("web\r\nId   Name"), #"web\r\nId   Name"#)
    }

    func testOtherC0ControlsAndDeleteUseHex() {
        XCTAssertEqual(TerminalText.escaped("\u{0}\u{1}\u{1F}\u{7F}"), #"\x00\x01\x1f\x7f"#)
    }

    func testC1ControlsUseUnicodeEscapes() {
        XCTAssertEqual(TerminalText.escaped("\u{80}\u{85}\u{9B}2J\u{9F}"), #"\u0080\u0085\u009b2J\u009f"#)
    }

    func testCSIIsInertAsC1AndAsEscapeBracket() {
        let hostile = "vm\u{1B}[31mred\u{9B}2J\u{1B}]0;title\u{7}"
        let escaped = TerminalText.escaped(hostile)
        XCTAssertEqual(escaped, #"vm\e[31mred\u009b2J\e]0;title\a"#)
        XCTAssertFalse(escaped.unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    func testBidiControlsAndLineSeparatorsAreEscaped() {
        let bidi = "\u{61C}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
        XCTAssertEqual(
            TerminalText.escaped("a" + bidi + "b"),
            #"a\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069b"#)
        XCTAssertEqual(TerminalText.escaped("1\u{2028}2\u{2029}3"), #"1\u20282\u20293"#)
    }

    func testPrintableTextIsUnchanged() {
        for text in ["web-01", "Jürgen's VM", "e\u{301}", "中文虚拟机", "😀", "👨‍👩‍👧", "🇫🇷", #"C:\vms"#, "a\u{200D}b", ""] {
            XCTAssertEqual(TerminalText.escaped(text), text)
        }
    }

    func testEscapesSplitCarriageReturnLineFeedCluster() {
        // "\r\n" is one Character; escaping works on scalars.
        XCTAssertEqual(TerminalText.escaped("a\r\nb").count, 6)
        XCTAssertFalse(TerminalText.escaped("a\r\nb").contains { $0.isNewline })
    }

    func testCellWidths() {
        let cases: [(String, Int)] = [
            ("abc", 3), ("", 0), ("中文", 4), ("ｶ", 1), ("Ａ", 2), ("😀", 2), ("e\u{301}", 1), ("a\u{300}\u{301}\u{302}", 1),
            ("👨‍👩‍👧", 2), ("👍🏽", 2), ("🇫🇷", 2), ("❤\u{FE0F}", 2), ("❤", 1), ("\u{200B}", 0), ("\u{1100}\u{1161}\u{11A8}", 2),
            ("한국어", 6), ("日本語テキスト", 14), ("\u{301}", 0),
        ]
        for (text, cells) in cases {
            XCTAssertEqual(TerminalWidth.cells(text), cells, text.unicodeScalars.map { String($0.value, radix: 16) }.description)
        }
    }

    func testWcwidthRunsInAUTF8LocaleAndAgreesWithTheFallback() throws {
        try XCTSkipUnless(SystemWidth.usesSystemTable, "no UTF-8 locale installed; the fallback table is used")
        let samples = "aé中ｶＡ😀🚀\u{301}\u{200B}\u{1100}\u{1161}한\u{3000}〇ア\u{FF61}Ω→"
        for scalar in samples.unicodeScalars {
            let system = SystemWidth.withScalarWidth { $0(scalar) }
            XCTAssertEqual(system, FallbackWidth.cells(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testPrefixCutsBetweenCharacters() {
        XCTAssertEqual(TerminalWidth.prefix(of: "ab😀c", fitting: 3), "ab")
        XCTAssertEqual(TerminalWidth.prefix(of: "ab😀c", fitting: 4), "ab😀")
        XCTAssertEqual(TerminalWidth.prefix(of: "e\u{301}e\u{301}", fitting: 1), "e\u{301}")
        XCTAssertEqual(TerminalWidth.prefix(of: "👨‍👩‍👧x", fitting: 1), "")
        XCTAssertEqual(TerminalWidth.prefix(of: "中文", fitting: 3), "中")
        XCTAssertEqual(TerminalWidth.prefix(of: "abc", fitting: 10), "abc")
    }

    func testClippedKeepsShortMessagesWhole() {
        XCTAssertEqual(TerminalText.clipped("short\nfault", toCells: 500, note: "; use --verbose"), #"short\nfault"#)
    }

    func testClippedCutsLongMessagesAndCountsTheRest() {
        let fault = "SystemError - " + String(repeating: "x", count: 5_000_000)
        let line = TerminalText.clipped(fault, toCells: 500, note: "; use --verbose")
        XCTAssertEqual(line, String(fault.prefix(500)) + "... (\(fault.count - 500) more characters; use --verbose)")
    }

    func testClippedNeverSplitsAnEmojiAndEscapesFirst() {
        let text = String(repeating: "a", count: 9) + "👨‍👩‍👧" + "\n" + "tail"
        XCTAssertEqual(TerminalText.clipped(text, toCells: 10), String(repeating: "a", count: 9) + "... (7 more characters)")
        XCTAssertEqual(TerminalText.clipped(text, toCells: 12), String(repeating: "a", count: 9) + "👨‍👩‍👧\\... (5 more characters)")
    }

    func testTableAlignsMixedWidths() {
        let names = ["plain", "中文虚拟机", "e\u{301}te\u{301}", "👨‍👩‍👧 family", "🇫🇷 flag", "web\r\nforged   row", "\u{9B}2J\u{1B}[31m"]
        let rows = names.enumerated().map { ["\($0.offset + 1)", $0.element, "running"] }
        let lines = TextTable(header: ["Id", "Name", "State"], rows: rows).lines()
        XCTAssertEqual(lines.count, rows.count + 2)
        XCTAssertTrue(lines[1].allSatisfy { $0 == "-" })
        let stateColumn = TerminalWidth.cells(lines[0].prefix { $0 != "S" })
        for line in lines.dropFirst(2) {
            XCTAssertTrue(line.hasSuffix("   running"), line)
            XCTAssertEqual(TerminalWidth.cells(line.dropLast("running".count)), stateColumn, line)
            XCTAssertFalse(line.unicodeScalars.contains(where: TerminalText.needsEscape), line)
        }
        XCTAssertEqual(lines[7], #" 6    web\r\nforged   row   running"#)
        XCTAssertEqual(TerminalWidth.cells(lines[1]), 2 + 2 + 3 + TerminalWidth.cells(#"web\r\nforged   row"#) + 3 + 7)
    }

    func testTableMatchesVirshLayoutForASCII() {
        let lines = TextTable(header: ["Id", "Name", "State"], rows: [["1", "web", "running"], ["-", "db-01", "shut off"]]).lines()
        XCTAssertEqual(lines, [" Id   Name    State", String(repeating: "-", count: 23), " 1    web     running", " -    db-01   shut off"])
    }
}
