import CLibXML2
import Foundation

/// A forward-only cursor over an XML document, on libxml2's streaming reader (no DOM tree).
///
/// Decoders are called with the reader on an element's start node and must leave it on that
/// element's last node (its end node, or the start node of an empty element).
/// External entities, network loads and DTDs are refused; depth and size are bounded.
public final class VIXMLReader {
    private let reader: OpaquePointer
    private let errors: ErrorSink
    private let limits: VIXMLLimits
    let registry: VITypeRegistry
    /// Name of the element whose content was read last, for error messages.
    public private(set) var lastElementName: String = ""
    /// `xsi:type` names this SDK did not know, in the order met (each was kept as raw XML).
    public internal(set) var unknownTypes: [String] = []

    private static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// Node types of `xmlTextReaderNodeType`.
    private enum Node {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let entityReference: Int32 = 5
        static let documentType: Int32 = 10
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    /// Where the children of one element are being iterated.
    public struct ElementScope {
        let depth: Int32
        let name: String
        var finished: Bool
    }

    /// Runs `body` with a reader over `bytes`. The reader is valid only inside `body`.
    public static func withReader<R>(
        bytes: [UInt8], limits: VIXMLLimits = .default, registry: VITypeRegistry = .shared,
        _ body: (VIXMLReader) throws -> R
    ) throws -> R {
        guard bytes.count <= limits.maxBytes, bytes.count < Int(Int32.max) else {
            throw VIDecodingError.tooLarge(bytes: bytes.count, limit: limits.maxBytes)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1))
            guard let raw = base?.assumingMemoryBound(to: CChar.self),
                let handle = xmlReaderForMemory(raw, Int32(buffer.count), nil, "UTF-8", options)
            else {
                throw VIDecodingError.malformedXML(message: "could not create the XML reader", line: 0)
            }
            let reader = VIXMLReader(handle: handle, limits: limits, registry: registry)
            defer { reader.close() }
            return try body(reader)
        }
    }

    private init(handle: OpaquePointer, limits: VIXMLLimits, registry: VITypeRegistry) {
        self.reader = handle
        self.limits = limits
        self.registry = registry
        self.errors = ErrorSink()
        xmlTextReaderSetStructuredErrorHandler(
            handle,
            { context, error in
                guard let context, let error else { return }
                let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
                sink.record(error.pointee)
            }, Unmanaged.passUnretained(errors).toOpaque())
    }

    private func close() {
        xmlTextReaderSetStructuredErrorHandler(reader, nil, nil)
        xmlFreeTextReader(reader)
    }

    // MARK: Moving

    /// Advances one node; throws on malformed input, DTDs and excessive depth.
    private func read(inside element: String) throws {
        let status = xmlTextReaderRead(reader)
        if status == 1 {
            let type = xmlTextReaderNodeType(reader)
            if type == Node.documentType { throw VIDecodingError.doctypeNotAllowed }
            if type == Node.element && Int(xmlTextReaderDepth(reader)) > limits.maxDepth {
                throw VIDecodingError.tooDeep(element: localName, limit: limits.maxDepth)
            }
            return
        }
        if status == 0 { throw VIDecodingError.unexpectedEnd(element: element) }
        throw errors.error(fallbackLine: Int(xmlTextReaderGetParserLineNumber(reader)))
    }

    /// Moves to the document element (the first element node).
    public func moveToDocumentElement() throws {
        while true {
            try read(inside: "document")
            if xmlTextReaderNodeType(reader) == Node.element { return }
        }
    }

    /// Starts iterating the children of the element the reader is on.
    public func beginElement() -> ElementScope {
        ElementScope(
            depth: xmlTextReaderDepth(reader), name: localName,
            finished: xmlTextReaderIsEmptyElement(reader) == 1)
    }

    /// Moves to the next child element of `scope` and returns its local name, or nil at the end.
    public func nextChild(_ scope: inout ElementScope) throws -> String? {
        if scope.finished { return nil }
        while true {
            try read(inside: scope.name)
            let type = xmlTextReaderNodeType(reader)
            if type == Node.element { return localName }
            if type == Node.endElement && xmlTextReaderDepth(reader) == scope.depth {
                scope.finished = true
                return nil
            }
        }
    }

    /// Skips the element the reader is on, with all its content.
    public func skipElement() throws {
        var scope = beginElement()
        while try nextChild(&scope) != nil { try skipElement() }
    }

    // MARK: Reading

    /// The local name of the current node.
    public var localName: String {
        guard let name = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: name)
    }

    /// The namespace URI of the current node, if any.
    public var namespaceURI: String? {
        guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return nil }
        return String(cString: uri)
    }

    /// The text content of the current element; leaves the reader on its end node.
    public func readText() throws -> String {
        let name = localName
        lastElementName = name
        if xmlTextReaderIsEmptyElement(reader) == 1 { return "" }
        let depth = xmlTextReaderDepth(reader)
        var text: String? = nil
        while true {
            try read(inside: name)
            switch xmlTextReaderNodeType(reader) {
            case Node.text, Node.cdata, Node.significantWhitespace, Node.whitespace:
                if let value = xmlTextReaderConstValue(reader) {
                    let piece = String(cString: value)
                    text = text.map { $0 + piece } ?? piece
                }
            case Node.endElement where xmlTextReaderDepth(reader) == depth:
                return text ?? ""
            case Node.element:
                throw VIDecodingError.unexpectedChild(element: name, child: localName)
            case Node.entityReference:
                throw VIDecodingError.invalidValue(element: name, type: "text", text: "&\(localName);")
            default:
                continue
            }
        }
    }

    /// The value of the unqualified attribute `name` of the current element.
    public func attribute(_ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    /// The `xsi:type` of the current element as written (`xsd:string`, `vim25:VirtualDisk`, `VirtualDisk`).
    public func xsiTypeQualified() -> String? {
        guard xmlTextReaderMoveToAttributeNs(reader, "type", Self.xsiNamespace) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        guard let value = xmlTextReaderConstValue(reader) else { return nil }
        return String(cString: value)
    }

    /// The local part of the current element's `xsi:type`.
    public func xsiTypeName() -> String? {
        xsiTypeQualified().map(Self.localPart)
    }

    /// The part of a qualified name after its prefix (`xsd:string` -> `string`).
    static func localPart(_ qualified: String) -> String {
        let bytes = qualified.utf8
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
    }

    /// The current element and its content as XML text (the reader does not move).
    public func outerXML() -> String {
        guard let xml = xmlTextReaderReadOuterXml(reader) else { return "" }
        defer { vi_xml_free(xml) }
        return String(cString: xml)
    }

    /// Collects libxml2's first error for this reader.
    private final class ErrorSink {
        private var message: String?
        private var line = 0

        func record(_ error: xmlError) {
            guard message == nil else { return }
            let text = error.message.map { String(cString: $0) } ?? "unknown error"
            message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            line = Int(error.line)
        }

        func error(fallbackLine: Int) -> VIDecodingError {
            .malformedXML(message: message ?? "malformed XML", line: message == nil ? fallbackLine : line)
        }
    }
}
