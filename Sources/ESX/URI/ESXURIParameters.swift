import VI

/// The query parameters of a connection URI.
public struct ESXURIParameters: Sendable, Hashable {
    /// Transport of the SOAP connection.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        case http
        case https
    }

    /// The `vcenter` parameter.
    public enum VCenter: Sendable, Hashable, CustomStringConvertible {
        /// `*`: the vCenter that manages the host, as reported by the host.
        case managingServer
        /// An explicit vCenter host name or address.
        case host(String)

        public var description: String {
            switch self {
            case .managingServer: "*"
            case let .host(host): host
            }
        }
    }

    /// `transport`: `http` or `https` (default).
    public var transport: Transport = .https
    /// `vcenter`: a second connection to a vCenter (esx/gsx only).
    public var vCenter: VCenter?
    /// `no_verify=1`: skip TLS peer and host name verification.
    public var noVerify = false
    /// `thumbprint`: accept only the server whose certificate has this SHA-256 thumbprint
    /// (`AA:BB:...` or bare hex), instead of CA and host name verification; wins over `no_verify`.
    public var thumbprint: CertificateThumbprint?
    /// `auto_answer=1`: answer VM questions with their default choice.
    public var autoAnswer = false
    /// `proxy`: the proxy to connect through.
    public var proxy: ESXProxy?
    /// `timeout`: seconds each call to the server may take (nil: the default, 300 s).
    public var timeout: Double?

    /// All defaults: https, no vCenter, verification on, questions reported, no proxy, default timeout.
    public init() {}

    /// The names this driver understands.
    public static let knownNames: [String] = [
        "transport", "vcenter", "no_verify", "thumbprint", "auto_answer", "proxy", "timeout",
    ]

    /// Applies one parameter (`name` already lowercased, `value` already decoded).
    /// Returns `false` for an unknown name.
    mutating func apply(name: String, value: String) throws(URIError) -> Bool {
        switch name {
        case "transport":
            guard let transport = Transport(rawValue: value.lowercased()) else {
                throw Self.invalid(name, value, "expected 'http' or 'https'")
            }
            self.transport = transport
        case "vcenter":
            if value == "*" {
                vCenter = .managingServer
            } else {
                let isBad = { (scalar: Unicode.Scalar) in
                    scalar.properties.isWhitespace || scalar.value < 0x20 || scalar == "/" || scalar == "@"
                }
                guard !value.isEmpty, !value.unicodeScalars.contains(where: isBad) else {
                    throw Self.invalid(name, value, "expected a host name or '*'")
                }
                vCenter = .host(value)
            }
        case "no_verify":
            noVerify = try Self.flag(name: name, value: value)
        case "thumbprint":
            do {
                thumbprint = try CertificateThumbprint(parsing: value)
            } catch {
                throw Self.invalid(name, value, error.description)
            }
        case "auto_answer":
            autoAnswer = try Self.flag(name: name, value: value)
        case "proxy":
            proxy = try ESXProxy(parsing: value)
        case "timeout":
            guard let seconds = Self.parseTimeout(value) else {
                throw .invalidParameter(name: name, value: value, reason: Self.timeoutRule)
            }
            timeout = seconds
        default:
            return false
        }
        return true
    }

    /// The non-default parameters as `name=value` pairs (values not yet encoded).
    var nonDefaultPairs: [(name: String, value: String)] {
        var pairs: [(String, String)] = []
        if transport != .https { pairs.append(("transport", transport.rawValue)) }
        if let vCenter { pairs.append(("vcenter", vCenter.description)) }
        if noVerify { pairs.append(("no_verify", "1")) }
        if let thumbprint { pairs.append(("thumbprint", thumbprint.description)) }
        if autoAnswer { pairs.append(("auto_answer", "1")) }
        if let proxy { pairs.append(("proxy", proxy.description)) }
        if let timeout { pairs.append(("timeout", Self.formatSeconds(timeout))) }
        return pairs
    }

    /// The longest `timeout` accepted: one day.
    public static let maxTimeout: Double = 86_400

    /// What a `timeout` value must look like, for error messages.
    public static let timeoutRule = "expected seconds greater than 0 and at most 86400, e.g. 30 or 2.5"

    /// Seconds from `text` (digits with an optional fraction), or nil when malformed or out of range.
    public static func parseTimeout(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let seconds = Double(text), seconds > 0, seconds <= maxTimeout
        else { return nil }
        return seconds
    }

    /// `30` rather than `30.0`; values are at most ``maxTimeout``.
    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func flag(name: String, value: String) throws(URIError) -> Bool {
        switch value {
        case "0": return false
        case "1": return true
        default: throw invalid(name, value, "expected 0 or 1")
        }
    }

    /// An `invalidParameter` error whose value shows no password.
    static func invalid(_ name: String, _ value: String, _ reason: String) -> URIError {
        .invalidParameter(name: name, value: URIRedaction.userInfo(in: value), reason: reason)
    }
}
