import Foundation
import Synchronization
import VIRuntime
import XCTest

/// ``HTTPStreamingTransport`` on libcurl: bodies go to and come from file descriptors, never
/// held (a body far above `maxResponseBytes` streams), error bodies stay out of the file.
final class StreamingTransportTests: XCTestCase {
    private func temporaryFile(_ contents: [UInt8] = []) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(contents)))
        return path
    }

    private func size(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    func testDownloadStreamsPastTheResponseLimitAndReportsProgress() async throws {
        let server = try TransportTestServer()
        defer { server.stop() }
        var options = TransportOptions()
        options.maxResponseBytes = 1 << 20
        let transport = try CurlTransport(options: options)
        let path = try temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        let last = Mutex<HTTPTransferProgress?>(nil)
        let response = try await transport.download(
            HTTPRequest(url: server.base + "/big?n=3000000", method: "GET"), to: handle.fileDescriptor
        ) { step in last.withLock { $0 = step } }
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.bytesTransferred, 3_000_000)
        XCTAssertEqual(response.errorBody, [])
        XCTAssertEqual(try size(path), 3_000_000)
        XCTAssertEqual(last.withLock { $0 }, HTTPTransferProgress(bytes: 3_000_000, expectedBytes: 3_000_000))
    }

    func testErrorBodiesStayOutOfTheFileAndWholeBodiesReplaceIt() async throws {
        let server = try TransportTestServer()
        defer { server.stop() }
        let transport = try CurlTransport()
        let path = try temporaryFile(Array("0123456789".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()

        let missing = try await transport.download(
            HTTPRequest(url: server.base + "/status?code=404", method: "GET"), to: handle.fileDescriptor, progress: nil)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.bytesTransferred, 0)
        XCTAssertEqual(String(decoding: missing.errorBody, as: UTF8.self), "status 404")
        XCTAssertEqual(try size(path), 10, "an error body is not written")

        // A 200 is the whole resource: it replaces what the file had before the offset.
        let whole = try await transport.download(
            HTTPRequest(url: server.base + "/big?n=4", method: "GET"), to: handle.fileDescriptor, progress: nil)
        XCTAssertEqual(whole.status, 200)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "xxxx")
    }

    func testUploadReadsTheBodyFromTheFile() async throws {
        let server = try TransportTestServer()
        defer { server.stop() }
        let transport = try CurlTransport()
        let body = [UInt8](repeating: 0x61, count: 200_000)
        let path = try temporaryFile(body)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        let response = try await transport.upload(
            HTTPRequest(url: server.base + "/status?code=201", method: "PUT"), from: handle.fileDescriptor,
            length: Int64(body.count), progress: nil)
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.bytesTransferred, 200_000)
        XCTAssertEqual(response.header("X-Method"), "PUT")

        // A file shorter than the announced length fails the transfer.
        try handle.seek(toOffset: 0)
        let started = ContinuousClock.now
        do {
            let short = try await transport.upload(
                HTTPRequest(url: server.base + "/status?code=201", method: "PUT"), from: handle.fileDescriptor,
                length: Int64(body.count + 10), progress: nil)
            XCTFail("a short body was accepted: HTTP \(short.status)")
        } catch let error as HTTPLocalFileError {
            XCTAssertEqual(error.operation, "read")
            XCTAssertEqual(error.errno, ENODATA)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "fails at once, not at the stall limit")
    }
}
