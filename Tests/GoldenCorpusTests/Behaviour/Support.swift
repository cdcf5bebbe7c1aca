import Foundation
import VIRuntime
import XCTest

/// Namespaces every test document declares, as a SOAP envelope would.
let documentOpen =
    #"<doc xmlns="urn:vim25" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">"#

/// The golden types live in their own table: the test process also holds VI's types of the same names.
let goldenRegistry: VITypeRegistry = {
    let registry = VITypeRegistry()
    GoldenTypes.register(into: registry)
    return registry
}()

/// Kept for the tests' setUp: makes sure the table exists.
let registerGoldenTypes: Void = { _ = goldenRegistry }()

/// Writes `value` as element `root` inside a namespaced document.
func encodeDocument<T: VIEncodable>(_ value: T, as root: String = "value") throws -> String {
    var writer = VIXMLWriter()
    writer.raw(documentOpen)
    try value.encodeValue(as: root, to: &writer)
    writer.raw("</doc>")
    return writer.string
}

/// Decodes the first child element of `<doc>` with `decode`.
func decodeDocument<T>(_ xml: String, _ decode: (VIXMLReader) throws -> T) throws -> T {
    try VIXMLReader.withReader(bytes: Array(xml.utf8), registry: goldenRegistry) { reader in
        try reader.moveToDocumentElement()
        var scope = reader.beginElement()
        guard try reader.nextChild(&scope) != nil else {
            throw VIDecodingError.unexpectedEnd(element: "doc")
        }
        return try decode(reader)
    }
}

/// Wraps element text in a document.
func document(_ inner: String) -> String { documentOpen + inner + "</doc>" }

/// Encodes then decodes.
func roundTrip<T: VIEncodable & VIDecodable>(_ value: T) throws -> T {
    try decodeDocument(try encodeDocument(value), T.decodeValue)
}
