/// Why a datastore file transfer (`/folder/<path>?dcPath=&dsName=`) or file operation failed.
/// Paths are shown as `[datastore] path`; server text is never included.
public enum DatastoreFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server has no such file or directory, or no such datastore (HTTP 404).
    case notFound(path: String)
    /// The file exists and the operation does not overwrite it.
    case alreadyExists(path: String)
    /// The server refused access (HTTP 401 or 403, after logging in again once).
    case accessDenied(path: String, operation: String, status: Int)
    /// The server answered with another unexpected HTTP status.
    case httpStatus(path: String, operation: String, status: Int)
    /// A resumed download does not fit the server's answer (e.g. the local file is longer).
    case resumeMismatch(path: String, reason: String)
    /// A local file could not be opened, read or written.
    case localFile(path: String, operation: String, reason: String)
    /// The connection's HTTP transport cannot stream bodies to and from files.
    case streamingUnsupported

    public var description: String {
        switch self {
        case let .notFound(path): return "datastore file '\(path)' not found"
        case let .alreadyExists(path): return "datastore file '\(path)' already exists"
        case let .accessDenied(path, operation, status):
            return "cannot \(operation) datastore file '\(path)': access denied (HTTP \(status))"
        case let .httpStatus(path, operation, status):
            return "cannot \(operation) datastore file '\(path)': the server answered HTTP \(status)"
        case let .resumeMismatch(path, reason): return "cannot resume the download of '\(path)': \(reason)"
        case let .localFile(path, operation, reason): return "cannot \(operation) local file '\(path)': \(reason)"
        case .streamingUnsupported: return "the connection's HTTP transport cannot stream files"
        }
    }
}
