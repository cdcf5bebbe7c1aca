/// Settings of a ``CurlTransport``.
public struct TransportOptions: Sendable {
    /// Verify the server certificate chain and that it matches the host name.
    public var verifyPeer: Bool = true
    /// PEM file of trusted CA certificates, instead of the system store.
    public var caFile: String? = nil
    /// Proxy for all requests. When nil, no proxy is used (proxy environment variables are ignored).
    public var proxy: ProxyConfiguration? = nil
    /// Seconds allowed to establish a connection, TLS handshake included; 0 means libcurl's default (300 s).
    public var connectTimeout: Double = 30
    /// Seconds allowed for a whole request; 0 means no limit.
    public var totalTimeout: Double = 0
    /// `User-Agent` header value.
    public var userAgent: String = "swift-esx"
    /// Largest accepted response body in bytes; larger responses throw ``TransportError/responseTooLarge(url:limit:)``.
    public var maxResponseBytes: Int = 512 << 20
    /// Most connections (and concurrent requests) at a time; further requests wait their turn.
    public var maxConnections: Int = 8
    /// Ask for gzip/deflate responses (`Accept-Encoding`) and decode them transparently.
    /// ``maxResponseBytes`` then limits the decoded size.
    public var acceptCompressedResponses: Bool = false

    public init() {}
}
