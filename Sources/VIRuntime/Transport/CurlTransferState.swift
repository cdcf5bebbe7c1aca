import Synchronization

/// What one transfer collects on its worker thread: the final response's headers and body.
///
/// libcurl's callbacks reach it through an unretained pointer; the transfer keeps it alive.
/// Only the worker thread touches the response fields during the transfer; the caller reads them
/// after the continuation resumed. The cancellation flag is the only field shared meanwhile.
final class CurlTransferState: @unchecked Sendable {
    /// Limit of all header lines of one transfer together.
    static let maxHeaderBytes = 1 << 20
    /// Most memory reserved up front from a `Content-Length`.
    private static let maxReservation = 64 << 20

    let maxBodyBytes: Int
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var body: [UInt8] = []
    private(set) var exceededLimit = false
    /// The leaf certificate's thumbprint when the handshake recorded it (pinning or recording).
    var peerThumbprint: CertificateThumbprint?
    private var headerBytes = 0
    private let cancelFlag = Mutex(false)

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    var isCancelled: Bool { cancelFlag.withLock { $0 } }

    /// Asks the transfer to stop at libcurl's next progress callback.
    func cancel() {
        cancelFlag.withLock { $0 = true }
    }

    /// Appends body bytes; false (abort) when the body would exceed the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= maxBodyBytes - body.count else {
            exceededLimit = true
            return false
        }
        let needed = body.count + bytes.count
        if needed > body.capacity {
            // Doubling, but never past the limit: a body just under it must not cost twice it.
            body.reserveCapacity(min(max(needed, body.capacity * 2), maxBodyBytes))
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Handles one header line as libcurl delivers it (status lines and the blank line included).
    /// A status line starts a new response: headers of interim responses (100 Continue, a proxy's
    /// CONNECT reply) are dropped. Returns false (abort) when the headers grow too large.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= Self.maxHeaderBytes else {
            exceededLimit = true
            return false
        }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A { end -= 1 }
        if end == 0 { return true }
        // Trimmed as bytes: "\r\n" is a single Character in Swift.
        let line = Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self))
        if line.hasPrefix("HTTP/") {
            headers.removeAll(keepingCapacity: true)
            body.removeAll(keepingCapacity: true)
            return true
        }
        if let first = line.first, first == " " || first == "\t" {
            // Obsolete line folding: continue the previous value.
            if let lastIndex = headers.indices.last {
                headers[lastIndex].value += " " + Self.trimmed(line)
            }
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = String(Self.trimmed(line[..<colon]))
        let value = String(Self.trimmed(line[line.index(after: colon)...]))
        headers.append((name: name, value: value))
        if HTTPResponse.sameName(name, "Content-Length"), let length = Int(value), length > 0 {
            body.reserveCapacity(min(length, maxBodyBytes, Self.maxReservation))
        }
        return true
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var s = s
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
