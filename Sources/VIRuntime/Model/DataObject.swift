import Foundation

/// A value that can be written as one XML element of the vim25 wire format.
public protocol VIEncodable: Sendable {
    /// Writes `self` as an element named `name`.
    func encodeValue(as name: String, to writer: inout VIXMLWriter) throws
}

/// A value that can be read from the element the reader is positioned on.
public protocol VIDecodable: Sendable {
    /// Reads the element the reader is positioned on; leaves the reader on that element's last node.
    static func decodeValue(from reader: VIXMLReader) throws -> Self
}

/// A value convertible from an `xsd:anyType` value (a `DynamicProperty.val`, `TaskInfo.result`, ...).
public protocol VIAnyConvertible: Sendable {
    /// Converts `value`, or returns nil when it holds something else.
    static func fromAny(_ value: AnyValue) -> Self?
}

/// What the generator knows about an unknown `xsi:type` that was decoded as its nearest declared type.
public final class VIUnknownSubtype: Sendable, Hashable {
    /// The `xsi:type` the server sent.
    public let wireType: String
    /// The whole element as received, so nothing is lost.
    public let xml: String
    public init(wireType: String, xml: String) {
        self.wireType = wireType
        self.xml = xml
    }

    public static func == (lhs: VIUnknownSubtype, rhs: VIUnknownSubtype) -> Bool {
        lhs.wireType == rhs.wireType && lhs.xml == rhs.xml
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wireType)
        hasher.combine(xml)
    }
}

/// A generated vim25 data object (a struct).
/// Data objects are `Hashable` member by member (see ``VIStructuralEquality``).
public protocol VIDataObject: VIEncodable, VIDecodable, VIAnyConvertible, Hashable {
    /// The WSDL type name.
    static var wireName: String { get }
    /// Wire names of the declared ancestors, nearest first.
    static var ancestors: [String] { get }
    /// Decodes the members of the element the reader is positioned on (its `xsi:type` is not consulted).
    init(members reader: VIXMLReader) throws
    /// Writes the members (inherited first) in WSDL order; validates required members.
    func encodeMembers(to writer: inout VIXMLWriter) throws
    /// Set when the server sent an `xsi:type` this SDK does not know.
    var unknownSubtype: VIUnknownSubtype? { get set }
}

extension VIDataObject {
    @inlinable
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        writer.open(name, xsiType: Self.wireName)
        try encodeMembers(to: &writer)
        writer.close(name)
    }

    @inlinable
    public static func decodeValue(from reader: VIXMLReader) throws -> Self {
        if let type = reader.xsiTypeName(), type != wireName {
            // A type without subtypes in the schema: any other xsi:type is one this SDK does not know.
            return try reader.decodeAsUnknownSubtype(Self.self, xsiType: type)
        }
        return try Self(members: reader)
    }

    @inlinable
    public static func fromAny(_ value: AnyValue) -> Self? {
        if case .object(let object) = value { return object as? Self }
        return nil
    }
}

/// A data object whose elements an indexed property path addresses by key (`device[4000]`).
public protocol VIKeyedDataObject: VIDataObject {
    /// The `key` member as the server spells it in paths.
    var collectionKey: String { get }
}

/// A generated open enumeration: unknown wire values are kept and re-encode unchanged.
public protocol VIEnum: VIEncodable, VIDecodable, VIAnyConvertible, RawRepresentable, Hashable
where RawValue == String {
    /// The WSDL type name.
    static var wireName: String { get }
    /// Every value declared in the schema.
    static var declaredValues: [Self] { get }
    init(rawValue: String)
}

extension VIEnum {
    /// Whether the value is one the schema declares.
    public var isDeclared: Bool { Self.declaredValues.contains(self) }

    @inlinable
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, rawValue, xsiType: Self.wireName)
    }

    @inlinable
    public static func decodeValue(from reader: VIXMLReader) throws -> Self {
        Self(rawValue: try reader.readText())
    }

    @inlinable
    public static func fromAny(_ value: AnyValue) -> Self? {
        switch value {
        case .enumeration(let type, let raw) where type == wireName: return Self(rawValue: raw)
        case .string(let raw): return Self(rawValue: raw)
        default: return nil
        }
    }
}

/// A generated typed wrapper around a managed object reference (`VirtualMachine`, `Folder`, ...).
public protocol VIManagedObject: VIEncodable, VIDecodable, VIAnyConvertible, Hashable {
    /// The typed view of retrieved properties.
    associatedtype Properties: VIManagedObjectProperties where Properties.Object == Self
    /// The managed object type name.
    static var wireName: String { get }
    /// The reference on the wire; its `type` may name a subtype.
    var ref: ManagedObjectReference { get }
    init(_ ref: ManagedObjectReference)
}

extension VIManagedObject {
    /// A reference to the object of this type with the given id (`vm-42`, `ha-host`, ...).
    public init(value: String) { self.init(ManagedObjectReference(type: Self.wireName, value: value)) }

    @inlinable
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try ref.encodeValue(as: name, to: &writer)
    }

    @inlinable
    public static func decodeValue(from reader: VIXMLReader) throws -> Self {
        Self(try ManagedObjectReference.decodeValue(from: reader))
    }

    @inlinable
    public static func fromAny(_ value: AnyValue) -> Self? {
        if case .moRef(let ref) = value { return Self(ref) }
        return nil
    }
}

/// The properties of one managed object as retrieved from the property collector.
public protocol VIManagedObjectProperties: Sendable {
    associatedtype Object: VIManagedObject
    /// Builds the typed view from the retrieved `name -> value` pairs.
    init(object: Object, values: [String: AnyValue]) throws
    /// The object these properties belong to.
    var managedObject: Object { get }
    /// Every retrieved value by its path, including nested paths and paths this SDK does not know.
    var rawValues: [String: AnyValue] { get }
}

/// Heap storage for a member whose type contains itself (a struct cannot hold itself inline).
public final class VIIndirect<Value: Sendable>: Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
