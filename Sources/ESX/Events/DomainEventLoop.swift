import Foundation
import Logging
import Synchronization
import VI

/// The domain event loop: the SDK's property-collector layer watching a ContainerView of the VMs,
/// its updates turned into events by ``VMStateTracker``.
///
/// On any failure the collector, filter and view are destroyed (best effort), a
/// ``ConnectionEvent/lost(reason:)`` is reported once, the session is re-established and
/// everything is created again; the new snapshot is compared with the last known state and
/// ``ConnectionEvent/restored`` precedes the events missed meanwhile.
///
/// Bounds: attempts to restore are paced by a ``VIBackoff`` (floor `retryDelay`, cap
/// `maxRetryDelay`, reset by a snapshot); each sends at most one `Login`. After
/// `maxRestoreAttempts` failed attempts in a row the loop reports ``ConnectionEvent/closed(reason:)``,
/// calls `end` with ``ESXError/connectionLost(attempts:reason:)`` and stops.
final class DomainEventLoop: Sendable {
    typealias Emit = @Sendable ([(EventDomain?, DomainEventPayload)]) async -> Void
    typealias End = @Sendable (ESXError) async -> Void

    private struct State {
        var stopping = false
        var collector: PropertyCollector?
        var task: Task<Void, Never>?
        var pause: Task<Void, Never>?
        var ready: CheckedContinuation<Void, any Error>?
    }

    private let source: any DomainEventSource
    private let options: DomainEventHub.Options
    private let emit: Emit
    private let end: End
    private let logger: Logger
    private let state = Mutex(State())

    init(
        source: any DomainEventSource, options: DomainEventHub.Options, logger: Logger,
        emit: @escaping Emit, end: @escaping End
    ) {
        self.source = source
        self.options = options
        self.logger = logger
        self.emit = emit
        self.end = end
    }

