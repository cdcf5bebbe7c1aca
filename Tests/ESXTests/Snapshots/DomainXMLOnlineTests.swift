import ESX
import Foundation
import SimulatorSupport
import VI
import VMX
import XCTest

/// `dumpxml` and `vmx` against the simulator, whose `.vmx` files are empty: the XML comes
/// from the VMs' config properties and the raw VMX is a clear error.
final class DomainXMLOnlineTests: XCTestCase {
    func testDumpXMLOfEverySimulatorVM() async throws {
        let esx = try await SharedSimulators.esx()
        let vpx = try await SharedSimulators.vpx()
        for (sim, scheme, path) in [(esx, "esx", ""), (vpx, "vpx", "DC0/DC0_H0")] {
            let connection = try await ESXTest.connect(sim, scheme: scheme, path: path)
            let domains = try await connection.listDomains(.all)
            XCTAssertFalse(domains.isEmpty)
            for domain in domains {
                let document = try await connection.domainXML(domain)
                XCTAssertEqual(document.source, .config, domain.name)
                XCTAssertTrue(document.fallbackReason?.contains("is empty") == true, document.fallbackReason ?? "")
                let parsed = try DomainXML.parse(document.xml)
                XCTAssertEqual(parsed.name, domain.name)
                XCTAssertEqual(parsed.uuid.description, domain.uuid?.lowercased())
                XCTAssertGreaterThan(parsed.memoryKiB, 0)
                XCTAssertGreaterThan(parsed.vcpus, 0)
                XCTAssertEqual(parsed.vmware.moref, domain.managedObjectID)
                XCTAssertFalse(parsed.disks.isEmpty, document.xml)
                for disk in parsed.disks where disk.device == .disk {
                    XCTAssertTrue(disk.source?.hasPrefix("[") == true, "\(disk)")
                }
                XCTAssertFalse(parsed.interfaces.isEmpty, document.xml)
                for interface in parsed.interfaces {
                    XCTAssertNotNil(interface.mac, document.xml)
                    if case .bridge(let network) = interface.connection { XCTAssertFalse(network.isEmpty) }
                }
            }
            await connection.close()
        }
    }

    func testVMXOfAnEmptyFileIsAClearError() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        let error = await assertESXError({ try await connection.vmxFile(domain) }) {
            if case .vmxUnavailable(let name, let reason) = $0 { return name == "ha-host_VM0" && reason.contains("is empty") }
            return false
        }
        XCTAssertTrue(error?.description.hasPrefix("no .vmx file for domain 'ha-host_VM0': ") == true, "\(String(describing: error))")
        await connection.close()
    }

    /// A `.vmx` put on the simulator's datastore is read back over `/folder` and converted.
    func testDumpXMLFromAnUploadedVMX() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM1")
        let info = try await connection.info(domain)
        let path = try XCTUnwrap(info.vmPathName)
        XCTAssertTrue(path.hasPrefix("[LocalDS_0] "), path)
        let vmx = """
            .encoding = "UTF-8"
            config.version = "8"
            virtualHW.version = "13"
            displayName = "ha-host_VM1"
            uuid.bios = "50 ee 41 db 9d e7 51 cb-89 6c c2 6b ea 7b d6 ff"
            memsize = "512"
            numvcpus = "2"
            guestOS = "other-64"
            scsi0.present = "TRUE"
            scsi0.virtualDev = "lsilogic"
            scsi0:0.present = "TRUE"
            scsi0:0.deviceType = "scsi-hardDisk"
            scsi0:0.fileName = "disk1.vmdk"
            ethernet0.present = "TRUE"
            ethernet0.networkName = "VM Network"
            ethernet0.addressType = "generated"
            ethernet0.generatedAddress = "00:0c:29:01:02:03"

            """
        let client = try await ESXTest.viClient(sim)
        let file = path.dropFirst("[LocalDS_0] ".count).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
        let base = sim.url.hasSuffix("/sdk") ? String(sim.url.dropLast(4)) : sim.url
        var headers: [(name: String, value: String)] = []
        if let cookie = client.sessionCookie { headers.append(("Cookie", cookie)) }
        let put = try await client.transport.send(HTTPRequest(
            url: "\(base)/folder/\(file)?dcPath=ha-datacenter&dsName=LocalDS_0", method: "PUT", headers: headers,
            body: Array(vmx.utf8)))
        XCTAssertEqual(put.status, 200)

        let raw = try await connection.vmxFile(domain)
        XCTAssertEqual(String(decoding: raw, as: UTF8.self), vmx)
        let document = try await connection.domainXML(domain)
        XCTAssertEqual(document.source, .vmx, document.fallbackReason ?? "")
        XCTAssertNil(document.fallbackReason)
        let parsed = try DomainXML.parse(document.xml)
        XCTAssertEqual(parsed.name, "ha-host_VM1")
        XCTAssertEqual(parsed.memoryKiB, 512 * 1024)
        XCTAssertEqual(parsed.vcpus, 2)
        XCTAssertEqual(parsed.os.arch, .x86_64)
        XCTAssertEqual(parsed.disks.first?.source, "[LocalDS_0] ha-host_VM1/disk1.vmdk")
        XCTAssertEqual(parsed.vmware.moref, domain.managedObjectID)
        _ = try? await client.logout()
        await connection.close()
    }
}
