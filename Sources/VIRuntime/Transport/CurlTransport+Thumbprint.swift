extension CurlTransport {
    /// Connects to `url` (https) without verifying its certificate, sends one bodiless `GET`
    /// and returns the SHA-256 thumbprint of the leaf certificate the server presented, for
    /// trust on first use. Any HTTP status counts. `options` supply proxy and timeouts; their
    /// verification settings are ignored.
    public static func fetchThumbprint(
        url: String, options: TransportOptions = TransportOptions()
    ) async throws -> CertificateThumbprint {
        let display = CurlRequestCheck.displayURL(url)
        guard url.prefix(8).lowercased() == "https://" else {
            throw TransportError.invalidRequest(url: display, message: "a certificate thumbprint needs an https URL")
        }
        var recording = options
        recording.verifyPeer = false
        recording.pinnedThumbprint = nil
        recording.recordsThumbprint = true
        recording.maxConnections = 1
        let transport = try CurlTransport(options: recording)
        let (_, thumbprint) = try await transport.exchange(HTTPRequest(url: url, method: "GET"))
        guard let thumbprint else {
            throw TransportError.tls(url: display, message: "the server presented no certificate")
        }
        return thumbprint
    }
}
