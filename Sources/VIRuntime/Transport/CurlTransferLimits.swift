/// The time limits of one transfer, resolved from ``TransportOptions`` and the request.
struct CurlTransferLimits: Sendable {
    /// Seconds to connect; 0: libcurl's default.
    var connect: Double
    /// The request's deadline in seconds, as configured (0: none); reported in errors.
    var deadline: Double
    /// Seconds left of the deadline when the transfer starts (the wait for a handle is spent).
    var remaining: Double
    /// Bytes per second below which the transfer counts as stalled; 0: no check.
    var lowSpeedLimit: Int
    /// Seconds the transfer may stay stalled; 0: no check.
    var lowSpeedTime: Double

    /// libcurl's connect timeout when none is set.
    static let curlDefaultConnect = 300.0

    init(options: TransportOptions, request: HTTPRequest) {
        connect = options.connectTimeout
        deadline = request.timeout ?? options.totalTimeout
        remaining = deadline
        lowSpeedLimit = options.lowSpeedLimit
        lowSpeedTime = request.lowSpeedTime ?? options.lowSpeedTime
    }

    /// Takes `waited` off what is left of the deadline; false when nothing is left.
    mutating func spend(_ waited: Duration) -> Bool {
        guard deadline > 0 else { return true }
        remaining = deadline - Self.seconds(waited)
        return remaining > 0
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Whole seconds for CURLOPT_LOW_SPEED_TIME (a fraction rounds up); 0 when the check is off.
    var lowSpeedSeconds: Int {
        lowSpeedLimit > 0 && lowSpeedTime > 0 ? Int(lowSpeedTime.rounded(.up)) : 0
    }

    /// Which limit a `CURLE_OPERATION_TIMEDOUT` hit, and its configured seconds.
    /// `elapsed` is the transfer's duration; `requestSent` whether libcurl got past connecting.
    func expired(elapsed: Double, requestSent: Bool) -> (limit: TransportTimeout, after: Double) {
        // libcurl fires the total timeout at, never before, its millisecond value.
        if deadline > 0 && elapsed >= remaining - 0.05 { return (.deadline, deadline) }
        if !requestSent { return (.connect, connect > 0 ? connect : Self.curlDefaultConnect) }
        if lowSpeedSeconds > 0 { return (.lowSpeed, Double(lowSpeedSeconds)) }
        return (.deadline, deadline)
    }
}
