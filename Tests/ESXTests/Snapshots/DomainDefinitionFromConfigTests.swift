import ESX
import Foundation
import VI
import VMX
import XCTest

/// The mapping from `config` properties to a domain definition, offline.
final class DomainDefinitionFromConfigTests: XCTestCase {
    func testDevicesIdentityAndArch() throws {
        let devices: [any VirtualDeviceProtocol] = [
            VirtualIDEController(key: 200, busNumber: 1),
            VirtualLsiLogicController(key: 1000, busNumber: 0, sharedBus: .noSharing),
            VirtualDisk(
                key: 2000,
                backing: VirtualDiskFlatVer2BackingInfo(fileName: "[ds1] web/web.vmdk", diskMode: "persistent"),
                controllerKey: 1000, unitNumber: 8, capacityInKB: 1024),
            VirtualCdrom(key: 3000, backing: VirtualCdromIsoBackingInfo(fileName: "[iso] linux.iso"), controllerKey: 200, unitNumber: 0),
            VirtualE1000(
                key: 4000, backing: VirtualEthernetCardNetworkBackingInfo(deviceName: "VM Network"),
                slotInfo: VirtualDevicePciBusSlotInfo(pciSlotNumber: 32), addressType: "manual",
                macAddress: "00:50:56:01:02:03"),
        ]
        let input = DomainDefinitionFromConfig.Input(
            name: "web", uuid: "564d22c7-040d-9e93-634c-772624c763f5", annotation: "notes", memoryMB: 2048, numCPU: 4,
            coresPerSocket: 2, guestId: "ubuntu64Guest", firmware: "efi", devices: devices,
            datacenterPath: "dc1", moref: "vm-7")
        let domain = DomainDefinitionFromConfig().definition(input)
        XCTAssertEqual(domain.name, "web")
        XCTAssertEqual(domain.uuid.description, "564d22c7-040d-9e93-634c-772624c763f5")
        XCTAssertEqual(domain.description, "notes")
        XCTAssertEqual(domain.memoryKiB, 2048 * 1024)
        XCTAssertEqual(domain.vcpus, 4)
        XCTAssertEqual(domain.cpuTopology, CPUTopology(sockets: 2, cores: 2))
        XCTAssertEqual(domain.os.arch, .x86_64)
        XCTAssertEqual(domain.os.firmware, .efi)
        XCTAssertEqual(domain.vmware, VMwareMetadata(datacenterPath: "dc1", moref: "vm-7"))
        XCTAssertEqual(domain.controllers.map(\.type), [.ide, .scsi])
        XCTAssertEqual(domain.controllers.last?.model, .lsilogic)

        XCTAssertEqual(domain.disks.count, 2)
        XCTAssertEqual(domain.disks[0].source, "[ds1] web/web.vmdk")
        XCTAssertEqual(domain.disks[0].target, "sdh", "unit 8 follows the skipped unit 7")
        XCTAssertEqual(domain.disks[1].device, .cdrom)
        XCTAssertEqual(domain.disks[1].target, "hdc")
        XCTAssertTrue(domain.disks[1].readonly)

        let nic = try XCTUnwrap(domain.interfaces.first)
        XCTAssertEqual(nic.connection, .bridge(network: "VM Network"))
        XCTAssertEqual(nic.mac?.description, "00:50:56:01:02:03")
        XCTAssertEqual(nic.macType, .static)
        XCTAssertEqual(nic.model, .e1000)
        XCTAssertEqual(nic.address, PCIAddress(vmwareSlotNumber: 32))

        // The XML writer and reader agree on the result.
        let parsed = try DomainXML.parse(DomainXML.format(domain))
        XCTAssertEqual(parsed.name, "web")
        XCTAssertEqual(parsed.disks.map(\.source), domain.disks.map(\.source))
    }

    func testThirtyTwoBitGuestAndDefaults() {
        let domain = DomainDefinitionFromConfig().definition(.init(name: "old", memoryMB: 256, numCPU: 1, guestId: "winXPProGuest"))
        XCTAssertEqual(domain.os.arch, .i686)
        XCTAssertEqual(domain.uuid, .zero)
        XCTAssertNil(domain.description)
        XCTAssertNil(domain.cpuTopology)
        XCTAssertEqual(domain.disks, [])
    }
}
