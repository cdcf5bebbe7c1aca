/// Builds an XML document into a byte buffer, escaping every text and attribute value.
public struct VIXMLWriter: Sendable {
    /// The document so far (UTF-8).
    public private(set) var bytes: [UInt8] = []
    /// When set, members marked secret are written as `(secret)`: used for logging only.
    public var redactSecrets: Bool

    public init(capacity: Int = 1024, redactSecrets: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.redactSecrets = redactSecrets
    }

    /// The document as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup as is. Callers pass only constant, well-formed markup.
    public mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Opens `<name xsi:type="...">`.
    public mutating func open(_ name: String, xsiType: String? = nil) {
        bytes.append(0x3C)  // <
        bytes.append(contentsOf: name.utf8)
        if let xsiType {
            bytes.append(contentsOf: #" xsi:type=""#.utf8)
            appendEscapedName(xsiType)
            bytes.append(0x22)
        }
        bytes.append(0x3E)  // >
    }

    /// Closes `</name>`.
    public mutating func close(_ name: String) {
        bytes.append(0x3C)
        bytes.append(0x2F)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3E)
    }

    /// Writes `<name>escaped text</name>`.
    public mutating func textElement(_ name: String, _ text: String, xsiType: String? = nil) throws {
        open(name, xsiType: xsiType)
        try appendEscaped(text, element: name, attribute: false)
        close(name)
    }

    /// Writes `<name type="T">value</name>`.
    public mutating func moRefElement(_ name: String, _ ref: ManagedObjectReference, xsiType: String? = nil)
        throws
    {
        bytes.append(0x3C)
        bytes.append(contentsOf: name.utf8)
        if let xsiType {
            bytes.append(contentsOf: #" xsi:type=""#.utf8)
            appendEscapedName(xsiType)
            bytes.append(0x22)
        }
        bytes.append(contentsOf: #" type=""#.utf8)
        try appendEscaped(ref.type, element: name, attribute: true)
        bytes.append(0x22)
        bytes.append(0x3E)
        try appendEscaped(ref.value, element: name, attribute: false)
        close(name)
    }

    /// Writes a kept raw element (an unknown `AnyValue`) under a new name.
    public mutating func rawElement(named name: String, xml: String) {
        // The kept XML is the element as received; only its content is reused.
        guard let open = xml.firstIndex(of: ">"), let close = xml.lastIndex(of: "<"), open < close,
            xml[xml.index(before: open)] != "/"
        else {
            self.open(name)
            self.close(name)
            return
        }
        let head = xml[xml.index(after: xml.startIndex)..<open]
        let attributes = head.firstIndex(of: " ").map { head[$0...] } ?? ""
        bytes.append(0x3C)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: attributes.utf8)
        bytes.append(0x3E)
        bytes.append(contentsOf: xml[xml.index(after: open)..<close].utf8)
        self.close(name)
    }

    /// Names (element and type names) come from the schema; escape them anyway.
    private mutating func appendEscapedName(_ name: String) {
        for byte in name.utf8 {
            switch byte {
            case 0x3C, 0x3E, 0x26, 0x22, 0x27: continue
            default: bytes.append(byte)
            }
        }
    }

    /// Appends `text` with `& < > " '` escaped; CR (and TAB/LF in attributes) as character references.
    /// Control characters XML 1.0 cannot carry are an error, never silently dropped.
    public mutating func appendEscaped(_ text: String, element: String, attribute: Bool) throws {
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&apos;".utf8)
            case 0x0D: bytes.append(contentsOf: "&#13;".utf8)
            case 0x09 where attribute: bytes.append(contentsOf: "&#9;".utf8)
            case 0x0A where attribute: bytes.append(contentsOf: "&#10;".utf8)
            case 0x09, 0x0A: bytes.append(byte)
            case 0x00..<0x20: throw VIEncodingError.invalidCharacter(element: element, scalar: UInt32(byte))
            default: bytes.append(byte)
            }
        }
    }
}

/// Helpers the generated encoders call.
extension VIXMLWriter {
    /// Writes a required member.
    @inlinable
    public mutating func encode<T: VIEncodable>(_ name: String, _ value: T) throws {
        try value.encodeValue(as: name, to: &self)
    }

    /// Writes an optional member when set.
    @inlinable
    public mutating func encode<T: VIEncodable>(_ name: String, _ value: T?) throws {
        if let value { try value.encodeValue(as: name, to: &self) }
    }

    /// Writes one element per item.
    @inlinable
    public mutating func encode<T: VIEncodable>(_ name: String, _ values: [T]) throws {
        for value in values { try value.encodeValue(as: name, to: &self) }
    }

    /// Throws when a required member is unset.
    @inlinable
    public func require<T>(_ value: T?, _ member: String, in type: String) throws {
        if value == nil { throw VIEncodingError.missingRequired(type: type, member: member) }
    }

    /// Throws when a required list is empty.
    @inlinable
    public func requireList<T>(_ value: [T], _ member: String, in type: String) throws {
        if value.isEmpty { throw VIEncodingError.missingRequired(type: type, member: member) }
    }
}

/// Secret members and parameters: written normally, redacted when `redactSecrets` is set.
extension VIXMLWriter {
    public mutating func encodeSecret<T: VIEncodable>(_ name: String, _ value: T) throws {
        if redactSecrets {
            try textElement(name, "(secret)")
        } else {
            try value.encodeValue(as: name, to: &self)
        }
    }

    public mutating func encodeSecret<T: VIEncodable>(_ name: String, _ value: T?) throws {
        if let value { try encodeSecret(name, value) }
    }

    public mutating func encodeSecret<T: VIEncodable>(_ name: String, _ values: [T]) throws {
        for value in values { try encodeSecret(name, value) }
    }
}
