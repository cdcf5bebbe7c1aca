/// A proxy that every request of a transport goes through.
public struct ProxyConfiguration: Sendable, Hashable {
    /// The proxy protocol.
    public enum Kind: String, Sendable {
        /// HTTP proxy (`CONNECT` tunnel for https).
        case http
        /// SOCKS4; host names are resolved locally.
        case socks4
        /// SOCKS4a; host names are resolved by the proxy.
        case socks4a
        /// SOCKS5; host names are resolved locally.
        case socks5
    }

    public var kind: Kind
    /// Proxy host name or IP address (an IPv6 address with or without brackets).
    public var host: String
    public var port: Int

    public init(kind: Kind, host: String, port: Int = 1080) {
        self.kind = kind
        self.host = host
        self.port = port
    }
}
