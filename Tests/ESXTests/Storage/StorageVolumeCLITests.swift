import Foundation
import SimulatorSupport
import VI
@testable import VMX
import XCTest

/// The volume commands through the built `esx` binary on a simulator of its own (they change the
/// datastore), checked against the datastore's files on the simulator's disk and raw typed SDK calls.
extension CLITests {
    private struct VolumeFixture {
        var sim: SimulatorProcess
        var uri: String
        var client: VIClient
        /// The local directory behind `LocalDS_0`.
        var root: URL

        func file(_ name: String) -> URL { root.appendingPathComponent(name) }

        func size(_ name: String) throws -> Int {
            try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file(name).path)[.size] as? Int)
        }

        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }

        /// Files the volume rules select, found by walking the directory: .vmdk (not extents), .iso.
        func volumeFiles() throws -> [String] {
            let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path))
            var found: [String] = []
            while let next = walker.nextObject() as? String {
                let isDisk = next.hasSuffix(".vmdk") && !next.hasSuffix("-flat.vmdk")
                if isDisk || next.hasSuffix(".iso") { found.append(next) }
            }
            return found.sorted()
        }
    }

    private func volumeFixture() async throws -> VolumeFixture {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        let client = try await ESXTest.viClient(sim)
        let stores = try await client.retrieveProperties(ofAll: Datastore.self, [.summary])
        let summary = try XCTUnwrap(stores.compactMap { $0[.summary] }.first { $0.name == "LocalDS_0" })
        let url = summary.url.hasPrefix("file://") ? URL(string: summary.url) : URL(fileURLWithPath: summary.url)
        return VolumeFixture(sim: sim, uri: ESXTest.uri(sim), client: client, root: try XCTUnwrap(url))
    }

    func testVolumeReadCommandsAgainstSimulatorFiles() async throws {
        let f = try await volumeFixture()
        defer { f.sim.stop() }
        let uri = f.uri
        try FileManager.default.createDirectory(at: f.file("isos/old"), withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 1000).write(to: f.file("isos/old/a.iso"))
        try Data("not a volume".utf8).write(to: f.file("isos/notes.txt"))
        XCTAssertEqual(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "disks/one.vmdk", "1M"]).status, 0)

        // vol-list: exactly the .vmdk (not extents) and .iso files on disk, in sub-folders.
        let list = try XCTUnwrap(try json(try esx(["-c", uri, "vol-list", "LocalDS_0", "--json"])) as? [[String: Any]])
        let names = list.compactMap { $0["name"] as? String }
        XCTAssertEqual(names.sorted(), try f.volumeFiles())
        XCTAssertTrue(names.contains("isos/old/a.iso") && names.contains("disks/one.vmdk"), "\(names)")
        XCTAssertEqual(Set(list.compactMap { $0["path"] as? String }), Set(names.map { "[LocalDS_0] \($0)" }))
        let table = try esx(["-c", uri, "vol-list", "LocalDS_0"])
        XCTAssertTrue(table.stdout.contains("[LocalDS_0] isos/old/a.iso"), table.stdout)

        // vol-key: the disk UUID as QueryVirtualDiskUuid gives it (canonical, lowercase); an image's path.
        let rawUUID = try await f.client.queryVirtualDiskUuid(name: "[LocalDS_0] disks/one.vmdk", datacenter: nil)
        let key = try esx(["-c", uri, "vol-key", "--pool", "LocalDS_0", "disks/one.vmdk"])
        XCTAssertEqual(key.stdout, rawUUID.lowercased() + "\n", key.stderr)
        XCTAssertEqual(try esx(["-c", uri, "vol-key", "[LocalDS_0] isos/old/a.iso"]).stdout, "[LocalDS_0] isos/old/a.iso\n")

        // Lookup by name, path and key find the same volume.
        let keyText = rawUUID.lowercased()
        for lookup in [["--pool", "LocalDS_0", "disks/one.vmdk"], ["[LocalDS_0] disks/one.vmdk"], [keyText]] {
            let info = try XCTUnwrap(try json(try esx(["-c", uri, "vol-info", "--json"] + lookup)) as? [String: Any])
            XCTAssertEqual(info["name"] as? String, "disks/one.vmdk", "\(lookup)")
            XCTAssertEqual(info["key"] as? String, keyText)
            XCTAssertEqual(info["format"] as? String, "vmdk")
            // allocation = the size the browser reports for the descriptor.
            XCTAssertEqual(info["allocation"] as? Int, try f.size("disks/one.vmdk"))
        }
        let iso = try XCTUnwrap(try json(try esx(["-c", uri, "vol-info", "--json", "[LocalDS_0] isos/old/a.iso"])) as? [String: Any])
        XCTAssertEqual(iso["capacity"] as? Int, 1000)
        XCTAssertEqual(iso["allocation"] as? Int, 1000)
        let infoText = try esx(["-c", uri, "vol-info", "[LocalDS_0] isos/old/a.iso"])
        XCTAssertTrue(infoText.stdout.contains("Capacity:") && infoText.stdout.contains("1000.00 bytes"), infoText.stdout)

        XCTAssertEqual(
            try esx(["-c", uri, "vol-path", "--pool", "LocalDS_0", "isos/old/a.iso"]).stdout, "[LocalDS_0] isos/old/a.iso\n")

        // vol-dumpxml: libvirt's element order, parsed with libxml2.
        let dump = try esx(["-c", uri, "vol-dumpxml", "[LocalDS_0] isos/old/a.iso"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let root = try XMLTree.parse(dump.stdout)
        XCTAssertEqual(root.children.map(\.name), ["name", "key", "source", "capacity", "allocation", "target"])
        XCTAssertEqual(root.children.last?.children.first?.text, "[LocalDS_0] isos/old/a.iso")
        XCTAssertEqual(root.children.last?.children.last?.attribute("type"), "iso")
        let dumpJSON = try XCTUnwrap(try json(try esx(["-c", uri, "vol-dumpxml", "--json", keyText])) as? [String: Any])
        XCTAssertTrue((dumpJSON["xml"] as? String)?.contains("<format type='vmdk'/>") ?? false, "\(dumpJSON)")

        // Not found, and files that are not volumes.
        assertFails(try esx(["-c", uri, "vol-info", "--pool", "LocalDS_0", "nope.vmdk"]), "no storage volume with path '[LocalDS_0] nope.vmdk'")
        assertFails(try esx(["-c", uri, "vol-info", "[LocalDS_0] isos/notes.txt"]), "no storage volume with path")
        assertFails(try esx(["-c", uri, "vol-info", "[Nope] a.vmdk"]), "no storage volume with path '[Nope] a.vmdk'")
        assertFails(try esx(["-c", uri, "vol-info", "00000000-0000-0000-0000-000000000000"]), "no storage volume with key")
        assertFails(try esx(["-c", uri, "vol-list", "Nope"]), "no storage pool with name 'Nope'")
    }

    func testThinAndPreallocatedVolumesCreatedClonedWipedDeleted() async throws {
        let f = try await volumeFixture()
        defer { f.sim.stop() }
        let uri = f.uri
        let mib10 = 10 << 20
        XCTAssertFalse(f.exists("vols"))

        // Thin (allocation 0): MakeDirectory made 'vols'; the descriptor says thin, the extent is empty.
        let thin = try XCTUnwrap(try json(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "vols/thin.vmdk", "10M", "--json"])) as? [String: Any])
        XCTAssertEqual(thin["path"] as? String, "[LocalDS_0] vols/thin.vmdk")
        let thinDescriptor = try String(contentsOf: f.file("vols/thin.vmdk"), encoding: .utf8)
        XCTAssertTrue(thinDescriptor.contains("RW 20480 VMFS"), thinDescriptor)  // 10 MiB in 512-byte sectors
        XCTAssertTrue(thinDescriptor.contains("ddb.diskType = \"thin\""), thinDescriptor)
        XCTAssertTrue(thinDescriptor.contains("ddb.adapterType = \"busLogic\""), thinDescriptor)
        XCTAssertEqual(try f.size("vols/thin-flat.vmdk"), 0)

        // Preallocated (allocation = capacity), in the existing directory; text output.
        let pre = try esx(["-c", uri, "vol-create-as", "LocalDS_0", "vols/pre.vmdk", "10M", "--allocation", "10485760"])
        XCTAssertEqual(pre.status, 0, pre.stderr)
        XCTAssertEqual(pre.stdout, "Vol vols/pre.vmdk created\n")
        let preDescriptor = try String(contentsOf: f.file("vols/pre.vmdk"), encoding: .utf8)
        XCTAssertTrue(preDescriptor.contains("ddb.diskType = \"preallocated\""), preDescriptor)
        XCTAssertEqual(try f.size("vols/pre-flat.vmdk"), mib10)

        // Refusals as libvirt's, leaving nothing behind.
        assertFails(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "vols/half.vmdk", "10M", "--allocation", "5M"]),
                    "unsupported capacity-to-allocation relation")
        assertFails(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "flat.vmdk", "1M"]), "expected format '<directory>/<file>'")
        assertFails(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "x/a.iso", "1M"]), "expecting '.vmdk'")
        assertFails(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "x/a.vmdk", "1M", "--format", "raw"]), "creation of raw volumes is not supported")
        assertFails(try esx(["-c", uri, "vol-create-as", "LocalDS_0", "vols/pre.vmdk", "1M"]), "vols/pre.vmdk")
        XCTAssertEqual(try f.size("vols/pre-flat.vmdk"), mib10, "the failed create did not touch the existing disk")
        XCTAssertFalse(f.exists("x"))
        XCTAssertFalse(f.exists("vols/half.vmdk"))

        // Clone both into a new directory: descriptor and extent copied.
        for name in ["thin", "pre"] {
            let clone = try esx(["-c", uri, "vol-clone", "--pool", "LocalDS_0", "vols/\(name).vmdk", "copies/\(name)-copy.vmdk"])
            XCTAssertEqual(clone.status, 0, clone.stderr)
            XCTAssertEqual(try Data(contentsOf: f.file("copies/\(name)-copy.vmdk")), try Data(contentsOf: f.file("vols/\(name).vmdk")))
            XCTAssertEqual(try f.size("copies/\(name)-copy-flat.vmdk"), try f.size("vols/\(name)-flat.vmdk"))
        }
        let cloneKey = try esx(["-c", uri, "vol-key", "[LocalDS_0] copies/pre-copy.vmdk"]).stdout
        let rawCloneKey = try await f.client.queryVirtualDiskUuid(name: "[LocalDS_0] copies/pre-copy.vmdk", datacenter: nil)
        XCTAssertEqual(cloneKey, rawCloneKey.lowercased() + "\n")
        assertFails(try esx(["-c", uri, "vol-clone", "--pool", "LocalDS_0", "vols/pre.vmdk", "copies/pre-copy.vmdk"]), "pre-copy.vmdk")

        // Wipe: data written into the extents reads back as zeros, sizes kept.
        for name in ["thin", "pre"] {
            let handle = try FileHandle(forWritingTo: f.file("vols/\(name)-flat.vmdk"))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
            try handle.close()
            let before = try f.size("vols/\(name)-flat.vmdk")
            let wipe = try esx(["-c", uri, "vol-wipe", "--pool", "LocalDS_0", "vols/\(name).vmdk"])
            XCTAssertEqual(wipe.status, 0, wipe.stderr)
            XCTAssertEqual(wipe.stdout, "Vol vols/\(name).vmdk wiped\n")
            let data = try Data(contentsOf: f.file("vols/\(name)-flat.vmdk"))
            XCTAssertEqual(data.count, before)
            XCTAssertTrue(data.allSatisfy { $0 == 0 }, "\(name) extent not zeroed")
        }

        // Delete: DeleteVirtualDisk removes descriptor and extent.
        for volume in ["vols/thin.vmdk", "vols/pre.vmdk", "copies/thin-copy.vmdk", "copies/pre-copy.vmdk"] {
            let delete = try esx(["-c", uri, "vol-delete", "[LocalDS_0] \(volume)"])
            XCTAssertEqual(delete.status, 0, delete.stderr)
            XCTAssertFalse(f.exists(volume), volume)
            XCTAssertFalse(f.exists(volume.replacingOccurrences(of: ".vmdk", with: "-flat.vmdk")), volume)
        }
        let left = try XCTUnwrap(try json(try esx(["-c", uri, "vol-list", "LocalDS_0", "--json"])) as? [[String: Any]])
        XCTAssertFalse(left.contains { ($0["name"] as? String)?.hasPrefix("vols/") ?? false })
        assertFails(try esx(["-c", uri, "vol-delete", "[LocalDS_0] vols/pre.vmdk"]), "no storage volume with path")
    }

    func testVolumesOnVCenterModel() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .vpx))
        defer { sim.stop() }
        let uri = ESXTest.uri(sim, scheme: "vpx", path: "DC0/DC0_H0")
        let client = try await ESXTest.viClient(sim)
        let datacenters = try await client.retrieveProperties(ofAll: Datacenter.self, [.name])
        let datacenter = try XCTUnwrap(datacenters.first { $0.name == "DC0" })
        let created = try esx(["-c", uri, "vol-create-as", "LocalDS_0", "vc/disk.vmdk", "2M", "--allocation", "2M"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let raw = try await client.queryVirtualDiskUuid(
            name: "[LocalDS_0] vc/disk.vmdk", datacenter: Datacenter(datacenter.managedObject.ref))
        let list = try XCTUnwrap(try json(try esx(["-c", uri, "vol-list", "LocalDS_0", "--json"])) as? [[String: Any]])
        let disk = try XCTUnwrap(list.first { $0["name"] as? String == "vc/disk.vmdk" })
        XCTAssertEqual(disk["key"] as? String, raw.lowercased())
        let byKey = try esx(["-c", uri, "vol-path", raw.lowercased()])
        XCTAssertEqual(byKey.stdout, "[LocalDS_0] vc/disk.vmdk\n", byKey.stderr)
        XCTAssertEqual(try esx(["-c", uri, "vol-delete", "--pool", "LocalDS_0", "vc/disk.vmdk"]).status, 0)
        let after = try XCTUnwrap(try json(try esx(["-c", uri, "vol-list", "LocalDS_0", "--json"])) as? [[String: Any]])
        XCTAssertFalse(after.contains { $0["name"] as? String == "vc/disk.vmdk" })
    }

    func testVolumeUploadDownloadAndFileDelete() async throws {
        let f = try await volumeFixture()
        defer { f.sim.stop() }
        let uri = f.uri
        try FileManager.default.createDirectory(at: f.file("isos"), withIntermediateDirectories: true)
        try Data(repeating: 1, count: 10).write(to: f.file("isos/cd.iso"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try content.write(to: dir.appendingPathComponent("in.iso"))

        let up = try XCTUnwrap(try json(try esx(["-c", uri, "vol-upload", "--json", "[LocalDS_0] isos/cd.iso", dir.appendingPathComponent("in.iso").path])) as? [String: Any])
        XCTAssertEqual(up["bytesTransferred"] as? Int, content.count)
        XCTAssertEqual(try Data(contentsOf: f.file("isos/cd.iso")), content)
        let info = try XCTUnwrap(try json(try esx(["-c", uri, "vol-info", "--json", "--pool", "LocalDS_0", "isos/cd.iso"])) as? [String: Any])
        XCTAssertEqual(info["capacity"] as? Int, content.count)

        let out = dir.appendingPathComponent("out.iso").path
        let down = try esx(["-c", uri, "vol-download", "--pool", "LocalDS_0", "isos/cd.iso", out])
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), content)
        assertFails(try esx(["-c", uri, "vol-upload", "[LocalDS_0] isos/missing.iso", out]), "no storage volume with path")

        // A non-disk volume: wipe refused; delete goes through DeleteDatastoreFile.
        assertFails(try esx(["-c", uri, "vol-wipe", "[LocalDS_0] isos/cd.iso"]), "only disks are wiped")
        let delete = try esx(["-c", uri, "vol-delete", "[LocalDS_0] isos/cd.iso"])
        XCTAssertEqual(delete.status, 0, delete.stderr)
        XCTAssertFalse(f.exists("isos/cd.iso"))
    }
}
