/// A property path of the managed object type `Root` (`name`, `runtime.powerState`, ...), with its
/// value type erased: what a property filter asks for.
///
/// The generated code declares every top-level property as a static member
/// (`VirtualMachine.Property.runtime`) and every nested member of a data object as an instance member
/// of ``VIPropertyPath`` (`.runtime.powerState`), so a list of paths is written as
/// `[.name, .runtime.powerState, .config.hardware.memoryMB]` and read back typed with
/// `properties[.runtime.powerState]`.
///
/// Paths compare and hash by their wire form.
public class VIAnyPropertyPath<Root: VIManagedObject>: @unchecked Sendable, Hashable {
    /// The path as the property collector spells it (`config.hardware.memoryMB`).
    public let wirePath: String

    /// A path spelled by hand. Prefer the generated typed paths; use this only for paths the
    /// schema does not know (a newer server's property, say).
    public init(unchecked wirePath: String) {
        self.wirePath = wirePath
    }

    public static func == (lhs: VIAnyPropertyPath, rhs: VIAnyPropertyPath) -> Bool {
        lhs.wirePath == rhs.wirePath
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wirePath)
    }
}

/// A property path of `Root` whose value has the Swift type `Value`.
///
/// Reading a path from retrieved values (``value(in:)``) uses the value retrieved for exactly this
/// path when there is one, and otherwise projects it out of the nearest retrieved ancestor, so
/// `[.runtime]` retrieved and `[.runtime.powerState]` read gives the same answer as retrieving the
/// nested path itself.
public final class VIPropertyPath<Root: VIManagedObject, Value>: VIAnyPropertyPath<Root>, @unchecked Sendable {
    private let decode: @Sendable (AnyValue) -> Value?
    private let project: (@Sendable ([String: AnyValue]) -> Value?)?

    private init(
        wirePath: String, decode: @escaping @Sendable (AnyValue) -> Value?,
        project: (@Sendable ([String: AnyValue]) -> Value?)?
    ) {
        self.decode = decode
        self.project = project
        super.init(unchecked: wirePath)
    }

    /// The value of this path in retrieved `path -> value` pairs, or nil when neither the path nor
    /// an ancestor of it was retrieved (or the server sent a value of another type).
    public func value(in values: [String: AnyValue]) -> Value? {
        if let raw = values[wirePath] { return decode(raw) }
        return project?(values)
    }

    /// Whether `values` holds this path or one of its ancestors.
    public func isRetrieved(in values: [String: AnyValue]) -> Bool {
        var candidate = Substring(wirePath)
        while true {
            if values[String(candidate)] != nil { return true }
            guard let dot = candidate.lastIndex(of: ".") else { return false }
            candidate = candidate[..<dot]
        }
    }

    private func child<Child>(
        _ name: String, decode: @escaping @Sendable (AnyValue) -> Child?,
        _ extract: @escaping @Sendable (Value) -> Child?
    ) -> VIPropertyPath<Root, Child> {
        let parent = self
        return VIPropertyPath<Root, Child>(
            wirePath: wirePath + "." + name, decode: decode,
            project: { values in parent.value(in: values).flatMap(extract) })
    }
}

// MARK: - Constructors used by the generated code

extension VIPropertyPath where Value: VIAnyConvertible {
    /// A top-level property holding a plain value (primitive, enum, data object, reference, or an array of them).
    public static func _top(_ name: String) -> VIPropertyPath {
        VIPropertyPath(wirePath: name, decode: { Value.fromAny($0) }, project: nil)
    }
}

extension VIPropertyPath {
    /// A top-level property holding a polymorphic data object (`any XProtocol`).
    public static func _topObject(_ name: String) -> VIPropertyPath {
        VIPropertyPath(wirePath: name, decode: { $0.object(as: Value.self) }, project: nil)
    }

    /// A top-level property holding an array of polymorphic data objects.
    public static func _topObjects<Element>(_ name: String) -> VIPropertyPath where Value == [Element] {
        VIPropertyPath(wirePath: name, decode: { $0.objects(as: Element.self) }, project: nil)
    }

    /// A nested required member holding a plain value.
    public func _member<Child: VIAnyConvertible>(_ name: String, _ member: KeyPath<Value, Child> & Sendable)
        -> VIPropertyPath<Root, Child>
    {
        child(name, decode: { Child.fromAny($0) }, { $0[keyPath: member] })
    }

    /// A nested optional member holding a plain value.
    public func _optional<Child: VIAnyConvertible>(_ name: String, _ member: KeyPath<Value, Child?> & Sendable)
        -> VIPropertyPath<Root, Child>
    {
        child(name, decode: { Child.fromAny($0) }, { $0[keyPath: member] })
    }

    /// A nested required member holding a polymorphic data object.
    public func _object<Child>(_ name: String, _ member: KeyPath<Value, Child> & Sendable)
        -> VIPropertyPath<Root, Child>
    {
        child(name, decode: { $0.object(as: Child.self) }, { $0[keyPath: member] })
    }

    /// A nested optional member holding a polymorphic data object.
    public func _optionalObject<Child>(_ name: String, _ member: KeyPath<Value, Child?> & Sendable)
        -> VIPropertyPath<Root, Child>
    {
        child(name, decode: { $0.object(as: Child.self) }, { $0[keyPath: member] })
    }

    /// A nested member holding an array of polymorphic data objects.
    public func _objects<Element>(_ name: String, _ member: KeyPath<Value, [Element]> & Sendable)
        -> VIPropertyPath<Root, [Element]>
    {
        child(name, decode: { $0.objects(as: Element.self) }, { $0[keyPath: member] })
    }
}

extension VIManagedObjectProperties {
    /// The typed value of `path`: retrieved for exactly that path, or projected out of a retrieved
    /// ancestor (`[.runtime]` retrieved answers `[.runtime.powerState]`); nil when not retrieved.
    public subscript<Value>(_ path: VIPropertyPath<Object, Value>) -> Value? {
        path.value(in: rawValues)
    }
}
