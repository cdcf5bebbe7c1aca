import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Connection URIs and assertions shared by the driver's tests.
enum ESXTest {
    /// `scheme://user@127.0.0.1:PORT/path?transport=http[&query]` for a simulator.
    static func uri(_ sim: SimulatorProcess, scheme: String = "esx", path: String = "", query: String = "") -> String {
        let url = URL(string: sim.url)
        let hostPort = "\(url?.host ?? "127.0.0.1"):\(url?.port ?? 443)"
        let transport = sim.url.hasPrefix("https") ? "no_verify=1" : "transport=http"
        let extra = query.isEmpty ? "" : "&" + query
        return "\(scheme)://\(sim.username)@\(hostPort)/\(path)?\(transport)\(extra)"
    }

    static func connect(
        _ sim: SimulatorProcess, scheme: String = "esx", path: String = "", query: String = "",
        options: ESXConnection.Options = .init()
    ) async throws -> ESXConnection {
        try await ESXConnection.connect(
            uri(sim, scheme: scheme, path: path, query: query), credentials: StaticCredentials(password: sim.password),
            options: options)
    }

    /// Whether a property collector or filter exists on the server.
    static func exists(_ ref: ManagedObjectReference, _ client: VIClient) async throws -> Bool {
        let path = ref.type == "PropertyFilter" ? "partialUpdates" : "filter"
        let spec = PropertyFilterSpec(
            propSet: [PropertySpec(type: ref.type, all: false, pathSet: [path])], objectSet: [ObjectSpec(obj: ref, skip: false)])
        do {
            return try await !client.retrieveContents(spec).isEmpty
        } catch where error.isFault(ManagedObjectNotFound.self) {
            return false
        }
    }

    /// A second, independent VI session on the simulator.
    static func viClient(_ sim: SimulatorProcess) async throws -> VIClient {
        var options = TransportOptions()
        options.verifyPeer = false
        let client = try VIClient.vi(url: sim.url, options: options)
        _ = try await client.login(userName: sim.username, password: sim.password)
        return client
    }
}

/// Fails unless `body` throws an ``ESXError`` that `matches`; returns the error.
@discardableResult
func assertESXError<T>(
    _ body: () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ matches: (ESXError) -> Bool
) async -> ESXError? {
    do {
        let value = try await body()
        XCTFail("expected an error, got \(value)", file: file, line: line)
    } catch let error as ESXError {
        XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected an ESXError, got \(error)", file: file, line: line)
    }
    return nil
}
