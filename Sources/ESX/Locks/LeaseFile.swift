import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if os(Linux)
    import CESXSupport
#endif

/// One open lease file and its two byte-range locks.
///
/// Byte 0 is the lease itself, held shared or exclusive for as long as this process holds the
/// lease; byte 1 serializes updates of the record (held briefly). Linux open-file-description
/// locks (`F_OFD_SETLK`) belong to this open file, not the process, so two managers in one
/// process conflict like two processes do; they are POSIX locks and work on NFS. The record
/// (JSON) survives the process: a lease outlives its holder until released or reclaimed.
/// Waiting for the update lock polls with `Task.sleep`, so a waiter never blocks a thread.
/// Unchecked Sendable: each instance is used by one operation of one manager at a time.
final class LeaseFile: @unchecked Sendable {
    let path: String
    private(set) var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close() }

    /// The file of `resource` in `directory`: `<sha256 of the canonical name>.lease`.
    static func path(for resource: LockResource, in directory: String) -> String {
        let seed = resource.kind == .disk ? resource.name : "lease:" + resource.name
        return directory + "/" + SHA256.hex(Array(seed.utf8)) + ".lease"
    }

    /// How often a waiter tries the update lock again.
    static let pollInterval = Duration.milliseconds(5)

    /// Opens (creating) the file and takes the update lock, waiting up to `timeout`.
    /// Retries when the file was unlinked by a releaser between open and lock.
    static func openLocked(path: String, resource: String, timeout: Duration) async throws(LockError) -> LeaseFile {
        let deadline = ContinuousClock.now + timeout
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
            let file = LeaseFile(path: path, fd: fd)
            do {
                try await file.lockUpdates(resource: resource, deadline: deadline)
            } catch {
                file.close()
                throw error
            }
            if file.isCurrent { return file }
            file.close()  // unlinked meanwhile: open the new one
        }
    }

    /// Whether the path still names this open file.
    var isCurrent: Bool {
        var mine = stat()
        var named = stat()
        guard fstat(fd, &mine) == 0, stat(path, &named) == 0 else { return false }
        return mine.st_ino == named.st_ino && mine.st_dev == named.st_dev
    }

    /// Takes the update lock (byte 1), retrying every ``pollInterval`` until `deadline`.
    /// Throws `.timedOut` after the deadline and `.cancelled` when the task is cancelled.
    func lockUpdates(resource: String, deadline: ContinuousClock.Instant) async throws(LockError) {
        while true {
            guard !Task.isCancelled else { throw .cancelled(resource: resource) }
            if try setLock(Int16(F_WRLCK), byte: 1) { return }
            guard ContinuousClock.now < deadline else { throw .timedOut(resource: resource) }
            do {
                try await Task.sleep(for: min(Self.pollInterval, deadline - .now))
            } catch {
                throw .cancelled(resource: resource)
            }
        }
    }

    func unlockUpdates() {
        _ = try? setLock(Int16(F_UNLCK), byte: 1)
    }

    /// Tries to take (or convert) the lease lock (byte 0) without waiting.
    func tryLease(_ mode: LeaseMode) throws(LockError) -> Bool {
        try setLock(Int16(mode == .exclusive ? F_WRLCK : F_RDLCK), byte: 0)
    }

    func unlockLease() {
        _ = try? setLock(Int16(F_UNLCK), byte: 0)
    }

    /// The record, or nil for an empty (new) file.
    func readRecord() throws(LockError) -> LeaseRecord? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        guard !data.isEmpty else { return nil }
        do {
            return try LeaseRecord.decode(data)
        } catch {
            throw .corruptLease(path: path, reason: String(describing: error))
        }
    }

    /// Replaces the record (flushed to disk before returning).
    func writeRecord(_ record: LeaseRecord) throws(LockError) {
        let data: Data
        do { data = try record.encoded() } catch {
            throw .corruptLease(path: path, reason: "cannot encode: \(error)")
        }
        guard ftruncate(fd, 0) == 0 else { throw .io(path: path, operation: "truncate", errno: errno) }
        var written = 0
        while written < data.count {
            let count = data.withUnsafeBytes { raw in
                pwrite(fd, raw.baseAddress.map { $0 + written }, data.count - written, off_t(written))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", errno: errno)
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    /// Removes the file (call with the update lock held, when no holder is left).
    func unlink() {
        _ = Glibc_unlink(path)
    }

    func close() {
        guard fd >= 0 else { return }
        _ = closeFD(fd)
        fd = -1
    }

    /// Returns false when another open file holds a conflicting lock.
    /// Only Linux has open file description locks; elsewhere this throws `.unsupported`.
    private func setLock(_ type: Int16, byte: off_t) throws(LockError) -> Bool {
        #if os(Linux)
            var lock = flock()
            lock.l_type = type
            lock.l_whence = Int16(SEEK_SET)
            lock.l_start = byte
            lock.l_len = 1
            lock.l_pid = 0
            while true {
                let result = withUnsafeMutablePointer(to: &lock) { fcntl(fd, esx_f_ofd_setlk(), $0) }
                if result == 0 { return true }
                switch errno {
                case EINTR: continue
                case EAGAIN, EACCES: return false
                default: throw .io(path: path, operation: "lock", errno: errno)
                }
            }
        #else
            throw LeaseFile.unsupported
        #endif
    }

    /// The error where open file description locks do not exist (every system but Linux).
    static let unsupported = LockError.unsupported(
        operation: "lease files (they need Linux open file description locks)", plugin: "lockd")
}

private func Glibc_unlink(_ path: String) -> Int32 { unlink(path) }
private func closeFD(_ fd: Int32) -> Int32 { close(fd) }
