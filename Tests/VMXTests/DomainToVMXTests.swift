import VMX
import XCTest

/// Domain XML → VMX, per key family and error case.
final class DomainToVMXTests: XCTestCase {
    static let head = "<domain type='vmware'><name>t</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os>"

    func vmx(_ devices: String = "", extra: String = "", hardware: Int = 7) throws -> VMXConfig {
        let xml = Self.head + extra + "<devices>" + devices + "</devices></domain>"
        return try DomainToVMX(resolver: OfflineFileNameResolver(), virtualHardwareVersion: hardware)
            .convert(try DomainXML.parse(xml))
    }

    func assertUnsupported(
        _ devices: String, extra: String = "", element: String, hardware: Int = 7, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertThrowsError(try vmx(devices, extra: extra, hardware: hardware), file: file, line: line) { error in
            guard case VMXError.unsupported(let reported, _)? = error as? VMXError else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(reported, element, "\(error)", file: file, line: line)
        }
    }

    func testHeaderAndDefaults() throws {
        let config = try vmx()
        XCTAssertEqual(
            try VMXFormatter.format(config),
            """
            .encoding = "UTF-8"
            config.version = "8"
            virtualHW.version = "7"
            guestOS = "other-64"
            uuid.action = "create"
            displayName = "t"
            memsize = "64"
            numvcpus = "1"
            floppy0.present = "false"
            floppy1.present = "false"
            vmci0.present = "true"

            """)
        XCTAssertNil(try vmx(hardware: 4)["vmci0.present"])
    }

    func testIdentityMemoryAndCPU() throws {
        let config = try vmx(
            extra: """
                <uuid>421f0a9b-33c2-71de-8801-5c4eaa10beef</uuid><description>a|b</description>
                <currentMemory unit='MiB'>33</currentMemory><memtune><min_guarantee unit='KiB'>100</min_guarantee></memtune>
                <vcpu cpuset='0-2,5'>4</vcpu><cputune><shares>2000</shares></cputune>
                <cpu><topology sockets='2' dies='1' cores='2' threads='1'/></cpu>
                """)
        XCTAssertEqual(config["uuid.bios"], "42 1f 0a 9b 33 c2 71 de-88 01 5c 4e aa 10 be ef")
        XCTAssertEqual(config["annotation"], "a|7cb")
        XCTAssertEqual(config["sched.mem.max"], "33")
        XCTAssertEqual(config["sched.mem.minsize"], "1")
        XCTAssertEqual(config["numvcpus"], "4")
        XCTAssertEqual(config["cpuid.coresPerSocket"], "2")
        XCTAssertEqual(config["sched.cpu.affinity"], "0,1,2,5")
        XCTAssertEqual(config["sched.cpu.shares"], "low")
        let name = try DomainToVMX(resolver: OfflineFileNameResolver()).convert(
            try DomainXML.parse("<domain type='vmware'><name>50%/a|b\"</name><memory>1</memory><os><type>hvm</type></os></domain>"))
        XCTAssertEqual(name["displayName"], "50%25%2fa|7cb|22")
        XCTAssertEqual(name["memsize"], "4", "rounded up to 4 MiB")
        XCTAssertEqual(name["guestOS"], "other")
    }

    func testProcessorErrors() {
        assertUnsupported("", extra: "<vcpu current='1'>2</vcpu>", element: "vcpu")
        assertUnsupported("", extra: "<vcpu cpuset='1'>2</vcpu>", element: "vcpu")
        assertUnsupported("", extra: "<vcpu>4</vcpu><cpu><topology sockets='2' cores='2' threads='2'/></cpu>", element: "topology")
        assertUnsupported("", extra: "<vcpu>4</vcpu><cpu><topology sockets='3' cores='2' threads='1'/></cpu>", element: "topology")
        assertUnsupported(
            "", extra: "<vcpu>4</vcpu><cpu><topology sockets='1' dies='2' cores='2' threads='1'/></cpu>", element: "topology")
        var unnamed = DomainDefinition()
        XCTAssertNil(try DomainToVMX(resolver: OfflineFileNameResolver()).convert(unnamed)["displayName"])
        unnamed.name = ""
        XCTAssertThrowsError(try DomainToVMX(resolver: OfflineFileNameResolver()).convert(unnamed)) {
            XCTAssertEqual(($0 as? VMXError).map { if case .unsupported("name", _) = $0 { true } else { false } }, true)
        }
        var kvm = DomainDefinition()
        kvm.name = "x"
        kvm.virtType = "kvm"
        XCTAssertThrowsError(try DomainToVMX(resolver: OfflineFileNameResolver()).convert(kvm))
        XCTAssertThrowsError(try DomainToVMX(resolver: OfflineFileNameResolver(), virtualHardwareVersion: 3).convert(kvm))
    }

