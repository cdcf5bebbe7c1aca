import Foundation
import VIRuntime
import XCTest

/// A transport that answers with canned responses and records requests (fault injection).
final class CannedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPResponse]
    private(set) var requests: [HTTPRequest] = []

    init(_ responses: [HTTPResponse]) { self.responses = responses }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            requests.append(request)
            return responses.isEmpty ? HTTPResponse(status: 599, headers: [], body: []) : responses.removeFirst()
        }
    }

    var lastBody: String {
        lock.withLock { requests.last.map { String(decoding: $0.body, as: UTF8.self) } ?? "" }
    }
}

func soap(_ body: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> HTTPResponse {
    let xml = #"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>"#
        + body + "</soapenv:Body></soapenv:Envelope>"
    return HTTPResponse(status: status, headers: headers, body: Array(xml.utf8))
}

let serviceContentResponse = soap(
    #"<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder type="Folder">root</rootFolder><sessionManager type="SessionManager">sm</sessionManager><propertyCollector type="PropertyCollector">pc</propertyCollector></returnval></RetrieveServiceContentResponse>"#
)

final class SOAPClientTests: XCTestCase {
    override func setUp() { registerGoldenTypes }

    func testLoginBindsThisFromServiceContentAndKeepsTheCookie() async throws {
        let transport = CannedTransport([
            serviceContentResponse,
            soap(
                #"<LoginResponse xmlns="urn:vim25"><returnval><key>k1</key><userName>u</userName><loginTime>2026-01-01T00:00:00Z</loginTime></returnval></LoginResponse>"#,
                headers: [("Set-Cookie", #"vmware_soap_session="abc"; Path=/; HttpOnly; Secure;"#)]),
            soap(#"<LogoutResponse xmlns="urn:vim25"></LogoutResponse>"#),
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, apiVersion: "7.0", registry: goldenRegistry)
        let session = try await client.login(userName: "u", password: "p&w")
        XCTAssertEqual(session.key, "k1")
        XCTAssertTrue(transport.lastBody.contains(#"<_this type="SessionManager">sm</_this>"#), transport.lastBody)
        XCTAssertTrue(transport.lastBody.contains("<password>p&amp;w</password>"))
        XCTAssertEqual(client.sessionCookie, #"vmware_soap_session="abc""#)
        try await client.logout()
        let last = try XCTUnwrap(transport.requests.last)
        XCTAssertEqual(last.headers.first { $0.name == "Cookie" }?.value, #"vmware_soap_session="abc""#)
        XCTAssertEqual(last.headers.first { $0.name == "SOAPAction" }?.value, "urn:vim25/7.0")
        XCTAssertEqual(client.statistics.requests, 3)
    }

    func testFaultDetailIsDecodedIntoTheTypedHierarchy() async throws {
        let transport = CannedTransport([
            serviceContentResponse,
            soap(
                #"<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Cannot complete login due to an incorrect user name or password.</faultstring><detail><InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"></InvalidLoginFault></detail></soapenv:Fault>"#,
                status: 500),
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, registry: goldenRegistry)
        do {
            _ = try await client.login(userName: "u", password: "wrong")
            XCTFail("expected a fault")
        } catch let fault as VISOAPFault {
            XCTAssertEqual(fault.faultCode, "ServerFaultCode")
            XCTAssertEqual(fault.faultType, "InvalidLogin")
            XCTAssertTrue(fault.fault is InvalidLogin)
            XCTAssertTrue(fault.isFault("MethodFault"))
            XCTAssertTrue(fault.faultString.contains("incorrect user name"))
            XCTAssertFalse(String(describing: fault).contains("wrong"), "the password never appears in errors")
        }
    }

    func testFaultWithSubtypeFieldsAndUnknownFaults() async throws {
        let transport = CannedTransport([
            soap(
                #"<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>bad</faultstring><detail><InvalidArgumentFault xmlns="urn:vim25" xsi:type="InvalidArgument"><invalidProperty>name</invalidProperty></InvalidArgumentFault></detail></soapenv:Fault>"#,
                status: 500),
            soap(
                #"<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>new</faultstring><detail><BrandNewFault xmlns="urn:vim25"><x/></BrandNewFault></detail></soapenv:Fault>"#,
                status: 500),
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, registry: goldenRegistry)
        let folder = Folder(value: "root")
        do {
            _ = try await client.findShapes(folder, names: ["a"])
            XCTFail("expected a fault")
        } catch let fault as VISOAPFault {
            XCTAssertEqual((fault.fault as? InvalidArgument)?.invalidProperty, "name")
            XCTAssertTrue(fault.isFault("RuntimeFault"))
        }
        do {
            _ = try await client.findShapes(folder, names: ["a"])
            XCTFail("expected a fault")
        } catch let fault as VISOAPFault {
            XCTAssertEqual(fault.faultType, "BrandNew")
            XCTAssertNil(fault.fault)
            XCTAssertEqual(fault.faultString, "new")
        }
    }

    func testUnknownTypesAreCountedNotFatal() async throws {
        let transport = CannedTransport([
            soap(
                #"<FindShapesResponse xmlns="urn:vim25"><returnval xsi:type="Hexagon"><name>h</name></returnval><returnval xsi:type="Circle"><name>c</name><radius>1</radius></returnval></FindShapesResponse>"#)
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, registry: goldenRegistry)
        let shapes = try await client.findShapes(Folder(value: "root"), names: ["a"])
        XCTAssertEqual(shapes.map(\.name), ["h", "c"])
        XCTAssertEqual(shapes.first?.unknownSubtype?.wireType, "Hexagon")
        XCTAssertEqual(client.statistics.unknownTypes, ["Hexagon"])
    }

    func testRedirectAndOtherStatusesAreTypedErrors() async throws {
        let transport = CannedTransport([
            HTTPResponse(status: 301, headers: [("Location", "https://elsewhere/sdk")], body: []),
            HTTPResponse(status: 404, headers: [], body: Array("not here".utf8)),
            HTTPResponse(status: 500, headers: [], body: Array("<html>oops</html>".utf8)),
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, registry: goldenRegistry)
        let folder = Folder(value: "root")
        await XCTAssertThrowsAsync(try await client.countThings(folder.ref)) {
            XCTAssertEqual($0 as? VIHTTPError, .redirect(method: "CountThings", status: 301, location: "https://elsewhere/sdk"))
        }
        await XCTAssertThrowsAsync(try await client.countThings(folder.ref)) {
            XCTAssertEqual($0 as? VIHTTPError, .status(method: "CountThings", status: 404))
        }
        await XCTAssertThrowsAsync(try await client.countThings(folder.ref)) {
            XCTAssertEqual($0 as? VIHTTPError, .status(method: "CountThings", status: 500))
        }
    }

    func testMalformedResponsesGiveTypedErrorsNamingTheElement() async throws {
        let transport = CannedTransport([
            soap(#"<CountThingsResponse xmlns="urn:vim25"><returnval>notanumber</returnval></CountThingsResponse>"#),
            HTTPResponse(
                status: 200, headers: [],
                body: Array(#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><CountThingsResponse xmlns="urn:vim25"><returnval>1</returnval>"#.utf8)),
            soap(#"<SomethingElseResponse xmlns="urn:vim25"/>"#),
            soap(#"<CountThingsResponse xmlns="urn:vim25"><returnval>1</returnval><returnval>2</returnval></CountThingsResponse>"#),
            soap(#"<HTTPNfcLeaseCompleteResponse xmlns="urn:vim25"></HTTPNfcLeaseCompleteResponse>"#),
        ])
        let client = VIClient(url: "http://127.0.0.1:1/sdk", transport: transport, registry: goldenRegistry)
        let ref = ManagedObjectReference(type: "X", value: "x")
        await XCTAssertThrowsAsync(try await client.countThings(ref)) {
            XCTAssertEqual($0 as? VIDecodingError, .invalidValue(element: "returnval", type: "xsd:int", text: "notanumber"))
        }
        await XCTAssertThrowsAsync(try await client.countThings(ref)) {
            switch $0 as? VIDecodingError {
            case .malformedXML?, .unexpectedEnd?: break
            default: XCTFail("got \($0)")
            }
        }
        await XCTAssertThrowsAsync(try await client.countThings(ref)) {
            XCTAssertEqual($0 as? VIDecodingError, .unexpectedElement(expected: "CountThingsResponse", found: "SomethingElseResponse"))
        }
        await XCTAssertThrowsAsync(try await client.countThings(ref)) {
            XCTAssertEqual($0 as? VIClientError, .unexpectedResult(method: "CountThings", reason: "returned a list, expecting at most one item"))
        }
        await XCTAssertThrowsAsync(try await client.httpNfcLeaseComplete(ref)) {
            XCTAssertEqual($0 as? VIClientError, .unexpectedResult(method: "HTTPNfcLeaseComplete", reason: "returned an empty result, expecting a non-empty result"))
        }
    }
}

/// `XCTAssertThrowsError` for async expressions.
func XCTAssertThrowsAsync<T>(
    _ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ handler: (any Error) -> Void
) async {
    do {
        _ = try await expression()
        XCTFail("expected an error", file: file, line: line)
    } catch {
        handler(error)
    }
}
