/// Errors from parsing an `esx://`, `gsx://` or `vpx://` connection URI.
///
/// Messages never include the whole URI, and a `user:password@` in a parameter value
/// shows as `user:***@`, so a password in it is not leaked.
public enum URIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a URI of the form `scheme://[user@]host[:port][/path][?query]`.
    case malformed(reason: String)
    /// The scheme is not `esx`, `gsx` or `vpx`.
    case unsupportedScheme(String)
    /// The host is empty.
    case missingHost
    /// The host has characters a host name or bracketed IPv6 address cannot have.
    case invalidHost(String)
    /// The port is not a number in 1...65535.
    case invalidPort(String)
    /// The path is unusable for the scheme (the vpx inventory path).
    case invalidPath(path: String, reason: String)
    /// A query parameter has a bad value.
    case invalidParameter(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .malformed(reason):
            "malformed URI: \(reason)"
        case let .unsupportedScheme(scheme):
            "unsupported URI scheme '\(scheme)' (expected esx, gsx or vpx)"
        case .missingHost:
            "the URI has no host"
        case let .invalidHost(host):
            "invalid host '\(host)' in URI"
        case let .invalidPort(port):
            "invalid port '\(port)' in URI (expected 1...65535)"
        case let .invalidPath(path, reason):
            "invalid path '\(path)' in URI: \(reason)"
        case let .invalidParameter(name, value, reason):
            "invalid value '\(value)' for query parameter '\(name)': \(reason)"
        }
    }
}
