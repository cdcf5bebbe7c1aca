import ESX
import ESXTerminal
import Foundation
import SimulatorSupport
import VI
import XCTest

/// The `esx` binary prints server text escaped, in aligned columns, and exact only in JSON.
extension CLITests {
    /// A name that tries to forge a table row, clear the screen (CSI as U+009B) and reorder text.
    /// ESC itself cannot travel in XML 1.0 (the SDK refuses to encode it, the simulator answers
    /// U+FFFD and libxml2 rejects `&#27;`); unit tests cover it.
    static let hostileName = "evil\r\n 9    forged   running\u{9B}2J\u{7F}\u{202E}😀中文e\u{301}👨‍👩‍👧"

    func testHostileNamesAreEscapedInTextAndExactInJSON() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim)
        let uuid = try await rename("ha-host_VM0", to: Self.hostileName, on: sim)

        let list = try esx(["-c", uri, "list", "--all"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let escaped = #"evil\r\n 9    forged   running\u009b2J\x7f\u202e😀中文e\#u{301}👨‍👩‍👧"#
        XCTAssertTrue(list.stdout.contains(escaped), list.stdout)
        assertNoRawControls(list.stdout)
        let lines = list.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 4, list.stdout)  // header, rule, two VMs: the forged row is not a row
        let stateColumn = TerminalWidth.cells(try XCTUnwrap(lines.first?.prefix { $0 != "S" }))
        for line in lines.dropFirst(2) {
            let state = try XCTUnwrap(["running", "shut off"].first { line.hasSuffix($0) }, String(line))
            XCTAssertEqual(TerminalWidth.cells(line.dropLast(state.count)), stateColumn, String(line))
        }

        let json = try esx(["-c", uri, "list", "--all", "--json"])
        let domains = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(domains.contains { $0["name"] as? String == Self.hostileName }, json.stdout)

        let info = try esx(["-c", uri, "dominfo", uuid])
        XCTAssertTrue(info.stdout.contains("Name:           " + escaped + "\n"), info.stdout)
        assertNoRawControls(info.stdout)

        let failure = try esx(["-c", uri, "start", uuid])
        XCTAssertEqual(failure.status, 1)
        XCTAssertEqual(failure.stderr, "esx: error: domain '\(escaped)' is already running\n")
    }

    func testLongErrorMessagesAreCutUnlessVerbose() async throws {
        let sim = try await SharedSimulators.esx()
        let uri = ESXTest.uri(sim)
        let name = String(repeating: "x", count: 2_000)
        let cut = try esx(["-c", uri, "dominfo", name])
        XCTAssertEqual(cut.status, 1)
        let prefix = "esx: error: domain not found: no virtual machine with id, UUID or name '"
        XCTAssertTrue(cut.stderr.hasPrefix(prefix), cut.stderr)
        let shown = 500 - (prefix.count - "esx: error: ".count)
        XCTAssertEqual(cut.stderr, prefix + String(name.prefix(shown)) + "... (\(2_000 - shown + 1) more characters; use --verbose)\n")

        let whole = try esx(["--verbose", "-c", uri, "dominfo", name])
        XCTAssertEqual(whole.status, 1)
        XCTAssertTrue(whole.stderr.hasSuffix(prefix + name + "'\n"), whole.stderr)
    }

    func testProxyPasswordIsNeverEchoed() throws {
        for proxy in ["u:s3cr3t@p:3128", "http://u:s3cr3t@p:99999", "u:s3cr3t%zz@p"] {
            let outcome = try esx(["-c", "esx://root@127.0.0.1:1/?transport=http&proxy=\(proxy)", "list"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.hasPrefix("esx: error: invalid value '"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("u:***@p"), outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("s3cr3t"), outcome.stderr)
        }
        let slash = try esx(["-c", "esx://root:s3/cr3t@127.0.0.1:1/", "list"])
        XCTAssertEqual(slash.status, 1)
        XCTAssertFalse(slash.stderr.contains("cr3t"), slash.stderr)
    }

    /// Renames a VM through the SDK and returns its UUID once the driver sees the new name.
    private func rename(_ name: String, to newName: String, on sim: SimulatorProcess) async throws -> String {
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.lookupDomain(name)
        let client = try await ESXTest.viClient(sim)
        _ = try await client.rename_Task(ManagedEntity(domain.vm.ref), newName: newName)
        for _ in 0..<50 {
            if let renamed = try await connection.listDomains(.all).first(where: { $0.name == newName }) {
                await connection.close()
                return try XCTUnwrap(renamed.uuid)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        await connection.close()
        throw XCTSkip("the simulator did not rename \(name)")
    }

    private func assertNoRawControls(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { TerminalText.needsEscape($0) && $0 != "\n" }
        XCTAssertTrue(raw.isEmpty, "raw controls: \(raw.map { String($0.value, radix: 16) })", file: file, line: line)
    }
}
