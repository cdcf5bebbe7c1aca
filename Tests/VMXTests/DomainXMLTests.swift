import VMX
import XCTest

/// Domain XML printing (libvirt's order and indentation) and strict reading.
final class DomainXMLTests: XCTestCase {
    func testPrintsLikeVirshDumpxml() throws {
        let vmx = Samples.vmx("""
            uuid.bios = "42 1f 0a 9b 33 c2 71 de-88 01 5c 4e aa 10 be ef"
            displayName = "a<b>&'c'"
            memsize = "64"
            numvcpus = "2"
            cpuid.coresPerSocket = "2"
            sched.cpu.shares = "normal"
            guestOS = "other-64"
            RemoteDisplay.vnc.enabled = "true"
            scsi0.present = "true"
            scsi0.virtualDev = "lsisas1068"
            scsi0.pciSlotNumber = "160"
            scsi0:0.present = "true"
            scsi0:0.fileName = "disk.vmdk"
            ide0:0.present = "true"
            ide0:0.deviceType = "cdrom-image"
            ide0:0.fileName = "emptyBackingString"
            ethernet0.present = "true"
            ethernet0.networkName = "VM Network"
            ethernet0.addressType = "vpx"
            ethernet0.generatedAddress = "00:50:56:a5:b8:68"
            serial0.present = "true"
            serial0.fileType = "pipe"
            serial0.fileName = "com1"
            """)
        let domain = try VMXToDomain(resolver: Samples.resolver, datacenterPath: "dc", moref: "vm-1")
            .convert(try VMXParser.parse(vmx))
        XCTAssertEqual(
            DomainXML.format(domain),
            """
            <domain type='vmware' xmlns:vmware='http://libvirt.org/schemas/domain/vmware/1.0'>
              <name>a&lt;b&gt;&amp;&apos;c&apos;</name>
              <uuid>421f0a9b-33c2-71de-8801-5c4eaa10beef</uuid>
              <memory unit='KiB'>65536</memory>
              <currentMemory unit='KiB'>65536</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <cputune>
                <shares>2000</shares>
              </cputune>
              <os>
                <type arch='x86_64'>hvm</type>
              </os>
              <cpu>
                <topology sockets='1' dies='1' clusters='1' cores='2' threads='1'/>
              </cpu>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='[datastore1] web01/disk.vmdk'/>
                  <target dev='sda' bus='scsi'/>
                  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <target dev='hda' bus='ide'/>
                  <readonly/>
                  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
                </disk>
                <controller type='ide' index='0'/>
                <controller type='scsi' index='0' model='lsisas1068'>
                  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
                </controller>
                <interface type='bridge'>
                  <mac address='00:50:56:a5:b8:68' type='generated'/>
                  <source bridge='VM Network'/>
                </interface>
                <serial type='pipe'>
                  <source path='com1'/>
                  <target port='0'/>
                </serial>
                <console type='pipe'>
                  <source path='com1'/>
                  <target type='serial' port='0'/>
                </console>
                <graphics type='vnc' port='-1' autoport='yes'>
                  <listen type='address'/>
                </graphics>
                <video>
                  <model type='vmvga' vram='4096' primary='yes'/>
                </video>
              </devices>
              <vmware:datacenterpath>dc</vmware:datacenterpath>
              <vmware:moref>vm-1</vmware:moref>
            </domain>

            """)
        XCTAssertEqual(try DomainXML.parse(DomainXML.format(domain)), domain)
    }

    func testReadsUnitsAndDefaults() throws {
        let domain = try DomainXML.parse("""
            <domain type='vmware' id='3'>
              <name>x</name>
              <memory unit='GiB'>1</memory>
              <currentMemory unit='MB'>1</currentMemory>
              <os><type>hvm</type></os>
              <devices>
                <disk device='disk'><source file='[d] a.vmdk'/><target dev='sdb'/></disk>
                <graphics type='vnc' port='5900'/>
              </devices>
            </domain>
            """)
        XCTAssertEqual(domain.memoryKiB, 1_048_576)
        XCTAssertEqual(domain.currentMemoryKiB, 977)
        XCTAssertEqual(domain.disks.first?.bus, .scsi)
        XCTAssertEqual(domain.disks.first?.type, .file)
        XCTAssertEqual(domain.graphics, [DomainGraphics(port: 5900, autoport: false)])
    }

