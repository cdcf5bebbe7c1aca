import Foundation
import VIRuntime
import XCTest

/// CurlTransport against the loopback server `Scripts/fake-http-server.py`.
final class TransportTests: XCTestCase {
    // MARK: Round trips

    func testPostRoundTripKeepsBodyBytesAndContentType() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let body = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
        let response = try await transport.send(HTTPRequest(
            url: server.base + "/echo", headers: [("Content-Type", "text/xml; charset=utf-8")], body: body))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, body)
        XCTAssertEqual(response.header("content-type"), "text/xml; charset=utf-8")
        XCTAssertEqual(response.header("X-METHOD"), "POST")
    }

    func testRequestHeadersAreSentWithoutExpectOrInventedContentType() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.userAgent = "swift-esx-tests/1"
        let transport = try CurlTransport(options: options)
        let big = [UInt8](repeating: 65, count: 2 << 20)
        let response = try await transport.send(HTTPRequest(
            url: server.base + "/headers",
            headers: [("SOAPAction", "urn:vim25/8.0.2.0"), ("Cookie", "vmware_soap_session=\"abc\""), ("X-Empty", "")],
            body: big))
        let info = try Self.headerInfo(response)
        XCTAssertEqual(info.method, "POST")
        XCTAssertEqual(info.bodyLength, big.count)
        XCTAssertEqual(info.headers["soapaction"], "urn:vim25/8.0.2.0")
        XCTAssertEqual(info.headers["cookie"], "vmware_soap_session=\"abc\"")
        XCTAssertEqual(info.headers["x-empty"], "")
        XCTAssertEqual(info.headers["user-agent"], "swift-esx-tests/1")
        XCTAssertNil(info.headers["expect"])
        XCTAssertNil(info.headers["content-type"])
    }

    func testMethodsPutHeadDelete() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let put = try await transport.send(HTTPRequest(url: server.base + "/echo", method: "PUT", body: Array("disk".utf8)))
        XCTAssertEqual(put.header("X-Method"), "PUT")
        XCTAssertEqual(put.body, Array("disk".utf8))
        let head = try await transport.send(HTTPRequest(url: server.base + "/echo", method: "HEAD"))
        XCTAssertEqual(head.header("X-Method"), "HEAD")
        XCTAssertEqual(head.body, [])
        let delete = try await transport.send(HTTPRequest(url: server.base + "/headers", method: "DELETE"))
        XCTAssertEqual(try Self.headerInfo(delete).method, "DELETE")
        let get = try await transport.send(HTTPRequest(url: server.base + "/headers", method: "GET"))
        XCTAssertEqual(try Self.headerInfo(get).method, "GET")
        XCTAssertEqual(try Self.headerInfo(get).bodyLength, 0)
    }

    func testRedirectIsReturnedNotFollowed() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.base + "/status?code=302&location=/echo"))
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.header("Location"), "/echo")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "status 302")
    }

    func testServerErrorBodyIsReturned() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.base + "/status?code=500", body: Array("<x/>".utf8)))
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "status 500")
    }

    func testSetCookieHeadersAreReturnedButNotStored() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.base + "/cookie", method: "GET"))
        XCTAssertEqual(response.headers(named: "set-cookie"), [
            "vmware_soap_session=\"abc123\"; Path=/; HttpOnly; Secure", "other=1; Path=/",
        ])
        let next = try await transport.send(HTTPRequest(url: server.base + "/headers", method: "GET"))
        XCTAssertNil(try Self.headerInfo(next).headers["cookie"], "the cookie engine must stay off")
    }

    func testInterimResponseHeadersAreDropped() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.base + "/interim", method: "GET"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("X-Final"), "yes")
        XCTAssertNil(response.header("X-Interim"))
        XCTAssertEqual(response.body, Array("final".utf8))
    }

    func testCompressedResponseIsDecoded() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.acceptCompressedResponses = true
        let transport = try CurlTransport(options: options)
        let response = try await transport.send(HTTPRequest(url: server.base + "/gzip", method: "GET"))
        XCTAssertEqual(response.header("Content-Encoding"), "gzip")
        XCTAssertEqual(response.body, Array(String(repeating: "compressed hello ", count: 1000).utf8))
    }

    func testLargeBody() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.base + "/big?n=20000000", method: "GET"))
        XCTAssertEqual(response.body.count, 20_000_000)
    }

    // MARK: Connections

    func testSequentialRequestsReuseTheConnection() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let first = try await transport.send(HTTPRequest(url: server.base + "/echo", body: [1]))
        let second = try await transport.send(HTTPRequest(url: server.base + "/echo", body: [2]))
        XCTAssertNotNil(first.header("X-Remote-Port"))
        XCTAssertEqual(first.header("X-Remote-Port"), second.header("X-Remote-Port"))
        XCTAssertEqual(second.header("X-Connection-Request"), "2")

        let closing = try await transport.send(HTTPRequest(url: server.base + "/close", method: "GET"))
        XCTAssertEqual(closing.status, 200)
        let afterClose = try await transport.send(HTTPRequest(url: server.base + "/echo", body: [3]))
        XCTAssertEqual(afterClose.header("X-Connection-Request"), "1")
    }

    func testConcurrentRequestsOverlap() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxConnections = 32
        let transport = try CurlTransport(options: options)
        let start = Date()
        let responses = try await Self.sendConcurrently(32, transport, url: server.base + "/delay?s=0.3")
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(responses.map(\.status), Array(repeating: 200, count: 32))
        XCTAssertLessThan(elapsed, 3.0, "32 x 0.3 s in sequence would take 9.6 s")
        let maxActive = responses.compactMap { $0.header("X-Active").flatMap(Int.init) }.max() ?? 0
        XCTAssertGreaterThan(maxActive, 8)
    }

    func testConcurrencyIsBoundedByMaxConnections() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxConnections = 4
        let transport = try CurlTransport(options: options)
        let start = Date()
        let responses = try await Self.sendConcurrently(12, transport, url: server.base + "/delay?s=0.3")
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(responses.map(\.status), Array(repeating: 200, count: 12))
        let maxActive = responses.compactMap { $0.header("X-Active").flatMap(Int.init) }.max() ?? 0
        XCTAssertLessThanOrEqual(maxActive, 4)
        XCTAssertGreaterThan(maxActive, 1)
        XCTAssertLessThanOrEqual(Set(responses.compactMap { $0.header("X-Remote-Port") }).count, 4)
        XCTAssertGreaterThan(elapsed, 0.85, "12 requests over 4 connections take 3 rounds")
        XCTAssertLessThan(elapsed, 3.0)
    }

    // MARK: Failures

    func testTotalTimeout() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.totalTimeout = 0.5
        let transport = try CurlTransport(options: options)
        let start = Date()
        let error = await Self.failure(of: transport, HTTPRequest(url: server.base + "/delay?s=3"))
        guard case .timedOut = error else { return XCTFail("expected timedOut, got \(String(describing: error))") }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.5)
    }

    func testCancellationAbortsTheTransfer() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let url = server.base + "/delay?s=5"
        let task = Task { try await transport.send(HTTPRequest(url: url)) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let cancelledAt = Date()
        task.cancel()
        let result = await task.result
        guard case .failure(let error as TransportError) = result, case .cancelled = error else {
            return XCTFail("expected cancelled, got \(result)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(cancelledAt), 0.5, "aborted at once, not at the 5 s response")
        // The handle went back to the pool and works.
        let after = try await transport.send(HTTPRequest(url: server.base + "/echo", body: [7]))
        XCTAssertEqual(after.body, [7])
    }

    func testCancellationWhileWaitingForAConnection() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxConnections = 1
        let transport = try CurlTransport(options: options)
        let busy = Task { try await transport.send(HTTPRequest(url: server.base + "/delay?s=1.5")) }
        try await Task.sleep(nanoseconds: 200_000_000)
        let start = Date()
        let waiting = Task { try await transport.send(HTTPRequest(url: server.base + "/echo")) }
        try await Task.sleep(nanoseconds: 200_000_000)
        waiting.cancel()
        let result = await waiting.result
        guard case .failure(let error as TransportError) = result, case .cancelled = error else {
            return XCTFail("expected cancelled, got \(result)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, "the waiter must not wait for the busy request")
        let busyResponse = try await busy.value
        XCTAssertEqual(busyResponse.status, 200)
    }

    func testCancellingManyTransfersAndWaiters() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxConnections = 4
        let transport = try CurlTransport(options: options)
        let url = server.base + "/delay?s=5"
        let group = Task {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await transport.send(HTTPRequest(url: url))
                            return false
                        } catch TransportError.cancelled {
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                var cancelled = 0
                for await wasCancelled in group where wasCancelled { cancelled += 1 }
                return cancelled
            }
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        let cancelledAt = Date()
        group.cancel()
        let cancelled = await group.value
        XCTAssertEqual(cancelled, 12, "4 running transfers and 8 waiters")
        XCTAssertLessThan(Date().timeIntervalSince(cancelledAt), 1.0)
        let after = try await Self.sendConcurrently(4, transport, url: server.base + "/echo")
        XCTAssertEqual(after.map(\.status), [200, 200, 200, 200])
    }

    func testConnectionsCloseWithTheTransport() async throws {
        guard FileManager.default.fileExists(atPath: "/proc/net/tcp") else { throw XCTSkip("needs /proc/net/tcp") }
        let server = try TransportTestServer()
        do {
            let transport = try CurlTransport()
            for _ in 0..<5 { _ = try await transport.send(HTTPRequest(url: server.base + "/close", method: "GET")) }
            _ = try await Self.sendConcurrently(8, transport, url: server.base + "/delay?s=0.2")
            let task = Task { try await transport.send(HTTPRequest(url: server.base + "/delay?s=5")) }
            try await Task.sleep(nanoseconds: 200_000_000)
            task.cancel()
            _ = await task.result
            let open = try Self.establishedConnections(toPort: server.port)
            XCTAssertGreaterThan(open, 0, "keep-alive connections stay open")
            XCTAssertLessThanOrEqual(open, 8)
        }
        // The transport is gone: its handles were cleaned up and every connection closed.
        var open = try Self.establishedConnections(toPort: server.port)
        for _ in 0..<20 where open > 0 {
            try await Task.sleep(nanoseconds: 50_000_000)
            open = try Self.establishedConnections(toPort: server.port)
        }
        XCTAssertEqual(open, 0)
    }

    func testDeadPortIsConnectionRefusedAndHidesCredentials() async throws {
        let transport = try CurlTransport()
        let error = await Self.failure(of: transport, HTTPRequest(url: "http://user:s3cret@127.0.0.1:1/sdk"))
        guard case .connectionRefused(let url, let message) = error else {
            return XCTFail("expected connectionRefused, got \(String(describing: error))")
        }
        XCTAssertEqual(url, "http://127.0.0.1:1/sdk")
        XCTAssertFalse(message.isEmpty)
        XCTAssertFalse(String(describing: error).contains("s3cret"))
    }

    func testResponseTooLarge() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.maxResponseBytes = 100_000
        let transport = try CurlTransport(options: options)
        for query in ["n=100001", "n=300000&chunked=1"] {
            let error = await Self.failure(of: transport, HTTPRequest(url: server.base + "/big?" + query, method: "GET"))
            guard case .responseTooLarge(_, let limit) = error else {
                return XCTFail("\(query): expected responseTooLarge, got \(String(describing: error))")
            }
            XCTAssertEqual(limit, 100_000)
        }
        let exact = try await transport.send(HTTPRequest(url: server.base + "/big?n=100000&chunked=1", method: "GET"))
        XCTAssertEqual(exact.body.count, 100_000)
    }

    func testHTTPSToPlainHTTPPortIsATypedError() async throws {
        let server = try TransportTestServer()
        let transport = try CurlTransport()
        let error = await Self.failure(of: transport, HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo"))
        switch error {
        case .tls?, .curl?: break
        default: XCTFail("expected tls or curl error, got \(String(describing: error))")
        }
    }

    func testInvalidRequestsAreRejectedBeforeSending() async throws {
        let transport = try CurlTransport()
        let injected = HTTPRequest(url: "http://127.0.0.1:1/", headers: [("X-A", "1\r\nX-B: 2")])
        guard case .invalidRequest(_, let message)? = await Self.failure(of: transport, injected) else {
            return XCTFail("expected invalidRequest")
        }
        XCTAssertFalse(message.contains("X-B"), "messages do not repeat header values")
        guard case .invalidRequest? = await Self.failure(of: transport, HTTPRequest(url: "http://127.0.0.1:1/", method: "GE T")) else {
            return XCTFail("expected invalidRequest")
        }
    }

    func testInvalidOptionsAreRejected() {
        var options = TransportOptions()
        options.maxConnections = 0
        XCTAssertThrowsError(try CurlTransport(options: options))
        options = TransportOptions()
        options.totalTimeout = .infinity
        XCTAssertThrowsError(try CurlTransport(options: options))
        options = TransportOptions()
        options.proxy = ProxyConfiguration(kind: .socks5, host: "127.0.0.1", port: 0)
        XCTAssertThrowsError(try CurlTransport(options: options))
    }

    // MARK: Proxies

    func testHTTPProxy() async throws {
        let server = try TransportTestServer()
        var options = TransportOptions()
        options.proxy = ProxyConfiguration(kind: .http, host: "127.0.0.1", port: server.port)
        let transport = try CurlTransport(options: options)
        let response = try await transport.send(HTTPRequest(url: "http://origin.invalid/sdk", body: [1]))
        XCTAssertEqual(response.header("X-Proxied"), "1")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "http://origin.invalid/sdk")
    }

    func testSocksProxies() async throws {
        let server = try TransportTestServer()
        // socks4a resolves the name at the proxy (the fake relay maps *.invalid to 127.0.0.1).
        let cases: [(ProxyConfiguration.Kind, String)] = [
            (.socks5, "127.0.0.1"), (.socks4, "127.0.0.1"), (.socks4a, "relayed.invalid"),
        ]
        for (kind, host) in cases {
            var options = TransportOptions()
            options.proxy = ProxyConfiguration(kind: kind, host: "127.0.0.1", port: server.socksPort)
            let transport = try CurlTransport(options: options)
            let response = try await transport.send(HTTPRequest(url: "http://\(host):\(server.port)/echo", body: [9]))
            XCTAssertEqual(response.body, [9], "\(kind)")
            XCTAssertEqual(response.header("X-Via-Socks"), "1", "\(kind)")
        }
    }

    // MARK: HTTPS

    func testHTTPSVerification() async throws {
        guard let (cert, key) = try TransportTestCertificate.make() else {
            throw XCTSkip("openssl is not available to make a test certificate")
        }
        let server = try TransportTestServer(tls: (cert, key))
        let url = server.base + "/echo"

        let verifying = try CurlTransport()
        guard case .tlsVerificationFailed? = await Self.failure(of: verifying, HTTPRequest(url: url, body: [1])) else {
            return XCTFail("an untrusted self-signed certificate must fail verification")
        }

        var insecure = TransportOptions()
        insecure.verifyPeer = false
        let unverified = try await CurlTransport(options: insecure).send(HTTPRequest(url: url, body: [2]))
        XCTAssertEqual(unverified.body, [2])

        var trusting = TransportOptions()
        trusting.caFile = cert
        let transport = try CurlTransport(options: trusting)
        let first = try await transport.send(HTTPRequest(url: url, body: [3]))
        let second = try await transport.send(HTTPRequest(url: url, body: [4]))
        XCTAssertEqual(second.body, [4])
        XCTAssertEqual(first.header("X-Remote-Port"), second.header("X-Remote-Port"), "TLS connection reused")
    }

    // MARK: Helpers

    private struct HeaderInfo {
        var method: String
        var bodyLength: Int
        /// Lower-cased names.
        var headers: [String: String]
    }

    private static func headerInfo(_ response: HTTPResponse) throws -> HeaderInfo {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let pairs = object?["headers"] as? [[String]] ?? []
        var headers: [String: String] = [:]
        for pair in pairs where pair.count == 2 { headers[pair[0].lowercased()] = pair[1] }
        return HeaderInfo(
            method: object?["method"] as? String ?? "",
            bodyLength: object?["body_length"] as? Int ?? -1,
            headers: headers)
    }

    /// Client-side ESTABLISHED IPv4 TCP connections to 127.0.0.1:`port` (from /proc/net/tcp).
    private static func establishedConnections(toPort port: Int) throws -> Int {
        // Read to the end: /proc files report size 0, and a one-shot read may stop at a page.
        guard let file = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return 0 }
        defer { try? file.close() }
        var data = Data()
        while let chunk = try file.read(upToCount: 65536), !chunk.isEmpty { data.append(chunk) }
        let table = String(decoding: data, as: UTF8.self)
        let remote = String(format: "0100007F:%04X", port)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[2] == remote && fields[3] == "01"
        }.count
    }

    private static func failure(of transport: CurlTransport, _ request: HTTPRequest) async -> TransportError? {
        do {
            let response = try await transport.send(request)
            XCTFail("expected an error, got status \(response.status)")
            return nil
        } catch let error as TransportError {
            return error
        } catch {
            XCTFail("expected TransportError, got \(error)")
            return nil
        }
    }

    private static func sendConcurrently(_ count: Int, _ transport: CurlTransport, url: String) async throws -> [HTTPResponse] {
        try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<count {
                group.addTask { try await transport.send(HTTPRequest(url: url, method: "GET")) }
            }
            var responses: [HTTPResponse] = []
            for try await response in group { responses.append(response) }
            return responses
        }
    }
}
