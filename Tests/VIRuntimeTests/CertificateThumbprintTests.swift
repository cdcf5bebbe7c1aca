import VIRuntime
import XCTest

/// Parsing and printing SHA-256 certificate thumbprints.
final class CertificateThumbprintTests: XCTestCase {
    private let upper = (0..<32).map { String(format: "%02X", $0 * 7 + 3) }

    func testColonAndBareHexInAnyCase() throws {
        let colon = upper.joined(separator: ":")
        let expected = try CertificateThumbprint(parsing: colon)
        XCTAssertEqual(expected.description, colon)
        XCTAssertEqual(expected.bytes, (0..<32).map { UInt8($0 * 7 + 3) })
        for text in [colon.lowercased(), upper.joined(), upper.joined().lowercased(), "  \(colon)\n"] {
            XCTAssertEqual(try CertificateThumbprint(parsing: text), expected, text)
        }
    }

    func testSHA1IsRefusedWithAClearMessage() {
        let sha1 = upper.prefix(20).joined(separator: ":")
        for text in [sha1, upper.prefix(20).joined()] {
            XCTAssertThrowsError(try CertificateThumbprint(parsing: text)) { error in
                XCTAssertEqual(error as? CertificateThumbprintError, .sha1)
                XCTAssertTrue("\(error)".contains("SHA-1 thumbprints are not accepted"), "\(error)")
            }
        }
    }

    func testMalformedThumbprints() {
        let cases: [(String, CertificateThumbprintError)] = [
            ("", .empty), ("   ", .empty),
            (upper.prefix(31).joined(separator: ":"), .wrongLength(bytes: 31)),
            (upper.joined(separator: ":") + ":00", .wrongLength(bytes: 33)),
            (String(upper.joined().dropLast()), .oddDigitCount),
            ("G" + upper.joined().dropFirst(), .notHex),
            ("A:BC" + upper.dropFirst(2).joined(separator: ":"), .malformedGroups),
            (upper.joined(separator: "::"), .malformedGroups),
            (upper.joined(separator: ":") + ":", .malformedGroups),
            (upper.joined(separator: "-"), .notHex),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try CertificateThumbprint(parsing: text), text) { error in
                XCTAssertEqual(error as? CertificateThumbprintError, expected, text)
                XCTAssertTrue("\(error)".contains("SHA-256"), "\(error)")
            }
        }
        XCTAssertNil(CertificateThumbprint(bytes: [1, 2, 3]))
    }
}
