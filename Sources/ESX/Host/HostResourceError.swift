/// Why a lookup or query of a host resource (capabilities, interface, network, storage pool or
/// volume) failed before or instead of reaching the server.
public enum HostResourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No object of `kind` (`interface`, `network`, `storage pool`, `storage volume`) answers to
    /// `key` (`name`, `MAC address`, `UUID`, `path`, `key`) `value`.
    case notFound(kind: String, key: String, value: String)
    /// The server's answer does not have the shape libvirt expects (`message` says what).
    case unexpected(String)
    /// An argument is malformed (`message` says which and why).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .notFound(kind, key, value): return "no \(kind) with \(key) '\(value)'"
        case let .unexpected(message): return message
        case let .invalidArgument(message): return message
        }
    }
}
