import VMX
import XCTest

/// VMX → domain, one test per key family.
final class VMXToDomainTests: XCTestCase {
    func domain(_ name: String) throws -> DomainDefinition {
        let text = try XCTUnwrap(Samples.all.first { $0.0 == name }?.1, name)
        return try VMXToDomain(resolver: Samples.resolver).convert(try VMXParser.parse(text))
    }

    func convert(_ body: String, hardware: Int = 7) throws -> DomainDefinition {
        try VMXToDomain(resolver: Samples.resolver).convert(try VMXParser.parse(Samples.vmx(hardware: hardware, body)))
    }

    func assertInvalid(_ body: String, key: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try convert(body), file: file, line: line) { error in
            switch error as? VMXError {
            case .invalidValue(let reported, _, _, _)?, .missingEntry(let reported)?:
                XCTAssertEqual(reported.lowercased(), key.lowercased(), "\(error)", file: file, line: line)
            default: XCTFail("\(error)", file: file, line: line)
            }
        }
    }

    func testMinimalDefaults() throws {
        let domain = try domain("minimal")
        XCTAssertEqual(domain.uuid, .zero)
        XCTAssertNil(domain.name)
        XCTAssertEqual(domain.memoryKiB, 32768)
        XCTAssertEqual(domain.currentMemoryKiB, 32768)
        XCTAssertEqual(domain.vcpus, 1)
        XCTAssertEqual(domain.os.arch, .i686)
        XCTAssertEqual(domain.videos, [DomainVideo(vramKiB: 4096)])
        XCTAssertTrue(domain.disks.isEmpty && domain.controllers.isEmpty && domain.interfaces.isEmpty)
    }

    func testVersionsAreChecked() {
        XCTAssertThrowsError(try VMXToDomain(resolver: Samples.resolver).convert(try VMXParser.parse("virtualHW.version = \"7\""))) {
            XCTAssertEqual($0 as? VMXError, .missingEntry(key: "config.version"))
        }
        assertInvalid("config.version = \"7\"\n", key: "config.version")
        XCTAssertThrowsError(try VMXToDomain(resolver: Samples.resolver).convert(
            try VMXParser.parse("config.version = \"8\"\nvirtualHW.version = \"3\""))) {
            guard case VMXError.invalidValue("virtualHW.version", 2, "3", _)? = $0 as? VMXError else { return XCTFail("\($0)") }
        }
    }

    func testIdentity() throws {
        let domain = try domain("identity")
        XCTAssertEqual(domain.uuid.description, "421f0a9b-33c2-71de-8801-5c4eaa10beef")
        XCTAssertEqual(domain.name, "web|01 / prod")
        XCTAssertEqual(domain.description, "first line\nsecond \"quoted\"")
        XCTAssertEqual(domain.genid?.halves.high, -8531296513245613781)
        XCTAssertEqual(domain.genid?.halves.low, 4471802284901312055)
        assertInvalid("uuid.bios = \"42 1f\"\n", key: "uuid.bios")
        assertInvalid("vm.genid = \"x\"\n", key: "vm.genid")
    }

    func testMemoryAndCPU() throws {
        let domain = try domain("memory-cpu")
        XCTAssertEqual(domain.memoryKiB, 2048 * 1024)
        XCTAssertEqual(domain.currentMemoryKiB, 1024 * 1024)
        XCTAssertEqual(domain.minGuaranteeKiB, 512 * 1024)
        XCTAssertEqual(domain.vcpus, 8)
        XCTAssertEqual(domain.cpuTopology, CPUTopology(sockets: 2, cores: 4))
        XCTAssertEqual(domain.cpuset?.description, "0-3,6-9")
        XCTAssertEqual(domain.cpuShares, 16000)
        XCTAssertEqual(domain.os.arch, .x86_64)
        XCTAssertEqual(domain.os.firmware, .efi)
        XCTAssertEqual(domain.os.smbiosMode, .host)
        let numeric = try self.domain("shares-number")
        XCTAssertEqual(numeric.cpuShares, 1234)
        XCTAssertEqual(numeric.currentMemoryKiB, numeric.memoryKiB, "unlimited")
        XCTAssertEqual(try convert("numvcpus = \"2\"\nsched.cpu.shares = \"low\"\n").cpuShares, 1000)
        XCTAssertEqual(try convert("sched.cpu.shares = \"normal\"\n").cpuShares, 1000)
        XCTAssertNil(try convert("sched.cpu.affinity = \"all\"\n").cpuset)
        XCTAssertEqual(try convert("memsize = \"64\"\nsched.mem.max = \"128\"\n").currentMemoryKiB, 65536, "clamped")
    }

    func testMemoryAndCPUErrors() {
        assertInvalid("memsize = \"30\"\n", key: "memsize")
        assertInvalid("memsize = \"0\"\n", key: "memsize")
        assertInvalid("numvcpus = \"0\"\n", key: "numvcpus")
        assertInvalid("numvcpus = \"4\"\ncpuid.coresPerSocket = \"3\"\n", key: "cpuid.coresPerSocket")
        assertInvalid("numvcpus = \"2\"\nsched.cpu.affinity = \"1\"\n", key: "sched.cpu.affinity")
        assertInvalid("sched.cpu.affinity = \"1,x\"\n", key: "sched.cpu.affinity")
        assertInvalid("sched.cpu.affinity = \"99999\"\n", key: "sched.cpu.affinity")
        assertInvalid("sched.cpu.shares = \"lots\"\n", key: "sched.cpu.shares")
        assertInvalid("firmware = \"coreboot\"\n", key: "firmware")
        assertInvalid("smbios.reflecthost = \"maybe\"\n", key: "smbios.reflecthost")
    }

    func testVNC() throws {
        XCTAssertEqual(
            try domain("vnc").graphics,
            [DomainGraphics(port: 5903, autoport: false, listen: "10.1.2.3", keymap: "de", password: "s3cret")])
        XCTAssertEqual(try domain("vnc-autoport").graphics, [DomainGraphics(port: nil, autoport: true)])
        assertInvalid("RemoteDisplay.vnc.enabled = \"true\"\nRemoteDisplay.vnc.port = \"70000\"\n", key: "RemoteDisplay.vnc.port")
    }

    func testSCSIControllersAndDisks() throws {
        let domain = try domain("scsi")
        XCTAssertEqual(domain.controllers.map(\.model), [.lsilogic, .vmpvscsi, .buslogic, .lsisas1068])
        XCTAssertEqual(domain.controllers[0].address, PCIAddress(bus: 0, slot: 16))
        XCTAssertEqual(domain.disks.map(\.target), ["sda", "sdh", "sdr", "sdbh"])
        XCTAssertEqual(domain.disks.map(\.address), [
            DriveAddress(controller: 0, unit: 0), DriveAddress(controller: 0, unit: 8), DriveAddress(controller: 1, unit: 2),
            DriveAddress(controller: 3, unit: 15),
        ])
        XCTAssertEqual(domain.disks[0].source, "[datastore1] web01/web01.vmdk")
        XCTAssertEqual(domain.disks[1].source, "[datastore1] shared/data.vmdk")
        XCTAssertTrue(domain.disks[1].writeThrough && domain.disks[1].transient)
        XCTAssertNil(try self.domain("scsi-no-model").controllers[0].model)
        assertInvalid("scsi0.present = \"true\"\nscsi0.virtualDev = \"virtio\"\n", key: "scsi0.virtualDev")
        assertInvalid(
            "scsi0.present = \"true\"\nscsi0:0.present = \"true\"\nscsi0:0.deviceType = \"ata-hardDisk\"\nscsi0:0.fileName = \"a.vmdk\"\n",
            key: "scsi0:0.deviceType")
        assertInvalid("scsi0.present = \"true\"\nscsi0:0.present = \"true\"\nscsi0:0.fileName = \"a.img\"\n", key: "scsi0:0.fileName")
        assertInvalid("scsi0.present = \"true\"\nscsi0.pciSlotNumber = \"9000\"\n", key: "scsi0.pciSlotNumber")
    }

    func testSCSIUnitSevenIsSkippedAndWideBusFromHardware13() throws {
        let narrow = try convert("scsi0.present = \"true\"\nscsi0:7.present = \"true\"\nscsi0:7.fileName = \"x.vmdk\"\n")
        XCTAssertTrue(narrow.disks.isEmpty)
        let beyond = try convert("scsi0.present = \"true\"\nscsi0:16.present = \"true\"\nscsi0:16.fileName = \"x.vmdk\"\n")
        XCTAssertTrue(beyond.disks.isEmpty, "unit 16 needs virtualHW 13")
        let wide = try domain("scsi-wide")
        XCTAssertEqual(wide.disks.map(\.target), ["sdbl", "sdbm"])
        XCTAssertEqual(wide.disks.map { $0.address?.unit }, [64, 0])
    }

    func testSATAAndNVMe() throws {
        let domain = try domain("sata-nvme")
        XCTAssertEqual(domain.controllers.map(\.type), [.sata, .nvme])
        XCTAssertEqual(domain.controllers[0].address, PCIAddress(bus: 1, slot: 2))
        XCTAssertEqual(domain.controllers[1].address, PCIAddress(bus: 5, slot: 0, function: 1))
        XCTAssertEqual(domain.disks.map(\.target), ["sda", "sdb", "nvme0n1", "nvme0n4"])
        XCTAssertEqual(domain.disks.map(\.bus), [.sata, .sata, .nvme, .nvme])
        XCTAssertEqual(domain.disks[0].device, .cdrom)
        XCTAssertEqual(domain.disks[0].source, "[isos] linux.iso")
        assertInvalid(
            "nvme0.present = \"true\"\nnvme0:0.present = \"true\"\nnvme0:0.fileName = \"x.iso\"\n", key: "nvme0:0.fileName")
    }

    func testIDEAndCDROMKinds() throws {
        let disks = try domain("ide-cdroms").disks
        XCTAssertEqual(disks.map(\.target), ["hda", "hdb", "hdc", "hdd"])
        XCTAssertEqual(disks.map(\.device), [.disk, .cdrom, .lun, .cdrom])
        XCTAssertEqual(disks.map(\.type), [.file, .block, .block, .file])
        XCTAssertEqual(disks.map(\.source), ["[datastore1] web01/boot.vmdk", "/dev/scd0", nil, nil])
        XCTAssertTrue(disks[2].startupPolicyOptional)
        XCTAssertEqual(disks.map(\.readonly), [false, true, true, true])
        XCTAssertEqual(disks[2].address, DriveAddress(controller: 0, bus: 1, unit: 0))
        XCTAssertEqual(try domain("ide-cdroms").controllers, [DomainController(type: .ide, index: 0)])
        assertInvalid(
            "ide0:0.present = \"true\"\nide0:0.deviceType = \"atapi-cdrom\"\nide0:0.fileName = \"x.iso\"\n",
            key: "ide0:0.deviceType")
        assertInvalid(
            "ide0:0.present = \"true\"\nide0:0.deviceType = \"scsi-hardDisk\"\nide0:0.fileName = \"x.vmdk\"\n",
            key: "ide0:0.deviceType")
        assertInvalid("ide0:0.present = \"true\"\nide0:0.deviceType = \"disk\"\n", key: "ide0:0.fileName")
    }

    func testCDROMImageOnUnknownDatastoreBecomesEmpty() throws {
        let disk = try XCTUnwrap(try domain("cdrom-unknown-datastore").disks.first)
        XCTAssertEqual(disk.device, .cdrom)
        XCTAssertNil(disk.source)
        XCTAssertThrowsError(try convert("ide0:0.present = \"true\"\nide0:0.fileName = \"/vmfs/volumes/elsewhere/a.vmdk\"\n")) {
            XCTAssertEqual($0 as? VMXError, .unknownDatastore(name: "elsewhere", fileName: "/vmfs/volumes/elsewhere/a.vmdk"))
        }
    }

    func testPassthroughAndAutoDetect() throws {
        let disks = try domain("scsi-passthru").disks
        XCTAssertEqual(disks.map(\.device), [.lun, .cdrom])
        XCTAssertEqual(disks[0].source, "/vmfs/devices/cdrom/mpx.vmhba32:C0:T0:L0")
        XCTAssertTrue(disks[1].startupPolicyOptional)
    }

    func testFloppiesAndClientDevices() throws {
        let disks = try domain("floppy").disks
        XCTAssertEqual(disks.map(\.target), ["fda", "fdb"])
        XCTAssertEqual(disks.map(\.source), ["[datastore1] web01/drivers.flp", "/dev/fd0"])
        XCTAssertEqual(try domain("floppy").controllers, [DomainController(type: .fdc, index: 0)])
        XCTAssertTrue(try domain("client-devices").disks.isEmpty)
        assertInvalid("floppy0.present = \"true\"\n", key: "floppy0.fileType")
        assertInvalid("floppy0.present = \"true\"\nfloppy0.fileType = \"tape\"\n", key: "floppy0.fileType")
    }

    func testSharedFolders() throws {
        XCTAssertEqual(try domain("shared-folders").filesystems, [
            DomainFilesystem(source: "/srv/share", target: "share", readonly: false),
            DomainFilesystem(source: "/srv/ro", target: "ro", readonly: true),
        ])
        XCTAssertTrue(try convert("sharedFolder.maxNum = \"1\"\nsharedFolder0.present = \"true\"\n").filesystems.isEmpty)
        assertInvalid(
            "isolation.tools.hgfs.disable = \"false\"\nsharedFolder.maxNum = \"1\"\nsharedFolder0.present = \"true\"\nsharedFolder0.enabled = \"true\"\n",
            key: "sharedFolder0.hostPath")
        assertInvalid("isolation.tools.hgfs.disable = \"false\"\nsharedFolder.maxNum = \"99999\"\n", key: "sharedFolder.maxNum")
    }

    func testEthernet() throws {
        let interfaces = try domain("ethernet").interfaces
        XCTAssertEqual(interfaces.count, 6)
        XCTAssertEqual(interfaces.map(\.model), [.e1000, .vmxnet2, .vmxnet3, .vlance, .e1000e, nil])
        XCTAssertEqual(interfaces[0].connection, .bridge(network: "VM Network"))
        XCTAssertEqual(interfaces[0].mac?.description, "00:0c:29:aa:bb:cc")
        XCTAssertEqual(interfaces[0].macType, .generated)
        XCTAssertEqual(interfaces[0].address, PCIAddress(bus: 1, slot: 0))
        XCTAssertEqual(interfaces[1].targetDevice, "vmnet7")
        XCTAssertEqual(interfaces[1].macType, .static)
        XCTAssertEqual(interfaces[2].connection, .user)
        XCTAssertEqual(interfaces[2].macType, .generated)
        XCTAssertEqual(interfaces[3].macCheck, false)
        XCTAssertEqual(
            interfaces[4].connection,
            .vds(DistributedPort(
                switchID: try XCTUnwrap(DomainUUID("503426b2-94e9-3b16-1d68-87bfff4a5440")), portID: 5,
                portgroupID: "dvportgroup-1285", connectionID: 408_217_997)))
        XCTAssertEqual(interfaces[5].connection, .null)
        XCTAssertNil(interfaces[5].mac)
    }

    func testEthernetErrors() {
        assertInvalid("ethernet0.present = \"true\"\nethernet0.virtualDev = \"rtl8139\"\n", key: "ethernet0.virtualDev")
        assertInvalid("ethernet0.present = \"true\"\nethernet0.addressType = \"random\"\n", key: "ethernet0.addressType")
        assertInvalid(
            "ethernet0.present = \"true\"\nethernet0.generatedAddress = \"00:0c:29\"\n", key: "ethernet0.generatedAddress")
        assertInvalid("ethernet0.present = \"true\"\nethernet0.connectionType = \"hostonly\"\n", key: "ethernet0.connectionType")
        assertInvalid("ethernet0.present = \"true\"\nethernet0.connectionType = \"bridged\"\n", key: "ethernet0.networkName")
        assertInvalid(
            "ethernet0.present = \"true\"\nethernet0.connectionType = \"custom\"\nethernet0.networkName = \"x\"\n",
            key: "ethernet0.vnet")
        assertInvalid("ethernetX.present = \"true\"\n", key: "ethernetX.present")
        assertInvalid("ethernet0.present = \"true\"\nethernet0.dvs.switchId = \"nope\"\n", key: "ethernet0.dvs.switchId")
        assertInvalid("ethernet0.present = \"true\"\nethernet0.features = \"x\"\n", key: "ethernet0.features")
    }

    func testSerialAndParallel() throws {
        let domain = try domain("serial-parallel")
        XCTAssertEqual(domain.serials, [
            DomainCharDevice(port: 0, source: .device(path: "/dev/ttyS0")),
            DomainCharDevice(port: 1, source: .file(path: "[datastore1] web01/serial1.log")),
            DomainCharDevice(port: 2, source: .pipe(path: "serial2.pipe")),
            DomainCharDevice(
                port: 3, source: .tcp(TCPEndpoint(host: "0.0.0.0", service: "42001", listen: true, wireProtocol: .telnet))),
        ])
        XCTAssertEqual(domain.parallels, [
            DomainCharDevice(port: 0, source: .device(path: "/dev/parport0")),
            DomainCharDevice(port: 2, source: .file(path: "[datastore1] web01/parallel.out")),
        ])
        XCTAssertEqual(
            try self.domain("serial-client").serials.first?.source,
            .tcp(TCPEndpoint(host: "fe80::1", service: "7000", listen: false, wireProtocol: .tls)))
    }

    func testSerialAndParallelErrors() {
        assertInvalid("serial0.present = \"true\"\nserial0.fileType = \"usb\"\n", key: "serial0.fileType")
        assertInvalid("serial0.present = \"true\"\nserial0.fileType = \"file\"\n", key: "serial0.fileName")
        for uri in ["telnet://host", "host:23", "gopher://h:70", "tcp://h:0"] {
            assertInvalid(
                "serial0.present = \"true\"\nserial0.fileType = \"network\"\nserial0.fileName = \"\(uri)\"\n", key: "serial0.fileName")
        }
        assertInvalid(
            "serial0.present = \"true\"\nserial0.fileType = \"network\"\nserial0.fileName = \"tcp://h:1\"\nserial0.network.endPoint = \"both\"\n",
            key: "serial0.network.endPoint")
        assertInvalid("parallel0.present = \"true\"\nparallel0.fileType = \"pipe\"\nparallel0.fileName = \"p\"\n", key: "parallel0.fileType")
        assertInvalid("parallel0.present = \"true\"\nparallel0.fileName = \"p\"\n", key: "parallel0.fileType")
    }

    func testSVGAAndMetadata() throws {
        XCTAssertEqual(try domain("svga").videos, [DomainVideo(vramKiB: 8192)])
        assertInvalid("svga.vramSize = \"-5\"\n", key: "svga.vramSize")
        let config = try VMXParser.parse(Samples.vmx(""))
        let domain = try VMXToDomain(resolver: Samples.resolver, datacenterPath: "folder/dc", moref: "vm-7").convert(config)
        XCTAssertEqual(domain.vmware, VMwareMetadata(datacenterPath: "folder/dc", moref: "vm-7"))
    }

    func testCaseInsensitiveKeys() throws {
        let domain = try self.domain("mixed-case")
        XCTAssertEqual(domain.name, "Shouty")
        XCTAssertEqual(domain.memoryKiB, 65536)
    }
}
