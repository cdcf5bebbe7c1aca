/// Splitting and checking `host[:port]` for connection and proxy URIs.
enum URIHostPort {
    enum Problem: Error {
        case emptyHost
        case invalidHost(String)
        case invalidPort(String)
    }

    /// Splits `host[:port]` or `[ipv6][:port]`; the host is returned without brackets.
    /// `port` is `nil` without a `:`, or the (possibly empty) text after it.
    static func split(_ text: Substring) throws(Problem) -> (host: String, port: Substring?) {
        let host: Substring
        var rest: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(String(text)) }
            host = text[text.index(after: text.startIndex)..<close]
            rest = text[text.index(after: close)...]
            guard isIPv6Literal(host) else { throw .invalidHost(String(text[...close])) }
        } else {
            let colon = text.firstIndex(of: ":") ?? text.endIndex
            host = text[..<colon]
            rest = text[colon...]
            guard !host.isEmpty else { throw .emptyHost }
            guard host.utf8.allSatisfy(URIPercentCoding.isUnreserved) else { throw .invalidHost(String(host)) }
        }
        guard !rest.isEmpty else { return (String(host), nil) }
        guard rest.first == ":" else { throw .invalidHost(String(text)) }
        rest.removeFirst()
        return (String(host), rest)
    }

    /// Parses a port in 1...65535 (ASCII digits only).
    static func port(_ text: Substring) throws(Problem) -> Int {
        guard !text.isEmpty, text.utf8.count <= 5,
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(text), (1...65_535).contains(value)
        else { throw .invalidPort(String(text)) }
        return value
    }

    /// Writes a host for a URI, bracketing IPv6 literals.
    static func format(host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func isIPv6Literal(_ text: Substring) -> Bool {
        text.contains(":") && text.utf8.allSatisfy { byte in
            EscapeHexDigits.value(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        }
    }
}
