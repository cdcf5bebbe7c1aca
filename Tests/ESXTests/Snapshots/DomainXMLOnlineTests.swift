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
}
