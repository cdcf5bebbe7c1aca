@testable import ESX
import VI
@testable import VMX
import XCTest

/// The storage volume XML and the conversions behind it: parsed back with libxml2 (VMX's
/// reader), element order as libvirt's `virStorageVolDefFormat`, libvirt's key and size rules.
final class StorageVolumeXMLTests: XCTestCase {
    func testDiskVolumeXMLFollowsLibvirtOrder() throws {
        let disk = VmDiskFileInfo(path: "disk.vmdk", fileSize: 4096, capacityKb: 1_048_576)
        let shape = StorageVolume.shape(of: disk)
        let volume = StorageVolume(
            pool: "datastore1", name: "vm1/disk.vmdk", key: "6000c29d-1234-5678-9abc-def012345678", format: shape.format,
            capacity: shape.capacity, allocation: shape.allocation)
        let xml = try StorageVolumeXML.format(volume)
        let root = try XMLTree.parse(xml)
        XCTAssertEqual(root.name, "volume")
        XCTAssertEqual(root.attribute("type"), "file")
        XCTAssertEqual(root.children.map(\.name), ["name", "key", "source", "capacity", "allocation", "target"])
        XCTAssertEqual(root.children[0].text, "vm1/disk.vmdk")
        XCTAssertEqual(root.children[1].text, "6000c29d-1234-5678-9abc-def012345678")
        XCTAssertTrue(root.children[2].children.isEmpty)
        XCTAssertEqual(root.children[3].attribute("unit"), "bytes")
        XCTAssertEqual(root.children[3].text, "1073741824")  // capacityKb × 1024
        XCTAssertEqual(root.children[4].text, "4096")  // the file size
        let target = root.children[5]
        XCTAssertEqual(target.children.map(\.name), ["path", "format"])
        XCTAssertEqual(target.children[0].text, "[datastore1] vm1/disk.vmdk")
        XCTAssertEqual(target.children[1].attribute("type"), "vmdk")
    }

    func testImageFormatsAndSizes() throws {
        let iso = StorageVolume.shape(of: IsoImageFileInfo(path: "a.iso", fileSize: 700))
        XCTAssertEqual(iso.format, "iso")
        XCTAssertEqual(iso.capacity, 700)
        XCTAssertEqual(iso.allocation, 700)
        let floppy = StorageVolume.shape(of: FloppyImageFileInfo(path: "a.flp", fileSize: 1_474_560))
        XCTAssertEqual(floppy.format, "raw")
        XCTAssertEqual(floppy.capacity, 1_474_560)
        let other = StorageVolume.shape(of: FileInfo(path: "a.txt", fileSize: 3))
        XCTAssertNil(other.format)
        // A disk without capacity reported (the simulator's) has capacity 0, not a crash.
        XCTAssertEqual(StorageVolume.shape(of: VmDiskFileInfo(path: "d.vmdk")).capacity, 0)
        XCTAssertEqual(StorageVolume.shape(of: VmDiskFileInfo(path: "d.vmdk", capacityKb: Int64.max)).capacity, Int64.max)

        let isoVolume = StorageVolume(
            pool: "ds", name: "isos/a.iso", key: "[ds] isos/a.iso", format: iso.format, capacity: 700, allocation: 700)
        let target = try XCTUnwrap(try XMLTree.parse(try StorageVolumeXML.format(isoVolume)).children.last)
        XCTAssertEqual(target.children.last?.attribute("type"), "iso")
        XCTAssertEqual(isoVolume.path, "[ds] isos/a.iso")
    }

    func testUnknownFileTypeIsAnError() {
        let volume = StorageVolume(pool: "ds", name: "a.txt", key: "[ds] a.txt", format: nil, capacity: 1, allocation: 1)
        XCTAssertThrowsError(try StorageVolumeXML.format(volume)) { error in
            XCTAssertEqual("\(error)", "file '[ds] a.txt' has unknown type")
        }
    }

    func testServerTextIsEscaped() throws {
        let volume = StorageVolume(
            pool: "d<s>", name: "a&b/c'd\".vmdk", key: "[d<s>] a&b/c'd\".vmdk", format: "vmdk", capacity: 0, allocation: 0)
        let xml = try StorageVolumeXML.format(volume)
        XCTAssertFalse(xml.contains("a&b"), xml)
        let root = try XMLTree.parse(xml)
        XCTAssertEqual(root.children[0].text, "a&b/c'd\".vmdk")
        XCTAssertEqual(root.children.last?.children.first?.text, "[d<s>] a&b/c'd\".vmdk")
    }

    func testDiskUUIDReformattedAsLibvirt() {
        XCTAssertEqual(
            VirtualDiskUUID.reformat("60 00 C2 9d 12 34 56 78-9a bc de f0 12 34 56 78"),
            "6000c29d-1234-5678-9abc-def012345678")
        XCTAssertEqual(
            VirtualDiskUUID.reformat("6000C29D-1234-5678-9ABC-DEF012345678"), "6000c29d-1234-5678-9abc-def012345678")
        XCTAssertNil(VirtualDiskUUID.reformat("60 00 C2"))
        XCTAssertNil(VirtualDiskUUID.reformat("60 00 C2 9d 12 34 56 78-9a bc de f0 12 34 56 7g"))
        XCTAssertNil(VirtualDiskUUID.reformat("60 00 C2 9d 12 34 56 78-9a bc de f0 12 34 56 78 00"))
    }

    func testProvisioningFromAllocation() throws {
        XCTAssertEqual(try VolumeProvisioning(capacityKb: 1024, allocationKb: 0), .thin)
        XCTAssertEqual(try VolumeProvisioning(capacityKb: 1024, allocationKb: 1024), .preallocated)
        XCTAssertThrowsError(try VolumeProvisioning(capacityKb: 1024, allocationKb: 512))
    }
}
