/// How far a datastore file transfer has got.
public struct DatastoreTransferProgress: Sendable, Hashable {
    /// The datastore file.
    public var path: DatastorePath
    /// Bytes of the file transferred so far (a resumed download counts what was already there).
    public var bytes: Int64
    /// The file's size, when known.
    public var totalBytes: Int64?

    public init(path: DatastorePath, bytes: Int64, totalBytes: Int64?) {
        self.path = path
        self.bytes = bytes
        self.totalBytes = totalBytes
    }

    /// `bytes` of `totalBytes` in percent, when the size is known.
    public var percent: Int? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return Int(min(100, bytes * 100 / totalBytes))
    }
}

/// What a finished datastore file transfer did.
public struct DatastoreTransfer: Sendable, Hashable {
    /// The datastore file.
    public var path: DatastorePath
    /// The local file.
    public var localPath: String
    /// Bytes moved by this call.
    public var bytesTransferred: Int64
    /// For a resumed download: the bytes the local file already had; 0 otherwise.
    public var resumedAt: Int64
    /// The file's size at the end.
    public var size: Int64

    public init(path: DatastorePath, localPath: String, bytesTransferred: Int64, resumedAt: Int64, size: Int64) {
        self.path = path
        self.localPath = localPath
        self.bytesTransferred = bytesTransferred
        self.resumedAt = resumedAt
        self.size = size
    }
}
