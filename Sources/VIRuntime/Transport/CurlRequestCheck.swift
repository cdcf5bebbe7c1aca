/// Checks what libcurl would otherwise misread: header injection (CR/LF), NUL bytes that would cut
/// C strings short, and malformed methods. Messages name the offending part, never its content.
enum CurlRequestCheck {
    static func validate(_ request: HTTPRequest, displayURL: String) throws(TransportError) {
        func fail(_ message: String) -> TransportError {
            .invalidRequest(url: displayURL, message: message)
        }
        if request.url.isEmpty { throw fail("empty URL") }
        if request.url.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) {
            throw fail("URL contains a space or control character")
        }
        if !isToken(request.method) { throw fail("method is not an HTTP token") }
        if let timeout = request.timeout, !isSeconds(timeout) { throw fail("timeout must be 0 or more seconds") }
        if let time = request.lowSpeedTime, !isSeconds(time) { throw fail("lowSpeedTime must be 0 or more seconds") }
        for (index, header) in request.headers.enumerated() {
            if !isToken(header.name) { throw fail("header #\(index + 1) has an invalid name") }
            if header.value.utf8.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D }) {
                throw fail("header #\(index + 1) (\(header.name)) value contains CR, LF or NUL")
            }
        }
    }

    /// A finite, non-negative number of seconds that fits libcurl's millisecond options.
    static func isSeconds(_ value: Double) -> Bool {
        value.isFinite && value >= 0 && value < 1e9
    }

    /// RFC 9110 token: one or more tchar.
    static func isToken(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(c)
            }
        }
    }

    /// `url` without user information (`scheme://user:password@host` -> `scheme://host`), for messages.
    static func displayURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }
}
