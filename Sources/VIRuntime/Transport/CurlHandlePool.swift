import Synchronization

/// Easy handles shared by the requests of one transport.
///
/// A request borrows an idle handle (most recently used first, so warm connections are reused)
/// or creates one while fewer than `limit` exist; otherwise it waits, suspended, until a handle
/// is returned. The lock is only held to update the lists, never during a transfer.
final class CurlHandlePool: Sendable {
    enum AcquireError: Error {
        case cancelled
        case outOfHandles
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<CurlEasyHandle, any Error>
    }

    private struct State {
        var idle: [CurlEasyHandle] = []
        var created = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
    }

    private enum Decision {
        case handle(CurlEasyHandle)
        case create
        case wait
        case cancelled
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Borrows a handle; give it back with ``release(_:)``.
    /// Throws `AcquireError.cancelled` if the task is cancelled while waiting.
    func acquire() async throws(AcquireError) -> CurlEasyHandle {
        switch state.withLock({ takeOrReserve(&$0) }) {
        case .handle(let handle): return handle
        case .create: return try makeHandle()
        case .wait, .cancelled: break
        }
        let id = state.withLock { s -> UInt64 in
            s.nextWaiterID += 1
            return s.nextWaiterID
        }
        let outcome: Result<CurlEasyHandle, AcquireError>
        do {
            let handle = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CurlEasyHandle, any Error>) in
                    let decision = state.withLock { s -> Decision in
                        if Task.isCancelled { return .cancelled }
                        let decision = takeOrReserve(&s)
                        if case .wait = decision {
                            s.waiters.append(Waiter(id: id, continuation: continuation))
                        }
                        return decision
                    }
                    switch decision {
                    case .handle(let handle): continuation.resume(returning: handle)
                    case .create: continuation.resume(with: Result { try makeHandle() })
                    case .cancelled: continuation.resume(throwing: AcquireError.cancelled)
                    case .wait: break
                    }
                }
            } onCancel: {
                let waiter = state.withLock { s -> Waiter? in
                    guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.waiters.remove(at: index)
                }
                waiter?.continuation.resume(throwing: AcquireError.cancelled)
            }
            outcome = .success(handle)
        } catch let error as AcquireError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(.cancelled)
        }
        return try outcome.get()
    }

    /// Returns a handle: hands it straight to the longest waiter, or keeps it idle.
    func release(_ handle: CurlEasyHandle) {
        let waiter = state.withLock { s -> Waiter? in
            if s.waiters.isEmpty {
                s.idle.append(handle)
                return nil
            }
            return s.waiters.removeFirst()
        }
        waiter?.continuation.resume(returning: handle)
    }

    /// Called with the lock held.
    private func takeOrReserve(_ s: inout State) -> Decision {
        if let handle = s.idle.popLast() { return .handle(handle) }
        if s.created < limit {
            s.created += 1
            return .create
        }
        return .wait
    }

    /// Creates a handle for a reserved slot; frees the slot again on failure.
    private func makeHandle() throws(AcquireError) -> CurlEasyHandle {
        if let handle = CurlEasyHandle() { return handle }
        let waiter = state.withLock { s -> Waiter? in
            s.created -= 1
            // Fail the longest waiter too, so nobody waits for a slot that may never fill.
            return s.waiters.isEmpty ? nil : s.waiters.removeFirst()
        }
        waiter?.continuation.resume(throwing: AcquireError.outOfHandles)
        throw .outOfHandles
    }
}
