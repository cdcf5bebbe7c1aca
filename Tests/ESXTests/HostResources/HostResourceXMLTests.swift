@testable import ESX
import VI
@testable import VMX
import XCTest

/// The XML formats of the node, interface, network and storage pool commands: parsed back with
/// libxml2 (VMX's reader), element order as libvirt writes it, and libvirt's conversions.
final class HostResourceXMLTests: XCTestCase {
    private func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> VMX.XMLElement {
        try XMLTree.parse(xml)
    }

    func testMD5MatchesRFC1321Vectors() {
        XCTAssertEqual(MD5.uuid(of: ""), "d41d8cd9-8f00-b204-e980-0998ecf8427e")
        XCTAssertEqual(MD5.uuid(of: "abc"), "90015098-3cd2-4fb0-d696-3f7d28e17f72")
        XCTAssertEqual(
            MD5.uuid(of: "12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a2-2be3-c955-ac49-da2e2107b67a")
        XCTAssertEqual(MD5.uuid(of: "key-vim.host.VirtualSwitch-vSwitch0"), HostNetwork.uuid(ofKey: "key-vim.host.VirtualSwitch-vSwitch0"))
    }

    func testLongModeFromCPUIDBit29OfEDX() throws {
        let on = HostCpuIdInfo(level: Int32(bitPattern: 0x8000_0001), edx: "0010:1000:0001:0000:0000:1000:0000:0000")
        let off = HostCpuIdInfo(level: Int32(bitPattern: 0x8000_0001), edx: "1101:0000:0000:0000:0000:0000:0000:0000")
        let other = HostCpuIdInfo(level: 1, edx: "0010:0000:0000:0000:0000:0000:0000:0000")
        XCTAssertTrue(try HostCapabilities.longMode(from: [other, on]))
        XCTAssertFalse(try HostCapabilities.longMode(from: [off]))
        XCTAssertThrowsError(try HostCapabilities.longMode(from: [other]))
        XCTAssertThrowsError(try HostCapabilities.longMode(from: [HostCpuIdInfo(level: Int32(bitPattern: 0x8000_0001), edx: "00x0:0000")]))
        XCTAssertThrowsError(try HostCapabilities.longMode(from: [
            HostCpuIdInfo(level: Int32(bitPattern: 0x8000_0001), edx: "00-0:0000:0000:0000:0000:0000:0000:0000")]))
    }

    func testCapabilitiesXML() throws {
        let xml = CapabilitiesXML.format(HostCapabilities(longMode: true, hostUUID: "e88d4d56-9f1e-3ea1-71fa-13a8e1a7fd70"))
        let root = try parse(xml)
        XCTAssertEqual(root.name, "capabilities")
        XCTAssertEqual(root.children.map(\.name), ["host", "guest", "guest"])
        let host = root.children[0]
        XCTAssertEqual(host.children.map(\.name), ["uuid", "cpu", "power_management", "iommu", "migration_features"])
        XCTAssertEqual(host.children[0].text, "e88d4d56-9f1e-3ea1-71fa-13a8e1a7fd70")
        XCTAssertEqual(host.children[1].children.first?.text, "x86_64")
        let migration = host.children[4]
        XCTAssertEqual(migration.children.map(\.name), ["live", "uri_transports"])
        XCTAssertEqual(migration.children[1].children.map(\.text), ["vpxmigr"])
        XCTAssertEqual(root.children[1].children.map(\.name), ["os_type", "arch"])
        XCTAssertEqual(root.children[1].children[1].attribute("name"), "i686")
        XCTAssertEqual(root.children[1].children[1].children.map(\.name), ["wordsize", "domain"])
        XCTAssertEqual(root.children[2].children[1].attribute("name"), "x86_64")
        XCTAssertEqual(root.children[2].children[1].children[1].attribute("type"), "vmware")

        let i686 = try parse(CapabilitiesXML.format(HostCapabilities(longMode: false, hostUUID: nil)))
        XCTAssertEqual(i686.children.map(\.name), ["host", "guest"])
        XCTAssertEqual(i686.children[0].children.first?.name, "cpu", "no <uuid> without a host UUID")
        XCTAssertEqual(i686.children[0].children.first?.children.first?.text, "i686")
        XCTAssertNil(HostCapabilities.normalizedUUID(""))
        XCTAssertNil(HostCapabilities.normalizedUUID("not-a-uuid"))
        XCTAssertEqual(HostCapabilities.normalizedUUID("E88D4D569F1E3EA171FA13A8E1A7FD70"), "e88d4d56-9f1e-3ea1-71fa-13a8e1a7fd70")
    }

    func testSysinfoXML() throws {
        let system = HostSystemInfo(vendor: "VMware, Inc.", model: "VMware <Virtual> Platform", uuid: "E88D4D56-9F1E-3EA1-71FA-13A8E1A7FD70",
            serialNumber: "SN-1")
        let bios = HostBIOSInfo(biosVersion: "6.00", releaseDate: Date(timeIntervalSince1970: 1_700_000_000), vendor: "Phoenix",
            majorRelease: 4, minorRelease: 6)
        let root = try parse(SysinfoXML.format(HostSysinfo(system: system, bios: bios)))
        XCTAssertEqual(root.attribute("type"), "smbios")
        XCTAssertEqual(root.children.map(\.name), ["bios", "system"])
        XCTAssertEqual(root.children[0].children.map { $0.attribute("name") ?? "" }, ["vendor", "version", "date", "release"])
        XCTAssertEqual(root.children[0].children.map(\.text), ["Phoenix", "6.00", "11/14/2023", "4.6"])
        XCTAssertEqual(root.children[1].children.map { $0.attribute("name") ?? "" }, ["manufacturer", "product", "serial", "uuid"])
        XCTAssertEqual(root.children[1].children[1].text, "VMware <Virtual> Platform", "escaped and parsed back")
        XCTAssertEqual(root.children[1].children[3].text, "e88d4d56-9f1e-3ea1-71fa-13a8e1a7fd70")
        let empty = try parse(SysinfoXML.format(HostSysinfo(system: nil, bios: nil)))
        XCTAssertTrue(empty.children.isEmpty)
    }

    func testCPUModelCleanedAsLibvirt() {
        XCTAssertEqual(ESXConnection.libvirtCPUModel("Intel(R) Xeon(R) CPU  E5-2680 0 @ 2.70GHz"), "Intel Xeon CPU E5-2680 0 @ 2.70")
        XCTAssertEqual(ESXConnection.libvirtCPUModel("AMD (TM) x"), "AMD  x", "a pair formed by a removal stays, as in libvirt")
        XCTAssertEqual(ESXConnection.libvirtCPUModel("a   b"), "a b")
    }

    private func nic(ip: HostIpConfig?, speed: Int32? = 10000) -> PhysicalNic {
        PhysicalNic(
            key: "key-vim.host.PhysicalNic-vmnic1", device: "vmnic1", pci: "0000:0b:00.0",
            linkSpeed: speed.map { PhysicalNicLinkInfo(speedMb: $0, duplex: true) }, spec: PhysicalNicSpec(ip: ip),
            mac: "00:50:56:AA:bb:01")
    }

    func testInterfaceXML() throws {
        let iface = try HostInterface(nic(ip: HostIpConfig(dhcp: false, ipAddress: "192.0.2.10", subnetMask: "255.255.255.0")))
        let root = try parse(InterfaceXML.format(iface))
        XCTAssertEqual(root.attribute("type"), "ethernet")
        XCTAssertEqual(root.attribute("name"), "vmnic1")
        XCTAssertEqual(root.children.map(\.name), ["start", "mac", "link", "protocol"])
        XCTAssertEqual(root.children[0].attribute("mode"), "onboot")
        XCTAssertEqual(root.children[1].attribute("address"), "00:50:56:AA:bb:01")
        XCTAssertEqual(root.children[2].attribute("speed"), "10000")
        XCTAssertEqual(root.children[2].attribute("state"), "up")
        XCTAssertEqual(root.children[3].attribute("family"), "ipv4")
        XCTAssertEqual(root.children[3].children.map(\.name), ["ip"])
        XCTAssertEqual(root.children[3].children[0].attribute("address"), "192.0.2.10")
        XCTAssertEqual(root.children[3].children[0].attribute("prefix"), "24")

        let dhcp = try HostInterface(nic(ip: HostIpConfig(dhcp: true, ipAddress: "10.1.2.3", subnetMask: "255.255.240.0"), speed: nil))
        let active = try parse(InterfaceXML.format(dhcp))
        XCTAssertEqual(active.children[2].attribute("state"), "down")
        XCTAssertNil(active.children[2].attribute("speed"))
        XCTAssertEqual(active.children[3].children.map(\.name), ["dhcp", "ip"])
        XCTAssertEqual(active.children[3].children[1].attribute("prefix"), "20")
        let inactive = try parse(InterfaceXML.format(dhcp, inactive: true))
        XCTAssertEqual(inactive.children[3].children.map(\.name), ["dhcp"], "--inactive drops a DHCP address")

        let none = try parse(InterfaceXML.format(try HostInterface(nic(ip: HostIpConfig(dhcp: false)))))
        XCTAssertEqual(none.children.map(\.name), ["start", "mac", "link"], "no protocol without DHCP or address")
        XCTAssertThrowsError(try HostInterface(nic(ip: HostIpConfig(dhcp: false, ipAddress: "192.0.2.1", subnetMask: "255.0.255.0"))))
        XCTAssertEqual(HostInterface.prefixLength(ofNetmask: "0.0.0.0"), 0)
        XCTAssertEqual(HostInterface.prefixLength(ofNetmask: "255.255.255.255"), 32)
        XCTAssertEqual(HostInterface.prefixLength(ofNetmask: "255.255.255.128"), 25)
        XCTAssertNil(HostInterface.prefixLength(ofNetmask: "255.255.256.0"))
        XCTAssertNil(HostInterface.prefixLength(ofNetmask: "255.255.0"))
    }

    func testBandwidthConversionAsLibvirt() {
        let shaping = HostNetworkTrafficShapingPolicy(enabled: true, averageBandwidth: 100_000_000, peakBandwidth: 200_000_007, burstSize: 1_048_575)
        let bandwidth = NetworkBandwidth(shaping: shaping)
        XCTAssertEqual(bandwidth, NetworkBandwidth(average: 12_500, peak: 25_000, burst: 1023), "bits/s ÷ 8 ÷ 1000, bytes ÷ 1024, truncated")
        XCTAssertNil(NetworkBandwidth(shaping: HostNetworkTrafficShapingPolicy(enabled: false, averageBandwidth: 8000)))
        XCTAssertNil(NetworkBandwidth(shaping: nil))
        let back = NetworkBandwidth(average: 12_500, peak: 0, burst: 1024).shapingPolicy
        XCTAssertEqual(back?.enabled, true)
        XCTAssertEqual(back?.averageBandwidth, 100_000_000)
        XCTAssertNil(back?.peakBandwidth)
        XCTAssertEqual(back?.burstSize, 1_048_576)
        XCTAssertNil(NetworkBandwidth(average: 0, peak: 0, burst: 0).shapingPolicy)
    }

    func testNetworkXML() throws {
        let shaping = HostNetworkTrafficShapingPolicy(enabled: true, averageBandwidth: 8_000_000, peakBandwidth: 16_000_000, burstSize: 102_400)
        let vswitch = HostVirtualSwitch(
            name: "vSwitch1", key: "key-vim.host.VirtualSwitch-vSwitch1", numPorts: 128, numPortsAvailable: 120,
            portgroup: ["pg-a", "pg-hidden", "pg-b"], pnic: ["nic-key"],
            spec: HostVirtualSwitchSpec(numPorts: 128, policy: HostNetworkPolicy(shapingPolicy: shaping)))
        let groups = [
            HostPortGroup(key: "pg-a", computedPolicy: HostNetworkPolicy(), spec: HostPortGroupSpec(
                name: "Web", vlanId: 10, vswitchName: "vSwitch1", policy: HostNetworkPolicy(shapingPolicy: shaping))),
            HostPortGroup(key: "pg-hidden", computedPolicy: HostNetworkPolicy(), spec: HostPortGroupSpec(
                name: "VMkernel", vlanId: 0, vswitchName: "vSwitch1", policy: HostNetworkPolicy())),
            HostPortGroup(key: "pg-b", computedPolicy: HostNetworkPolicy(), spec: HostPortGroupSpec(
                name: "DB & <Co>", vlanId: 0, vswitchName: "vSwitch1", policy: HostNetworkPolicy())),
        ]
        let nics = [PhysicalNic(key: "nic-key", device: "vmnic1", pci: "0000:0c:00.0", spec: PhysicalNicSpec())]
        let network = try HostNetwork(vswitch, nics: nics, portGroups: groups, networkNames: ["Web", "DB & <Co>"])
        XCTAssertEqual(network.uuid, MD5.uuid(of: "key-vim.host.VirtualSwitch-vSwitch1"))
        let root = try parse(NetworkXML.format(network))
        XCTAssertEqual(root.children.map(\.name), ["name", "uuid", "forward", "bandwidth", "portgroup", "portgroup"])
        XCTAssertEqual(root.children[1].text, network.uuid)
        XCTAssertEqual(root.children[2].attribute("mode"), "bridge")
        XCTAssertEqual(root.children[2].attribute("dev"), "vmnic1")
        XCTAssertEqual(root.children[2].children.map { $0.attribute("dev") ?? "" }, ["vmnic1"])
        XCTAssertEqual(root.children[3].children.map(\.name), ["inbound", "outbound"])
        XCTAssertEqual(root.children[3].children[0].attribute("average"), "1000")
        XCTAssertEqual(root.children[3].children[1].attribute("peak"), "2000")
        XCTAssertEqual(root.children[3].children[1].attribute("burst"), "100")
        XCTAssertEqual(root.children[4].attribute("name"), "Web")
        XCTAssertEqual(root.children[4].children.map(\.name), ["bandwidth"])
        XCTAssertEqual(root.children[5].attribute("name"), "DB & <Co>", "port group without a network left out; names escaped")
        XCTAssertTrue(root.children[5].children.isEmpty)

        let isolated = HostVirtualSwitch(name: "internal", key: "k2", numPorts: 8, numPortsAvailable: 8, spec: HostVirtualSwitchSpec(numPorts: 8))
        let plain = try parse(NetworkXML.format(try HostNetwork(isolated, nics: [], portGroups: [], networkNames: [])))
        XCTAssertEqual(plain.children.map(\.name), ["name", "uuid"], "no forward for a switch without NICs")
        XCTAssertThrowsError(try HostNetwork(
            HostVirtualSwitch(name: "x", key: "k", numPorts: 1, numPortsAvailable: 1, pnic: ["missing"], spec: HostVirtualSwitchSpec(numPorts: 1)),
            nics: [], portGroups: [], networkNames: []))
    }

    func testStoragePoolXML() throws {
        let host = ManagedObjectReference(type: "HostSystem", value: "host-1")
        let summary = DatastoreSummary(name: "nfs1", url: "ds:///vmfs/volumes/abc/", capacity: 1000, freeSpace: 400, accessible: true, type: "NFS")
        let nas = NasDatastoreInfo(name: "nfs1", url: "ds:///vmfs/volumes/abc/", freeSpace: 400, maxFileSize: 100,
            nas: HostNasVolume(type: "NFS", name: "nfs1", capacity: 1000, remoteHost: "filer.example", remotePath: "/export/vm"))
        let mount = DatastoreHostMount(key: HostSystem(host), mountInfo: HostMountInfo(path: "/vmfs/volumes/abc", accessMode: "readWrite"))
        let pool = StoragePool(moref: "ds-1", summary: summary, info: nas, mounts: [mount], host: host)
        XCTAssertEqual(pool.uuid, MD5.uuid(of: "/vmfs/volumes/abc"))
        XCTAssertEqual(pool.allocation, 600)
        let root = try parse(try StoragePoolXML.format(pool))
        XCTAssertEqual(root.attribute("type"), "netfs")
        XCTAssertEqual(root.children.map(\.name), ["name", "uuid", "capacity", "allocation", "available", "source", "target"])
        XCTAssertEqual(root.children[2].attribute("unit"), "bytes")
        XCTAssertEqual(root.children[2...4].map(\.text), ["1000", "600", "400"])
        XCTAssertEqual(root.children[5].children.map(\.name), ["host", "dir", "format"])
        XCTAssertEqual(root.children[5].children[0].attribute("name"), "filer.example")
        XCTAssertEqual(root.children[5].children[1].attribute("path"), "/export/vm")
        XCTAssertEqual(root.children[5].children[2].attribute("type"), "nfs")
        XCTAssertEqual(root.children[6].children.first?.text, "/vmfs/volumes/abc")

        // A local datastore without a mount path (the simulator's): no crash, UUID from the URL.
        let local = LocalDatastoreInfo(name: "LocalDS_0", url: "/tmp/ds0", freeSpace: 1, maxFileSize: 1, path: "/tmp/ds0")
        let bare = DatastoreHostMount(key: HostSystem(host), mountInfo: HostMountInfo(accessMode: "readWrite"))
        let localPool = StoragePool(moref: "ds-2", summary: DatastoreSummary(name: "LocalDS_0", url: "/tmp/ds0", capacity: 10,
            freeSpace: 4, accessible: false, type: "OTHER"), info: local, mounts: [bare], host: host)
        XCTAssertEqual(localPool.uuid, MD5.uuid(of: "/tmp/ds0"))
        XCTAssertEqual(localPool.state, "inaccessible")
        let localRoot = try parse(try StoragePoolXML.format(localPool))
        XCTAssertEqual(localRoot.attribute("type"), "dir")
        XCTAssertEqual(localRoot.children[2...4].map(\.text), ["0", "0", "0"], "sizes are 0 when inaccessible")
        XCTAssertTrue(localRoot.children[5].children.isEmpty)
        XCTAssertEqual(localRoot.children[6].children.first?.text, "/tmp/ds0")

        let vmfs = StoragePool(moref: "ds-3", summary: summary, info: VmfsDatastoreInfo(name: "v", url: "u", freeSpace: 1, maxFileSize: 1),
            mounts: [], host: host)
        let vmfsRoot = try parse(try StoragePoolXML.format(vmfs))
        XCTAssertEqual(vmfsRoot.attribute("type"), "fs")
        XCTAssertEqual(vmfsRoot.children[5].children.first?.attribute("type"), "vmfs")
        XCTAssertThrowsError(try StoragePoolXML.format(StoragePool(moref: "x", summary: summary, info: nil, mounts: [], host: host)))
    }
}
