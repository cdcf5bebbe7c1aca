/// Streamed bodies over the same pooled connections, TLS rules, proxy and time limits as
/// ``CurlTransport/send(_:)``.
extension CurlTransport: HTTPStreamingTransport {
    public func download(
        _ request: HTTPRequest, to file: Int32, progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> HTTPStreamedResponse {
        try await stream(request, CurlStream(sink: file, progress: progress))
    }

    public func upload(
        _ request: HTTPRequest, from file: Int32, length: Int64,
        progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> HTTPStreamedResponse {
        guard length >= 0 else {
            throw TransportError.invalidRequest(
                url: CurlRequestCheck.displayURL(request.url), message: "upload length must not be negative")
        }
        return try await stream(request, CurlStream(source: file, sourceLength: length, progress: progress))
    }

    private func stream(_ request: HTTPRequest, _ stream: CurlStream) async throws -> HTTPStreamedResponse {
        let state = CurlTransferState(maxBodyBytes: CurlTransferState.maxErrorBodyBytes, stream: stream)
        let response: HTTPResponse
        do {
            response = try await exchange(request, state: state)
        } catch {
            // A failed read or write of the local file aborted the transfer: say so, not libcurl's code.
            if let failure = state.localFailure {
                throw HTTPLocalFileError(
                    url: CurlRequestCheck.displayURL(request.url), operation: failure.operation, errno: failure.errno)
            }
            throw error
        }
        state.reportProgress(downloadTotal: state.streamedBytes, final: true)
        let success = (200..<300).contains(response.status)
        return HTTPStreamedResponse(
            status: response.status, headers: response.headers,
            bytesTransferred: stream.sink != nil && !success ? 0 : state.streamedBytes,
            errorBody: success ? [] : response.body)
    }
}
