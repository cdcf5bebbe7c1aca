import CCurl
import CTLSPin

/// Certificate thumbprint pinning (``TransportOptions/pinnedThumbprint``).
///
/// libcurl's CURLOPT_PINNEDPUBLICKEY pins the public key rather than the certificate, and
/// CURLINFO_CERTINFO only reports the certificate after the transfer, when the request body (a
/// password, say) has already gone out. So the check runs inside the TLS handshake: an OpenSSL
/// verification callback installed through CURLOPT_SSL_CTX_FUNCTION (see CTLSPin) hashes the
/// leaf certificate and aborts the handshake on a mismatch. This needs libcurl's OpenSSL
/// backend, which Debian's libcurl4-openssl-dev is.
extension CurlEasyHandle {
    /// Whether `options` need the handshake callback.
    static func usesPin(_ options: TransportOptions) -> Bool {
        options.pinnedThumbprint != nil || options.recordsThumbprint
    }

    /// Installs the callback for the next transfer (peer and host name verification are off:
    /// the thumbprint replaces them). Returns libcurl's result.
    func installPin(_ options: TransportOptions) -> CURLcode {
        var state = vi_tls_pin()
        if let expected = options.pinnedThumbprint {
            withUnsafeMutableBytes(of: &state.expected) { $0.copyBytes(from: expected.bytes) }
            state.pinned = 1
        }
        pin.pointee = state
        return CURLcode(UInt32(bitPattern: vi_tls_pin_install(raw, pin)))
    }

    /// The thumbprint of the leaf certificate the last handshake presented, if any.
    var seenThumbprint: CertificateThumbprint? {
        guard pin.pointee.seen == 1 else { return nil }
        return withUnsafeBytes(of: pin.pointee.found) { CertificateThumbprint(bytes: Array($0)) }
    }

    /// The mismatch error when the last handshake was refused for its thumbprint.
    func thumbprintMismatch(url: String, options: TransportOptions) -> TransportError? {
        guard pin.pointee.mismatch == 1, let expected = options.pinnedThumbprint, let found = seenThumbprint else {
            return nil
        }
        return .tlsThumbprintMismatch(url: url, expected: expected, found: found)
    }
}
