import VIRuntime

/// The current properties of one watched managed object: what the property collector sent, with
/// every later `PropertyChange` applied.
public struct VIObjectState: Sendable, Hashable {
    /// The object.
    public let ref: ManagedObjectReference
    /// Every value by its path (the paths the filter asked for, as the server names them).
    public private(set) var values: [String: AnyValue]

    public init(ref: ManagedObjectReference, values: [String: AnyValue] = [:]) {
        self.ref = ref
        self.values = values
    }

    /// The typed value of `path`, or nil when it was not watched or is unset.
    public subscript<Object, Value>(_ path: VIPropertyPath<Object, Value>) -> Value? {
        path.value(in: values)
    }

    /// The typed view of the object, when it is an `Object`.
    public func properties<Object: VIManagedObject>(as type: Object.Type) throws -> Object.Properties? {
        guard ref.type == Object.wireName else { return nil }
        return try Object.Properties(object: Object(ref), values: values)
    }

    /// Applies one change as the property collector defines it: `assign` sets the value (a missing
    /// value unsets it), `remove` and `indirectRemove` unset it, `add` sets it; an indexed name
    /// (`disabledMethod["Destroy_Task"]`, `config.hardware.device[4000]`) adds, replaces or removes
    /// the array element with that key.
    public mutating func apply(_ change: PropertyChange) throws(VIPropertyChangeError) {
        let name = try VIIndexedPropertyName(change.name)
        guard let index = name.index else {
            switch change.op {
            case .remove, .indirectRemove: values[name.base] = nil
            default: values[name.base] = change.val
            }
            return
        }
        guard name.rest.isEmpty else { throw .unsupported(name: change.name, reason: "a member below an array element") }
        var items: [AnyValue] = []
        var elementType = ""
        if let current = values[name.base] {
            guard case .array(let type, let existing) = current else {
                throw .unsupported(name: change.name, reason: "the current value is not an array")
            }
            items = existing
            elementType = type
        }
        let position = items.firstIndex { Self.key(of: $0) == index }
        switch change.op {
        case .remove, .indirectRemove:
            if let position { items.remove(at: position) }
        default:
            guard let value = change.val else { throw .unsupported(name: change.name, reason: "no value to \(change.op.rawValue)") }
            if elementType.isEmpty { elementType = Self.elementType(of: value) }
            if let position { items[position] = value } else { items.append(value) }
        }
        values[name.base] = .array(elementType: elementType, items)
    }

    /// The key an array element is addressed by in an indexed path: the value itself for strings
    /// and numbers, the `key` member for data objects that have one.
    static func key(of element: AnyValue) -> String? {
        switch element {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .long(let value): return String(value)
        case .short(let value): return String(value)
        case .enumeration(_, let value): return value
        case .moRef(let ref): return ref.value
        case .object(let object): return (object as? any VIKeyedDataObject)?.collectionKey
        default: return nil
        }
    }

    private static func elementType(of value: AnyValue) -> String {
        switch value {
        case .string: return "string"
        case .int: return "int"
        case .long: return "long"
        case .short: return "short"
        case .moRef: return "ManagedObjectReference"
        default: return value.wireType
        }
    }
}

/// A `PropertyChange` that could not be applied.
public enum VIPropertyChangeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name is not a property path (unbalanced brackets, empty, ...).
    case malformedName(String)
    /// The change is well-formed but this layer cannot apply it (the reason says why).
    case unsupported(name: String, reason: String)

    public var description: String {
        switch self {
        case .malformedName(let name): return "malformed property change name '\(name)'"
        case .unsupported(let name, let reason): return "cannot apply the change of '\(name)': \(reason)"
        }
    }
}

/// A property name split at its first index: `base[index]rest`.
struct VIIndexedPropertyName: Equatable {
    var base: String
    var index: String?
    var rest: String

    init(base: String, index: String?, rest: String = "") {
        self.base = base
        self.index = index
        self.rest = rest
    }

    /// Parses `a.b`, `a["key"]`, `a[42]` and `a[42].b`.
    init(_ name: String) throws(VIPropertyChangeError) {
        guard !name.isEmpty else { throw .malformedName(name) }
        guard let open = name.firstIndex(of: "[") else {
            guard !name.contains("]") else { throw .malformedName(name) }
            self.init(base: name, index: nil)
            return
        }
        let base = String(name[..<open])
        var cursor = name.index(after: open)
        var index = ""
        if cursor < name.endIndex, name[cursor] == "\"" {
            cursor = name.index(after: cursor)
            var closed = false
            while cursor < name.endIndex {
                let character = name[cursor]
                cursor = name.index(after: cursor)
                if character == "\\", cursor < name.endIndex {
                    index.append(name[cursor])
                    cursor = name.index(after: cursor)
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    index.append(character)
                }
            }
            guard closed, cursor < name.endIndex, name[cursor] == "]" else { throw .malformedName(name) }
        } else {
            guard let close = name[cursor...].firstIndex(of: "]") else { throw .malformedName(name) }
            index = String(name[cursor..<close])
            cursor = close
            guard !index.isEmpty, index.allSatisfy({ $0.isNumber || $0 == "-" }) else { throw .malformedName(name) }
        }
        var rest = String(name[name.index(after: cursor)...])
        if rest.hasPrefix(".") { rest.removeFirst() } else if !rest.isEmpty { throw .malformedName(name) }
        guard !base.isEmpty else { throw .malformedName(name) }
        self.init(base: base, index: index, rest: rest)
    }
}
