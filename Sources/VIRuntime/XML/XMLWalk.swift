import CLibXML2

extension VIXMLReader {
    /// Reads every node of `bytes` with libxml2's reader and builds nothing: the baseline that
    /// decode benchmarks compare against. Returns the number of element nodes.
    public static func walk(bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                let reader = xmlReaderForMemory(
                    base, Int32(buffer.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue))
            else { return 0 }
            defer { xmlFreeTextReader(reader) }
            var elements = 0
            while xmlTextReaderRead(reader) == 1 {
                if xmlTextReaderNodeType(reader) == 1 { elements += 1 }
            }
            return elements
        }
    }
}
