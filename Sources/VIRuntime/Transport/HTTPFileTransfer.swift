import Foundation

/// How far a streamed transfer (``HTTPStreamingTransport``) has got.
public struct HTTPTransferProgress: Sendable, Hashable {
    /// Body bytes moved so far by this request: written to the file (download) or sent (upload).
    public var bytes: Int64
    /// The body's size when known: the response's `Content-Length` or the upload's length.
    public var expectedBytes: Int64?

    public init(bytes: Int64, expectedBytes: Int64?) {
        self.bytes = bytes
        self.expectedBytes = expectedBytes
    }
}

/// The answer to a streamed request. A success (2xx) response's body went to the file;
/// any other status keeps at most the first 64 KiB of its body here, for error messages.
public struct HTTPStreamedResponse: Sendable {
    /// Status code of the final response.
    public var status: Int
    /// Header fields of the final response, in the order received.
    public var headers: [(name: String, value: String)]
    /// Body bytes written to the file (download) or sent (upload).
    public var bytesTransferred: Int64
    /// The start of a non-2xx response's body (at most 64 KiB); empty after a success.
    public var errorBody: [UInt8]

    public init(
        status: Int, headers: [(name: String, value: String)] = [], bytesTransferred: Int64 = 0, errorBody: [UInt8] = []
    ) {
        self.status = status
        self.headers = headers
        self.bytesTransferred = bytesTransferred
        self.errorBody = errorBody
    }

    /// The first value of the header `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { HTTPResponse.sameName($0.name, name) }?.value
    }
}

/// A local file could not be read or written during a streamed transfer (the transfer was aborted).
public struct HTTPLocalFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request's URL, without user information.
    public var url: String
    /// `read` or `write`.
    public var operation: String
    /// The system error number.
    public var errno: Int32

    public init(url: String, operation: String, errno: Int32) {
        self.url = url
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        let text = strerror(errno).map { String(cString: $0) } ?? "errno \(errno)"
        return "could not \(operation) the local file during the transfer with \(url): \(text)"
    }
}

/// An ``HTTPTransport`` that streams bodies to and from files with bounded memory.
///
/// The file descriptors stay the caller's: they are neither opened, positioned, nor closed here.
/// Bytes go to and come from the descriptor's current offset, in order. The transport's
/// connection, TLS, proxy and time limits apply as for ``HTTPTransport/send(_:)``, except
/// ``TransportOptions/maxResponseBytes``, which bounds held bodies only. `progress` is called
/// on a transfer thread, at most about ten times a second, and once at the end.
public protocol HTTPStreamingTransport: HTTPTransport {
    /// Sends `request` (a `GET` usually) and writes a 2xx response's body to `file`: a partial
    /// body (206, the answer to a `Range` request) at the descriptor's offset; any other 2xx body
    /// is the whole resource and replaces the file's content (a file positioned past its start
    /// is truncated first).
    func download(
        _ request: HTTPRequest, to file: Int32, progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPStreamedResponse

    /// Sends `request` (a `PUT` usually) with `length` bytes read from `file` as its body.
    /// A file that ends early fails the transfer.
    func upload(
        _ request: HTTPRequest, from file: Int32, length: Int64, progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPStreamedResponse
}
