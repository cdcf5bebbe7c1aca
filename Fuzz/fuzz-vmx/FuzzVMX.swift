import FuzzSupport
import VMX

/// Fuzzes the `.vmx` parser and the VMX -> domain XML conversion: any bytes give a result or a
/// typed error; a converted domain formats as XML that parses back.
@main
enum FuzzVMX {
    static func main() {
        let resolver = OfflineFileNameResolver(datastores: ["ds"], vmxDirectory: DatastorePath(datastore: "ds", path: "vm"))
        FuzzDriver.main { bytes in
            guard let xml = try? VMXConversion.domainXML(fromVMX: bytes, resolver: resolver) else { return }
            _ = try? DomainXML.parse(xml)
        }
    }
}
