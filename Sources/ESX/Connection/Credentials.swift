/// A password that does not print: `description`, `debugDescription` and mirrors show `<redacted>`.
public struct ESXPassword: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The clear text, for `Login` only.
    public let clearText: String

    public init(_ clearText: String) { self.clearText = clearText }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Supplies the password (and, when the URI has none, the user) for a connection.
public protocol ESXCredentialsProvider: Sendable {
    /// The user name to log in as; `suggested` is the URI's user or the product default
    /// (`root` for esx/gsx, `administrator` for vpx).
    func user(host: String, suggested: String) async throws -> String
    /// The password of `user` at `host`.
    func password(user: String, host: String) async throws -> ESXPassword
}

extension ESXCredentialsProvider {
    public func user(host: String, suggested: String) async throws -> String { suggested }
}

/// Credentials known in advance.
public struct StaticCredentials: ESXCredentialsProvider {
    let fixedUser: String?
    let secret: ESXPassword

    public init(user: String? = nil, password: String) {
        fixedUser = user
        secret = ESXPassword(password)
    }

    public func user(host: String, suggested: String) async throws -> String { fixedUser ?? suggested }
    public func password(user: String, host: String) async throws -> ESXPassword { secret }
}
