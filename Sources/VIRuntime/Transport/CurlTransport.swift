import CCurl

/// ``HTTPTransport`` on libcurl, with keep-alive connection reuse.
///
/// Up to ``TransportOptions/maxConnections`` requests run at once, each on its own pooled easy
/// handle (and connection); later callers wait, suspended, for a free handle. Blocking transfers
/// run on dedicated threads, never on Swift's cooperative pool. Cancelling the calling task
/// aborts the transfer and throws ``TransportError/cancelled(url:)``.
/// Redirects are not followed and no cookies are stored; proxy environment variables are ignored.
public final class CurlTransport: HTTPTransport {
    private let options: TransportOptions
    private let pool: CurlHandlePool
    private let workers: CurlWorkerThreads

    /// Throws ``TransportError/invalidConfiguration(message:)`` for out-of-range options or when
    /// libcurl cannot be initialized.
    public init(options: TransportOptions = TransportOptions()) throws {
        try Self.validate(options)
        try CurlGlobal.ensureInitialized()
        self.options = options
        pool = CurlHandlePool(limit: options.maxConnections)
        workers = CurlWorkerThreads(maxThreads: options.maxConnections)
    }

    deinit {
        workers.shutdown()
    }

    /// Sends `request` and returns the final response (any status, 3xx included).
    ///
    /// The deadline (``HTTPRequest/timeout`` or ``TransportOptions/totalTimeout``) counts from
    /// this call: time spent waiting for a free connection is taken off it. (That wait ends when a
    /// connection frees up, which the running requests' own limits guarantee.)
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await exchange(request).response
    }

    /// ``send(_:)``, also returning the leaf certificate's thumbprint when this transfer's
    /// handshake recorded it (a pinned or recording transport, on a new connection).
    func exchange(_ request: HTTPRequest) async throws -> (response: HTTPResponse, thumbprint: CertificateThumbprint?) {
        let state = CurlTransferState(maxBodyBytes: options.maxResponseBytes)
        let response = try await exchange(request, state: state)
        return (response, state.peerThumbprint)
    }

    /// Runs one transfer collecting into `state` (a streamed one when `state.stream` is set).
    func exchange(_ request: HTTPRequest, state: CurlTransferState) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let url = CurlRequestCheck.displayURL(request.url)
        try CurlRequestCheck.validate(request, displayURL: url)
        if Task.isCancelled { throw TransportError.cancelled(url: url) }

        let handle: CurlEasyHandle
        do {
            handle = try await pool.acquire()
        } catch .cancelled {
            throw TransportError.cancelled(url: url)
        } catch .outOfHandles {
            throw TransportError.curl(url: url, code: Int(CURLE_OUT_OF_MEMORY.rawValue),
                                      message: "could not create a curl handle")
        }
        defer { pool.release(handle) }

        var limits = CurlTransferLimits(options: options, request: request)
        guard limits.spend(ContinuousClock.now - started) else {
            throw TransportError.timedOut(url: url, limit: .deadline, after: limits.deadline)
        }
        let options = self.options
        let transferLimits = limits
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                workers.submit {
                    continuation.resume(returning: handle.perform(
                        request, options: options, limits: transferLimits, state: state, displayURL: url))
                }
            }
        } onCancel: {
            state.cancel()  // seen by the progress callback
            handle.sockets.interrupt(state)  // wakes libcurl at once
        }
        return try result.get()
    }

    private static func validate(_ options: TransportOptions) throws(TransportError) {
        func fail(_ message: String) -> TransportError { .invalidConfiguration(message: message) }
        let maxSeconds = 1e9  // keeps the conversion to milliseconds in range
        guard options.connectTimeout.isFinite, options.connectTimeout >= 0, options.connectTimeout < maxSeconds else {
            throw fail("connectTimeout must be between 0 and \(maxSeconds) seconds")
        }
        guard options.totalTimeout.isFinite, options.totalTimeout >= 0, options.totalTimeout < maxSeconds else {
            throw fail("totalTimeout must be between 0 and \(maxSeconds) seconds")
        }
        guard options.lowSpeedTime.isFinite, options.lowSpeedTime >= 0, options.lowSpeedTime < maxSeconds else {
            throw fail("lowSpeedTime must be between 0 and \(maxSeconds) seconds")
        }
        guard options.lowSpeedLimit >= 0 else { throw fail("lowSpeedLimit must not be negative") }
        guard options.maxResponseBytes >= 0 else { throw fail("maxResponseBytes must not be negative") }
        guard options.maxConnections >= 1 else { throw fail("maxConnections must be at least 1") }
        guard !options.userAgent.utf8.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D }) else {
            throw fail("userAgent contains CR, LF or NUL")
        }
        if let caFile = options.caFile, caFile.isEmpty || caFile.utf8.contains(0) {
            throw fail("caFile must be a non-empty path")
        }
        if let proxy = options.proxy {
            guard !proxy.host.isEmpty, !proxy.host.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
                throw fail("proxy host must be a non-empty host name without spaces")
            }
            guard (1...65535).contains(proxy.port) else { throw fail("proxy port must be 1...65535") }
        }
    }
}
