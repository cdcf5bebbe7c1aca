import CLibXML2

/// A parsed XML element: name, attributes in document order, child elements and direct text.
struct XMLElement: Sendable {
    /// Qualified name as written (`vmware:moref`).
    var name: String
    var namespace: String?
    var attributes: [(name: String, value: String)] = []
    var children: [XMLElement] = []
    /// Direct text content, concatenated.
    var text = ""
    var line: Int

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Builds an ``XMLElement`` tree with libxml2's streaming reader; no DTDs, entities or network.
enum XMLTree {
    static let maxBytes = 16 * 1024 * 1024
    static let maxDepth = 64

    private enum NodeType {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let entityReference: Int32 = 5
        static let documentType: Int32 = 10
        static let endElement: Int32 = 15
    }

    /// The document element of `text`.
    static func parse(_ text: String) throws -> XMLElement {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw DomainXMLError.malformed(line: 0, message: "document of \(bytes.count) bytes exceeds \(maxBytes) bytes")
        }
        guard !bytes.isEmpty else { throw DomainXMLError.malformed(line: 0, message: "empty document") }
        return try bytes.withUnsafeBufferPointer { buffer in
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
            guard let base = buffer.baseAddress,
                let reader = xmlReaderForMemory(
                    UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8", options)
            else { throw DomainXMLError.malformed(line: 0, message: "could not create the XML reader") }
            let sink = ErrorSink()
            xmlTextReaderSetStructuredErrorHandler(
                reader,
                { context, error in
                    guard let context, let error else { return }
                    Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
                }, Unmanaged.passUnretained(sink).toOpaque())
            defer {
                xmlTextReaderSetStructuredErrorHandler(reader, nil, nil)
                xmlFreeTextReader(reader)
            }
            return try build(reader, sink: sink)
        }
    }

    private static func build(_ reader: OpaquePointer, sink: ErrorSink) throws -> XMLElement {
        var stack: [XMLElement] = []
        var root: XMLElement?
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            // The node's own line; the parser's line may already be further on.
            let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) }
                ?? Int(xmlTextReaderGetParserLineNumber(reader))
            guard status == 1 else { throw sink.error(fallbackLine: line) }
            switch xmlTextReaderNodeType(reader) {
            case NodeType.documentType, NodeType.entityReference:
                throw DomainXMLError.malformed(line: line, message: "DTDs and entity references are not accepted")
            case NodeType.element:
                guard stack.count < maxDepth else {
                    throw DomainXMLError.malformed(line: line, message: "elements nested deeper than \(maxDepth)")
                }
                if root != nil && stack.isEmpty {
                    throw DomainXMLError.malformed(line: line, message: "more than one document element")
                }
                var element = XMLElement(
                    name: string(xmlTextReaderConstName(reader)) ?? "",
                    namespace: string(xmlTextReaderConstNamespaceUri(reader)), line: line)
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    let name = string(xmlTextReaderConstName(reader)) ?? ""
                    if name == "xmlns" || name.hasPrefix("xmlns:") { continue }
                    element.attributes.append((name, string(xmlTextReaderConstValue(reader)) ?? ""))
                }
                if empty { attach(element, to: &stack, root: &root) } else { stack.append(element) }
            case NodeType.text, NodeType.cdata:
                if !stack.isEmpty { stack[stack.count - 1].text += string(xmlTextReaderConstValue(reader)) ?? "" }
            case NodeType.endElement:
                if let element = stack.popLast() { attach(element, to: &stack, root: &root) }
            default:
                continue
            }
        }
        guard let root else { throw sink.error(fallbackLine: 0) }
        return root
    }

    private static func attach(_ element: XMLElement, to stack: inout [XMLElement], root: inout XMLElement?) {
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Keeps libxml2's first error message.
    private final class ErrorSink {
        private var message: String?
        private var line = 0

        func record(_ error: xmlError) {
            guard message == nil else { return }
            message = (error.message.map { String(cString: $0) } ?? "malformed XML")
                .trimmingCharacters(in: "\n")
            line = Int(error.line)
        }

        func error(fallbackLine: Int) -> DomainXMLError {
            .malformed(line: message == nil ? fallbackLine : line, message: message ?? "malformed XML")
        }
    }
}
