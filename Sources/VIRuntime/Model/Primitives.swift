import Foundation

/// Names and formatting of the xsd primitive types.
public enum XSDPrimitive {
    /// The `ArrayOfX` suffix for an element type (`string` -> `String`, `int` -> `Int`, `VirtualDevice` unchanged).
    public static func arraySuffix(for elementType: String) -> String {
        guard let first = elementType.first, first.isLowercase else { return elementType }
        return first.uppercased() + elementType.dropFirst()
    }

    /// The element type of an `ArrayOfX` name (`ArrayOfString` -> `string`), nil for other names.
    public static func arrayElementType(of arrayType: String) -> String? {
        guard arrayType.hasPrefix("ArrayOf") else { return nil }
        let element = String(arrayType.dropFirst(7))
        let primitive = element.prefix(1).lowercased() + element.dropFirst()
        return primitiveNames.contains(primitive) ? primitive : element
    }

    /// Local names of the xsd types an `AnyValue` can hold directly.
    public static let primitiveNames: Set<String> = [
        "string", "boolean", "byte", "short", "int", "long", "float", "double", "dateTime",
        "base64Binary", "anyURI", "anyType",
    ]

    public static func format(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return "\(value)"
    }

    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return "\(value)"
    }

    public static func parseDouble(_ text: String) -> Double? {
        switch text {
        case "INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }
}

extension String: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, self)
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> String { try reader.readText() }
    public static func fromAny(_ value: AnyValue) -> String? {
        switch value {
        case .string(let v): return v
        case .enumeration(_, let raw): return raw
        default: return nil
        }
    }
}

extension Bool: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, self ? "true" : "false")
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> Bool {
        let text = try reader.readText()
        switch text.trimmingXMLWhitespace() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:boolean", text: text)
        }
    }
    public static func fromAny(_ value: AnyValue) -> Bool? {
        if case .boolean(let v) = value { return v }
        return nil
    }
}

/// Fixed-width integers shared by `xsd:byte`, `short`, `int` and `long`.
public protocol VIWireInteger: FixedWidthInteger, VIEncodable, VIDecodable, VIAnyConvertible {
    static var xsdName: String { get }
}

extension VIWireInteger {
    @inlinable
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, String(self))
    }
    @inlinable
    public static func decodeValue(from reader: VIXMLReader) throws -> Self {
        let text = try reader.readText()
        guard let value = Self(text.trimmingXMLWhitespace()) else {
            throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:" + xsdName, text: text)
        }
        return value
    }
    @inlinable
    public static func fromAny(_ value: AnyValue) -> Self? {
        switch value {
        case .byte(let v): return Self(exactly: v)
        case .short(let v): return Self(exactly: v)
        case .int(let v): return Self(exactly: v)
        case .long(let v): return Self(exactly: v)
        default: return nil
        }
    }
}

extension Int8: VIWireInteger { public static var xsdName: String { "byte" } }
extension Int16: VIWireInteger { public static var xsdName: String { "short" } }
extension Int32: VIWireInteger { public static var xsdName: String { "int" } }
extension Int64: VIWireInteger { public static var xsdName: String { "long" } }

extension Float: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, XSDPrimitive.format(self))
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> Float {
        let text = try reader.readText()
        guard let value = XSDPrimitive.parseDouble(text.trimmingXMLWhitespace()) else {
            throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:float", text: text)
        }
        return Float(value)
    }
    public static func fromAny(_ value: AnyValue) -> Float? {
        switch value {
        case .float(let v): return v
        case .double(let v): return Float(v)
        default: return nil
        }
    }
}

extension Double: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, XSDPrimitive.format(self))
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> Double {
        let text = try reader.readText()
        guard let value = XSDPrimitive.parseDouble(text.trimmingXMLWhitespace()) else {
            throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:double", text: text)
        }
        return value
    }
    public static func fromAny(_ value: AnyValue) -> Double? {
        switch value {
        case .double(let v): return v
        case .float(let v): return Double(v)
        default: return nil
        }
    }
}

extension Date: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, XSDDateTime.format(self))
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> Date {
        let text = try reader.readText()
        guard let date = XSDDateTime.parse(text.trimmingXMLWhitespace()) else {
            throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:dateTime", text: text)
        }
        return date
    }
    public static func fromAny(_ value: AnyValue) -> Date? {
        if case .dateTime(let v) = value { return v }
        return nil
    }
}

extension Data: VIEncodable, VIDecodable, VIAnyConvertible {
    public func encodeValue(as name: String, to writer: inout VIXMLWriter) throws {
        try writer.textElement(name, base64EncodedString())
    }
    public static func decodeValue(from reader: VIXMLReader) throws -> Data {
        let text = try reader.readText()
        guard let data = Data(base64Encoded: text.trimmingXMLWhitespace(), options: .ignoreUnknownCharacters) else {
            throw VIDecodingError.invalidValue(element: reader.lastElementName, type: "xsd:base64Binary", text: text)
        }
        return data
    }
    public static func fromAny(_ value: AnyValue) -> Data? {
        if case .binary(let v) = value { return v }
        return nil
    }
}

extension Array: VIAnyConvertible where Element: VIAnyConvertible {
    public static func fromAny(_ value: AnyValue) -> [Element]? {
        guard case .array(_, let items) = value else { return nil }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let converted = Element.fromAny(item) else { return nil }
            result.append(converted)
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    @usableFromInline
    func trimmingXMLWhitespace() -> String {
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return self }
        if !isSpace(firstByte) && !isSpace(lastByte) { return self }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