    func testOSFirmwareAndVNC() throws {
        let config = try vmx(
            "<graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0' keymap='us' passwd='pw'/>",
            extra: "")
        XCTAssertEqual(config["RemoteDisplay.vnc.port"], "5901")
        XCTAssertEqual(config["RemoteDisplay.vnc.ip"], "0.0.0.0")
        XCTAssertEqual(config["RemoteDisplay.vnc.password"], "pw")
        XCTAssertNil(try vmx("<graphics type='vnc' autoport='yes'/>")["RemoteDisplay.vnc.port"])
        assertUnsupported("<graphics type='vnc'/><graphics type='vnc'/>", element: "graphics")
        let efi = try DomainToVMX(resolver: OfflineFileNameResolver()).convert(try DomainXML.parse(
            "<domain type='vmware'><name>e</name><memory>4096</memory><os firmware='efi'><type>hvm</type><smbios mode='host'/></os></domain>"))
        XCTAssertEqual(efi["firmware"], "efi")
        XCTAssertEqual(efi["smbios.reflecthost"], "true")
        XCTAssertThrowsError(try DomainToVMX(resolver: OfflineFileNameResolver()).convert(try DomainXML.parse(
            "<domain type='vmware'><name>e</name><memory>4096</memory><os><type>hvm</type><smbios mode='sysinfo'/></os></domain>")))
    }

    func testDisksAndControllers() throws {
        let config = try vmx("""
            <disk type='file' device='disk'><source file='[ds1] vm/a.vmdk'/><target dev='sda' bus='scsi'/></disk>
            <disk type='file' device='disk'><driver cache='writethrough'/><source file='/abs/b.vmdk'/>
              <target dev='sdp' bus='scsi'/><transient/></disk>
            <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>
            <disk type='block' device='lun'><source startupPolicy='optional'/><target dev='hdd'/></disk>
            <disk type='block' device='floppy'><source dev='/dev/fd0'/><target dev='fdb'/></disk>
            <disk type='file' device='disk'><source file='[ds1] vm/n.vmdk'/><target dev='nvme1n2' bus='nvme'/></disk>
            <disk type='file' device='cdrom'><source file='[isos] x.iso'/><target dev='sdb' bus='sata'/>
              <address type='drive' controller='0' bus='0' target='0' unit='1'/></disk>
            <controller type='scsi' index='0' model='auto'/>
            <controller type='scsi' index='2' model='vmpvscsi'>
              <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'/></controller>
            <controller type='ide' index='0'/>
            """)
        XCTAssertEqual(config["scsi0.virtualDev"], "lsilogic", "auto")
        XCTAssertEqual(config["scsi1.present"], "true")
        XCTAssertNil(config["scsi1.virtualDev"])
        XCTAssertEqual(config["scsi2.virtualDev"], "pvscsi")
        XCTAssertEqual(config["scsi2.pciSlotNumber"], "1184")
        XCTAssertEqual(config["scsi0:0.fileName"], "/vmfs/volumes/ds1/vm/a.vmdk")
        XCTAssertEqual(config["scsi0:0.deviceType"], "scsi-hardDisk")
        XCTAssertEqual(config["scsi1:0.fileName"], "/abs/b.vmdk")
        XCTAssertEqual(config["scsi1:0.writeThrough"], "true")
        XCTAssertEqual(config["scsi1:0.mode"], "independent-nonpersistent")
        XCTAssertEqual(config["ide1:0.fileName"], "emptyBackingString")
        XCTAssertEqual(config["ide1:1.deviceType"], "cdrom-raw")
        XCTAssertEqual(config["ide1:1.fileName"], "auto detect")
        XCTAssertEqual(config["floppy1.fileType"], "device")
        XCTAssertEqual(config["floppy0.present"], "false")
        XCTAssertEqual(config["nvme1.present"], "true")
        XCTAssertEqual(config["nvme1:1.fileName"], "/vmfs/volumes/ds1/vm/n.vmdk")
        XCTAssertEqual(config["sata0:1.deviceType"], "cdrom-image")
        XCTAssertEqual(config["sata0:1.fileName"], "/vmfs/volumes/isos/x.iso")
        XCTAssertEqual(config["pciBridge4.virtualDev"], "pcieRootPort")
    }

