/// Settings of a ``CurlTransport``.
///
/// Every request is bounded by default: connecting (30 s), staying silent or trickling
/// (below 1 byte/s for 60 s), and in total (300 s). A limit that elapses throws
/// ``TransportError/timedOut(url:limit:after:)``.
public struct TransportOptions: Sendable {
    /// Verify the server certificate chain and that it matches the host name.
    public var verifyPeer: Bool = true
    /// PEM file of trusted CA certificates, instead of the system store.
    public var caFile: String? = nil
    /// Accept exactly the server whose leaf certificate has this SHA-256 thumbprint, as govc's
    /// `--thumbprint` does: a self-signed certificate is then accepted, and ``verifyPeer`` and
    /// ``caFile`` are ignored. Checked during the TLS handshake of every new connection, before
    /// any request byte is sent; a different certificate throws
    /// ``TransportError/tlsThumbprintMismatch(url:expected:found:)``.
    /// Needs libcurl built with OpenSSL (else ``TransportError/invalidConfiguration(message:)``).
    public var pinnedThumbprint: CertificateThumbprint? = nil
    /// Proxy for all requests. When nil, no proxy is used (proxy environment variables are ignored).
    public var proxy: ProxyConfiguration? = nil
    /// Seconds allowed to establish a connection, name lookup and TLS handshake included;
    /// 0 means libcurl's default (300 s).
    public var connectTimeout: Double = 30
    /// Seconds allowed for a whole request, waiting for a free connection included; 0 means no
    /// limit. ``HTTPRequest/timeout`` overrides it per request.
    public var totalTimeout: Double = 300
    /// Bytes per second below which a transfer counts as stalled (0: no low-speed check).
    public var lowSpeedLimit: Int = 1
    /// Seconds a transfer may stay below ``lowSpeedLimit`` (time to first byte included) before it
    /// is aborted; 0 means no low-speed check; rounded up to whole seconds. libcurl averages the
    /// speed over about 5 s, the request upload included, so a silent server is detected up to
    /// that much later.
    /// ``HTTPRequest/lowSpeedTime`` overrides it per request (long polls turn it off).
    public var lowSpeedTime: Double = 60
    /// `User-Agent` header value.
    public var userAgent: String = "swift-esx"
    /// Largest accepted response body in bytes; larger responses throw ``TransportError/responseTooLarge(url:limit:)``.
    public var maxResponseBytes: Int = 512 << 20
    /// Most connections (and concurrent requests) at a time; further requests wait their turn.
    public var maxConnections: Int = 8
    /// Ask for gzip/deflate responses (`Accept-Encoding`) and decode them transparently.
    /// ``maxResponseBytes`` then limits the decoded size.
    public var acceptCompressedResponses: Bool = false

    /// Accept any certificate and record its thumbprint (``CurlTransport/fetchThumbprint(url:options:)``).
    var recordsThumbprint = false

    public init() {}
}
