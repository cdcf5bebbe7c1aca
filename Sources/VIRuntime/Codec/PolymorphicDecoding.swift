import Foundation

extension VIXMLReader {
    /// Decodes the current element as `declared` or, per its `xsi:type`, as a registered subtype.
    ///
    /// No `xsi:type` means the declared type (vcsim sends array items that way). An `xsi:type`
    /// that is unknown, or known but not a subtype of `declared`, decodes as `declared` and keeps
    /// the raw XML in `unknownSubtype`.
    public func decodeObject<Declared: VIDataObject>(declared: Declared.Type) throws -> any VIDataObject {
        guard let type = xsiTypeName(), type != Declared.wireName else { return try Declared(members: self) }
        return try decodeObject(declared: declared, xsiType: type)
    }

    /// Like `decodeObject(declared:)` for an already read `xsi:type`.
    public func decodeObject<Declared: VIDataObject>(declared: Declared.Type, xsiType: String) throws
        -> any VIDataObject
    {
        if let subtype = registry.objectType(named: xsiType), subtype.ancestors.contains(Declared.wireName) {
            return try subtype.init(members: self)
        }
        return try decodeAsUnknownSubtype(declared, xsiType: xsiType)
    }

    /// Decodes the current element as `T`, remembering the unknown `xsi:type` and the raw XML.
    public func decodeAsUnknownSubtype<T: VIDataObject>(_ type: T.Type, xsiType: String) throws -> T {
        let xml = outerXML()
        var value = try T(members: self)
        value.unknownSubtype = VIUnknownSubtype(wireType: xsiType, xml: xml)
        unknownTypes.append(xsiType)
        return value
    }

    /// `decodeAsUnknownSubtype(_:xsiType:)` for a type known only at run time.
    private func decodeAsUnknownSubtype(of type: any VIDataObject.Type, xsiType: String) throws -> any VIDataObject {
        try decodeAsUnknownSubtype(type, xsiType: xsiType)
    }

    /// Decodes an element declared as `base` whose Swift type is the protocol existential `P`.
    public func decodePolymorphic<Base: VIDataObject, P>(_ base: Base.Type, as existential: P.Type) throws -> P {
        let name = localName
        let object = try decodeObject(declared: base)
        guard let typed = object as? P else {
            throw VIDecodingError.typeMismatch(
                element: name, expected: Base.wireName, found: type(of: object).wireName)
        }
        return typed
    }

    /// Decodes an `xsd:anyType` element by its `xsi:type`.
    public func decodeAnyValue() throws -> AnyValue {
        guard let qualified = xsiTypeQualified() else {
            return .string(try readText())
        }
        return try decodeAnyValue(typeName: Self.localPart(qualified), qualified: qualified)
    }

    private func decodeAnyValue(typeName: String, qualified: String) throws -> AnyValue {
        if let primitive = try decodePrimitive(typeName) { return primitive }
        if typeName == "ManagedObjectReference" { return .moRef(try ManagedObjectReference.decodeValue(from: self)) }
        if let elementType = XSDPrimitive.arrayElementType(of: typeName) {
            return try decodeArray(elementType: elementType, arrayType: typeName)
        }
        if let enumType = registry.enumType(named: typeName) {
            return .enumeration(type: enumType.wireName, rawValue: try readText())
        }
        if let objectType = registry.objectType(named: typeName) {
            return .object(try objectType.init(members: self))
        }
        let xml = outerXML()
        try skipElement()
        unknownTypes.append(qualified)
        return .unknown(type: qualified, xml: xml)
    }

    /// Decodes the current element as the xsd primitive `typeName`, or returns nil for other names.
    private func decodePrimitive(_ typeName: String) throws -> AnyValue? {
        switch typeName {
        case "string", "anyURI": return .string(try readText())
        case "boolean": return .boolean(try Bool.decodeValue(from: self))
        case "byte": return .byte(try Int8.decodeValue(from: self))
        case "short": return .short(try Int16.decodeValue(from: self))
        case "int": return .int(try Int32.decodeValue(from: self))
        case "long": return .long(try Int64.decodeValue(from: self))
        case "float": return .float(try Float.decodeValue(from: self))
        case "double": return .double(try Double.decodeValue(from: self))
        case "dateTime": return .dateTime(try Date.decodeValue(from: self))
        case "base64Binary": return .binary(try Data.decodeValue(from: self))
        default: return nil
        }
    }

    /// Decodes an `ArrayOfX` element; items without `xsi:type` are of type `X`.
    private func decodeArray(elementType: String, arrayType: String) throws -> AnyValue {
        let enumType = registry.enumType(named: elementType)
        let objectType = registry.objectType(named: elementType)
        let isPrimitive = XSDPrimitive.primitiveNames.contains(elementType)
        if enumType == nil && objectType == nil && !isPrimitive && elementType != "ManagedObjectReference" {
            let xml = outerXML()
            try skipElement()
            unknownTypes.append(arrayType)
            return .unknown(type: arrayType, xml: xml)
        }
        var items: [AnyValue] = []
        var scope = beginElement()
        while try nextChild(&scope) != nil {
            if let qualified = xsiTypeQualified() {
                let local = Self.localPart(qualified)
                if local != elementType {
                    if let objectType, registry.objectType(named: local) == nil {
                        // An item of a subtype this SDK does not know: its declared element type,
                        // raw XML kept, as typed fields do, so typed reads of the array still work.
                        items.append(.object(try decodeAsUnknownSubtype(of: objectType, xsiType: qualified)))
                    } else {
                        items.append(try decodeAnyValue(typeName: local, qualified: qualified))
                    }
                    continue
                }
            }
            if isPrimitive, let value = try decodePrimitive(elementType) {
                items.append(value)
            } else if elementType == "ManagedObjectReference" {
                items.append(.moRef(try ManagedObjectReference.decodeValue(from: self)))
            } else if let enumType {
                items.append(.enumeration(type: enumType.wireName, rawValue: try readText()))
            } else if let objectType {
                items.append(.object(try objectType.init(members: self)))
            } else {
                items.append(.string(try readText()))
            }
        }
        return .array(elementType: elementType, items)
    }
}

/// Helpers the generated decoders call.
extension VIXMLReader {
    /// Returns a decoded required member or throws an error naming the type and member.
    @inlinable
    public func required<T>(_ value: T?, _ member: String, in type: String) throws -> T {
        guard let value else { throw VIDecodingError.missingRequired(type: type, member: member) }
        return value
    }

    /// Returns a decoded required list or throws when it is empty.
    @inlinable
    public func requiredList<T>(_ value: [T], _ member: String, in type: String) throws -> [T] {
        if value.isEmpty { throw VIDecodingError.missingRequired(type: type, member: member) }
        return value
    }
}
