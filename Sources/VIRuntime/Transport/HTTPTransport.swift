/// Sends HTTP requests. Implementations must be safe to call concurrently.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the final response, whatever its status code.
    /// Throws ``TransportError`` when no response was received.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
