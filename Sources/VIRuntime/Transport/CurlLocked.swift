import Foundation

/// A value guarded by an `NSLock` (usable where `Synchronization.Mutex` needs macOS 15).
/// Keep critical sections short: never block or resume continuations inside `withLock`.
final class CurlLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
