import Foundation
import Logging
import Synchronization
import VI

/// One `WaitForUpdatesEx` loop: a private PropertyCollector with one filter over a
/// ContainerView of the VMs, turned into events by ``VMStateTracker``.
///
/// On any failure the collector, filter and view are destroyed (best effort), a
/// ``ConnectionEvent/lost(reason:)`` is reported once, the session is re-established and
/// everything is created again; the new snapshot is compared with the last known state and
/// ``ConnectionEvent/restored`` precedes the events missed meanwhile.
final class DomainEventLoop: Sendable {
    typealias Emit = @Sendable ([(EventDomain?, DomainEventPayload)]) async -> Void

    private struct State {
        var stopping = false
        var collector: PropertyCollector?
        var task: Task<Void, Never>?
        var ready: CheckedContinuation<Void, any Error>?
    }

    private let source: any DomainEventSource
    private let options: DomainEventHub.Options
    private let emit: Emit
    private let logger: Logger
    private let state = Mutex(State())

    init(source: any DomainEventSource, options: DomainEventHub.Options, logger: Logger, emit: @escaping Emit) {
        self.source = source
        self.options = options
        self.logger = logger
        self.emit = emit
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
        let task: Task<Void, Never>? = state.withLock { s in
            s.stopping = true
            return s.task
        }
        guard let task else { return }
        let canceller = Task {
            // Repeated: a cancel that arrives before the server started waiting has no effect.
            while !Task.isCancelled {
                if let collector = state.withLock({ $0.collector }) {
                    try? await source.client.cancelWaitForUpdates(collector)
                }
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
        await task.value
        canceller.cancel()
    }

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
        while !stopping {
            var objects: FilterObjects?
            do {
                let created = try await createFilter()
                objects = created
                state.withLock { $0.collector = created.collector }
                var version: String?
                while !stopping {
                    // A long poll: its own deadline, so a short call timeout does not cut the wait short.
                    let set = try await VIClient.withCallDeadline(Double(options.maxWaitSeconds) + 30) {
                        try await source.client.waitForUpdatesEx(
                            created.collector, version: version,
                            options: WaitOptions(maxWaitSeconds: options.maxWaitSeconds))
                    }
                    guard let set else { continue }  // maxWaitSeconds passed without changes
                    let snapshot = version == nil
                    version = set.version
                    let updates = set.filterSet.flatMap(\.objectSet)
                    var events: [(EventDomain?, DomainEventPayload)] = []
                    if snapshot && lost {
                        events.append((nil, .connection(.restored)))
                        lost = false
                    }
                    events += await tracker.apply(updates, snapshot: snapshot, stopCause: stopCause).map { ($0.0, $0.1) }
                    if !events.isEmpty { await emit(events) }
                    if snapshot && !started {
                        started = true
                        signalReady(.success(()))
                    }
                }
            } catch {
                lastError = error
                if !stopping {
                    logger.debug("event loop: \(error)")
                }
            }
            state.withLock { $0.collector = nil }
            if let objects { await destroy(objects) }
            guard !stopping else { break }
            guard started else {
                state.withLock { $0.stopping = true }
                signalReady(.failure(ESXError.wrap(lastError ?? ESXError.other("event loop failed"))))
                break
            }
            if !lost {
                lost = true
                let reason = lastError.map { ESXError.wrap($0).description } ?? "no updates from the server"
                await emit([(nil, .connection(.lost(reason: reason)))])
            }
            try? await Task.sleep(for: options.retryDelay)
            try? await source.ensureSession()
        }
        signalReady(.failure(ESXError.connectionClosed))
    }

    // MARK: Server objects

    private struct FilterObjects: Sendable {
        var collector: PropertyCollector
        var view: ContainerView?
    }

    private func createFilter() async throws -> FilterObjects {
        let client = source.client
        let root = try await client.serviceContent(as: ServiceContent.self).propertyCollector
        let collector = try await client.createPropertyCollector(root)
        var objects = FilterObjects(collector: collector)
        do {
            let view = try await client.createContainerView(
                container: ManagedEntity(source.eventContainer), type: ["VirtualMachine"], recursive: true)
            objects.view = view
            let traversal = TraversalSpec(name: "view", type: "ContainerView", path: "view", skip: false)
            let spec = PropertyFilterSpec(
                propSet: [PropertySpec(type: "VirtualMachine", all: false, pathSet: WatchedVM.paths)],
                objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
            _ = try await client.createFilter(collector, spec: spec, partialUpdates: false)
            return objects
        } catch {
            await destroy(objects)
            throw error
        }
    }

    /// Destroys the collector (and with it its filter) and the view; errors only logged.
    private func destroy(_ objects: FilterObjects) async {
        let client = source.client
        do { try await client.destroyPropertyCollector(objects.collector) } catch {
            logger.debug("event loop: DestroyPropertyCollector: \(error)")
        }
        if let view = objects.view {
            do { try await client.destroyView(View(view.ref)) } catch {
                logger.debug("event loop: DestroyView: \(error)")
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
            guard let contents = try? await client.retrieveProperties(of: refs, [VITask.Property("info")]) else {
                return .destroyed
            }
            let infos = contents.compactMap { $0.rawValues["info"]?.object(as: TaskInfo.self) }
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
