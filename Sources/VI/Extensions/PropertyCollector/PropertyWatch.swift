import VIRuntime

/// What a property filter watches: objects (or every object of a type in a view) and typed paths.
///
/// ```swift
/// var watch = VIPropertyWatch()
/// watch.add(task, [.info])
/// watch.add(vm, [.runtime.question])
/// watch.addAll(VirtualMachine.self, in: view, [.name, .runtime.powerState])
/// watch.addEveryProperty(of: host)     // all=true: every property, changes named as the server names them
/// ```
public struct VIPropertyWatch: Sendable {
    private var paths: [String: [String]] = [:]
    private var typeOrder: [String] = []
    private var everyProperty: Set<String> = []
    private var objects: [ObjectSpec] = []

    public init() {}

    /// Watches `paths` of `object`.
    public mutating func add<Object: VIManagedObject>(_ object: Object, _ paths: [VIAnyPropertyPath<Object>]) {
        add([object], paths)
    }

    /// Watches `paths` of every object in `objects`.
    public mutating func add<Object: VIManagedObject>(_ objects: [Object], _ paths: [VIAnyPropertyPath<Object>]) {
        addPaths(paths, of: Object.wireName)
        for object in objects { self.objects.append(ObjectSpec(obj: object.ref, skip: false)) }
    }

    /// Watches `paths` of every `Object` a container view shows, as the view's contents change.
    public mutating func addAll<Object: VIManagedObject>(
        _ type: Object.Type, in view: ContainerView, _ paths: [VIAnyPropertyPath<Object>]
    ) {
        addPaths(paths, of: Object.wireName)
        let traversal = TraversalSpec(name: "view", type: ContainerView.wireName, path: "view", skip: false)
        objects.append(ObjectSpec(obj: view.ref, skip: true, selectSet: [traversal]))
    }

    /// Watches every property of `object` (`all = true`). Costly for large objects; changes inside
    /// arrays arrive with indexed names (`disabledMethod["Destroy_Task"]`) that a filter on a parent
    /// path may report as a whole-value change instead.
    public mutating func addEveryProperty<Object: VIManagedObject>(of object: Object) {
        if paths[Object.wireName] == nil {
            typeOrder.append(Object.wireName)
            paths[Object.wireName] = []
        }
        everyProperty.insert(Object.wireName)
        objects.append(ObjectSpec(obj: object.ref, skip: false))
    }

    private mutating func addPaths<Object>(_ newPaths: [VIAnyPropertyPath<Object>], of type: String) {
        if paths[type] == nil { typeOrder.append(type) }
        var current = paths[type] ?? []
        for path in newPaths where !current.contains(path.wirePath) { current.append(path.wirePath) }
        paths[type] = current
    }

    /// Whether nothing is watched.
    public var isEmpty: Bool { objects.isEmpty }

    /// The filter spec the property collector receives.
    public var filterSpec: PropertyFilterSpec {
        PropertyFilterSpec(
            propSet: typeOrder.map { type in
                everyProperty.contains(type)
                    ? PropertySpec(type: type, all: true, pathSet: [])
                    : PropertySpec(type: type, all: false, pathSet: paths[type] ?? [])
            },
            objectSet: objects)
    }
}
