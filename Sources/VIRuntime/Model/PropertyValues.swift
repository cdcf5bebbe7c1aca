/// A property path of a managed object type (`name`, `runtime.powerState`, ...).
public protocol VIPropertyPath: Sendable, Hashable {
    var path: String { get }
    init(_ path: String)
}

/// Conversions the generated `Properties` views use to read retrieved values.
public enum VIPropertyValues {
    /// The value at `path` converted to `T`; nil when absent; an error naming the property when of another type.
    public static func value<T: VIAnyConvertible>(
        _ values: [String: AnyValue], _ path: String, as type: T.Type, in owner: String
    ) throws -> T? {
        guard let raw = values[path] else { return nil }
        guard let converted = T.fromAny(raw) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "\(T.self)", found: raw.wireType)
        }
        return converted
    }

    /// The data object at `path` cast to `T` (an existential such as `any VirtualDeviceProtocol`).
    public static func object<T>(_ values: [String: AnyValue], _ path: String, as type: T.Type, in owner: String)
        throws -> T?
    {
        guard let raw = values[path] else { return nil }
        guard let converted = raw.object(as: T.self) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "\(T.self)", found: raw.wireType)
        }
        return converted
    }

    /// The array of data objects at `path`, each cast to `T`.
    public static func objects<T>(_ values: [String: AnyValue], _ path: String, as type: T.Type, in owner: String)
        throws -> [T]?
    {
        guard let raw = values[path] else { return nil }
        guard let converted = raw.objects(as: T.self) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "[\(T.self)]", found: raw.wireType)
        }
        return converted
    }
}
