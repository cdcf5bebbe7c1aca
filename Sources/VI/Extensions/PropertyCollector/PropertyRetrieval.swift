import VIRuntime

/// Reading properties of many objects in one round trip.
extension VIClient {
    /// Retrieves `properties` of every object in `objects` with one `RetrievePropertiesEx`
    /// (following continuation tokens when the server pages).
    public func retrieveProperties<Object: VIManagedObject>(
        of objects: [Object], _ properties: [VIAnyPropertyPath<Object>]
    ) async throws -> [Object.Properties] {
        guard !objects.isEmpty else { return [] }
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: Object.wireName, all: false, pathSet: properties.map(\.wirePath))],
            objectSet: objects.map { ObjectSpec(obj: $0.ref, skip: false) })
        return try await retrieveContents(spec).map { try Self.properties(of: $0, as: Object.self) }
    }

    /// Retrieves `properties` of every object of type `Object` below `container` (the root folder
    /// by default) through a temporary `ContainerView`, destroyed on every path.
    public func retrieveProperties<Object: VIManagedObject>(
        ofAll type: Object.Type, in container: ManagedObjectReference? = nil, recursive: Bool = true,
        _ properties: [VIAnyPropertyPath<Object>]
    ) async throws -> [Object.Properties] {
        var root = container
        if root == nil { root = try await serviceContent(as: ServiceContent.self).rootFolder.ref }
        guard let root else { return [] }
        return try await withContainerView(of: root, types: [Object.wireName], recursive: recursive) { view in
            let traversal = TraversalSpec(name: "view", type: "ContainerView", path: "view", skip: false)
            let spec = PropertyFilterSpec(
                propSet: [PropertySpec(type: Object.wireName, all: false, pathSet: properties.map(\.wirePath))],
                objectSet: [ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal])])
            return try await retrieveContents(spec).map { try Self.properties(of: $0, as: Object.self) }
        }
    }

    /// Runs `body` with a new `ContainerView` and destroys the view afterwards, whether `body`
    /// returns, throws or is cancelled.
    public func withContainerView<Result: Sendable>(
        of container: ManagedObjectReference, types: [String], recursive: Bool = true,
        _ body: (ContainerView) async throws -> Result
    ) async throws -> Result {
        VIClient.registerVITypes()
        let view = try await createContainerView(container: ManagedEntity(container), type: types, recursive: recursive)
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(view))
        } catch {
            outcome = .failure(error)
        }
        // The one cleanup path; it must run even when the surrounding task was cancelled, so it
        // runs in a task of its own that does not inherit the cancellation.
        let client = self
        let ref = view.ref
        await Task {
            do {
                try await client.destroyView(View(ref))
            } catch {
                client.logger.warning("could not destroy ContainerView \(ref.value): \(error)")
            }
        }.value
        return try outcome.get()
    }

    /// Every `ObjectContent` a filter spec selects, following `ContinueRetrievePropertiesEx` tokens.
    /// A property missing for `NotAuthenticated` (how servers answer a retrieval without a live
    /// session) throws that fault as a ``VIPropertyCollectorFault``.
    public func retrieveContents(_ spec: PropertyFilterSpec) async throws -> [ObjectContent] {
        VIClient.registerVITypes()
        let collector = try await serviceContent(as: ServiceContent.self).propertyCollector
        var contents: [ObjectContent] = []
        var page = try await firstRetrievePage(collector, spec, maxObjects: nil)
        while let current = page {
            try Self.throwIfSessionLost(current.objects)
            contents += current.objects
            guard let token = current.token else { break }
            page = try await continueRetrievePropertiesEx(collector, token: token)
        }
        return contents
    }

    /// The first page of a retrieval (nil when nothing matches).
    func firstRetrievePage(_ collector: PropertyCollector, _ spec: PropertyFilterSpec, maxObjects: Int?)
        async throws -> RetrieveResult?
    {
        do {
            return try await retrievePropertiesEx(
                collector, specSet: [spec], options: RetrieveOptions(maxObjects: maxObjects.map { Int32(clamping: $0) }))
        } catch let error as VIDecodingError where error == Self.emptyRetrieveResult {
            return nil  // vcsim sends an empty <returnval/> instead of none when nothing matches
        }
    }

    /// A property the server could not read because the session is gone (`NotAuthenticated` in a
    /// `missingSet`) fails the retrieval with a typed fault instead of a half-empty result, so the
    /// caller's re-login path sees it like any other `NotAuthenticated`.
    static func throwIfSessionLost(_ contents: [ObjectContent]) throws {
        for content in contents {
            for missing in content.missingSet where VIFaults.fault(missing.fault.fault, isA: NotAuthenticated.self) {
                throw VIPropertyCollectorFault(object: content.obj, path: missing.path, fault: missing.fault)
            }
        }
    }

    private static let emptyRetrieveResult = VIDecodingError.missingRequired(type: "RetrieveResult", member: "objects")

    /// The typed view of one `ObjectContent`.
    public static func properties<Object: VIManagedObject>(of content: ObjectContent, as type: Object.Type) throws
        -> Object.Properties
    {
        var values: [String: AnyValue] = [:]
        for property in content.propSet { values[property.name] = property.val }
        return try Object.Properties(object: Object(content.obj), values: values)
    }
}
