/// One HTTP request handed to an ``HTTPTransport``.
public struct HTTPRequest: Sendable {
    /// Absolute `http` or `https` URL.
    public var url: String
    /// Request method; `"POST"` by default.
    public var method: String
    /// Header fields in order; they replace the transport's defaults of the same name.
    /// An empty value sends the header with an empty value.
    public var headers: [(name: String, value: String)]
    /// Request body. Sent with a `Content-Length` for every method except `HEAD`, and for `GET`
    /// only when non-empty.
    public var body: [UInt8]
    /// Seconds this request may take, instead of ``TransportOptions/totalTimeout`` (0: no limit).
    public var timeout: Double?
    /// Seconds this request may stay below ``TransportOptions/lowSpeedLimit``, instead of
    /// ``TransportOptions/lowSpeedTime`` (0: no low-speed check, e.g. for a long poll).
    public var lowSpeedTime: Double?

    public init(
        url: String,
        method: String = "POST",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        timeout: Double? = nil,
        lowSpeedTime: Double? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.lowSpeedTime = lowSpeedTime
    }
}
