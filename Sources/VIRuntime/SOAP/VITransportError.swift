/// A SOAP call that got no HTTP response: the method called and why (``TransportError``).
///
/// ``VIClient`` throws it for every transport failure except cancellation, which comes out as
/// `CancellationError`. Match on ``reason``, or use the shortcuts:
///
/// ```swift
/// catch let error as VITransportError where error.isTimeout { ... }  // error.method names the call
/// ```
public struct VITransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SOAP method called, e.g. `RetrievePropertiesEx`.
    public var method: String
    /// What went wrong, with the endpoint URL (never with credentials).
    public var reason: TransportError

    public init(method: String, reason: TransportError) {
        self.method = method
        self.reason = reason
    }

    /// Whether a time limit elapsed.
    public var isTimeout: Bool {
        if case .timedOut = reason { return true }
        return false
    }

    /// The limit that elapsed and its seconds, for a timeout.
    public var timeout: (limit: TransportTimeout, after: Double)? {
        if case let .timedOut(_, limit, after) = reason { return (limit, after) }
        return nil
    }

    public var description: String {
        "call to '\(method)' failed: \(reason)"
    }
}