    /// Starts the loop; returns once the first snapshot was taken (or throws why it could not be).
    func start() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            state.withLock { s in
                s.ready = continuation
                s.task = Task { await self.run() }
            }
        }
    }

    /// Stops the loop: interrupts the pending `WaitForUpdatesEx` and waits for the cleanup.
    func stop() async {
        let (task, pause): (Task<Void, Never>?, Task<Void, Never>?) = state.withLock { s in
            s.stopping = true
            return (s.task, s.pause)
        }
        pause?.cancel()
        guard let task else { return }
        let canceller = Task {
            // Repeated: a cancel that arrives before the server started waiting has no effect.
            var attempts = 0
            while !Task.isCancelled {
                if let collector = state.withLock({ $0.collector }) {
                    try? await source.client.cancelWaitForUpdates(collector)
                }
                attempts += 1
                // A server that never holds a wait (it answers every poll at once, the layer
                // re-polls within `next()`): end the loop's task; its clean-ups still run.
                if attempts == Self.cancelsBeforeTaskCancel { task.cancel() }
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
        await task.value
        canceller.cancel()
    }

    /// `CancelWaitForUpdates` calls (300 ms apart) before ``stop()`` cancels the loop's task.
    private static let cancelsBeforeTaskCancel = 7

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func signalReady(_ result: Result<Void, any Error>) {
        let continuation = state.withLock { s in
            defer { s.ready = nil }
            return s.ready
        }
        continuation?.resume(with: result)
    }

    private func run() async {
        var tracker = VMStateTracker()
        var lost = false
        var started = false
        var lastError: (any Error)?
        // Pauses of retryDelay...2 retryDelay at first (VIBackoff waits half to all of its ceiling).
        var backoff = VIBackoff(initial: options.retryDelay * 2, maximum: options.maxRetryDelay)
        var failedAttempts = 0
        var restoring = false
        while !stopping {
            var snapshotTaken = false
            do {
                if restoring { try await source.ensureSession() }
                try await watchOnce(tracker: &tracker, lost: &lost, started: &started, snapshotTaken: &snapshotTaken)
            } catch {
                lastError = error
                if !stopping {
                    logger.debug("event loop: \(error)")
                }
            }
            state.withLock { $0.collector = nil }
            guard !stopping else { break }
            guard started else {
                state.withLock { $0.stopping = true }
                signalReady(.failure(ESXError.wrap(lastError ?? ESXError.other("event loop failed"))))
                break
            }
            let reason = lastError.map { ESXError.wrap($0).description } ?? "no updates from the server"
            lastError = nil
            if snapshotTaken {
                backoff.reset()
                failedAttempts = 0
            } else {
                failedAttempts += 1
            }
            if failedAttempts >= options.maxRestoreAttempts {
                await giveUp(attempts: failedAttempts, reason: reason)
                return
            }
            if !lost {
                lost = true
                await emit([(nil, .connection(.lost(reason: reason)))])
            }
            await pause(backoff.nextDelay())
            restoring = true
        }
        signalReady(.failure(ESXError.connectionClosed))
    }

    /// Ends the loop after too many failed attempts to restore it.
    private func giveUp(attempts: Int, reason: String) async {
        state.withLock { $0.stopping = true }
        logger.debug("event loop: giving up after \(attempts) failed attempts to restore the session: \(reason)")
        await emit([(nil, .connection(.closed(reason: reason)))])
        await end(.connectionLost(attempts: attempts, reason: reason))
    }

    /// Sleeps `delay`; ``stop()`` cuts the pause short.
    private func pause(_ delay: Duration) async {
        let sleeper: Task<Void, Never>? = state.withLock { s in
            guard !s.stopping else { return nil }
            let task = Task<Void, Never> { try? await Task.sleep(for: delay) }
            s.pause = task
            return task
        }
        await sleeper?.value
        state.withLock { $0.pause = nil }
    }

    /// One filter's life: a view of the VMs and the property-collector layer's updates over it,
    /// both destroyed by the layer when this returns or throws.
    private func watchOnce(
        tracker: inout VMStateTracker, lost: inout Bool, started: inout Bool, snapshotTaken: inout Bool
    ) async throws {
        let client = source.client
        try await client.withContainerView(
            of: source.eventContainer, types: [VirtualMachine.wireName], recursive: true
        ) { view in
            var watch = VIPropertyWatch()
            watch.addAll(VirtualMachine.self, in: view, WatchedVM.paths)
            try await client.withPropertyUpdates(watch, maxWaitSeconds: options.maxWaitSeconds) { updates in
                state.withLock { $0.collector = updates.collector }
                for try await update in updates {
                    if stopping { break }
                    let snapshot = update.isSnapshot
                    var events: [(EventDomain?, DomainEventPayload)] = []
                    if snapshot && lost {
                        events.append((nil, .connection(.restored)))
                        lost = false
                    }
                    events += await tracker.apply(update.objects, snapshot: snapshot, stopCause: stopCause)
                        .map { ($0.0, $0.1) }
                    if !events.isEmpty { await emit(events) }
                    if snapshot { snapshotTaken = true }
                    if snapshot && !started {
                        started = true
                        signalReady(.success(()))
                    }
                }
            }
        }
    }

    /// The VM's latest power task (power on, off, suspend, reset) decides: a power-off that is
    /// still running or finished within `powerOffTaskWindow` means destroy, anything else means
    /// the guest shut down (guest shutdowns run no task).
    private var stopCause: StopCause {
        let client = source.client
        let window = options.powerOffTaskWindow
        return { _, tasks in
            guard !tasks.isEmpty else { return .shutdown }
            let refs = tasks.map { VITask(ManagedObjectReference(type: "Task", value: $0)) }
            // Tasks that cannot be read (session just lost, tasks expired): assume a destroy.
            guard let infos = try? await client.taskInfos(of: refs) else { return .destroyed }
            guard !infos.isEmpty else { return .destroyed }
            let powerTasks = infos
                .filter { info in [".powerOff", ".powerOn", ".suspend", ".reset"].contains { info.descriptionId.hasSuffix($0) } }
            guard let latest = powerTasks.max(by: { $0.queueTime < $1.queueTime }),
                latest.descriptionId.hasSuffix(".powerOff")
            else { return .shutdown }
            if latest.state == .queued || latest.state == .running { return .destroyed }
            return Date().timeIntervalSince(latest.completeTime ?? latest.queueTime) < window ? .destroyed : .shutdown
        }
    }

}
