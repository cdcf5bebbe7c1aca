/// Which time limit ended a request (see ``TransportOptions``).
public enum TransportTimeout: String, Sendable, Hashable {
    /// ``TransportOptions/connectTimeout``: no connection (TLS handshake included) in time.
    case connect
    /// ``TransportOptions/lowSpeedTime``: less than ``TransportOptions/lowSpeedLimit`` bytes per
    /// second for that long (a silent or trickling server).
    case lowSpeed
    /// ``TransportOptions/totalTimeout`` or ``HTTPRequest/timeout``: the request's deadline.
    case deadline
}

extension TransportTimeout {
    /// "2 s", "0.5 s": seconds without a needless fraction.
    static func seconds(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? "\(Int(rounded)) s" : "\(rounded) s"
    }

    /// What happened, e.g. "no complete response from URL within 30 s".
    func explanation(url: String, after seconds: Double) -> String {
        let limit = Self.seconds(seconds)
        return switch self {
        case .connect: "could not connect to \(url) within \(limit)"
        case .lowSpeed: "the transfer from \(url) stalled for \(limit)"
        case .deadline: "no complete response from \(url) within \(limit)"
        }
    }
}
