import Foundation
import Synchronization
import XCTest

@testable import ESX

/// A fresh lease directory per test, removed afterwards.
func makeLeaseDirectory(_ test: String = #function) throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("esx-locks-\(getpid())-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Liveness answers set by the test: domains listed as running are running.
final class FakeLiveness: LeaseLivenessChecking {
    private let running = Mutex<Set<String>>([])
    private let asked = Mutex<[String]>([])

    func set(_ uuid: String, running isRunning: Bool) {
        running.withLock { if isRunning { $0.insert(uuid) } else { $0.remove(uuid) } }
    }

    var questions: [String] { asked.withLock { $0 } }

    func isDomainRunning(uuid: String, name: String) async throws -> Bool {
        asked.withLock { $0.append(uuid) }
        return running.withLock { $0.contains(uuid) }
    }
}

func lockdPlugin(_ dir: String, liveness: (any LeaseLivenessChecking)? = nil, host: String = "mgmt-a") throws
    -> FileLockPlugin
{
    try FileLockPlugin(
        configuration: LockPluginConfiguration(
            directory: dir, liveness: liveness, hostName: host, updateTimeout: .seconds(5)))
}

let domainA = LockDomainParameters(id: 1, uuid: "564d0000-0000-0000-0000-00000000000a", name: "alpha", host: "esx-1")
let domainB = LockDomainParameters(id: 2, uuid: "564d0000-0000-0000-0000-00000000000b", name: "beta", host: "esx-1")
let domainC = LockDomainParameters(id: 3, uuid: "564d0000-0000-0000-0000-00000000000c", name: "gamma", host: "esx-2")

/// Asserts that `body` fails with `resourceBusy` naming `domain`.
func assertBusy(
    _ body: () async throws -> Void, heldBy domain: LockDomainParameters, file: StaticString = #filePath,
    line: UInt = #line
) async {
    do {
        try await body()
        XCTFail("expected resourceBusy held by \(domain.name)", file: file, line: line)
    } catch let LockError.resourceBusy(_, holder) {
        XCTAssertEqual(holder.domainName, domain.name, file: file, line: line)
        XCTAssertEqual(holder.domainUUID, domain.uuid, file: file, line: line)
    } catch {
        XCTFail("expected resourceBusy, got \(error)", file: file, line: line)
    }
}

func leaseFiles(in dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".lease") }.sorted()
}