    func testWideSCSIFromHardware13() throws {
        let disk = "<disk type='file' device='disk'><source file='/a.vmdk'/><target dev='sdbl' bus='scsi'/>"
            + "<address type='drive' controller='0' bus='0' target='0' unit='64'/></disk>"
        XCTAssertEqual(try vmx(disk, hardware: 13)["scsi0:64.fileName"], "/a.vmdk")
        assertUnsupported(disk, element: "address")
    }

    func testDiskErrors() {
        let file = "<source file='/a.vmdk'/>"
        assertUnsupported("<disk type='file' device='disk'>\(file)<target dev='sda' bus='scsi'/>"
            + "<address type='drive' controller='1' bus='0' target='0' unit='0'/></disk>", element: "address")
        assertUnsupported("<disk type='file' device='disk'><source file='/a.img'/><target dev='sda'/></disk>", element: "disk")
        assertUnsupported("<disk type='file' device='disk'><target dev='sda'/></disk>", element: "disk")
        assertUnsupported("<disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='sda'/></disk>", element: "disk")
        assertUnsupported("<disk type='file' device='disk'>\(file)<target dev='sdz9'/></disk>", element: "target")
        assertUnsupported("<disk type='file' device='disk'>\(file)<target dev='sdbm'/></disk>", element: "address")
        assertUnsupported("<disk type='file' device='disk'>\(file)<target dev='hde'/></disk>", element: "address")
        assertUnsupported("<disk type='file' device='floppy'>\(file)<target dev='fdc'/></disk>", element: "address")
        assertUnsupported("<disk type='file' device='cdrom'><target dev='nvme0n1'/></disk>", element: "disk")
        assertUnsupported("<disk type='file' device='floppy'><target dev='sda'/></disk>", element: "disk")
        assertUnsupported(
            "<disk type='file' device='disk'>\(file)<target dev='sda'/></disk><disk type='file' device='disk'>\(file)"
                + "<target dev='sdb'/><address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>",
            element: "address")
        assertUnsupported(
            "<disk type='file' device='disk'>\(file)<target dev='sda'/></disk><disk type='file' device='disk'>\(file)"
                + "<target dev='sda'/></disk>", element: "disk")
        assertUnsupported("<disk type='file' device='disk'>\(file)<target dev='sda'/><readonly/></disk>", element: "disk")
        assertUnsupported("<controller type='scsi' index='4'/>", element: "controller")
        assertUnsupported("<controller type='scsi' index='0'/><controller type='scsi' index='0'/>", element: "controller")
        assertUnsupported("<controller type='ide' index='1'/>", element: "controller")
        XCTAssertThrowsError(try vmx("<disk type='file' device='disk'><source file='relative.vmdk'/><target dev='sda'/></disk>")) {
            guard case VMXError.unresolvableFileName? = $0 as? VMXError else { return XCTFail("\($0)") }
        }
    }

