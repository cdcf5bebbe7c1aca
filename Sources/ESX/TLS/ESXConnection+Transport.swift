import VI

extension ESXConnection {
    /// The transport settings of a connection to `uri`: verification (`no_verify`, CA file or a
    /// pinned thumbprint, the URI's winning over `options`'), timeouts and proxy.
    static func transportOptions(uri: ESXURI, options: Options) -> TransportOptions {
        var transport = TransportOptions()
        transport.verifyPeer = !uri.parameters.noVerify
        transport.caFile = options.caFile
        transport.pinnedThumbprint = uri.parameters.thumbprint ?? options.thumbprint
        transport.connectTimeout = options.connectTimeout
        transport.maxResponseBytes = options.maxResponseBytes
        if let seconds = options.callTimeout ?? uri.parameters.timeout { transport.totalTimeout = seconds }
        transport.userAgent = "swift-esx"
        if let proxy = uri.parameters.proxy {
            let kind = ProxyConfiguration.Kind(rawValue: proxy.kind.rawValue) ?? .http
            transport.proxy = ProxyConfiguration(kind: kind, host: proxy.host, port: proxy.port)
        }
        return transport
    }

    /// The SHA-256 thumbprint of the certificate the server of `uri` presents, for trust on
    /// first use. The certificate is not verified, and only one bodiless `GET` of the SDK URL is
    /// sent: no credentials, no SOAP call. Needs `transport=https`.
    public static func fetchThumbprint(
        uri: ESXURI, options: Options = Options()
    ) async throws(ESXError) -> CertificateThumbprint {
        guard uri.parameters.transport == .https else {
            throw .invalidURI(.invalidParameter(
                name: "transport", value: "http", reason: "a certificate thumbprint needs https"))
        }
        do {
            return try await CurlTransport.fetchThumbprint(
                url: uri.sdkURL.absoluteString, options: transportOptions(uri: uri, options: options))
        } catch let error as TransportError {
            throw .transport(VITransportError(method: "GET", reason: error))
        } catch {
            throw ESXError.wrap(error)
        }
    }
}
