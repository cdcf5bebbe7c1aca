/// Conversions the generated `Properties` views use to read retrieved values.
public enum VIPropertyValues {
    /// `raw` converted to `T`, or an error naming the property when it holds another type.
    @inlinable
    public static func value<T: VIAnyConvertible>(_ raw: AnyValue, _ path: String, as type: T.Type, in owner: String)
        throws -> T
    {
        guard let converted = T.fromAny(raw) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "\(T.self)", found: raw.wireType)
        }
        return converted
    }

    /// The data object `raw` cast to `T` (an existential such as `any VirtualDeviceProtocol`).
    @inlinable
    public static func object<T>(_ raw: AnyValue, _ path: String, as type: T.Type, in owner: String) throws -> T {
        guard let converted = raw.object(as: T.self) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "\(T.self)", found: raw.wireType)
        }
        return converted
    }

    /// The array of data objects `raw`, each cast to `T`.
    @inlinable
    public static func objects<T>(_ raw: AnyValue, _ path: String, as type: T.Type, in owner: String) throws -> [T] {
        guard let converted = raw.objects(as: T.self) else {
            throw VIDecodingError.typeMismatch(element: "\(owner).\(path)", expected: "[\(T.self)]", found: raw.wireType)
        }
        return converted
    }
}
