import CCurl
import CTLSPin

/// One libcurl easy handle and its error buffer. libcurl keeps live connections per handle,
/// across `curl_easy_reset`, which is what gives keep-alive reuse.
///
/// The pool hands a handle to one transfer at a time; only that transfer's thread touches it.
final class CurlEasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER target; lives as long as the handle.
    let errorBuffer: UnsafeMutablePointer<CChar>
    let errorBufferSize: Int
    /// The handle's sockets, for waking a cancelled transfer.
    let sockets = CurlSocketRegistry()
    /// Thumbprint pinning state read and written by the TLS handshake (see CurlEasyHandle+Pinning).
    let pin: UnsafeMutablePointer<vi_tls_pin>

    /// Nil when libcurl cannot allocate a handle.
    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBufferSize = max(256, vi_curl_error_size())
        errorBuffer = .allocate(capacity: errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: errorBufferSize)
        pin = .allocate(capacity: 1)
        pin.initialize(to: vi_tls_pin())
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
        pin.deallocate()
    }

    /// The error buffer's text (empty when libcurl wrote nothing).
    var errorText: String {
        errorBuffer[errorBufferSize - 1] = 0
        return String(cString: errorBuffer)
    }
}
