import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one transfer collects on its worker thread: the final response's headers and body
/// (or, for a streamed transfer, where the body goes to and comes from).
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

    /// Set for a streamed transfer (``HTTPStreamingTransport``).
    let stream: CurlStream?
    /// The status of the response being received (from its status line), 0 before one.
    private(set) var status = 0
    /// Body bytes written to the stream's sink or read from its source.
    private(set) var streamedBytes: Int64 = 0
    /// The local file operation that failed (`read`, `write`) and its errno; the transfer was aborted.
    private(set) var localFailure: (operation: String, errno: Int32)?
    private var lastProgress: ContinuousClock.Instant?
    private var sinkPrepared = false
    /// Most bytes of a non-2xx body kept by a streamed download.
    static let maxErrorBodyBytes = 64 << 10

    init(maxBodyBytes: Int, stream: CurlStream? = nil) {
        self.maxBodyBytes = maxBodyBytes
        self.stream = stream
    }

    var isCancelled: Bool { cancelFlag.withLock { $0 } }

    /// Asks the transfer to stop at libcurl's next progress callback.
    func cancel() {
        cancelFlag.withLock { $0 = true }
    }

    /// Appends body bytes; false (abort) when the body would exceed the limit. A streamed
    /// download writes a 2xx body to its sink; streamed transfers keep the start of any other body.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let stream {
            if let sink = stream.sink, (200..<300).contains(status) {
                if !sinkPrepared {
                    sinkPrepared = true
                    guard prepareSink(sink) else { return false }
                }
                return writeAll(bytes, to: sink)
            }
            let room = Self.maxErrorBodyBytes - body.count
            if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
            return true
        }
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
            status = Self.statusCode(line)
            sinkPrepared = false
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

    /// Fills `buffer` from the stream's source: the byte count, 0 at the end, nil after a read
    /// error or when the source ends before its announced length.
    func readBody(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let source = stream?.source, let base = buffer.baseAddress else { return 0 }
        while true {
            let count = read(source, base, buffer.count)
            if count == 0, streamedBytes < stream?.sourceLength ?? 0 {
                localFailure = ("read", ENODATA)  // ended before the announced length: fail now, not at a stall
                return nil
            }
            if count >= 0 {
                streamedBytes += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            localFailure = ("read", errno)
            return nil
        }
    }

    /// Reports progress to the stream's callback, at most every 100 ms unless `final`.
    func reportProgress(downloadTotal: Int64, final: Bool = false) {
        guard let stream, let progress = stream.progress else { return }
        let now = ContinuousClock.now
        if !final, let last = lastProgress, now - last < .milliseconds(100) { return }
        if stream.source != nil {
            lastProgress = now
            progress(HTTPTransferProgress(bytes: streamedBytes, expectedBytes: stream.sourceLength))
        } else if (200..<300).contains(status) {
            lastProgress = now
            progress(HTTPTransferProgress(bytes: streamedBytes, expectedBytes: downloadTotal > 0 ? downloadTotal : nil))
        }
    }

    /// Before a 2xx body's first byte: a body that is not partial (206) is the whole resource and
    /// replaces the file's content, so a sink positioned past its start is emptied first.
    private func prepareSink(_ fd: Int32) -> Bool {
        guard status != 206 else { return true }
        let position = lseek(fd, 0, SEEK_CUR)
        guard position > 0 else { return true }  // at the start, or not seekable (a pipe)
        if ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 {
            localFailure = ("truncate", errno)
            return false
        }
        return true
    }

    /// Writes all of `bytes` to `fd`; false (abort, `localFailure` set) on an error.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let written = write(fd, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                localFailure = ("write", errno)
                return false
            }
            left -= written
            next += written
            streamedBytes += Int64(written)
        }
        return true
    }

    /// The code in a status line (`HTTP/1.1 206 Partial Content`), 0 when there is none.
    private static func statusCode(_ line: Substring) -> Int {
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[1].count == 3 else { return 0 }
        return Int(fields[1]) ?? 0
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var s = s
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}

/// Where a streamed transfer's body goes to (`sink`) or comes from (`source`): file descriptors
/// the caller owns.
struct CurlStream: Sendable {
    var sink: Int32?
    var source: Int32?
    var sourceLength: Int64 = 0
    var progress: (@Sendable (HTTPTransferProgress) -> Void)?
}
