import Foundation
import Logging
import VI

/// Domain events of one connection (seed 002's `registerAny` / `deregisterAny`).
///
/// The first registration starts one `WaitForUpdatesEx` loop (``DomainEventLoop``); the last
/// deregistration stops it. The same handler may be registered any number of times, each
/// registration optionally filtered to one domain and always to one event id.
///
/// Delivery: every registration has its own buffer of ``Options/bufferSize`` events and its own
/// task calling the handler, so a slow handler never delays the loop or other registrations.
/// **Drop policy:** when a registration's buffer is full the *oldest* undelivered event is
/// dropped (the newest are kept) and counted in ``droppedEvents(_:)``.
public actor DomainEventHub {
    public struct Options: Sendable {
        /// Undelivered events kept per registration.
        public var bufferSize: Int
        /// `WaitOptions.maxWaitSeconds` of each wait (bounds how long a stop can take).
        public var maxWaitSeconds: Int32
        /// The shortest pause before re-establishing the session after the loop failed (the floor
        /// of a ``VIBackoff``: later pauses double, with jitter, up to ``maxRetryDelay``; the first
        /// snapshot after a restore starts again from here).
        public var retryDelay: Duration
        /// The longest pause between two attempts to restore the session.
        public var maxRetryDelay: Duration
        /// Attempts in a row (each: one pause, at most one `Login`, one new filter) that may fail
        /// to bring back a snapshot before the loop gives up with ``ConnectionEvent/closed(reason:)``
        /// and ``ESXError/connectionLost(attempts:reason:)``. With the default pauses (0.5-1, 1-2,
        /// 2-4, 4-8, 8-16 s) 5 attempts give up 15.5 to 31 seconds after the loss.
        public var maxRestoreAttempts: Int
        /// A power-off task completed this recently (seconds) marks a stop as destroy, not shutdown.
        public var powerOffTaskWindow: TimeInterval
        public var logger: Logger

        public init(
            bufferSize: Int = 256, maxWaitSeconds: Int32 = 10, retryDelay: Duration = .milliseconds(500),
            maxRetryDelay: Duration = .seconds(30), maxRestoreAttempts: Int = 5,
            powerOffTaskWindow: TimeInterval = 120, logger: Logger = Logger(label: "swift-esx.events")
        ) {
            self.bufferSize = max(1, bufferSize)
            self.maxWaitSeconds = maxWaitSeconds
            self.retryDelay = max(retryDelay, .milliseconds(1))
            self.maxRetryDelay = max(maxRetryDelay, self.retryDelay)
            self.maxRestoreAttempts = max(1, maxRestoreAttempts)
            self.powerOffTaskWindow = powerOffTaskWindow
            self.logger = logger
        }
    }

    public typealias CallbackID = Int

    private struct Registration {
        var event: DomainEventID
        var domain: DomainSelector?
        var continuation: AsyncStream<DomainEventRecord>.Continuation
        var consumer: Task<Void, Never>?
        var dropped = 0
    }

    public nonisolated let source: any DomainEventSource
    public nonisolated let options: Options
    private var registrations: [CallbackID: Registration] = [:]
    private var nextID: CallbackID = 1
    private var sequence: UInt64 = 0
    private var loop: DomainEventLoop?
    private var loopStart: Task<Void, any Error>?
    private var loopStop: Task<Void, Never>?
    /// Why the loop gave up (after ``ConnectionEvent/closed(reason:)``); nil while it runs.
    public private(set) var failure: ESXError?

    public init(source: any DomainEventSource, options: Options = Options()) {
        self.source = source
        self.options = options
    }

    /// Registers `handler` for `event` (of one domain when `domain` is set). Starts the loop on
    /// the first registration and returns once it watches the inventory.
    @discardableResult
    public func registerAny<Payload: Sendable>(
        domain: DomainSelector? = nil, event: DomainEventKind<Payload>,
        handler: @escaping @Sendable (DomainEventNotification<Payload>) async -> Void
    ) async throws -> CallbackID {
        let (id, stream) = try await add(domain: domain, event: event.id)
        let extract = event.extract
        registrations[id]?.consumer = Task {
            for await record in stream {
                guard !Task.isCancelled else { break }
                guard let payload = extract(record.payload) else { continue }
                await handler(
                    DomainEventNotification(
                        domain: record.domain, payload: payload, received: record.received, sequence: record.sequence))
            }
        }
        return id
    }

    /// Ends a registration: its handler is not called again. Stops the loop after the last one.
    public func deregisterAny(_ id: CallbackID) async throws {
        guard let registration = registrations.removeValue(forKey: id) else {
            throw ESXError.other("no domain event callback with id \(id)")
        }
        registration.consumer?.cancel()
        registration.continuation.finish()
        await stopIfIdle()
    }

    /// The events of `event` as an async sequence; the registration ends with the iteration
    /// (or when the stream is dropped).
    public func events<Payload: Sendable>(domain: DomainSelector? = nil, event: DomainEventKind<Payload>)
        async throws -> DomainEventStream<Payload>
    {
        let (id, stream) = try await add(domain: domain, event: event.id)
        return DomainEventStream(id: id, records: stream, extract: event.extract)
    }

    /// Events dropped so far for a registration because its consumer fell behind.
    public func droppedEvents(_ id: CallbackID) -> Int { registrations[id]?.dropped ?? 0 }

    /// Whether the update loop runs.
    public var isRunning: Bool { loop != nil }

    /// The live registrations.
    public var callbackIDs: [CallbackID] { registrations.keys.sorted() }

    /// Ends every registration and stops the loop.
    public func close() async {
        for id in registrations.keys { try? await deregisterAny(id) }
        await stopIfIdle()
    }

    // MARK: Internals

    private func add(domain: DomainSelector?, event: DomainEventID) async throws
        -> (CallbackID, AsyncStream<DomainEventRecord>)
    {
        let id = nextID
        nextID += 1
        let (stream, continuation) = AsyncStream.makeStream(
            of: DomainEventRecord.self, bufferingPolicy: .bufferingNewest(options.bufferSize))
        continuation.onTermination = { [weak self] reason in
            guard case .cancelled = reason, let self else { return }
            Task { try? await self.deregisterAny(id) }
        }
        registrations[id] = Registration(event: event, domain: domain, continuation: continuation)
        do {
            try await startIfNeeded()
        } catch {
            registrations[id]?.continuation.finish()
            registrations[id] = nil
            throw error
        }
        return (id, stream)
    }

    private func startIfNeeded() async throws {
        if let loopStart { return try await loopStart.value }
        failure = nil
        let loop = DomainEventLoop(source: source, options: options, logger: options.logger) { [weak self] events in
            await self?.dispatch(events)
        } end: { [weak self] error in
            await self?.loopGaveUp(error)
        }
        self.loop = loop
        let start = Task { try await loop.start() }
        loopStart = start
        do {
            try await start.value
        } catch {
            if self.loop === loop {
                self.loop = nil
                loopStart = nil
            }
            await loop.stop()
            throw error
        }
    }

    /// Stops the loop after the last registration; every caller that finds no registration left
    /// (``close()`` included) waits until the loop destroyed its collector, filter and view.
    private func stopIfIdle() async {
        guard registrations.isEmpty else { return }
        if let loop {
            self.loop = nil
            loopStart = nil
            loopStop = Task { await loop.stop() }
        }
        await loopStop?.value
    }

    /// The loop ended by itself: every registration ends (after the `closed` event was delivered).
    private func loopGaveUp(_ error: ESXError) {
        failure = error
        loop = nil
        loopStart = nil
        for registration in registrations.values { registration.continuation.finish() }
    }

    private func dispatch(_ events: [(EventDomain?, DomainEventPayload)]) {
        let now = Date()
        for (domain, payload) in events {
            sequence += 1
            let record = DomainEventRecord(domain: domain, payload: payload, received: now, sequence: sequence)
            for (id, registration) in registrations where registration.event == payload.id {
                if let selector = registration.domain {
                    guard let domain, selector.matches(domain) else { continue }
                }
                if case .dropped = registration.continuation.yield(record) {
                    registrations[id]?.dropped += 1
                }
            }
        }
    }
}

/// The async-sequence form of a registration (see ``DomainEventHub/events(domain:event:)``).
public struct DomainEventStream<Payload: Sendable>: AsyncSequence, Sendable {
    public typealias Element = DomainEventNotification<Payload>
    /// The registration's id, for ``DomainEventHub/droppedEvents(_:)`` and ``DomainEventHub/deregisterAny(_:)``.
    public let id: DomainEventHub.CallbackID
    let records: AsyncStream<DomainEventRecord>
    let extract: @Sendable (DomainEventPayload) -> Payload?

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<DomainEventRecord>.AsyncIterator
        let extract: @Sendable (DomainEventPayload) -> Payload?

        public mutating func next() async -> Element? {
            while let record = await base.next() {
                if let payload = extract(record.payload) {
                    return DomainEventNotification(
                        domain: record.domain, payload: payload, received: record.received, sequence: record.sequence)
                }
            }
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: records.makeAsyncIterator(), extract: extract)
    }
}
