import VMX
import XCTest

/// Hostile input never crashes: random bytes, truncated lines and huge values give typed errors.
final class FuzzTests: XCTestCase {
    /// A small deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Parses and converts; only typed errors may come out.
    func survive(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        do {
            let config = try VMXParser.parse(bytes: bytes)
            let domain = try VMXToDomain(resolver: Samples.resolver).convert(config)
            let xml = DomainXML.format(domain)
            _ = try DomainToVMX(resolver: Samples.resolver).convert(try DomainXML.parse(xml))
        } catch is VMXError {
        } catch is DomainXMLError {
        } catch {
            XCTFail("untyped error \(error)", file: file, line: line)
        }
    }

    func testRandomBytes() {
        var random = SplitMix(state: 42)
        for _ in 0..<500 {
            let count = Int.random(in: 0..<300, using: &random)
            survive((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }

    func testRandomKeyValueSoup() {
        var random = SplitMix(state: 7)
        let keys = Samples.all.flatMap { $0.1.split(separator: "\n").compactMap { $0.split(separator: "=").first } }
        let values = ["\"true\"", "\"\"", "\"-1\"", "\"99999999999999999999\"", "\"x|zz\"", "\"a.vmdk\"", "\"auto detect\"",
            "\"/vmfs/volumes/nowhere/a\"", "\"tcp://:\"", "\"0,0,0\"", "\"%\"", "\"emptyBackingString\"", "\"7\""]
        for _ in 0..<300 {
            var text = ".encoding = \"UTF-8\"\nconfig.version = \"8\"\nvirtualHW.version = \"14\"\n"
            for _ in 0..<Int.random(in: 1..<25, using: &random) {
                let key = keys.randomElement(using: &random).map(String.init) ?? "x "
                text += key + "= " + (values.randomElement(using: &random) ?? "\"\"") + "\n"
            }
            survive(Array(text.utf8))
        }
    }

    func testTruncatedSamples() {
        for (_, text) in Samples.all {
            let bytes = Array(text.utf8)
            for cut in stride(from: 0, to: bytes.count, by: 7) { survive(Array(bytes[0..<cut])) }
        }
    }

    func testHugeValues() throws {
        let huge = String(repeating: "x", count: 2_000_000)
        survive(Array(Samples.vmx("displayName = \"\(huge)\"\nmemsize = \"\(huge)\"\n").utf8))
        survive(Array(Samples.vmx("numvcpus = \"\(String(repeating: "9", count: 5000))\"\n").utf8))
        survive(Array(Samples.vmx("sched.cpu.affinity = \"\(String(repeating: "1,", count: 100_000))1\"\n").utf8))
        survive(Array(Samples.vmx("ethernet99999999999999.present = \"true\"\n").utf8))
        let extreme = "9223372036854775807"
        for key in ["sched.mem.max", "sched.mem.minsize", "svga.vramSize", "vm.genid", "sched.cpu.shares", "memsize",
            "RemoteDisplay.vnc.port", "scsi0.pciSlotNumber", "ethernet0.dvs.portId"]
        {
            survive(Array(Samples.vmx("\(key) = \"\(extreme)\"\nscsi0.present = \"true\"\n").utf8))
            survive(Array(Samples.vmx("\(key) = \"-\(extreme)\"\nscsi0.present = \"true\"\n").utf8))
        }
        XCTAssertThrowsError(try VMXParser.parse(bytes: Array(Samples.vmx("memsize = \"\(huge)\"").utf8)).integer("memsize", default: 0)) {
            XCTAssertTrue(($0 as? VMXError)?.description.hasSuffix("…'") == true, "\($0)")
        }
    }

    func testRandomDomainXML() {
        var random = SplitMix(state: 3)
        let pieces = ["<domain type='vmware'>", "<memory>", "1024", "</memory>", "<os>", "<type>hvm</type>", "</os>",
            "<devices>", "</devices>", "<disk>", "</disk>", "<target dev='sda'/>", "</domain>", "<name>", "</name>", "&amp;",
            "<", ">", "'", "<interface type='user'/>", "<vcpu>0</vcpu>"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<20, using: &random)).compactMap { _ in pieces.randomElement(using: &random) }.joined()
            do {
                _ = try DomainXML.parse(text)
            } catch is DomainXMLError {
            } catch {
                XCTFail("untyped error \(error)")
            }
        }
    }
}
