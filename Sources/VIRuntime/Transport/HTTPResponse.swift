/// The final HTTP response to a request (interim 1xx responses are not included).
public struct HTTPResponse: Sendable {
    /// Status code, e.g. 200. Redirects (3xx) are returned as they are, not followed.
    public var status: Int
    /// Header fields of the final response, in the order received.
    public var headers: [(name: String, value: String)]
    /// Response body.
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { Self.sameName($0.name, name) }?.value
    }

    /// All values of the header `name` (case-insensitive), in order; e.g. every `Set-Cookie`.
    public func headers(named name: String) -> [String] {
        headers.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// ASCII case-insensitive comparison of header names.
    static func sameName(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { lowerASCII($0) == lowerASCII($1) }
    }

    private static func lowerASCII(_ c: UInt8) -> UInt8 {
        (c >= 65 && c <= 90) ? c + 32 : c
    }
}