    func testEthernetAddressRanges() throws {
        func keys(_ mac: String, _ extra: String = "") throws -> [String: String] {
            let config = try vmx(
                "<interface type='bridge'><mac address='\(mac)'\(extra)/><source bridge='VM Network'/><model type='vmxnet2'/></interface>")
            return Dictionary(uniqueKeysWithValues: config.entries.filter { $0.key.hasPrefix("ethernet0.") }.map {
                (String($0.key.dropFirst(10)), $0.value)
            })
        }
        let generated = try keys("00:0c:29:01:02:03")
        XCTAssertEqual(generated["addressType"], "generated")
        XCTAssertEqual(generated["generatedAddressOffset"], "0")
        XCTAssertEqual(generated["virtualDev"], "vmxnet")
        XCTAssertEqual(generated["features"], "15")
        XCTAssertEqual(generated["connectionType"], "bridged")
        XCTAssertEqual(try keys("00:50:56:3f:ff:ff")["addressType"], "static")
        let vpx = try keys("00:50:56:80:00:00")
        XCTAssertEqual(vpx["addressType"], "vpx")
        XCTAssertNil(vpx["generatedAddressOffset"])
        XCTAssertEqual(try keys("00:50:56:40:00:00")["checkMACAddress"], "false")
        let other = try keys("52:54:00:00:00:01")
        XCTAssertEqual(other["addressType"], "static")
        XCTAssertEqual(other["address"], "52:54:00:00:00:01")
        XCTAssertEqual(other["checkMACAddress"], "false")
        XCTAssertNil(try keys("52:54:00:00:00:01", " type='generated'")["checkMACAddress"])
        XCTAssertEqual(try keys("52:54:00:00:00:01", " type='generated' check='yes'")["checkMACAddress"], "true")
        XCTAssertEqual(try keys("00:0c:29:01:02:03", " type='static'")["addressType"], "static")
    }

    func testEthernetConnections() throws {
        let config = try vmx("""
            <interface type='bridge'><source bridge='Lab'/><target dev='vmnet3'/></interface>
            <interface type='user'><model type='e1000e'/></interface>
            <interface type='null'/>
            <interface type='vds'><source switchid='503426b2-94e9-3b16-1d68-87bfff4a5440' portgroupid='pg'/>
              <address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0'/></interface>
            """)
        XCTAssertEqual(config["ethernet0.connectionType"], "custom")
        XCTAssertEqual(config["ethernet0.vnet"], "vmnet3")
        XCTAssertEqual(config["ethernet0.addressType"], "generated")
        XCTAssertEqual(config["ethernet1.connectionType"], "nat")
        XCTAssertNil(config["ethernet2.connectionType"])
        XCTAssertEqual(config["ethernet3.dvs.switchId"], "50 34 26 b2 94 e9 3b 16-1d 68 87 bf ff 4a 54 40")
        XCTAssertEqual(config["ethernet3.dvs.portgroupId"], "pg")
        XCTAssertNil(config["ethernet3.dvs.portId"])
        XCTAssertEqual(config["ethernet3.pciSlotNumber"], "192")
        let five = String(repeating: "<interface type='null'/>", count: 5)
        assertUnsupported(five, element: "interface", hardware: 4)
        XCTAssertNoThrow(try vmx(five, hardware: 7))
        assertUnsupported(
            "<interface type='null'><address type='pci' domain='0x0001' bus='0x00' slot='0x00' function='0x0'/></interface>",
            element: "interface")
    }

    func testPortsFoldersAndVideo() throws {
        let config = try vmx("""
            <filesystem type='mount'><source dir='/h'/><target dir='g'/><readonly/></filesystem>
            <serial type='pipe'><source path='p'/><target port='1'/></serial>
            <serial type='tcp'><source mode='connect' host='::1' service='23'/><protocol type='telnets'/><target port='0'/></serial>
            <serial type='file'><source path='[ds] log'/><target port='2'/></serial>
            <parallel type='file'><source path='/tmp/lp'/><target port='0'/></parallel>
            <video><model type='vmvga' vram='100'/></video>
            """)
        XCTAssertEqual(config["sharedFolder.maxNum"], "1")
        XCTAssertEqual(config["sharedFolder0.writeAccess"], "false")
        XCTAssertEqual(config["serial1.pipe.endPoint"], "client")
        XCTAssertEqual(config["serial0.fileName"], "telnets://[::1]:23")
        XCTAssertEqual(config["serial0.network.endPoint"], "client")
        XCTAssertEqual(config["serial2.fileName"], "/vmfs/volumes/ds/log")
        XCTAssertEqual(config["parallel0.fileName"], "/tmp/lp")
        XCTAssertEqual(config["svga.vramSize"], "131072", "rounded up to 64 KiB")
        assertUnsupported("<video><model type='vmvga' heads='2'/></video>", element: "model")
        assertUnsupported("<video><model type='vmvga'/></video><video><model type='vmvga'/></video>", element: "video")
        assertUnsupported(
            "<serial type='dev'><source path='a'/><target port='0'/></serial><serial type='dev'><source path='b'/><target port='0'/></serial>",
            element: "serial")
    }
}
