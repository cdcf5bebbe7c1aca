import Foundation
import VIRuntime
import XCTest

/// Certificate thumbprint pinning against the fake HTTPS server and a self-signed certificate.
final class TransportPinningTests: XCTestCase {
    private var server: TransportTestServer?
    private var certificate = ""

    override func setUp() async throws {
        guard let (cert, key) = try TransportTestCertificate.make() else {
            throw XCTSkip("openssl is not available to make a test certificate")
        }
        certificate = cert
        server = try TransportTestServer(tls: (cert, key))
    }

    override func tearDown() async throws {
        server?.stop()
    }

    private var url: String { (server?.base ?? "") + "/echo" }

    func testFetchedThumbprintIsOpenSSLsSHA256Fingerprint() async throws {
        let fetched = try await CurlTransport.fetchThumbprint(url: url)
        XCTAssertEqual(fetched, try TransportTestCertificate.thumbprint(of: certificate))
        // Fetching needs https.
        do {
            _ = try await CurlTransport.fetchThumbprint(url: "http://127.0.0.1:1/")
            XCTFail("an http URL has no certificate")
        } catch let error as TransportError {
            guard case .invalidRequest = error else { return XCTFail("got \(error)") }
        }
    }

    func testMatchingPinAcceptsASelfSignedCertificateAndReusesTheConnection() async throws {
        var options = TransportOptions()
        options.pinnedThumbprint = try TransportTestCertificate.thumbprint(of: certificate)
        let transport = try CurlTransport(options: options)
        let first = try await transport.send(HTTPRequest(url: url, body: [1]))
        let second = try await transport.send(HTTPRequest(url: url, body: [2]))
        XCTAssertEqual(first.body, [1])
        XCTAssertEqual(second.body, [2])
        XCTAssertEqual(first.header("X-Remote-Port"), second.header("X-Remote-Port"), "TLS connection reused")
    }

    func testMismatchIsTypedAndSendsNothing() async throws {
        let actual = try TransportTestCertificate.thumbprint(of: certificate)
        let wrong = try XCTUnwrap(CertificateThumbprint(bytes: actual.bytes.map { $0 ^ 0xFF }))
        var options = TransportOptions()
        options.pinnedThumbprint = wrong
        let transport = try CurlTransport(options: options)
        let secret = Array("<password>hunter2</password>".utf8)
        do {
            let response = try await transport.send(HTTPRequest(url: url, body: secret))
            return XCTFail("expected a thumbprint mismatch, got status \(response.status)")
        } catch let error as TransportError {
            guard case let .tlsThumbprintMismatch(_, expected, found) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(expected, wrong)
            XCTAssertEqual(found, actual)
            XCTAssertTrue(error.description.contains(actual.description), error.description)
        }
        // The first request the server ever received is this one: the refused one never arrived.
        var insecure = TransportOptions()
        insecure.verifyPeer = false
        let probe = try await CurlTransport(options: insecure).send(HTTPRequest(url: url, body: [9]))
        XCTAssertEqual(probe.header("X-Server-Request"), "1")
    }

    func testPinWinsOverACAFileOfAnotherCertificate() async throws {
        guard let (otherCert, _) = try TransportTestCertificate.make() else { throw XCTSkip("no openssl") }
        var options = TransportOptions()
        options.caFile = otherCert  // would refuse the server's certificate
        options.pinnedThumbprint = try TransportTestCertificate.thumbprint(of: certificate)
        let response = try await CurlTransport(options: options).send(HTTPRequest(url: url, body: [5]))
        XCTAssertEqual(response.body, [5])
    }
}
