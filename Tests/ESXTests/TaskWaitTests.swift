@testable import ESX
import SimulatorSupport
import VI
import XCTest

/// Long-running tasks (the simulator's `-job-delay`): refusal while another task runs,
/// waiting with a bounded WaitForUpdatesEx, and cleanup when the wait is cancelled.
final class TaskWaitTests: XCTestCase {
    private func delayedSimulator() async throws -> SimulatorProcess {
        try await SimulatorProcess.start(SimulatorOptions(model: .esx, extraArguments: ["-job-delay", "2s"]))
    }

    func testAnotherRunningTaskRefusesANewOne() async throws {
        let sim = try await delayedSimulator()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let vm = try await connection.domain(named: "ha-host_VM0")
        let other = try await ESXTest.viClient(sim)
        let job = try await other.createSnapshot_Task(vm.vm, name: "from-another-client", memory: false, quiesce: false)

        await assertESXError({ try await connection.destroy(vm) }) { $0 == .otherTasksPending("ha-host_VM0") }
        await assertESXError({ try await connection.suspend(vm) }) { $0 == .otherTasksPending("ha-host_VM0") }

        // Wait for that task through the driver's waiter (no VM: no question watch), then go on.
        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        let info = try await TaskWaiter(connection: connection, maxWaitSeconds: 1)
            .wait(for: job, vm: nil, operation: "snapshot", progress: continuation)
        XCTAssertEqual(info.state, .success)
        var last: TaskProgress?
        for await report in stream { last = report }
        XCTAssertEqual(last?.percent, 100)
        try await connection.destroy(vm)
        let state = try await connection.domain(vm.vm).state
        XCTAssertEqual(state, .shutoff)
        await connection.close()
    }

    func testCancelledWaitStillDestroysItsFilterAndCollector() async throws {
        let sim = try await delayedSimulator()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let vm = try await connection.domain(named: "ha-host_VM1")
        let job = try await connection.client.createSnapshot_Task(vm.vm, name: "slow", memory: false, quiesce: false)
        let waiter = Task {
            try await TaskWaiter(connection: connection, maxWaitSeconds: 1)
                .wait(for: job, vm: vm.vm, operation: "snapshot", progress: nil)
        }
        for _ in 0..<100 where connection.waitResources.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))  // inside WaitForUpdatesEx now
        waiter.cancel()
        switch await waiter.result {
        case .success: XCTFail("the wait should have been cancelled")
        case .failure(let error): XCTAssertEqual(error as? ESXError, .cancelled)
        }
        let resources = try XCTUnwrap(connection.waitResources.first)
        for ref in [resources.collector, resources.filter] {
            let alive = try await ESXTest.exists(ref, connection.client)
            XCTAssertFalse(alive, "\(ref) leaked")
        }
        await connection.close()
    }
}
