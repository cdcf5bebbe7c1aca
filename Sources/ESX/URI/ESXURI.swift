import Foundation

/// A parsed connection URI: `esx://`, `gsx://` or `vpx://[user@]host[:port][/path][?query]`.
///
/// - The scheme is matched case-insensitively.
/// - The user (and an optional `:password`, never printed) are percent-decoded; an
///   unencoded `/`, `?` or `#` in them is an error that does not echo the password.
/// - The host is a name of `A-Z a-z 0-9 - . _ ~` or an IPv6 address in brackets.
/// - The port defaults by scheme and transport (esx/vpx 443/80, gsx 8333/8222).
/// - A vpx path `[folder/...]datacenter/[folder/...]computeresource[/host]` is
///   split on `/` into percent-decoded `pathItems` (at least two, none empty, one
///   trailing `/` allowed); an esx/gsx path other than `/` is ignored with a warning.
/// - Query parameter names are case-insensitive, later occurrences win, unknown
///   ones produce warnings; `&` and `;` both separate parameters.
public struct ESXURI: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of server the URI names.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        /// An ESX or ESXi host.
        case esx
        /// A VMware Server (GSX) host.
        case gsx
        /// A vCenter server managing the host named by the path.
        case vpx

        /// The port used when the URI names none.
        public func defaultPort(for transport: ESXURIParameters.Transport) -> Int {
            switch (self, transport) {
            case (.esx, .https), (.vpx, .https): 443
            case (.esx, .http), (.vpx, .http): 80
            case (.gsx, .https): 8333
            case (.gsx, .http): 8222
            }
        }
    }

    public let scheme: Scheme
    /// The user name, if the URI has one.
    public let user: String?
    /// A password given as `user:password@`; kept out of `description`.
    public let password: String?
    /// Host name or IP address (IPv6 without brackets).
    public let host: String
    /// The port written in the URI, if any.
    public let explicitPort: Int?
    /// The port to connect to: `explicitPort` or the scheme's default for the transport.
    public let port: Int
    /// The decoded vpx inventory path items; empty for esx and gsx.
    public let pathItems: [String]
    public let parameters: ESXURIParameters
    /// Things that were accepted but ignored, in order of appearance.
    public let warnings: [ESXURIWarning]
    /// The SOAP endpoint: `<transport>://host:port/sdk`.
    public let sdkURL: URL

    /// Parses a connection URI.
    public init(parsing text: String) throws(URIError) {
        guard let separator = text.firstRange(of: "://") else {
            throw .malformed(reason: "expected 'scheme://host'")
        }
        let schemeText = text[..<separator.lowerBound]
        guard let scheme = Scheme(rawValue: schemeText.lowercased()) else {
            throw .unsupportedScheme(String(schemeText))
        }

        var rest = text[separator.upperBound...]
        var warnings: [ESXURIWarning] = []
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = rest[slash...]
        // `user:pa/ss@host`: the authority stops at the `/`, and the password would be echoed as a port or path.
        if !authority.contains("@"), authority.contains(":"), text[authority.endIndex...].contains("@") {
            throw .malformed(reason: "an '@' follows the host; percent-encode '/', '?', '#' and '@' "
                + "in the user name, password and path")
        }

        let (user, password, host, explicitPort) = try Self.parseAuthority(authority)

        var pathItems: [String] = []
        if scheme == .vpx {
            pathItems = try Self.parseVPXPath(path)
        } else if !path.isEmpty, path != "/" {
            warnings.append(.ignoredPath(String(path)))
        }

        let parameters = try Self.parseQuery(query, scheme: scheme, warnings: &warnings)
        if let fragment { warnings.append(.ignoredFragment(String(fragment))) }

        let port = explicitPort ?? scheme.defaultPort(for: parameters.transport)
        let endpoint = "\(parameters.transport.rawValue)://\(URIHostPort.format(host: host)):\(port)/sdk"
        guard let sdkURL = URL(string: endpoint) else { throw .invalidHost(host) }

        self.scheme = scheme
        self.user = user
        self.password = password
        self.host = host
        self.explicitPort = explicitPort
        self.port = port
        self.pathItems = pathItems
        self.parameters = parameters
        self.warnings = warnings
        self.sdkURL = sdkURL
    }

    /// The URI without the password; only non-default parameters are written.
    public var description: String {
        var text = "\(scheme.rawValue)://"
        if let user { text += URIPercentCoding.encode(user) + "@" }
        text += URIHostPort.format(host: host)
        if let explicitPort { text += ":\(explicitPort)" }
        text += "/" + pathItems.map { URIPercentCoding.encode($0) }.joined(separator: "/")
        let pairs = parameters.nonDefaultPairs.map { pair in
            // Keep characters a query may hold literally, except our separators `&`, `;`, `=` and `+`.
            "\(pair.name)=\(URIPercentCoding.encode(pair.value, keeping: ":/@?*!$'(),"))"
        }
        if !pairs.isEmpty { text += "?" + pairs.joined(separator: "&") }
        return text
    }

    /// Same as `description`, so the password never shows up in logs or dumps.
    public var debugDescription: String { description }

    /// A mirror without the password, for `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "scheme": scheme, "user": user as Any, "host": host, "port": port,
            "pathItems": pathItems, "parameters": parameters, "warnings": warnings,
        ])
    }

    private static func parseAuthority(
        _ authority: Substring
    ) throws(URIError) -> (user: String?, password: String?, host: String, port: Int?) {
        var hostPort = authority
        var user: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            (user, password) = try parseUserInfo(authority[..<at])
            hostPort = authority[authority.index(after: at)...]
        }
        do throws(URIHostPort.Problem) {
            let (host, portText) = try URIHostPort.split(hostPort)
            guard let portText, !portText.isEmpty else { return (user, password, host, nil) }
            return (user, password, host, try URIHostPort.port(portText))
        } catch {
            switch error {
            case .emptyHost: throw .missingHost
            case let .invalidHost(host): throw .invalidHost(host)
            case let .invalidPort(port): throw .invalidPort(port)
            }
        }
    }

    private static func parseQuery(
        _ query: Substring, scheme: Scheme, warnings: inout [ESXURIWarning]
    ) throws(URIError) -> ESXURIParameters {
        var parameters = ESXURIParameters()
        for item in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            let equals = item.firstIndex(of: "=") ?? item.endIndex
            let rawName = item[..<equals]
            let rawValue = equals < item.endIndex ? item[item.index(after: equals)...] : ""
            let name = (URIPercentCoding.decode(rawName) ?? String(rawName)).lowercased()
            guard let value = URIPercentCoding.decode(rawValue) else {
                throw ESXURIParameters.invalid(name, String(rawValue), "invalid percent encoding")
            }
            if try !parameters.apply(name: name, value: value) {
                warnings.append(.unknownParameter(name: name))
            } else if name == "vcenter", scheme == .vpx {
                warnings.append(.ignoredParameter(name: name, reason: "only used with esx:// and gsx://"))
            }
        }
        if parameters.thumbprint != nil {
            if parameters.transport == .http {
                warnings.append(.ignoredParameter(name: "thumbprint", reason: "only used with transport=https"))
            } else if parameters.noVerify {
                warnings.append(.ignoredParameter(name: "no_verify", reason: "thumbprint= pins the certificate"))
            }
        }
        return parameters
    }

    private static func parseUserInfo(_ text: Substring) throws(URIError) -> (String, String?) {
        let colon = text.firstIndex(of: ":") ?? text.endIndex
        guard let user = URIPercentCoding.decode(text[..<colon]) else {
            throw .malformed(reason: "invalid percent encoding in the user name")
        }
        guard !user.isEmpty else { throw .malformed(reason: "empty user name before '@'") }
        guard colon < text.endIndex else { return (user, nil) }
        guard let password = URIPercentCoding.decode(text[text.index(after: colon)...]) else {
            throw .malformed(reason: "invalid percent encoding in the password")
        }
        return (user, password)
    }

    private static func parseVPXPath(_ path: Substring) throws(URIError) -> [String] {
        let shape = "expected [folder/...]datacenter/[folder/...]computeresource[/host]"
        var trimmed = path.dropFirst()
        if trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else {
            throw .invalidPath(path: String(path), reason: "a vpx:// URI needs a path; \(shape)")
        }
        var items: [String] = []
        for raw in trimmed.split(separator: "/", omittingEmptySubsequences: false) {
            guard !raw.isEmpty else { throw .invalidPath(path: String(path), reason: "empty path item") }
            guard let item = URIPercentCoding.decode(raw) else {
                throw .invalidPath(path: String(path), reason: "invalid percent encoding in '\(raw)'")
            }
            items.append(item)
        }
        guard items.count >= 2 else {
            let reason = "both a datacenter and a compute resource are required; \(shape)"
            throw .invalidPath(path: String(path), reason: reason)
        }
        return items
    }
}
