import Foundation
import XCTest

@testable import ESX

/// Waiting for a lease file's update lock suspends the task: it never holds a pool thread.
final class LeaseWaitTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = try makeLeaseDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// More waiters than the cooperative pool has threads; an unrelated task still runs at once.
    func testWaitersDoNotStarveOtherTasks() async throws {
        let path = dir + "/busy.lease"
        let start = ContinuousClock.now
        let holder = try await LeaseFile.openLocked(path: path, resource: "busy", timeout: .seconds(1))
        let count = 4 * ProcessInfo.processInfo.activeProcessorCount + 16
        let waiters = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        let file = try await LeaseFile.openLocked(path: path, resource: "busy", timeout: .seconds(20))
                        file.close()  // hands the update lock to the next waiter
                    }
                }
                try await group.waitForAll()
            }
        }
        try await Task.sleep(for: .milliseconds(200))  // every waiter is polling now
        let probe = await Task.detached { "ran" }.value
        XCTAssertEqual(probe, "ran")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5), "a waiter blocked a pool thread")

        holder.close()
        try await waiters.value  // every waiter got the lock in turn
    }

    func testWaitingTimesOut() async throws {
        let path = dir + "/held.lease"
        let holder = try await LeaseFile.openLocked(path: path, resource: "held", timeout: .seconds(1))
        defer { holder.close() }
        let start = ContinuousClock.now
        do {
            _ = try await LeaseFile.openLocked(path: path, resource: "held", timeout: .milliseconds(100))
            XCTFail("the update lock is held")
        } catch {
            XCTAssertEqual(error, .timedOut(resource: "held"))
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    /// A manager waiting for another's update is cancelled promptly and can try again later.
    func testCancellingAWaitingManager() async throws {
        let plugin = try lockdPlugin(dir)
        let disk = try LockResource.disk("[ds] wait.vmdk")
        let holder = try await LeaseFile.openLocked(path: plugin.leasePath(for: disk), resource: "x", timeout: .seconds(1))
        let manager = try plugin.makeManager(for: domainA, start: .new)
        try manager.register(disk)

        let waiting = Task { try await manager.acquireObject() }
        try await Task.sleep(for: .milliseconds(100))
        let cancelled = ContinuousClock.now
        waiting.cancel()
        let result = await waiting.result
        XCTAssertLessThan(ContinuousClock.now - cancelled, .seconds(1))
        guard case .failure(let error) = result else { return XCTFail("acquired a lease whose file is held") }
        XCTAssertEqual(error as? LockError, .cancelled(resource: "[ds] wait.vmdk"))

        holder.close()
        try await manager.acquireObject()
        let holders = try await plugin.holders(of: disk)
        XCTAssertEqual(holders.map(\.domainName), [domainA.name])
        try await manager.shutdown()
        XCTAssertEqual(leaseFiles(in: dir), [])
    }
}
