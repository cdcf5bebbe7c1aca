/// The `proxy` query parameter: `[http|socks|socks4|socks4a|socks5://]host[:port]`.
public struct ESXProxy: Sendable, Hashable, CustomStringConvertible {
    /// The proxy protocol.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case http
        case socks4
        case socks4a
        case socks5
    }

    /// Port used when the parameter names none.
    public static let defaultPort = 1080

    public let kind: Kind
    /// Host name or IPv6 address (without brackets); never empty.
    public let host: String
    public let port: Int

    /// Creates a proxy setting, checking the host and port like the parser does.
    public init(kind: Kind, host: String, port: Int = ESXProxy.defaultPort) throws(URIError) {
        let text = "\(kind.rawValue)://\(URIHostPort.format(host: host)):\(port)"
        try self.init(parsing: text)
    }

    /// Parses a `proxy` value.
    ///
    /// The type prefix is matched case-insensitively (`socks://` means SOCKS5),
    /// the default type is `http` and the default port 1080. An empty host, a
    /// port outside 1...65535, an unknown `xxx://` prefix, a `user[:password]@`
    /// and anything after the port other than one `/` are errors; their messages
    /// never show a password.
    public init(parsing value: String) throws(URIError) {
        var rest = Substring(value)
        var kind = Kind.http
        if let separator = rest.firstRange(of: "://") {
            let prefix = rest[..<separator.lowerBound].lowercased()
            switch prefix {
            case "http": kind = .http
            case "socks", "socks5": kind = .socks5
            case "socks4": kind = .socks4
            case "socks4a": kind = .socks4a
            default:
                let expected = "expected http, socks, socks4, socks4a or socks5"
                throw Self.invalid(value, "unknown proxy type '\(prefix)' (\(expected))")
            }
            rest = rest[separator.upperBound...]
        }
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.contains("@") else { throw Self.invalid(value, "proxy credentials are not supported") }

        do throws(URIHostPort.Problem) {
            let (host, portText) = try URIHostPort.split(rest)
            self.kind = kind
            self.host = host
            port = try portText.map(URIHostPort.port) ?? Self.defaultPort
        } catch {
            switch error {
            case .emptyHost: throw Self.invalid(value, "the proxy host is empty")
            case let .invalidHost(host): throw Self.invalid(value, "invalid proxy host '\(host)'")
            case let .invalidPort(port): throw Self.invalid(value, "invalid proxy port '\(port)' (expected 1...65535)")
            }
        }
    }

    /// `kind://host:port`, e.g. `socks5://[::1]:1080`.
    public var description: String {
        "\(kind.rawValue)://\(URIHostPort.format(host: host)):\(port)"
    }

    private static func invalid(_ value: String, _ reason: String) -> URIError {
        .invalidParameter(name: "proxy", value: URIRedaction.userInfo(in: value), reason: reason)
    }
}
