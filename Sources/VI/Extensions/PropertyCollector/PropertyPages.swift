import Synchronization
import VIRuntime

/// A retrieval read page by page: `RetrievePropertiesEx` asking for at most `pageSize` objects,
/// then `ContinueRetrievePropertiesEx` with each page's token, so a caller can walk 50,000 VMs
/// while holding one page.
///
/// ```swift
/// try await client.withPropertyPages(ofAll: VirtualMachine.self, [.name, .runtime.powerState]) { pages in
///     for try await page in pages {
///         for vm in page { print(vm.name ?? "", vm[.runtime.powerState] ?? .poweredOff) }
///     }
/// }
/// ```
///
/// Pages exist only inside ``VIClient/withPropertyPages(of:_:pageSize:_:)`` (or its `ofAll:` form):
/// when the body returns or throws before the last page, the retrieval is cancelled on the server
/// (`CancelRetrievePropertiesEx`).
public struct VIPropertyPages<Object: VIManagedObject>: AsyncSequence, Sendable {
    public typealias Element = [Object.Properties]

    let client: VIClient
    let collector: PropertyCollector
    let spec: PropertyFilterSpec
    let pageSize: Int
    let pending: VIPendingRetrievals

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self)
    }

    /// Reads one page per call to `next()`; each iterator runs a retrieval of its own.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: VIPropertyPages
        var started = false
        /// The token of the page read last while more pages remain on the server, else nil.
        public private(set) var token: String?

        public mutating func next() async throws -> [Object.Properties]? {
            let page: RetrieveResult?
            if !started {
                started = true
                page = try await pages.client.firstRetrievePage(
                    pages.collector, pages.spec, maxObjects: pages.pageSize)
            } else if let current = token {
                page = try await pages.client.continueRetrievePropertiesEx(pages.collector, token: current)
                pages.pending.remove(current)
                token = nil
            } else {
                return nil
            }
            guard let page else { return nil }
            if let next = page.token {
                pages.pending.insert(next)
                token = next
            }
            try VIClient.throwIfSessionLost(page.objects)
            return try page.objects.map { try VIClient.properties(of: $0, as: Object.self) }
        }
    }
}

/// Tokens of retrievals not read to their end, cancelled when their scope ends.
final class VIPendingRetrievals: Sendable {
    private let tokens = Mutex<[String]>([])

    func insert(_ token: String) { tokens.withLock { $0.append(token) } }
    func remove(_ token: String) { tokens.withLock { $0.removeAll { $0 == token } } }
    func takeAll() -> [String] { tokens.withLock { current in defer { current = [] }; return current } }
}

extension VIClient {
    /// Runs `body` with the pages of `properties` of every object in `objects`; a retrieval left
    /// unfinished is cancelled on the server when `body` returns, throws or is cancelled.
    public func withPropertyPages<Object: VIManagedObject, Result: Sendable>(
        of objects: [Object], _ properties: [VIAnyPropertyPath<Object>], pageSize: Int = 1000,
        _ body: (VIPropertyPages<Object>) async throws -> Result
    ) async throws -> Result {
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: Object.wireName, all: false, pathSet: properties.map(\.wirePath))],
            objectSet: objects.map { ObjectSpec(obj: $0.ref, skip: false) })
        return try await withPropertyPages(spec, as: Object.self, pageSize: pageSize, body)
    }

    /// Runs `body` with the pages of `properties` of every `Object` below `container` (the root
    /// folder by default), read through a temporary `ContainerView`; the view and a retrieval left
    /// unfinished are destroyed or cancelled on every path.
    public func withPropertyPages<Object: VIManagedObject, Result: Sendable>(
        ofAll type: Object.Type, in container: ManagedObjectReference? = nil, recursive: Bool = true,
        _ properties: [VIAnyPropertyPath<Object>], pageSize: Int = 1000,
        _ body: (VIPropertyPages<Object>) async throws -> Result
    ) async throws -> Result {
        var root = container
        if root == nil { root = try await serviceContent(as: ServiceContent.self).rootFolder.ref }
        guard let root else { throw VIDecodingError.missingRequired(type: "ServiceContent", member: "rootFolder") }
        return try await withContainerView(of: root, types: [Object.wireName], recursive: recursive) { view in
            let traversal = TraversalSpec(name: "view", type: ContainerView.wireName, path: "view", skip: false)
            let spec = PropertyFilterSpec(
                propSet: [PropertySpec(type: Object.wireName, all: false, pathSet: properties.map(\.wirePath))],
                objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
            return try await withPropertyPages(spec, as: Object.self, pageSize: pageSize, body)
        }
    }

    private func withPropertyPages<Object: VIManagedObject, Result: Sendable>(
        _ spec: PropertyFilterSpec, as type: Object.Type, pageSize: Int,
        _ body: (VIPropertyPages<Object>) async throws -> Result
    ) async throws -> Result {
        VIClient.registerVITypes()
        let collector = try await serviceContent(as: ServiceContent.self).propertyCollector
        let pages = VIPropertyPages<Object>(
            client: self, collector: collector, spec: spec, pageSize: max(1, pageSize), pending: VIPendingRetrievals())
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(pages))
        } catch {
            outcome = .failure(error)
        }
        let unfinished = pages.pending.takeAll()
        if !unfinished.isEmpty {
            // Like the view's cleanup: in a task of its own, so a cancelled caller still cancels.
            let client = self
            await Task {
                for token in unfinished {
                    do {
                        try await client.cancelRetrievePropertiesEx(collector, token: token)
                    } catch {
                        client.logger.warning("could not cancel retrieval \(token): \(error)")
                    }
                }
            }.value
        }
        return try outcome.get()
    }
}
