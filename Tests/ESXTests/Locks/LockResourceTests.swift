import XCTest

@testable import ESX

final class LockResourceTests: XCTestCase {
    func testDiskNamesAreCanonical() throws {
        let spellings = ["[ds1] vm/disk.vmdk", "[ds1]vm/disk.vmdk", "[ds1]   vm//disk.vmdk", "[ds1] ./vm/./disk.vmdk"]
        for text in spellings {
            XCTAssertEqual(try LockResource.disk(text).name, "[ds1] vm/disk.vmdk", text)
        }
        XCTAssertNotEqual(try LockResource.disk("[ds2] vm/disk.vmdk").key, try LockResource.disk("[ds1] vm/disk.vmdk").key)
    }

    func testInvalidResourcesAreRefused() {
        for text in ["/vmfs/volumes/ds1/disk.vmdk", "[ds1]", "[] x.vmdk", "[ds1] a/../b.vmdk", "[ds1 x.vmdk"] {
            XCTAssertThrowsError(try LockResource.disk(text), text) { error in
                guard case .invalidResource(.disk, text, _) = error as? LockError else {
                    return XCTFail("\(text): \(error)")
                }
            }
        }
        XCTAssertThrowsError(try LockResource.lease(lockspace: "", key: "k"))
        XCTAssertEqual(try LockResource.lease(lockspace: "space", key: "key").name, "space/key")
    }

    func testModesFollowFlags() throws {
        XCTAssertEqual(try LockResource.disk("[d] a.vmdk").mode, .exclusive)
        XCTAssertEqual(try LockResource.disk("[d] a.vmdk", flags: .shared).mode, .shared)
        XCTAssertNil(try LockResource.disk("[d] a.vmdk", flags: .readonly).mode)
        XCTAssertNil(try LockResource.disk("[d] a.vmdk", flags: [.readonly, .shared]).mode)
    }

    func testLeaseFileNameIsTheSHA256OfTheCanonicalPath() throws {
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        XCTAssertEqual(SHA256.hex(long), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        let disk = try LockResource.disk("[ds1]  vm//disk.vmdk")
        XCTAssertEqual(
            LeaseFile.path(for: disk, in: "/d"), "/d/" + SHA256.hex(Array("[ds1] vm/disk.vmdk".utf8)) + ".lease")
    }

    func testPluginsLoadByName() throws {
        let dir = try makeLeaseDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertEqual(try LockManagerPlugins.load("nop").name, "nop")
        XCTAssertEqual(try LockManagerPlugins.load("lockd", configuration: .init(directory: dir)).name, "lockd")
        XCTAssertThrowsError(try LockManagerPlugins.load("sanlock")) { error in
            XCTAssertEqual(error as? LockError, .unknownPlugin("sanlock"))
        }
    }

    func testNopPluginLocksNothing() async throws {
        let plugin = try LockManagerPlugins.load("nop")
        let one = try plugin.makeManager(for: domainA, start: .new)
        let two = try plugin.makeManager(for: domainB, start: .new)
        for manager in [one, two] {
            try manager.register(.disk("[ds] same.vmdk"))
            try await manager.acquireObject()
        }
        try await one.prepareMigrate(to: "esx-2")
        try await one.completeMigrateIn(.commit)
        try await one.shutdown()
        try await two.shutdown()
        XCTAssertEqual(two.resources.map(\.name), ["[ds] same.vmdk"])
    }
}
