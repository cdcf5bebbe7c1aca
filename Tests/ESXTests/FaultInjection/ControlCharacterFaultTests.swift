import ESX
import VI
import XCTest

/// Control characters from the server (VM names, fault strings) reach the terminal escaped.
final class ControlCharacterFaultTests: XCTestCase {
    /// CSI (U+009B), CR and LF: legal in XML 1.0, dangerous on a terminal.
    private static let evilName = "evil&#x9b;2J&#13;name&#10;x"
    private static let decodedName = "evil\u{9b}2J\rname\nx"

    func testVMNamesWithControlCharactersArePrintedEscaped() async throws {
        let rename = FaultRule(op: "RetrievePropertiesEx", action: .replace, subs: [["ha-host_VM0", Self.evilName]])
        let server = try FakeVSphereServer(faults: [rename])
        let names = try await FaultInjection.listNames(server)
        XCTAssertTrue(names.contains(Self.decodedName), "\(names)")

        let cliServer = try FakeVSphereServer(faults: [rename])
        let outcome = try FaultInjection.esxList(cliServer)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("evil\\u009b2J\\rname\\nx"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.unicodeScalars.contains { $0 == "\u{9b}" || $0 == "\r" }, outcome.stdout)
        try assertNoLeaks(cliServer)
    }

    func testFaultStringsWithControlCharactersArePrintedEscaped() async throws {
        let rule = try await FaultInjection.onListing(
            FaultRule(action: .fault, type: "InvalidState", message: "bad&#x9b;2J&#x202e;&#13;state&#10;second line")
        ).rule
        let server = try FakeVSphereServer(faults: [rule])
        do {
            _ = try await FaultInjection.listNames(server)
            XCTFail("no error")
        } catch {
            XCTAssertTrue(error.isFault(InvalidState.self), "\(error)")
        }
        let cliServer = try FakeVSphereServer(faults: [rule])
        let outcome = try FaultInjection.esxList(cliServer)
        assertOneLineFailure(outcome, "InvalidState - bad\\u009b2J\\u202e\\rstate\\nsecond line")
        XCTAssertFalse(
            outcome.stderr.unicodeScalars.contains { $0 == "\u{202e}" || $0 == "\u{9b}" || $0 == "\r" }, outcome.stderr)
        try assertNoLeaks(cliServer)
    }
}
