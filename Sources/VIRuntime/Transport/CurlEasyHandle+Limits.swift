import CCurl

/// The time limits of a transfer, and what a failed one reports for mapping its error.
extension CurlEasyHandle {
    /// Connect timeout, what is left of the deadline, and the low-speed check.
    func configureLimits(_ s: inout CurlOptionSetter, _ limits: CurlTransferLimits) {
        s.long(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(limits.connect))
        s.long(CURLOPT_TIMEOUT_MS, limits.deadline > 0 ? max(1, Self.milliseconds(limits.remaining)) : 0)
        let lowSpeedSeconds = limits.lowSpeedSeconds
        s.long(CURLOPT_LOW_SPEED_LIMIT, lowSpeedSeconds > 0 ? limits.lowSpeedLimit : 0)
        s.long(CURLOPT_LOW_SPEED_TIME, lowSpeedSeconds)
    }

    /// What the mapping to ``TransportError`` needs besides the code, read after a failed transfer.
    func failureFacts(limits: CurlTransferLimits, elapsed: Duration) -> CurlErrorMapping.Facts {
        var osErrno = 0
        if vi_curl_easy_getinfo_long(raw, CURLINFO_OS_ERRNO, &osErrno) != CURLE_OK { osErrno = 0 }
        var pretransfer: curl_off_t = 0
        if vi_curl_easy_getinfo_off_t(raw, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) != CURLE_OK { pretransfer = 0 }
        let seconds = CurlTransferLimits.seconds(elapsed)
        return CurlErrorMapping.Facts(
            detail: errorText, osErrno: osErrno,
            expired: limits.expired(elapsed: seconds, requestSent: pretransfer > 0))
    }

    /// Seconds to whole milliseconds (options are validated to be finite and in range).
    static func milliseconds(_ seconds: Double) -> Int {
        Int((seconds * 1000).rounded(.up))
    }
}
