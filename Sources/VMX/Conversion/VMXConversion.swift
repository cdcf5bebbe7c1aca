/// One-call conversions between `.vmx` bytes and domain XML text.
public enum VMXConversion {
    /// The domain XML of a `.vmx` file.
    public static func domainXML(
        fromVMX bytes: [UInt8], resolver: any VMXFileNameResolver, datacenterPath: String? = nil, moref: String? = nil
    ) throws -> String {
        let config = try VMXParser.parse(bytes: bytes)
        let domain = try VMXToDomain(resolver: resolver, datacenterPath: datacenterPath, moref: moref).convert(config)
        return DomainXML.format(domain)
    }

    /// The `.vmx` text of a domain XML document.
    public static func vmx(
        fromDomainXML text: String, resolver: any VMXFileNameResolver,
        virtualHardwareVersion: Int = VirtualHardware.defaultVersion
    ) throws -> String {
        let domain = try DomainXML.parse(text)
        let converter = DomainToVMX(resolver: resolver, virtualHardwareVersion: virtualHardwareVersion)
        return try VMXFormatter.format(try converter.convert(domain))
    }
}
