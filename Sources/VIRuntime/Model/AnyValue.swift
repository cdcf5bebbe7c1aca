import Foundation

/// An `xsd:anyType` value: what a `DynamicProperty.val` or `TaskInfo.result` holds.
///
/// The case follows the element's `xsi:type`. A type this SDK does not know is kept as `.unknown`
/// with its raw XML, never an error.
public enum AnyValue: Sendable {
    case string(String)
    case boolean(Bool)
    case byte(Int8)
    case short(Int16)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case dateTime(Date)
    case binary(Data)
    case moRef(ManagedObjectReference)
    /// A value of a generated enum type, by type name and raw value.
    case enumeration(type: String, rawValue: String)
    /// A data object of a registered type.
    case object(any VIDataObject)
    /// An `ArrayOfX` value: `elementType` is `X` (`string`, `int`, `ManagedObjectReference`, `VirtualDevice`, ...).
    case array(elementType: String, [AnyValue])
    /// A value whose `xsi:type` is not known here, kept as received.
    case unknown(type: String, xml: String)

    /// The `xsi:type` this value has on the wire (`xsd:string`, `ArrayOfInt`, `VirtualMachineConfigInfo`, ...).
    public var wireType: String {
        switch self {
        case .string: return "xsd:string"
        case .boolean: return "xsd:boolean"
        case .byte: return "xsd:byte"
        case .short: return "xsd:short"
        case .int: return "xsd:int"
        case .long: return "xsd:long"
        case .float: return "xsd:float"
        case .double: return "xsd:double"
        case .dateTime: return "xsd:dateTime"
        case .binary: return "xsd:base64Binary"
        case .moRef: return "ManagedObjectReference"
        case .enumeration(let type, _): return type
        case .object(let object): return type(of: object).wireName
        case .array(let elementType, _): return "ArrayOf" + XSDPrimitive.arraySuffix(for: elementType)
        case .unknown(let type, _): return type
        }
    }

    /// Converts to `T`, or nil when the value holds something else.
    @inlinable
    public func `as`<T: VIAnyConvertible>(_ type: T.Type) -> T? { T.fromAny(self) }

    /// The data object, cast to `T` (which may be an existential such as `any VirtualDeviceProtocol`).
    @inlinable
    public func object<T>(as type: T.Type) -> T? {
        if case .object(let object) = self { return object as? T }
        return nil
    }

    /// The array's items cast to `T`; nil unless this is an array whose items all convert.
    @inlinable
    public func objects<T>(as type: T.Type) -> [T]? {
        guard case .array(_, let items) = self else { return nil }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let value = item.object(as: T.self) else { return nil }
            result.append(value)
        }
        return result
    }
}

extension AnyValue: VIEncodable {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        switch self {
        case .string(let v): try writer.textElement(name, v, xsiType: "xsd:string")
        case .boolean(let v): try writer.textElement(name, v ? "true" : "false", xsiType: "xsd:boolean")
        case .byte(let v): try writer.textElement(name, String(v), xsiType: "xsd:byte")
        case .short(let v): try writer.textElement(name, String(v), xsiType: "xsd:short")
        case .int(let v): try writer.textElement(name, String(v), xsiType: "xsd:int")
        case .long(let v): try writer.textElement(name, String(v), xsiType: "xsd:long")
        case .float(let v): try writer.textElement(name, XSDPrimitive.format(v), xsiType: "xsd:float")
        case .double(let v): try writer.textElement(name, XSDPrimitive.format(v), xsiType: "xsd:double")
        case .dateTime(let v): try writer.textElement(name, XSDDateTime.format(v), xsiType: "xsd:dateTime")
        case .binary(let v): try writer.textElement(name, v.base64EncodedString(), xsiType: "xsd:base64Binary")
        case .moRef(let ref): try writer.moRefElement(name, ref, xsiType: "ManagedObjectReference")
        case .enumeration(let type, let raw): try writer.textElement(name, raw, xsiType: type)
        case .object(let object): try object.encodeValue(as: name, to: &writer)
        case .array(let elementType, let items):
            writer.open(name, xsiType: wireType)
            for item in items { try item.encodeArrayItem(as: elementType, to: &writer) }
            writer.close(name)
        case .unknown(_, let xml): writer.rawElement(named: name, xml: xml)
        }
    }

    /// Array items are written without `xsi:type` when their type is the array's element type.
    private func encodeArrayItem(as elementType: String, to writer: inout VIXMLWriter) throws {
        switch self {
        case .string(let v): try writer.textElement(elementType, v)
        case .boolean(let v): try writer.textElement(elementType, v ? "true" : "false")
        case .byte(let v): try writer.textElement(elementType, String(v))
        case .short(let v): try writer.textElement(elementType, String(v))
        case .int(let v): try writer.textElement(elementType, String(v))
        case .long(let v): try writer.textElement(elementType, String(v))
        case .float(let v): try writer.textElement(elementType, XSDPrimitive.format(v))
        case .double(let v): try writer.textElement(elementType, XSDPrimitive.format(v))
        case .dateTime(let v): try writer.textElement(elementType, XSDDateTime.format(v))
        case .binary(let v): try writer.textElement(elementType, v.base64EncodedString())
        case .moRef(let ref): try writer.moRefElement(elementType, ref)
        case .enumeration(_, let raw): try writer.textElement(elementType, raw)
        default: try encodeValue(as: elementType, to: &writer)
        }
    }
}

extension AnyValue: VIDecodable {
    public static func decodeValue(from reader: VIXMLReader) throws -> AnyValue {
        try reader.decodeAnyValue()
    }
}

extension AnyValue: VIAnyConvertible {
    public static func fromAny(_ value: AnyValue) -> AnyValue? { value }
}

extension AnyValue: Hashable {
    public static func == (lhs: AnyValue, rhs: AnyValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.boolean(a), .boolean(b)): return a == b
        case let (.byte(a), .byte(b)): return a == b
        case let (.short(a), .short(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.long(a), .long(b)): return a == b
        case let (.float(a), .float(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.dateTime(a), .dateTime(b)): return a == b
        case let (.binary(a), .binary(b)): return a == b
        case let (.moRef(a), .moRef(b)): return a == b
        case let (.enumeration(typeA, a), .enumeration(typeB, b)): return typeA == typeB && a == b
        case let (.object(a), .object(b)): return AnyHashable(a) == AnyHashable(b)
        case let (.array(typeA, a), .array(typeB, b)): return typeA == typeB && a == b
        case let (.unknown(typeA, a), .unknown(typeB, b)): return typeA == typeB && a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wireType)
        switch self {
        case .string(let v): hasher.combine(v)
        case .boolean(let v): hasher.combine(v)
        case .byte(let v): hasher.combine(v)
        case .short(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .long(let v): hasher.combine(v)
        case .float(let v): hasher.combine(v)
        case .double(let v): hasher.combine(v)
        case .dateTime(let v): hasher.combine(v)
        case .binary(let v): hasher.combine(v)
        case .moRef(let v): hasher.combine(v)
        case .enumeration(_, let v): hasher.combine(v)
        case .object(let v): hasher.combine(AnyHashable(v))
        case .array(_, let v): hasher.combine(v)
        case .unknown(_, let v): hasher.combine(v)
        }
    }
}
