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

    /// The oldest supported version as `(major, minor)`.
    var minimum: (Int, Int) {
        switch self {
        case .esx: (3, 5)
        case .gsx: (2, 0)
        case .vpx: (2, 5)
        }
    }

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
        guard let apiVersion = VersionNumber(about.apiVersion), apiVersion >= VersionNumber(2, 5) else {
            throw .unsupportedVersion(product: "API", version: about.apiVersion, minimum: "2.5")
        }
        let expected = ProductLine(scheme: scheme)
        guard let found = ProductLine(productLineId: about.productLineId) else {
            throw .productMismatch(host: host, expected: expected.displayName, found: "'\(about.productLineId)'")
        }
        guard found == expected else {
            throw .productMismatch(host: host, expected: expected.displayName, found: found.displayName)
        }
        let minimum = VersionNumber(found.minimum.0, found.minimum.1)
        guard let version = VersionNumber(about.version), version >= minimum else {
            throw .unsupportedVersion(product: found.displayName, version: about.version, minimum: "\(minimum)")
        }
        return found
    }
}

/// `major.minor.micro`, compared numerically; missing parts are zero.
struct VersionNumber: Sendable, Comparable, CustomStringConvertible {
    let parts: [Int]

    init(_ major: Int, _ minor: Int, _ micro: Int = 0) { parts = [major, minor, micro] }

    /// Parses up to three dot-separated numbers (`6.7`, `8.0.3.0` keeps the first three).
    init?(_ text: String) {
        let items = text.split(separator: ".", omittingEmptySubsequences: false).prefix(3)
        var parts: [Int] = []
        for item in items {
            guard let number = Int(item), number >= 0 else { return nil }
            parts.append(number)
        }
        guard !parts.isEmpty else { return nil }
        while parts.count < 3 { parts.append(0) }
        self.parts = parts
    }

    var description: String { "\(parts[0]).\(parts[1])" + (parts[2] == 0 ? "" : ".\(parts[2])") }

    static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}
