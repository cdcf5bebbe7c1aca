@testable import ESX
import SimulatorSupport
import VI
import XCTest

/// Questions raised by power-on (the simulator's `ask-cancelable` / `ask-noncancelable`).
final class QuestionTests: XCTestCase {
    private let questionText =
        "was changed outside vSphere. Keep the current identity of the virtual machine or replace it?"

    private func asking() async throws -> SimulatorProcess {
        try await SimulatorProcess.start(SimulatorOptions(model: .esx, askVMs: true))
    }

    /// Every property collector and filter a task wait created is gone on the server, and the
    /// session's own collector holds no filter.
    private func assertNoLeakedFilters(_ connection: ESXConnection, file: StaticString = #filePath, line: UInt = #line)
        async throws
    {
        let resources = connection.waitResources
        XCTAssertFalse(resources.isEmpty, "no task wait was recorded", file: file, line: line)
        for (collector, filter) in resources {
            for ref in [collector, filter] {
                let alive = try await ESXTest.exists(ref, connection.client)
                XCTAssertFalse(alive, "\(ref) still exists", file: file, line: line)
            }
        }
        let main = connection.serviceContent.propertyCollector
        let filters = try await connection.client.retrieveProperties(of: [main], [.filter]).first?.filter ?? []
        XCTAssertEqual(filters, [], file: file, line: line)
    }

    /// The leak check sees a collector and filter that were not destroyed.
    func testLeakCheckSeesLiveObjects() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim)
        let client = connection.client
        let collector = try await client.createPropertyCollector(connection.serviceContent.propertyCollector)
        let spec = TaskWaiter.watch(task: VITask(value: "none"), vm: nil).filterSpec
        let filter = try await client.createFilter(collector, spec: spec, partialUpdates: false)
        let liveCollector = try await ESXTest.exists(collector.ref, client)
        let liveFilter = try await ESXTest.exists(filter.ref, client)
        XCTAssertTrue(liveCollector)
        XCTAssertTrue(liveFilter)
        try await client.destroyPropertyFilter(filter)
        try await client.destroyPropertyCollector(collector)
        let goneCollector = try await ESXTest.exists(collector.ref, client)
        let goneFilter = try await ESXTest.exists(filter.ref, client)
        XCTAssertFalse(goneCollector)
        XCTAssertFalse(goneFilter)
        await connection.close()
    }

    func testAutoAnswerAnswersWithTheDefaultAndTheVMPowersOn() async throws {
        let sim = try await asking()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim, query: "auto_answer=1")
        let vm = try await connection.domain(named: "ask-cancelable")
        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        try await connection.start(vm, progress: continuation)
        var answered: [String] = []
        for await report in stream { if let label = report.answered { answered.append(label) } }
        XCTAssertEqual(answered, ["Replace"])  // defaultIndex 1
        let state = try await connection.domain(vm.vm).state
        XCTAssertEqual(state, .running)
        try await assertNoLeakedFilters(connection)
        await connection.close()
    }

    func testWithoutAutoAnswerACancelableTaskIsCancelled() async throws {
        let sim = try await asking()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let vm = try await connection.domain(named: "ask-cancelable")
        let error = await assertESXError({ try await connection.start(vm) }) { error in
            guard case .taskCancelled(_, let question, let answers) = error else { return false }
            return question.contains(self.questionText) && answers == ["Keep", "Replace"]
        }
        XCTAssertTrue(error?.description.contains("possible answers are 'Keep', 'Replace'") ?? false)
        let after = try await connection.properties(of: vm.vm, [.runtime.question, .recentTask, .runtime.powerState])
        XCTAssertNil(after[.runtime.question])
        XCTAssertEqual(DomainProperties.domain(from: after).state, .shutoff)
        let tasks = try await connection.client.retrieveProperties(of: after.recentTask ?? [], [.info])
        XCTAssertEqual(tasks.last?.info?.state, .error)
        XCTAssertEqual(tasks.last?.info?.cancelled, true)
        try await assertNoLeakedFilters(connection)
        // Nothing is left pending: the next start asks again (and is cancelled again).
        await assertESXError({ try await connection.start(vm) }) {
            if case .taskCancelled = $0 { return true }
            return false
        }
        await connection.close()
    }

    func testNonCancelableTaskIsReportedBlockedThenAnsweredBeforeTheNextTask() async throws {
        let sim = try await asking()
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let vm = try await connection.domain(named: "ask-noncancelable")
        await assertESXError({ try await connection.start(vm) }) { error in
            guard case .taskBlocked(_, let question, let answers, let reason) = error else { return false }
            return question.contains(self.questionText) && answers == ["Keep", "Replace"]
                && reason.contains("cannot be cancelled")
        }
        try await assertNoLeakedFilters(connection)

        // The question now blocks every new task: reported without auto_answer...
        await assertESXError({ try await connection.start(vm) }) { error in
            guard case .pendingQuestion(let text, let answers) = error else { return false }
            return text.contains(self.questionText) && answers == ["Keep", "Replace"]
        }
        await assertESXError({ try await connection.destroy(vm) }) {
            if case .pendingQuestion = $0 { return true }
            return false
        }
        // ...the running task is seen as pending...
        let recent = try await connection.properties(of: vm.vm, [.recentTask]).recentTask ?? []
        let pending = try await connection.hasPendingTasks(recent)
        XCTAssertTrue(pending)

        // ...and answered with auto_answer, without starting a new task.
        let answering = try await ESXTest.connect(sim, query: "auto_answer=1")
        await assertESXError({ try await answering.start(vm) }) {
            $0 == .answeredPendingQuestion(domain: "ask-noncancelable", question: $0.questionText ?? "", answer: "Replace")
        }
        let state = try await answering.domain(vm.vm).state
        XCTAssertEqual(state, .running)
        let recentAfter = try await connection.properties(of: vm.vm, [.recentTask]).recentTask ?? []
        XCTAssertEqual(recentAfter.count, recent.count, "no new task was started")
        let stillPending = try await connection.hasPendingTasks(recentAfter)
        XCTAssertFalse(stillPending)
        await answering.close()
        await connection.close()
    }
}

extension ESXError {
    /// The question text of an `answeredPendingQuestion`, for comparisons.
    fileprivate var questionText: String? {
        if case .answeredPendingQuestion(_, let question, _) = self { return question }
        return nil
    }
}
