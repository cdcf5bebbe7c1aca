/// Something in a connection URI that was accepted but ignored.
public enum ESXURIWarning: Sendable, Hashable, CustomStringConvertible {
    /// A query parameter the driver does not know.
    case unknownParameter(name: String)
    /// A known parameter that has no effect with this scheme.
    case ignoredParameter(name: String, reason: String)
    /// An `esx://` or `gsx://` path other than empty or `/`.
    case ignoredPath(String)
    /// A `#fragment`.
    case ignoredFragment(String)

    public var description: String {
        switch self {
        case let .unknownParameter(name):
            "ignoring unknown query parameter '\(name)'"
        case let .ignoredParameter(name, reason):
            "ignoring query parameter '\(name)': \(reason)"
        case let .ignoredPath(path):
            "ignoring the URI path '\(path)'"
        case let .ignoredFragment(fragment):
            "ignoring the URI fragment '#\(fragment)'"
        }
    }
}
