import VI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Datastore files over the server's HTTP interface, `/folder/<path>?dcPath=<datacenter>&dsName=<datastore>`,
/// on the session's transport (cookie, TLS rules and pinning, proxy, connect and stall limits).
///
/// Bodies stream between the network and a local file: memory stays bounded whatever the size.
/// Transfers have no overall deadline (a large file takes as long as it takes) but fail when
/// the connection stalls (``TransportOptions/lowSpeedTime``). A `401` logs in again once.
extension ESXConnection {
    /// Downloads a datastore file to `localPath`.
    ///
    /// With `resume`, an existing local file is continued with an HTTP `Range` request from its
    /// size; a server that sends the whole file instead replaces it. A file already complete
    /// transfers nothing. Without `resume` the local file is replaced. A failed download keeps
    /// what arrived, for a later `resume`.
    public func downloadDatastoreFile(
        _ path: DatastorePath, to localPath: String, resume: Bool = false,
        progress: (@Sendable (DatastoreTransferProgress) -> Void)? = nil
    ) async throws(ESXError) -> DatastoreTransfer {
        let transport = try streamingTransport()
        let file = try local { () throws(DatastoreFileError) in try LocalFile.openForWriting(localPath, truncate: !resume) }
        defer { file.close() }
        let offset = try local { () throws(DatastoreFileError) in try file.size() }
        try local { () throws(DatastoreFileError) in try file.seek(to: offset) }
        let url = folderURL(path)
        let descriptor = file.descriptor
        let response = try await folderExchange(path, operation: "download", localPath: localPath, status: \.status) {
            headers in
            var headers = headers
            if offset > 0 { headers.append(("Range", "bytes=\(offset)-")) }
            return try await transport.download(
                HTTPRequest(url: url, method: "GET", headers: headers, timeout: 0), to: descriptor
            ) { step in
                progress?(DatastoreTransferProgress(
                    path: path, bytes: offset + step.bytes, totalBytes: step.expectedBytes.map { offset + $0 }))
            }
        }
        var resumedAt: Int64 = 0
        switch response.status {
        case 206:
            guard let range = ContentRange(response.header("Content-Range")), range.start == offset else {
                try? file.truncate(to: offset)
                throw .datastoreFile(.resumeMismatch(
                    path: path.description, reason: "the server sent another range than bytes \(offset)-"))
            }
            resumedAt = offset
        case 200..<300:
            break
        case 416 where offset > 0:
            let total = ContentRange(response.header("Content-Range"))?.total
            guard total == offset else {
                throw .datastoreFile(.resumeMismatch(
                    path: path.description,
                    reason: "the local file has \(offset) bytes, the datastore file \(total.map(String.init) ?? "fewer")"))
            }
            resumedAt = offset
        default:
            throw Self.statusError(response.status, path: path, operation: "download")
        }
        let size = try local { () throws(DatastoreFileError) in try file.size() }
        return DatastoreTransfer(
            path: path, localPath: localPath, bytesTransferred: response.bytesTransferred, resumedAt: resumedAt, size: size)
    }

    /// Uploads the local file `localPath` to the datastore file `path`, replacing it if it exists.
    /// The directory must exist on a real server.
    @discardableResult
    public func uploadDatastoreFile(
        from localPath: String, to path: DatastorePath,
        progress: (@Sendable (DatastoreTransferProgress) -> Void)? = nil
    ) async throws(ESXError) -> DatastoreTransfer {
        let transport = try streamingTransport()
        let file = try local { () throws(DatastoreFileError) in try LocalFile.openForReading(localPath) }
        defer { file.close() }
        let length = try local { () throws(DatastoreFileError) in try file.size() }
        let url = folderURL(path)
        let descriptor = file.descriptor
        let response = try await folderExchange(path, operation: "upload", localPath: localPath, status: \.status) {
            headers in
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {  // from the start, also when sent again
                throw LocalFile.failure(localPath, "seek in", errno)
            }
            return try await transport.upload(
                HTTPRequest(
                    url: url, method: "PUT", headers: headers + [("Content-Type", "application/octet-stream")],
                    timeout: 0),
                from: descriptor, length: length
            ) { step in
                progress?(DatastoreTransferProgress(path: path, bytes: step.bytes, totalBytes: length))
            }
        }
        guard (200..<300).contains(response.status) else {
            throw Self.statusError(response.status, path: path, operation: "upload")
        }
        return DatastoreTransfer(
            path: path, localPath: localPath, bytesTransferred: response.bytesTransferred, resumedAt: 0, size: length)
    }

