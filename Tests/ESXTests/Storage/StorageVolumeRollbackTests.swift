@testable import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// A volume creation or clone that fails, on the server or after any of its steps, leaves the
/// datastore's files as they were (read on the simulator's disk).
final class StorageVolumeRollbackTests: XCTestCase {
    private func tree(_ root: URL) throws -> [String] {
        let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path))
        var paths: [String] = []
        while let next = walker.nextObject() as? String { paths.append(next) }
        return paths.sorted()
    }

    func testFailuresAfterEachStepAndOnTheServerUndoTheChanges() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let stores = try await connection.client.retrieveProperties(ofAll: Datastore.self, [.summary])
        let summary = try XCTUnwrap(stores.compactMap { $0[.summary] }.first { $0.name == "LocalDS_0" })
        let root = URL(fileURLWithPath: summary.url.replacingOccurrences(of: "file://", with: ""))
        let before = try tree(root)

        // A new directory: each injected failure removes the disk, then the directory.
        for step in VolumeCreationStep.allCases {
            await assertESXError({
                _ = try await connection.createStorageVolume(
                    pool: "LocalDS_0", name: "fresh/d.vmdk", capacityKb: 1024, allocationKb: 0, format: "vmdk",
                    progress: nil, afterStep: { current in if current == step { throw InjectedFailure(step: current.rawValue) } })
            }) { $0.description.contains("injected failure after \(step.rawValue)") }
            XCTAssertEqual(try tree(root), before, "files after a failure at \(step)")
        }

        // A failure on the server (CopyVirtualDisk_Task of a missing source) removes the directory made for it.
        let missing = StorageVolume(pool: "LocalDS_0", name: "gone/x.vmdk", key: "k", format: "vmdk", capacity: 0, allocation: 0)
        await assertESXError({ _ = try await connection.cloneStorageVolume(missing, name: "fresh2/y.vmdk") }) {
            if case .taskFailed = $0 { return true }
            return false
        }
        XCTAssertEqual(try tree(root), before, "files after CopyVirtualDisk_Task failed")

        // An existing directory stays; only the disk goes.
        let kept = try await connection.createStorageVolume(pool: "LocalDS_0", name: "kept/a.vmdk", capacityKb: 64, allocationKb: 64)
        let withKept = try tree(root)
        await assertESXError({
            _ = try await connection.cloneStorageVolume(
                kept, name: "kept/b.vmdk", progress: nil,
                afterStep: { current in if current == .diskCreated { throw InjectedFailure(step: current.rawValue) } })
        }) { $0.description.contains("injected failure after diskCreated") }
        XCTAssertEqual(try tree(root), withKept)
        await connection.close()
    }
}
