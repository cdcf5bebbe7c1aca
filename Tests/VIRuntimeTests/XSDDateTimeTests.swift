import Foundation
import XCTest
@testable import VIRuntime

final class XSDDateTimeTests: XCTestCase {
    private func unix(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Double? {
        guard let date = XSDDateTime.parse(text) else {
            XCTFail("failed to parse \(text)", file: file, line: line)
            return nil
        }
        return date.timeIntervalSince1970
    }

    // MARK: Parsing, accepted

    func testTimeZonesDesignateTheSameInstant() {
        let instant = 1_270_730_711.0
        for text in [
            "2010-04-08T05:45:11-07:00",
            "2010-04-08T07:45:11-05:00",
            "2010-04-08T12:45:11+00:00",
            "2010-04-08T12:45:11-00:00",
            "2010-04-08T14:45:11+02:00",
            "2010-04-08T22:15:11+09:30",
            "2010-04-09T01:30:11+12:45",
            "2010-04-09T02:45:11+14:00",
            "2010-04-07T22:45:11-14:00",
            "2010-04-08T12:45:11Z",
            "2010-04-08T12:45:11",
        ] {
            XCTAssertEqual(unix(text), instant, text)
        }
    }

    func testKnownInstants() {
        let vectors: [(String, Double)] = [
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01T00:00:01Z", 1),
            ("1969-12-31T23:59:59Z", -1),
            ("2038-01-19T03:14:07Z", 2_147_483_647),
            ("2038-01-19T03:14:08Z", 2_147_483_648),
            ("2001-01-01T00:00:00Z", 978_307_200),
            ("2000-03-01T00:00:00Z", 951_868_800),
            ("1999-08-02T01:19:55+02:00", 933_549_595),
            ("2004-03-07T23:23:55+02:00", 1_078_694_635),
            ("1984-10-27T14:33:45+02:00", 467_728_425),
            ("1970-01-12T16:11:04+02:00", 1_001_464),
            ("2014-07-20T13:35:38+02:00", 1_405_856_138),
            ("2032-06-24T17:04:49+02:00", 1_971_702_289),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
            ("10000-01-01T00:00:00Z", 253_402_300_800),
            ("1900-03-01T00:00:00Z", -2_203_891_200),
        ]
        for (text, expected) in vectors {
            XCTAssertEqual(unix(text), expected, text)
        }
    }

    func testFractionsKeepSubSecondPrecision() throws {
        let base = 1_270_730_711.0
        let vectors: [(String, Double)] = [
            ("2010-04-08T12:45:11.5Z", 0.5),
            ("2010-04-08T12:45:11.529576+00:00", 0.529576),
            ("2010-04-08T14:45:11.529576+02:00", 0.529576),
            ("2010-04-08T12:45:11.000001Z", 0.000001),
            ("2010-04-08T12:45:11.0Z", 0),
            ("2010-04-08T12:45:11.000000000000Z", 0),
            ("2010-04-08T12:45:11.999999999999999Z", 0.999999999),
            ("2010-04-08T12:45:11.25", 0.25),
        ]
        for (text, fraction) in vectors {
            let value = try XCTUnwrap(unix(text), text)
            XCTAssertEqual(value - base, fraction, accuracy: 1e-6, text)
        }
    }

    func testLeapYears() {
        XCTAssertNotNil(XSDDateTime.parse("2000-02-29T00:00:00Z"))
        XCTAssertNotNil(XSDDateTime.parse("2024-02-29T00:00:00Z"))
        XCTAssertNotNil(XSDDateTime.parse("1600-02-29T00:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("1900-02-29T00:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("2023-02-29T00:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("2100-02-29T00:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("2024-02-30T00:00:00Z"))
        XCTAssertEqual(unix("2024-02-29T12:00:00Z"), 1_709_208_000)
    }

    func testMonthLengths() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for (index, length) in lengths.enumerated() {
            let month = String(format: "%02d", index + 1)
            XCTAssertNotNil(XSDDateTime.parse("2023-\(month)-\(length)T00:00:00Z"), month)
            XCTAssertNil(XSDDateTime.parse("2023-\(month)-\(length + 1)T00:00:00Z"), month)
            XCTAssertNil(XSDDateTime.parse("2023-\(month)-00T00:00:00Z"), month)
        }
    }

    func testEndOfDayMidnightAndLeapSecond() {
        XCTAssertEqual(unix("2010-04-08T24:00:00Z"), unix("2010-04-09T00:00:00Z"))
        XCTAssertEqual(unix("2010-12-31T24:00:00Z"), unix("2011-01-01T00:00:00Z"))
        XCTAssertEqual(unix("2016-12-31T23:59:60Z"), unix("2017-01-01T00:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T24:00:01Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T24:01:00Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T24:00:00.5Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T25:00:00Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T23:60:00Z"))
        XCTAssertNil(XSDDateTime.parse("2010-04-08T23:59:61Z"))
    }

    func testSurroundingWhiteSpaceIsIgnored() {
        XCTAssertEqual(unix(" \n\t2010-04-08T12:45:11Z \r\n"), 1_270_730_711)
    }

    func testUTF8BufferEntryPoint() {
        let bytes = Array("2010-04-08T12:45:11.5Z".utf8)
        let date = bytes.withUnsafeBufferPointer { XSDDateTime.parse(utf8: $0) }
        XCTAssertEqual(date?.timeIntervalSince1970, 1_270_730_711.5)
    }

    // MARK: Parsing, rejected

    func testRejectsMalformedText() {
        for text in [
            "",
            " ",
            "-2010-04-08T14:45:11+02:00",
            "+2010-04-08T14:45:11Z",
            "0000-01-01T00:00:00Z",
            "02010-04-08T12:45:11Z",
            "210-04-08T12:45:11Z",
            "1234567890-01-01T00:00:00Z",
            "2010-04-08",
            "2010-04-08T12:45",
            "2010-04-08 12:45:11Z",
            "2010-04-08t12:45:11Z",
            "2010-04-08T12:45:11z",
            "2010-4-08T12:45:11Z",
            "2010-04-8T12:45:11Z",
            "2010-04-08T2:45:11Z",
            "2010-04-08T12:45:1Z",
            "2010/04/08T12:45:11Z",
            "2010-13-08T12:45:11Z",
            "2010-00-08T12:45:11Z",
            "2010-04-31T12:45:11Z",
            "2010-04-08T12:45:11.Z",
            "2010-04-08T12:45:11.",
            "2010-04-08T12:45:11,5Z",
            "2010-04-08T12:45:11ZZ",
            "2010-04-08T12:45:11+02",
            "2010-04-08T12:45:11+0200",
            "2010-04-08T12:45:11+2:00",
            "2010-04-08T12:45:11+02:60",
            "2010-04-08T12:45:11+14:01",
            "2010-04-08T12:45:11+15:00",
            "2010-04-08T12:45:11 +02:00",
            "2010-04-08T12:45:11+02:00x",
            "2010-04-08T12:45:11GMT",
            "x2010-04-08T12:45:11Z",
            "２０１０-04-08T12:45:11Z",
            "2010-04-08T12:45:11\u{0}",
        ] {
            XCTAssertNil(XSDDateTime.parse(text), text)
        }
    }

    // MARK: Formatting

    func testFormatWholeSeconds() {
        let vectors: [(Double, String)] = [
            (0, "1970-01-01T00:00:00Z"),
            (1_270_730_711, "2010-04-08T12:45:11Z"),
            (2_147_483_647, "2038-01-19T03:14:07Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
            (253_402_300_800, "10000-01-01T00:00:00Z"),
        ]
        for (seconds, text) in vectors {
            XCTAssertEqual(XSDDateTime.format(Date(timeIntervalSince1970: seconds)), text)
        }
    }

    func testFormatFractions() {
        let base = 292_423_511.0  // 2010-04-08T12:45:11Z, as seconds since 2001 (how `Date` stores it)
        let vectors: [(Double, String)] = [
            (0.5, "2010-04-08T12:45:11.5Z"),
            (0.25, "2010-04-08T12:45:11.25Z"),
            (0.529576, "2010-04-08T12:45:11.529576Z"),
            (0.000001, "2010-04-08T12:45:11.000001Z"),
            (0.1, "2010-04-08T12:45:11.1Z"),
        ]
        for (fraction, text) in vectors {
            XCTAssertEqual(XSDDateTime.format(Date(timeIntervalSinceReferenceDate: base + fraction)), text)
        }
        XCTAssertEqual(XSDDateTime.format(Date(timeIntervalSince1970: -0.25)), "1969-12-31T23:59:59.75Z")
    }

    /// Sub-microsecond fractions are kept, with as few digits as parse back to the same `Date`:
    /// decode -> encode -> decode never changes a server's timestamp.
    func testSubMicrosecondFractionsSurviveAFormatParseRoundTrip() throws {
        for text in ["2026-11-23T11:41:18.136283969Z", "2010-04-08T12:45:11.00000049Z", "2010-04-08T12:45:11.9999996Z"] {
            let date = try XCTUnwrap(XSDDateTime.parse(text), text)
            let formatted = XSDDateTime.format(date)
            XCTAssertEqual(XSDDateTime.parse(formatted), date, "\(text) -> \(formatted)")
        }
        var generator = SplitMix64(seed: 0xDA7E)
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSinceReferenceDate: Double(generator.next() % 2_000_000_000) + Double(generator.next() % 1_000_000_000) / 1e9)
            XCTAssertEqual(XSDDateTime.parse(XSDDateTime.format(date)), date, XSDDateTime.format(date))
        }
    }

    func testFormatYearsBeforeOne() {
        XCTAssertEqual(XSDDateTime.format(Date(timeIntervalSince1970: -62_135_596_801)), "-0001-12-31T23:59:59Z")
    }

    func testFormatNeverCrashesOnExtremeDates() {
        for interval in [Double.infinity, -Double.infinity, .nan, 1e300, -1e300] {
            XCTAssertFalse(XSDDateTime.format(Date(timeIntervalSinceReferenceDate: interval)).isEmpty)
        }
        XCTAssertEqual(XSDDateTime.format(Date(timeIntervalSinceReferenceDate: .nan)), "2001-01-01T00:00:00Z")
    }

    // MARK: Round trips

    func testCanonicalTextRoundTrips() throws {
        for text in [
            "2010-04-08T12:45:11Z",
            "2010-04-08T12:45:11.529576Z",
            "2010-04-08T12:45:11.5Z",
            "1999-12-31T23:59:59.999999Z",
            "2000-02-29T00:00:00.000001Z",
            "1900-01-01T00:00:00Z",
            "1601-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "12345-06-07T08:09:10Z",
        ] {
            let date = try XCTUnwrap(XSDDateTime.parse(text), text)
            XCTAssertEqual(XSDDateTime.format(date), text)
        }
    }

    /// `Date` holds microseconds exactly enough only within about ±2^31 s of 2001.
    func testDatesRoundTripAtMicrosecondPrecision() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<2_000 {
            let seconds = Double(Int64(bitPattern: generator.next()) % 2_000_000_000)
            let micros = Double(generator.next() % 1_000_000) / 1_000_000
            let date = Date(timeIntervalSinceReferenceDate: seconds + micros)
            let text = XSDDateTime.format(date)
            let parsed = try XCTUnwrap(XSDDateTime.parse(text), text)
            XCTAssertEqual(parsed.timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 1e-6, text)
            XCTAssertEqual(XSDDateTime.format(parsed), text)
        }
    }

    func testWholeSecondsRoundTripFromYearOneToYear9999() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let seconds = -62_135_596_800 + Double(generator.next() % 315_537_897_600)
            let date = Date(timeIntervalSince1970: seconds)
            let text = XSDDateTime.format(date)
            XCTAssertEqual(XSDDateTime.parse(text), date, text)
        }
    }

    func testAgreesWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            var components = DateComponents()
            components.year = 1583 + Int(generator.next() % 1000)
            components.month = 1 + Int(generator.next() % 12)
            components.day = 1 + Int(generator.next() % 28)
            components.hour = Int(generator.next() % 24)
            components.minute = Int(generator.next() % 60)
            components.second = Int(generator.next() % 60)
            let expected = try XCTUnwrap(calendar.date(from: components))
            let text = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
                components.year ?? 0, components.month ?? 0, components.day ?? 0,
                components.hour ?? 0, components.minute ?? 0, components.second ?? 0
            )
            XCTAssertEqual(XSDDateTime.parse(text), expected, text)
            XCTAssertEqual(XSDDateTime.format(expected), text)
        }
    }
}

/// Small deterministic generator for reproducible vectors.
private struct SplitMix64 {
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
