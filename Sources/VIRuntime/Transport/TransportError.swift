/// Why a request got no HTTP response. Messages never contain request headers or bodies;
/// URLs are shown without user information (`user:password@`).
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host name (or the proxy's) could not be resolved.
    case hostNotFound(url: String, message: String)
    /// Nothing listens on the port: the connection was refused.
    case connectionRefused(url: String, message: String)
    /// Any other failure to connect (network unreachable, proxy refused the tunnel, ...).
    case couldNotConnect(url: String, message: String)
    /// A time limit elapsed; `after` is that limit in seconds.
    case timedOut(url: String, limit: TransportTimeout, after: Double)
    /// The server's certificate was not trusted or does not match the host name.
    case tlsVerificationFailed(url: String, message: String)
    /// The server's leaf certificate does not have the pinned SHA-256 thumbprint
    /// (``TransportOptions/pinnedThumbprint``); the handshake was aborted and nothing was sent.
    case tlsThumbprintMismatch(url: String, expected: CertificateThumbprint, found: CertificateThumbprint)
    /// Any other TLS failure (handshake, protocol, client certificate).
    case tls(url: String, message: String)
    /// The connection broke before the response was complete: reset, closed mid-body (shorter
    /// than its `Content-Length`), or closed without any response.
    case connectionLost(url: String, message: String)
    /// The response body exceeded ``TransportOptions/maxResponseBytes`` (or the headers 1 MiB).
    case responseTooLarge(url: String, limit: Int)
    /// The calling task was cancelled.
    case cancelled(url: String)
    /// Any other libcurl failure; `code` is the `CURLcode`.
    case curl(url: String, code: Int, message: String)
    /// The request cannot be sent as given (e.g. a line break in a header); nothing was sent.
    case invalidRequest(url: String, message: String)
    /// ``TransportOptions`` are out of range, or libcurl could not be initialized.
    case invalidConfiguration(message: String)

    public var description: String {
        switch self {
        case let .hostNotFound(url, message): "host not found: \(url): \(message)"
        case let .connectionRefused(url, message): "connection refused by \(url): \(message)"
        case let .couldNotConnect(url, message): "could not connect to \(url): \(message)"
        case let .timedOut(url, limit, after): "timed out: " + limit.explanation(url: url, after: after)
        case let .tlsVerificationFailed(url, message): "TLS certificate verification failed for \(url): \(message)"
        case let .tlsThumbprintMismatch(url, expected, found):
            "TLS certificate of \(url) has SHA-256 thumbprint \(found), expected \(expected); nothing was sent"
        case let .tls(url, message): "TLS error with \(url): \(message)"
        case let .connectionLost(url, message): "connection to \(url) lost: \(message)"
        case let .responseTooLarge(url, limit): "response from \(url) larger than \(limit) bytes"
        case let .cancelled(url): "request to \(url) cancelled"
        case let .curl(url, code, message): "HTTP transfer to \(url) failed (curl \(code)): \(message)"
        case let .invalidRequest(url, message): "invalid request to \(url): \(message)"
        case let .invalidConfiguration(message): "invalid transport configuration: \(message)"
        }
    }
}
