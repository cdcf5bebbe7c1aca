import ESX
import Foundation
import VI
import XCTest

/// Reading and recording `host:port thumbprint` lines.
final class KnownHostsTests: XCTestCase {
    private var path = ""

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("known-hosts-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func thumbprint(_ seed: UInt8) -> CertificateThumbprint {
        CertificateThumbprint(bytes: (0..<32).map { UInt8($0) &+ seed })!
    }

    func testMissingFileHasNoEntries() throws {
        XCTAssertNil(try ESXKnownHosts(path: path).thumbprint(host: "h", port: 443))
    }

    func testRecordsReplacesAndKeepsOtherLines() throws {
        try "# pinned servers\n\nother:443 \(thumbprint(9))\n".write(toFile: path, atomically: true, encoding: .utf8)
        let file = ESXKnownHosts(path: path)
        XCTAssertNil(try file.record(thumbprint(1), host: "ESX.example", port: 443))
        XCTAssertEqual(try file.record(thumbprint(2), host: "esx.example", port: 443), thumbprint(1))
        try file.record(thumbprint(3), host: "::1", port: 8989)
        XCTAssertEqual(try file.thumbprint(host: "Esx.Example", port: 443), thumbprint(2))
        XCTAssertNil(try file.thumbprint(host: "esx.example", port: 444))
        XCTAssertEqual(try file.thumbprint(host: "::1", port: 8989), thumbprint(3))
        XCTAssertEqual(try file.thumbprint(host: "other", port: 443), thumbprint(9))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, """
            # pinned servers

            other:443 \(thumbprint(9))
            esx.example:443 \(thumbprint(2))
            [::1]:8989 \(thumbprint(3))

            """)
    }

    func testMalformedLinesAreReportedWithTheirNumber() throws {
        try "ok:1 \(thumbprint(0))\nnoport \(thumbprint(0))\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ESXKnownHosts(path: path).thumbprint(host: "ok", port: 1)) { error in
            XCTAssertEqual(
                error as? ESXKnownHostsError,
                .malformedLine(path: path, line: 2, reason: "expected 'host:port' before the thumbprint"))
        }
        let sha1 = (0..<20).map { String(format: "%02X", $0) }.joined(separator: ":")
        try "h:443 \(sha1)\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ESXKnownHosts(path: path).thumbprint(host: "h", port: 443)) { error in
            XCTAssertTrue("\(error)".contains("line 1: SHA-1"), "\(error)")
        }
    }
}
