/// A reference to a server-side managed object: its type name and its id.
public struct ManagedObjectReference: Sendable, Hashable, CustomStringConvertible, VIEncodable, VIDecodable,
    VIAnyConvertible
{
    /// Managed object type (`VirtualMachine`, `Folder`, ...).
    public var type: String
    /// The server's id (`vm-42`, `ha-root-folder`, ...).
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    public var description: String { "\(type):\(value)" }

    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.moRefElement(name, self)
    }

    public static func decodeValue(from reader: VIXMLReader) throws -> ManagedObjectReference {
        guard let type = reader.attribute("type") else {
            throw VIDecodingError.missingAttribute(element: reader.localName, attribute: "type")
        }
        return ManagedObjectReference(type: type, value: try reader.readText())
    }

    public static func fromAny(_ value: AnyValue) -> ManagedObjectReference? {
        if case .moRef(let ref) = value { return ref }
        return nil
    }
}
