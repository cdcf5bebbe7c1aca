import Foundation
import SimulatorSupport
import VI
import XCTest

/// `vol-upload` / `vol-download` move a 200 MB volume byte-identical with bounded CLI memory
/// (they reuse the streaming datastore file transfer).
final class StorageVolumeTransferTests: XCTestCase {
    func testUploadThenDownloadOf200MBVolumeWithBoundedMemory() async throws {
        let size = 200_000_000
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let client = try await ESXTest.viClient(sim)
        let stores = try await client.retrieveProperties(ofAll: Datastore.self, [.summary])
        let summary = try XCTUnwrap(stores.compactMap { $0[.summary] }.first { $0.name == "LocalDS_0" })
        let root = URL(fileURLWithPath: summary.url.replacingOccurrences(of: "file://", with: ""))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("isos"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("isos/big.iso"))

        let dir = try LocalFiles.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("big.iso").path
        try LocalFiles.writePattern(to: source, size: size, seed: 11)
        let uri = ESXTest.uri(sim)

        let up = try FaultInjection.esx(["-c", uri, "vol-upload", "--pool", "LocalDS_0", "isos/big.iso", source, "--json"])
        XCTAssertEqual(up.status, 0, up.stderr)
        XCTAssertTrue(try LocalFiles.identical(source, root.appendingPathComponent("isos/big.iso").path), "uploaded file differs")
        let copy = dir.appendingPathComponent("copy.iso").path
        let down = try FaultInjection.esx(["-c", uri, "vol-download", "[LocalDS_0] isos/big.iso", copy, "--json"])
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertTrue(try LocalFiles.identical(source, copy), "downloaded file differs")

        let limit = 64 << 20
        XCTAssertGreaterThan(up.maxRSS, 0)
        XCTAssertLessThan(up.maxRSS, limit, "vol-upload peak RSS \(up.maxRSS) bytes")
        XCTAssertLessThan(down.maxRSS, limit, "vol-download peak RSS \(down.maxRSS) bytes")
        print("vol-upload of \(size) bytes: peak RSS \(up.maxRSS >> 20) MiB; vol-download: \(down.maxRSS >> 20) MiB")
    }
}
