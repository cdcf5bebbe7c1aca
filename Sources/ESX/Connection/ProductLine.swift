import VI

/// The product a server reports in `about.productLineId`, checked against the URI scheme.
public enum ProductLine: String, Sendable, Hashable {
    case esx
    case gsx
    case vpx

    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .esx: "ESX(i)"
        case .gsx: "Server/GSX"
        case .vpx: "vCenter/VPX"
        }
    }

    /// The oldest supported product version.
    var minimum: VIVersion {
        switch self {
        case .esx: VIVersion(3, 5)
        case .gsx: VIVersion(2, 0)
        case .vpx: VIVersion(2, 5)
        }
    }

    /// The oldest supported API version (any product line).
    static let minimumAPIVersion = VIVersion(2, 5)

    /// The product line a URI scheme expects.
    public init(scheme: ESXURI.Scheme) {
        switch scheme {
        case .esx: self = .esx
        case .gsx: self = .gsx
        case .vpx: self = .vpx
        }
    }

    /// Classifies `productLineId`; nil for anything unknown.
    public init?(productLineId: String) {
        switch productLineId {
        case "esx", "embeddedEsx": self = .esx
        case "gsx": self = .gsx
        case "vpx": self = .vpx
        default: return nil
        }
    }

    /// Checks `about` against what `scheme` expects: API type, API version >= 2.5,
    /// product line, and product version >= the line's minimum.
    static func check(_ about: AboutInfo, scheme: ESXURI.Scheme, host: String) throws(ESXError) -> ProductLine {
        guard about.apiType == "HostAgent" || about.apiType == "VirtualCenter" else {
            throw .unsupportedAPIType(about.apiType)
        }
        guard let apiVersion = VIVersion(about.apiVersion), apiVersion >= minimumAPIVersion else {
            throw .unsupportedVersion(product: "API", version: about.apiVersion, minimum: "\(minimumAPIVersion)")
        }
        let expected = ProductLine(scheme: scheme)
        guard let found = ProductLine(productLineId: about.productLineId) else {
            throw .productMismatch(host: host, expected: expected.displayName, found: "'\(about.productLineId)'")
        }
        guard found == expected else {
            throw .productMismatch(host: host, expected: expected.displayName, found: found.displayName)
        }
        guard let version = VIVersion(about.version), version >= found.minimum else {
            throw .unsupportedVersion(product: found.displayName, version: about.version, minimum: "\(found.minimum)")
        }
        return found
    }
}