    func assertError(_ xml: String, _ expected: DomainXMLError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try DomainXML.parse(xml), file: file, line: line) { error in
            XCTAssertEqual(error as? DomainXMLError, expected, file: file, line: line)
        }
    }

    static let os = "<memory>1024</memory><os><type>hvm</type></os>"

    func testUnknownElementsAndAttributesAreErrors() {
        assertError(
            "<domain type='vmware'>\(Self.os)\n<features><acpi/></features></domain>",
            .unknownElement(name: "features", parent: "domain", line: 2))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices>\n\n<sound model='es1370'/></devices></domain>",
            .unknownElement(name: "sound", parent: "devices", line: 3))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><disk type='file'><driver name='qemu'/><target dev='sda'/></disk></devices></domain>",
            .unknownAttribute(name: "name", element: "driver", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><disk><target dev='sda'/><boot order='1'/></disk></devices></domain>",
            .unknownElement(name: "boot", parent: "disk", line: 1))
        assertError(
            "<domain type='vmware'>\n<memory>1</memory>\n<features/>\n</domain>",
            .unknownElement(name: "features", parent: "domain", line: 3))
        assertError("<domain type='vmware' foo='1'>\(Self.os)</domain>", .unknownAttribute(name: "foo", element: "domain", line: 1))
        assertError("<machine/>", .unknownElement(name: "machine", parent: "document", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<other:moref xmlns:other='urn:x'>m</other:moref></domain>",
            .unknownElement(name: "other:moref", parent: "domain", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<vmware:moref xmlns:vmware='urn:wrong'>m</vmware:moref></domain>",
            .unknownElement(name: "vmware:moref", parent: "domain", line: 1))
    }

    func testMissingDuplicateAndInvalidValues() {
        assertError("<domain>\(Self.os)</domain>", .missingAttribute(name: "type", element: "domain", line: 1))
        assertError("<domain type='vmware'><os><type>hvm</type></os></domain>", .missingElement(name: "memory", parent: "domain", line: 1))
        assertError(
            "<domain type='vmware'><name>a</name><name>b</name>\(Self.os)</domain>",
            .duplicateElement(name: "name", parent: "domain", line: 1))
        assertError(
            "<domain type='vmware'><memory unit='parsec'>1</memory><os><type>hvm</type></os></domain>",
            .invalidValue(element: "memory", attribute: "unit", value: "parsec", expected: "a libvirt memory unit such as 'KiB' or 'MiB'", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<uuid>nope</uuid></domain>",
            .invalidValue(element: "uuid", attribute: nil, value: "nope", expected: "a UUID", line: 1))
        assertError(
            "<domain type='vmware'><memory>1</memory><os><type arch='ppc64'>hvm</type></os></domain>",
            .invalidValue(element: "type", attribute: "arch", value: "ppc64", expected: "'i686' or 'x86_64'", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices>text</devices></domain>",
            .invalidValue(element: "devices", attribute: nil, value: "text", expected: "empty (no text)", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><interface type='bridge'><mac address='zz'/><source bridge='b'/></interface></devices></domain>",
            .invalidValue(element: "mac", attribute: "address", value: "zz", expected: "a MAC address", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><controller type='sata' model='ahci'/></devices></domain>",
            .invalidValue(element: "controller", attribute: "model", value: "ahci", expected: "absent for a 'sata' controller", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><interface type='network'/></devices></domain>",
            .invalidValue(element: "interface", attribute: "type", value: "network", expected: "'bridge', 'user', 'null' or 'vds'", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><console type='pty'><target type='serial' port='0'/></console></devices></domain>",
            .missingElement(name: "source", parent: "serial", line: 1))
        assertError(
            "<domain type='vmware'>\(Self.os)<devices><console type='dev'><source path='/x'/><target port='0'/></console></devices></domain>",
            .unknownElement(name: "console", parent: "devices", line: 1))
    }

    func testMalformedInputIsTyped() {
        for text in ["", "<domain", "<domain type='vmware'></dom>", "<!DOCTYPE domain [<!ENTITY x 'y'>]><domain type='vmware'>&x;</domain>",
            "<a/><b/>", String(repeating: "<a>", count: 100)]
        {
            XCTAssertThrowsError(try DomainXML.parse(text), text) { error in
                guard case DomainXMLError.malformed = error else { return XCTFail("\(text): \(error)") }
            }
        }
    }
}