    /// Writes `bytes` (a small file, held in memory) to the datastore file `path`, replacing it.
    public func putDatastoreFile(_ bytes: [UInt8], to path: DatastorePath) async throws(ESXError) {
        let url = folderURL(path)
        let response = try await folderExchange(path, operation: "upload", status: \.status) { headers in
            try await client.transport.send(HTTPRequest(
                url: url, method: "PUT", headers: headers + [("Content-Type", "application/octet-stream")],
                body: bytes))
        }
        guard (200..<300).contains(response.status) else {
            throw Self.statusError(response.status, path: path, operation: "upload")
        }
    }

    /// Whether the datastore file or directory `path` exists (a `HEAD` request: 2xx or a
    /// redirect to the directory listing mean yes, 404 no). A server that does not allow `HEAD`
    /// is asked with a `GET` of the first byte instead.
    public func datastoreItemExists(_ path: DatastorePath) async throws(ESXError) -> Bool {
        let url = folderURL(path)
        var response = try await folderExchange(path, operation: "look up", status: \.status) { headers in
            try await client.transport.send(HTTPRequest(url: url, method: "HEAD", headers: headers))
        }
        if response.status == 405 || response.status == 501 {
            response = try await folderExchange(path, operation: "look up", status: \.status) { headers in
                try await client.transport.send(
                    HTTPRequest(url: url, method: "GET", headers: headers + [("Range", "bytes=0-0")]))
            }
        }
        switch response.status {
        case 200..<400: return true
        case 404: return false
        default: throw Self.statusError(response.status, path: path, operation: "look up")
        }
    }

    /// Deletes the datastore file `path` (`FileManager.DeleteDatastoreFile_Task`; a directory
    /// goes with its contents).
    public func deleteDatastoreFile(_ path: DatastorePath) async throws(ESXError) {
        let datacenter = inventory.datacenter
        let task = try await run { client in
            try await client.deleteDatastoreFile_Task(name: path.description, datacenter: datacenter)
        }
        _ = try await TaskWaiter(connection: self).wait(
            for: task, vm: nil, operation: "delete datastore file '\(path)'", progress: nil)
    }

    // MARK: Shared steps

    /// The client's transport, when it streams (libcurl's does).
    private func streamingTransport() throws(ESXError) -> any HTTPStreamingTransport {
        guard let transport = client.transport as? any HTTPStreamingTransport else {
            throw .datastoreFile(.streamingUnsupported)
        }
        return transport
    }

    /// Sends one `/folder` request with the session cookie; on `401` checks the session (logging
    /// in again when it is gone) and sends it once more. Failures come out typed.
    private func folderExchange<Response>(
        _ path: DatastorePath, operation: String, localPath: String? = nil, status: (Response) -> Int,
        _ send: ([(name: String, value: String)]) async throws -> Response
    ) async throws(ESXError) -> Response {
        var attempt = 0
        while true {
            attempt += 1
            let response = try await run { client in
                var headers: [(name: String, value: String)] = [("Accept", "*/*")]
                if let cookie = client.sessionCookie { headers.append(("Cookie", cookie)) }
                do {
                    return try await send(headers)
                } catch {
                    throw Self.transferError(error, path: path, localPath: localPath, operation: operation)
                }
            }
            guard status(response) == 401, attempt == 1 else { return response }
            try await ensureSession()
        }
    }

    private func local<T>(_ body: () throws(DatastoreFileError) -> T) throws(ESXError) -> T {
        do { return try body() } catch { throw .datastoreFile(error) }
    }

    static func transferError(_ error: any Error, path: DatastorePath, localPath: String?, operation: String)
        -> ESXError
    {
        switch error {
        case let error as ESXError: return error
        case let error as DatastoreFileError: return .datastoreFile(error)
        case TransportError.cancelled, is CancellationError: return .cancelled
        case let error as TransportError:
            return .transport(VITransportError(method: "\(operation) '\(path)'", reason: error))
        case let error as HTTPLocalFileError:
            return .datastoreFile(.localFile(
                path: localPath ?? "?", operation: error.operation, reason: LockError.errnoText(error.errno)))
        default: return .wrap(error)
        }
    }

    static func statusError(_ status: Int, path: DatastorePath, operation: String) -> ESXError {
        switch status {
        case 404: .datastoreFile(.notFound(path: path.description))
        case 401, 403: .datastoreFile(.accessDenied(path: path.description, operation: operation, status: status))
        default: .datastoreFile(.httpStatus(path: path.description, operation: operation, status: status))
        }
    }
}

/// A `Content-Range` value: `bytes START-END/TOTAL` or `bytes */TOTAL`.
struct ContentRange: Hashable {
    var start: Int64?
    var total: Int64?

    init?(_ text: String?) {
        guard let text, text.hasPrefix("bytes ") else { return nil }
        let rest = text.dropFirst("bytes ".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let range = rest[..<slash]
        total = Int64(rest[rest.index(after: slash)...])
        start = range == "*" ? nil : range.split(separator: "-").first.flatMap { Int64($0) }
        if range != "*" && start == nil { return nil }
    }
}
