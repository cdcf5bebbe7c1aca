/// Time limits for the SOAP calls a task makes, overriding the transport's defaults
/// (``TransportOptions/totalTimeout``, ``TransportOptions/lowSpeedTime``).
///
/// Set them for a scope with ``VIClient/withCallDeadline(_:isolation:_:)`` or
/// `VICallOptions.$current.withValue(_:operation:)`; they are task-local, so child tasks
/// inherit them and other tasks are unaffected.
public struct VICallOptions: Sendable, Hashable {
    /// Seconds each call may take, from sending to the last response byte (0: no limit).
    /// Nil: the transport's default.
    public var deadline: Double?
    /// Seconds each call may receive less than ``TransportOptions/lowSpeedLimit`` bytes per second
    /// (0: no low-speed check). Nil: the transport's default.
    public var lowSpeedTime: Double?

    public init(deadline: Double? = nil, lowSpeedTime: Double? = nil) {
        self.deadline = deadline
        self.lowSpeedTime = lowSpeedTime
    }

    /// The options for calls made by the current task (transport defaults unless overridden).
    @TaskLocal public static var current = VICallOptions()
}

extension VIClient {
    /// Runs `body` with a deadline of `seconds` for each SOAP call made in it, and without the
    /// low-speed check: for long polls, which are silent by design until something changes.
    ///
    /// A call that exceeds the deadline throws ``VITransportError`` with
    /// ``TransportError/timedOut(url:limit:after:)`` (`limit` `.deadline`, `after` `seconds`).
    /// Derive the deadline from the server-side wait plus a margin for the network and a slow
    /// server, so a dead connection is detected without cutting a healthy wait short:
    ///
    /// ```swift
    /// let wait: Int32 = 60
    /// let updates = try await VIClient.withCallDeadline(Double(wait) + 30) {
    ///     try await client.waitForUpdatesEx(collector, version: version,
    ///                                       options: WaitOptions(maxWaitSeconds: wait))
    /// }
    /// ```
    ///
    /// `seconds` must be finite and not negative (0: no deadline); other values make each call
    /// fail with ``TransportError/invalidRequest(url:message:)``. Calls in `body` that must not
    /// wait that long can narrow it again with a nested `withCallDeadline`.
    public static func withCallDeadline<Result>(
        _ seconds: Double, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async rethrows -> Result {
        try await VICallOptions.$current.withValue(
            VICallOptions(deadline: seconds, lowSpeedTime: 0), operation: body, isolation: isolation)
    }
}
