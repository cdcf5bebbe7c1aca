import VMX
import XCTest

/// vmx → xml → vmx → xml → vmx → xml: the second and third XML (and VMX) are identical, and
/// every XML reads back into the same model.
final class RoundTripTests: XCTestCase {
    func testEverySampleReachesAFixedPoint() throws {
        for (name, text) in Samples.all {
            let config = try VMXParser.parse(text)
            let hardware = Int(try config.requiredInteger("virtualHW.version"))
            let toDomain = VMXToDomain(resolver: Samples.resolver, datacenterPath: "dc1", moref: "vm-42")
            let toVMX = DomainToVMX(resolver: Samples.resolver, virtualHardwareVersion: hardware)

            let domain1 = try toDomain.convert(config)
            let xml1 = DomainXML.format(domain1)
            XCTAssertEqual(try DomainXML.parse(xml1), domain1, "\(name): XML read-back")
            let vmx2 = try VMXFormatter.format(try toVMX.convert(try DomainXML.parse(xml1)))
            let xml2 = DomainXML.format(try toDomain.convert(try VMXParser.parse(vmx2)))
            let vmx3 = try VMXFormatter.format(try toVMX.convert(try DomainXML.parse(xml2)))
            let xml3 = DomainXML.format(try toDomain.convert(try VMXParser.parse(vmx3)))
            XCTAssertEqual(xml2, xml3, name)
            XCTAssertEqual(vmx2, vmx3, name)
        }
    }

    func testLosslessSamplesKeepTheirFirstXML() throws {
        // Samples without defaults the VMX side spells out keep even the first XML.
        for name in ["identity", "memory-cpu", "vnc", "ethernet", "serial-parallel", "ide-cdroms", "floppy"] {
            let text = try XCTUnwrap(Samples.all.first { $0.0 == name }?.1)
            let toDomain = VMXToDomain(resolver: Samples.resolver)
            let xml1 = DomainXML.format(try toDomain.convert(try VMXParser.parse(text)))
            let vmx = try VMXFormatter.format(try DomainToVMX(resolver: Samples.resolver).convert(try DomainXML.parse(xml1)))
            XCTAssertEqual(DomainXML.format(try toDomain.convert(try VMXParser.parse(vmx))), xml1, name)
        }
    }
}
