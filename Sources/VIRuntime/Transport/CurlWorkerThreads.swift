import Foundation

/// Dedicated threads for blocking libcurl calls, so they never occupy Swift's cooperative pool.
///
/// Threads start on demand up to `maxThreads`, exit after a minute without work, and all exit
/// once ``shutdown()`` was called and the queue is empty.
final class CurlWorkerThreads: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private let maxThreads: Int
    private let idleLifetime: TimeInterval
    // Guarded by `condition`.
    private var jobs: [Job] = []
    private var head = 0
    private var threads = 0
    private var idle = 0
    private var shuttingDown = false

    init(maxThreads: Int, idleLifetime: TimeInterval = 60) {
        self.maxThreads = max(1, maxThreads)
        self.idleLifetime = idleLifetime
    }

    /// Queues `job`; starts a thread when no idle thread is left to take it.
    func submit(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        let pending = jobs.count - head
        let spawn = pending > idle && threads < maxThreads
        if spawn { threads += 1 }
        condition.signal()
        condition.unlock()
        if spawn { startThread() }
    }

    /// Lets every thread exit once the queued jobs are done.
    func shutdown() {
        condition.lock()
        shuttingDown = true
        condition.broadcast()
        condition.unlock()
    }

    private func startThread() {
        let thread = Thread { [self] in self.run() }
        thread.name = "swift-esx.curl"
        thread.start()
    }

    private func run() {
        while let job = nextJob() {
            job()
        }
    }

    /// The next job, or nil when this thread should exit.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        idle += 1
        defer { idle -= 1 }
        while head == jobs.count {
            if shuttingDown {
                threads -= 1
                return nil
            }
            let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleLifetime))
            if !signalled && head == jobs.count {
                threads -= 1
                return nil
            }
        }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }
}
