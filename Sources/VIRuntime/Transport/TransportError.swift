/// Why a request got no HTTP response. Messages never contain request headers or bodies;
/// URLs are shown without user information (`user:password@`).
public enum TransportError: Error, Sendable, CustomStringConvertible {
    /// The host could not be resolved or reached (also: the proxy).
    case couldNotConnect(url: String, message: String)
    /// The connect timeout or total timeout elapsed.
    case timedOut(url: String, message: String)
    /// TLS handshake or certificate verification failed.
    case tls(url: String, message: String)
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
        case let .couldNotConnect(url, message): "could not connect to \(url): \(message)"
        case let .timedOut(url, message): "timed out: \(url): \(message)"
        case let .tls(url, message): "TLS error with \(url): \(message)"
        case let .responseTooLarge(url, limit): "response from \(url) larger than \(limit) bytes"
        case let .cancelled(url): "request to \(url) cancelled"
        case let .curl(url, code, message): "HTTP transfer to \(url) failed (curl \(code)): \(message)"
        case let .invalidRequest(url, message): "invalid request to \(url): \(message)"
        case let .invalidConfiguration(message): "invalid transport configuration: \(message)"
        }
    }
}
