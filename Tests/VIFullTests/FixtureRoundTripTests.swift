import Foundation
import VIFull
import XCTest

/// Answers each call with the recorded response of the same method.
struct FixtureTransport: HTTPTransport {
    let bodies: [String: [UInt8]]
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let text = String(decoding: request.body, as: UTF8.self)
        let method = text.components(separatedBy: "<soapenv:Body><").dropFirst().first?.prefix { $0 != " " } ?? ""
        return HTTPResponse(status: bodies[String(method)] == nil ? 404 : 200, headers: [], body: bodies[String(method)] ?? [])
    }
}

/// Responses captured from the simulator decode, re-encode and decode again to the same XML,
/// with no unknown-type fallback.
final class FixtureRoundTripTests: XCTestCase {
    override func setUp() {
        VIClient.registerVITypes()
        VIFullTypes.register()
    }

    /// A recorded response, from the test bundle's `Fixtures` resource directory.
    private func fixture(_ name: String) throws -> [UInt8] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    private func client(_ name: String) throws -> VIClient {
        let model = name.hasPrefix("vpx") ? "vpx" : "esx"
        let method = String(name.split(separator: "-").last?.dropLast(4) ?? "")
        var bodies = ["RetrieveServiceContent": try fixture("\(model)-0-RetrieveServiceContent.xml")]
        bodies[method] = try fixture(name)
        return VIClient(url: "http://127.0.0.1:1/sdk", transport: FixtureTransport(bodies: bodies))
    }

    /// encode(x) -> decode -> encode must reproduce the first encoding exactly, and the value decoded
    /// again equals (and hashes like) `x`, the value first decoded from the capture.
    private func assertStableRoundTrip<T: VIDataObject>(_ value: T, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        func encode(_ value: T) throws -> String {
            var writer = VIXMLWriter()
            writer.raw(#"<doc xmlns="urn:vim25" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">"#)
            try value.encodeValue(as: "value", to: &writer)
            writer.raw("</doc>")
            return writer.string
        }
        let first = try encode(value)
        let decoded = try VIXMLReader.withReader(bytes: Array(first.utf8)) { reader -> T in
            try reader.moveToDocumentElement()
            var scope = reader.beginElement()
            _ = try reader.nextChild(&scope)
            let result = try T.decodeValue(from: reader)
            XCTAssertEqual(reader.unknownTypes, [], file: file, line: line)
            return result
        }
        XCTAssertEqual(try encode(decoded), first, file: file, line: line)
        XCTAssertEqual(decoded, value, "decode -> encode -> decode equals the first value", file: file, line: line)
        XCTAssertEqual(decoded.hashValue, value.hashValue, file: file, line: line)
    }

    func testServiceContentFixtures() async throws {
        for model in ["esx", "vpx"] {
            let client = try client("\(model)-0-RetrieveServiceContent.xml")
            let content = try await client.serviceContent(as: ServiceContent.self)
            XCTAssertEqual(content.about.apiType, model == "esx" ? "HostAgent" : "VirtualCenter")
            try assertStableRoundTrip(content)
        }
    }

    func testLoginFixture() async throws {
        let session = try await client("esx-1-Login.xml").login(userName: "user", password: "pass")
        XCTAssertEqual(session.userName, "user")
        try assertStableRoundTrip(session)
    }

    func testAllPropertiesFixtures() async throws {
        for model in ["esx", "vpx"] {
            let client = try client("\(model)-3-RetrievePropertiesEx.xml")
            let result = try await client.retrievePropertiesEx(
                PropertyCollector(value: "propertyCollector"), specSet: [
                    PropertyFilterSpec(
                        propSet: [PropertySpec(type: "VirtualMachine")],
                        objectSet: [ObjectSpec(obj: ManagedObjectReference(type: "Folder", value: "root"))])
                ],
                options: RetrieveOptions())
            let unwrapped = try XCTUnwrap(result)
            XCTAssertGreaterThan(unwrapped.objects.count, 10)
            XCTAssertEqual(client.statistics.unknownTypes, [])
            try assertStableRoundTrip(unwrapped)
        }
    }
}
