/// Hiding passwords in URI text that an error message or warning echoes.
enum URIRedaction {
    /// What replaces a password.
    static let mask = "***"

    /// `value` with the password of a `[scheme://]user:password@host…` userinfo replaced by
    /// ``mask``; the user name stays. The userinfo ends at the last `@`, so a password
    /// holding `@`, `/` or `?` is hidden whole.
    static func userInfo(in value: String) -> String {
        let start = value.firstRange(of: "://")?.upperBound ?? value.startIndex
        guard let at = value[start...].lastIndex(of: "@"),
              let colon = value[start..<at].firstIndex(of: ":")
        else { return value }
        return String(value[...colon]) + mask + String(value[at...])
    }
}
