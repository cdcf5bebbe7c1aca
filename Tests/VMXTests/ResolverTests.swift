import VMX
import XCTest

final class ResolverTests: XCTestCase {
    let resolver = OfflineFileNameResolver(
        datastores: ["datastore1"], vmxDirectory: DatastorePath(datastore: "vms", path: "dir/sub"))

    func testDatastorePath() {
        XCTAssertEqual(DatastorePath(parsing: "[ds 1]   a/b/c.vmdk"), DatastorePath(datastore: "ds 1", path: "a/b/c.vmdk"))
        XCTAssertEqual(DatastorePath(parsing: "[ds]")?.description, "[ds]")
        XCTAssertEqual(DatastorePath(parsing: "[ds] a/b/c.vmdk")?.directory, "a/b")
        XCTAssertEqual(DatastorePath(parsing: "[ds] c.vmdk")?.directory, "c.vmdk")
        XCTAssertNil(DatastorePath(parsing: "[] x"))
        XCTAssertNil(DatastorePath(parsing: "ds] x"))
        XCTAssertNil(DatastorePath(parsing: "[ds x"))
    }

    func testVMXToDomain() throws {
        XCTAssertEqual(try resolver.domainPath(fromVMX: "disk.vmdk"), "[vms] dir/sub/disk.vmdk")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "more/disk.vmdk"), "[vms] dir/sub/more/disk.vmdk")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "/vmfs/volumes/datastore1/x/y.vmdk"), "[datastore1] x/y.vmdk")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "/vmfs/volumes/vms/z.iso"), "[vms] z.iso")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "/vmfs/volumes/datastore1"), "[datastore1]")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "/dev/cdrom"), "/dev/cdrom")
        XCTAssertEqual(try resolver.domainPath(fromVMX: "[datastore1] a.vmdk"), "[datastore1] a.vmdk")
        XCTAssertEqual(
            try OfflineFileNameResolver(vmxDirectory: DatastorePath(datastore: "d", path: "")).domainPath(fromVMX: "a.vmdk"),
            "[d] a.vmdk")
    }

    func testVMXToDomainErrors() {
        XCTAssertThrowsError(try resolver.domainPath(fromVMX: "/vmfs/volumes/other/a.vmdk")) {
            XCTAssertEqual($0 as? VMXError, .unknownDatastore(name: "other", fileName: "/vmfs/volumes/other/a.vmdk"))
        }
        XCTAssertThrowsError(try resolver.domainPath(fromVMX: "[other] a.vmdk")) {
            XCTAssertEqual($0 as? VMXError, .unknownDatastore(name: "other", fileName: "[other] a.vmdk"))
        }
        for name in ["", "C:\\vms\\a.vmdk", "/vmfs/volumes/"] {
            XCTAssertThrowsError(try resolver.domainPath(fromVMX: name), name) {
                guard case VMXError.unresolvableFileName? = $0 as? VMXError else { return XCTFail("\($0)") }
            }
        }
        XCTAssertThrowsError(try OfflineFileNameResolver(datastores: ["a"]).domainPath(fromVMX: "rel.vmdk")) {
            guard case VMXError.unresolvableFileName(_, let reason)? = $0 as? VMXError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains(".vmx directory"))
        }
    }

    func testDomainToVMX() throws {
        let any = OfflineFileNameResolver()
        XCTAssertEqual(try any.vmxFileName(fromDomain: "[ds] a/b.vmdk"), "/vmfs/volumes/ds/a/b.vmdk")
        XCTAssertEqual(try any.vmxFileName(fromDomain: "[ds]"), "/vmfs/volumes/ds")
        XCTAssertEqual(try any.vmxFileName(fromDomain: "/abs/x.iso"), "/abs/x.iso")
        XCTAssertThrowsError(try any.vmxFileName(fromDomain: "relative.vmdk"))
    }

    func testVirtualHardwareDefaults() {
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 3, minor: 5), 4)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .vpx, major: 2, minor: 5), 4)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 4, minor: 1), 7)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 5, minor: 0), 8)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 5, minor: 1), 9)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .vpx, major: 5, minor: 5), 10)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 6, minor: 0), 11)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 6, minor: 5), 13)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 6, minor: 7), 14)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 7, minor: 0), 17)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .esx, major: 8, minor: 0), 20)
        XCTAssertEqual(VirtualHardware.defaultVersion(product: .gsx, major: 2, minor: 0), 7)
    }

    func testDiskNaming() {
        XCTAssertEqual(DiskNaming.name(index: 0, prefix: "sd"), "sda")
        XCTAssertEqual(DiskNaming.name(index: 25, prefix: "sd"), "sdz")
        XCTAssertEqual(DiskNaming.name(index: 26, prefix: "sd"), "sdaa")
        XCTAssertEqual(DiskNaming.name(index: 702, prefix: "sd"), "sdaaa")
        for index in [0, 1, 25, 26, 27, 701, 702, 18277] {
            XCTAssertEqual(DiskNaming.index(of: DiskNaming.name(index: index, prefix: "hd"), prefix: "hd"), index)
        }
        XCTAssertNil(DiskNaming.index(of: "sd", prefix: "sd"))
        XCTAssertNil(DiskNaming.index(of: "sdA", prefix: "sd"))
        XCTAssertEqual(DiskNaming.address(ofTarget: "sdh", bus: .scsi, wideSCSI: false), DriveAddress(controller: 0, unit: 8))
        XCTAssertEqual(DiskNaming.address(ofTarget: "sdp", bus: .scsi, wideSCSI: false), DriveAddress(controller: 1, unit: 0))
        XCTAssertEqual(DiskNaming.address(ofTarget: "sdbm", bus: .scsi, wideSCSI: true), DriveAddress(controller: 1, unit: 0))
        XCTAssertEqual(DiskNaming.address(ofTarget: "sdae", bus: .sata, wideSCSI: false), DriveAddress(controller: 1, unit: 0))
        XCTAssertEqual(DiskNaming.address(ofTarget: "nvme2n3", bus: .nvme, wideSCSI: false), DriveAddress(controller: 2, unit: 2))
        XCTAssertNil(DiskNaming.address(ofTarget: "nvme2n0", bus: .nvme, wideSCSI: false))
        XCTAssertNil(DiskNaming.address(ofTarget: "nvmex", bus: .nvme, wideSCSI: false))
    }

    func testUUIDAndCPUSetForms() {
        XCTAssertEqual(DomainUUID("42 1f 0a 9b 33 c2 71 de-88 01 5c 4e aa 10 be ef")?.description, "421f0a9b-33c2-71de-8801-5c4eaa10beef")
        XCTAssertEqual(DomainUUID("421F0A9B33C271DE88015C4EAA10BEEF")?.vmxForm, "42 1f 0a 9b 33 c2 71 de-88 01 5c 4e aa 10 be ef")
        XCTAssertNil(DomainUUID("421f0a9b-33c2-71de-8801-5c4eaa10bee"))
        XCTAssertNil(DomainUUID("4-21f0a9b33c271de88015c4eaa10beef"))
        XCTAssertNil(DomainUUID("421f0a9b33c271de88015c4eaa10beef00"))
        let genid = DomainUUID(high: -1, low: 1)
        XCTAssertEqual(genid.description, "ffffffff-ffff-ffff-0000-000000000001")
        XCTAssertEqual(genid.halves.high, -1)
        XCTAssertEqual(CPUSet(parsing: "0-3,^2,8")?.description, "0-1,3,8")
        XCTAssertNil(CPUSet(parsing: "3-1"))
        XCTAssertNil(CPUSet(parsing: "a"))
        XCTAssertNil(CPUSet(parsing: "99999"))
        XCTAssertEqual(PCIAddress(vmwareSlotNumber: 1184), PCIAddress(bus: 5, slot: 0, function: 1))
        XCTAssertNil(PCIAddress(vmwareSlotNumber: 8192))
        XCTAssertNil(PCIAddress(bus: 40, slot: 0).vmwareSlotNumber)
    }
}
