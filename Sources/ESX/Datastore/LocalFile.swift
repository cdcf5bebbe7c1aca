#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local file opened for a datastore transfer (its owner calls ``close()``); errors are ``DatastoreFileError/localFile(path:operation:reason:)``.
struct LocalFile {
    let path: String
    let descriptor: Int32

    /// Opens `path` for reading; it must be a regular file.
    static func openForReading(_ path: String) throws(DatastoreFileError) -> LocalFile {
        let file = try LocalFile(path: path, flags: O_RDONLY, operation: "open")
        guard try file.isRegular() else {
            throw .localFile(path: path, operation: "read", reason: "not a regular file")
        }
        return file
    }

    /// Opens (creating) `path` for writing; `truncate` empties it first.
    static func openForWriting(_ path: String, truncate: Bool) throws(DatastoreFileError) -> LocalFile {
        try LocalFile(path: path, flags: O_WRONLY | O_CREAT | (truncate ? O_TRUNC : 0), operation: "create")
    }

    private init(path: String, flags: Int32, operation: String) throws(DatastoreFileError) {
        let fd = open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LocalFile.failure(path, operation, errno) }
        self.path = path
        descriptor = fd
    }

    /// Closes the descriptor (once, by the owner).
    func close() { _ = systemClose(descriptor) }

    /// The file's size in bytes.
    func size() throws(DatastoreFileError) -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LocalFile.failure(path, "stat", errno) }
        return Int64(info.st_size)
    }

    /// Moves the offset to `offset` (from the start).
    func seek(to offset: Int64) throws(DatastoreFileError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else { throw LocalFile.failure(path, "seek in", errno) }
    }

    /// Cuts the file to `length` bytes and moves the offset there.
    func truncate(to length: Int64) throws(DatastoreFileError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw LocalFile.failure(path, "truncate", errno) }
        try seek(to: length)
    }

    private func isRegular() throws(DatastoreFileError) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LocalFile.failure(path, "stat", errno) }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    private func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(fd)
        #elseif canImport(Musl)
            Musl.close(fd)
        #else
            Darwin.close(fd)
        #endif
    }

    static func failure(_ path: String, _ operation: String, _ code: Int32) -> DatastoreFileError {
        .localFile(path: path, operation: operation, reason: LockError.errnoText(code))
    }
}
