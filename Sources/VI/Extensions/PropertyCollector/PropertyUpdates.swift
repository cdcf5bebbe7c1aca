import Foundation
import VIRuntime

/// The updates of one property filter on a private property collector, as an async sequence: one
/// element per `WaitForUpdatesEx` answer that changed something, each object's properties kept
/// current by applying the changes. Obtain it from ``VIClient/withPropertyUpdates(_:maxWaitSeconds:_:)``,
/// which destroys the filter and the collector when the body ends.
///
/// The sequence waits on the server (`maxWaitSeconds` per call, each with a transport deadline of
/// `maxWaitSeconds + 30` s instead of the call default); when a server answers "nothing new"
/// faster than it was asked to wait, the next call is delayed by ``VIBackoff`` so a broken server is
/// never polled in a tight loop. It ends only by throwing (a fault, a lost session as
/// ``VIPropertyCollectorFault``, cancellation) or when the consumer stops iterating.
public struct VIPropertyUpdates: AsyncSequence, Sendable {
    public typealias Element = VIPropertyUpdate

    let client: VIClient
    /// The private property collector the filter lives on.
    public let collector: PropertyCollector
    /// The filter.
    public let filter: PropertyFilter
    /// How long each `WaitForUpdatesEx` may wait on the server.
    public let maxWaitSeconds: Int32

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, collector: collector, maxWaitSeconds: maxWaitSeconds)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: VIClient
        let collector: PropertyCollector
        let maxWaitSeconds: Int32
        /// The last version token; nil before the first answer.
        public private(set) var version: String?
        /// The current properties of every object in the filter.
        public private(set) var states: [ManagedObjectReference: VIObjectState] = [:]
        private var backoff = VIBackoff(initial: .milliseconds(250), maximum: .seconds(10))

        init(client: VIClient, collector: PropertyCollector, maxWaitSeconds: Int32) {
            self.client = client
            self.collector = collector
            self.maxWaitSeconds = maxWaitSeconds
        }

        public mutating func next() async throws -> VIPropertyUpdate? {
            while true {
                try Task.checkCancellation()
                let started = ContinuousClock.now
                let options = WaitOptions(maxWaitSeconds: maxWaitSeconds)
                // A long poll is silent by design: its deadline follows its own wait, not the call default.
                let (client, collector, since) = (client, collector, version)
                let answer = try await VIClient.withCallDeadline(Double(maxWaitSeconds) + 30) {
                    try await client.waitForUpdatesEx(collector, version: since, options: options)
                }
                guard let set = answer else {
                    // Nothing changed within the wait. A server that answers that much sooner than
                    // asked would otherwise be re-asked in a tight loop.
                    if ContinuousClock.now - started < .seconds(Int64(maxWaitSeconds)) / 2 {
                        try await backoff.wait()
                    }
                    continue
                }
                let isSnapshot = version == nil
                self.version = set.version
                let update = try apply(set, isSnapshot: isSnapshot)
                if !isSnapshot && update.objects.isEmpty && update.missingObjects.isEmpty {
                    if !set.truncated.orFalse { try await backoff.wait() }
                    continue
                }
                backoff.reset()
                return update
            }
        }

        private mutating func apply(_ set: UpdateSet, isSnapshot: Bool) throws -> VIPropertyUpdate {
            var objects: [VIObjectChange] = []
            var missingObjects: [MissingObject] = []
            for filterUpdate in set.filterSet {
                missingObjects += filterUpdate.missingSet
                for objectUpdate in filterUpdate.objectSet {
                    objects.append(try apply(objectUpdate))
                }
            }
            for missing in missingObjects where VIFaults.fault(missing.fault.fault, isA: NotAuthenticated.self) {
                throw VIPropertyCollectorFault(object: missing.obj, path: nil, fault: missing.fault)
            }
            return VIPropertyUpdate(
                version: set.version, objects: objects, missingObjects: missingObjects,
                truncated: set.truncated.orFalse, isSnapshot: isSnapshot)
        }

        private mutating func apply(_ update: ObjectUpdate) throws -> VIObjectChange {
            for missing in update.missingSet where VIFaults.fault(missing.fault.fault, isA: NotAuthenticated.self) {
                throw VIPropertyCollectorFault(object: update.obj, path: missing.path, fault: missing.fault)
            }
            var state = update.kind == .enter
                ? VIObjectState(ref: update.obj) : (states[update.obj] ?? VIObjectState(ref: update.obj))
            for change in update.changeSet { try state.apply(change) }
            if update.kind == .leave { states[update.obj] = nil } else { states[update.obj] = state }
            return VIObjectChange(kind: update.kind, state: state, changes: update.changeSet, missing: update.missingSet)
        }
    }
}

extension Optional where Wrapped == Bool {
    fileprivate var orFalse: Bool { self ?? false }
}

extension VIClient {
    /// Watches `watch` on a private property collector: creates the collector and a filter, runs
    /// `body` with their ``VIPropertyUpdates``, then destroys the filter and the collector on every
    /// exit path (return, throw, cancellation, server fault). A private collector keeps this
    /// watch's version tokens apart from every other watch on the same session.
    public func withPropertyUpdates<Result: Sendable>(
        _ watch: VIPropertyWatch, maxWaitSeconds: Int32 = 60,
        _ body: (VIPropertyUpdates) async throws -> Result
    ) async throws -> Result {
        VIClient.registerVITypes()
        let root = try await serviceContent(as: ServiceContent.self).propertyCollector
        let collector = try await createPropertyCollector(root)
        let outcome: Swift.Result<Result, any Error>
        do {
            let filter = try await createFilter(collector, spec: watch.filterSpec, partialUpdates: false)
            let updates = VIPropertyUpdates(
                client: self, collector: collector, filter: filter, maxWaitSeconds: max(1, maxWaitSeconds))
            outcome = .success(try await body(updates))
        } catch {
            outcome = .failure(error)
        }
        await destroyIgnoringCancellation(collector)
        return try outcome.get()
    }

    /// Destroys a private collector (and with it its filters) even when the calling task was
    /// cancelled: the call runs in a task of its own that does not inherit the cancellation.
    private func destroyIgnoringCancellation(_ collector: PropertyCollector) async {
        let client = self
        await Task {
            do {
                try await client.destroyPropertyCollector(collector)
            } catch {
                client.logger.warning("could not destroy PropertyCollector \(collector.ref.value): \(error)")
            }
        }.value
    }
}
