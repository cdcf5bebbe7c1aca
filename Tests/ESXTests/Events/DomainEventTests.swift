import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Domain events on the simulator, with power changes made by another client.
final class DomainEventTests: XCTestCase {
    private func fixture(_ options: SimulatorOptions = SimulatorOptions(model: .esx)) async throws
        -> (SimulatorProcess, ESXConnection, VIClient)
    {
        let sim = try await SimulatorProcess.start(options)
        let connection = try await ESXTest.connect(sim)
        let other = try await ESXTest.viClient(sim)
        return (sim, connection, other)
    }

    func testLifecycleEventsFromAnotherClientInOrderAndLatency() async throws {
        let (sim, connection, other) = try await fixture()
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection)
        let log = EventLog<LifecycleEvent>()
        try await hub.registerAny(domain: .name("ha-host_VM0"), event: .lifecycle) { await log.add($0) }
        let a1 = await hub.isRunning
        XCTAssertTrue(a1)

        let vm = try await other.vm(named: "ha-host_VM0")
        var acted: [Date] = []
        func act(_ expectedEvents: Int, _ body: () async throws -> Void) async throws {
            try await body()
            acted.append(Date())
            _ = await log.wait(for: expectedEvents)
        }
        try await act(1) { try await other.finish(try await other.powerOffVM_Task(vm)) }
        try await act(2) { try await other.finish(try await other.powerOnVM_Task(vm)) }
        try await act(3) { try await other.finish(try await other.suspendVM_Task(vm)) }
        try await act(4) { try await other.finish(try await other.powerOnVM_Task(vm)) }
        try await act(6) { try await other.shutdownGuest(vm) }
        let events = await log.wait(for: 6)
        XCTAssertEqual(
            events.map(\.payload),
            [
                LifecycleEvent(.stopped, .destroyed), LifecycleEvent(.started, .booted),
                LifecycleEvent(.suspended, .paused), LifecycleEvent(.resumed, .unpaused),
                LifecycleEvent(.shutdown, .finished), LifecycleEvent(.stopped, .shutdown),
            ])
        XCTAssertEqual(Set(events.map { $0.domain?.name }), ["ha-host_VM0"])
        XCTAssertEqual(events.map(\.sequence), events.map(\.sequence).sorted())

        // Latency: from the other client's call returning to the handler being called.
        let arrivals = await log.arrivals
        let firstOfAction = [0, 1, 2, 3, 4]
        let latencies = zip(acted, firstOfAction.map { arrivals[$0] }).map { $1.timeIntervalSince($0) * 1000 }
        print("EVENT-LATENCY ms (power change -> delivery):", latencies.map { String(format: "%.0f", $0) }.joined(separator: " "))
        XCTAssertLessThan(latencies.max() ?? 0, 3000)

        await hub.close()
        let a2 = await hub.isRunning
        XCTAssertFalse(a2)
        await connection.close()
    }

    func testFiltersDuplicatesAndDeregistration() async throws {
        let (sim, connection, other) = try await fixture()
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection)
        let all = EventLog<LifecycleEvent>()
        let onlyVM1 = EventLog<LifecycleEvent>()
        let handler: @Sendable (DomainEventNotification<LifecycleEvent>) async -> Void = { await all.add($0) }
        let first = try await hub.registerAny(event: .lifecycle, handler: handler)
        let second = try await hub.registerAny(event: .lifecycle, handler: handler)
        let filtered = try await hub.registerAny(domain: .name("ha-host_VM1"), event: .lifecycle) { await onlyVM1.add($0) }
        XCTAssertNotEqual(first, second)

        let vm0 = try await other.vm(named: "ha-host_VM0")
        let vm1 = try await other.vm(named: "ha-host_VM1")
        try await other.finish(try await other.powerOffVM_Task(vm0))
        try await other.finish(try await other.powerOffVM_Task(vm1))
        let twice = await all.wait(for: 4)
        XCTAssertEqual(twice.count, 4, "one event per registration of the same handler")
        XCTAssertEqual(twice.filter { $0.domain?.name == "ha-host_VM0" }.count, 2)
        let filteredEvents = await onlyVM1.wait(for: 1)
        XCTAssertEqual(filteredEvents.map(\.text), ["ha-host_VM1 stopped(destroyed)"])
        let byMoref = EventLog<LifecycleEvent>()
        let morefFilter = try await hub.registerAny(domain: .moref(vm0.ref.value), event: .lifecycle) { await byMoref.add($0) }

        try await hub.deregisterAny(second)
        try await other.finish(try await other.powerOnVM_Task(vm0))
        _ = await byMoref.wait(for: 1)
        try await Task.sleep(for: .milliseconds(600))
        let afterDeregistration = await all.items
        XCTAssertEqual(afterDeregistration.count, 5, "the deregistered duplicate gets nothing")
        XCTAssertEqual(afterDeregistration.last?.text, "ha-host_VM0 started(booted)")
        let a3 = await onlyVM1.count
        XCTAssertEqual(a3, 1, "other domains' events are filtered out")
        let a4 = await byMoref.items.map(\.text)
        XCTAssertEqual(a4, ["ha-host_VM0 started(booted)"])
        do {
            try await hub.deregisterAny(second)
            XCTFail("deregistering twice must fail")
        } catch {}

        for id in [first, filtered, morefFilter] { try await hub.deregisterAny(id) }
        let a5 = await hub.isRunning
        XCTAssertFalse(a5, "the last deregistration stops the loop")
        // A new registration starts a new loop.
        let again = EventLog<LifecycleEvent>()
        let id = try await hub.registerAny(event: .lifecycle) { await again.add($0) }
        try await other.finish(try await other.powerOffVM_Task(vm0))
        let a6 = await again.wait(for: 1).map(\.text)
        XCTAssertEqual(a6, ["ha-host_VM0 stopped(destroyed)"])
        try await hub.deregisterAny(id)
        await connection.close()
    }

    func testDefinedUndefinedAndReboot() async throws {
        let (sim, connection, other) = try await fixture()
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection)
        let lifecycle = EventLog<LifecycleEvent>()
        let reboots = EventLog<RebootEvent>()
        try await hub.registerAny(event: .lifecycle) { await lifecycle.add($0) }
        try await hub.registerAny(event: .reboot) { await reboots.add($0) }

        let vm = try await other.vm(named: "ha-host_VM1")
        try await other.rebootGuest(vm)
        let a7 = await reboots.wait(for: 1).map { $0.domain?.name }
        XCTAssertEqual(a7, ["ha-host_VM1"])

        let fetched = try await other.retrieveProperties(
            of: [vm], [.config.files.vmPathName, .parent, .resourcePool])
        let props = try XCTUnwrap(fetched.first)
        let path = try XCTUnwrap(props[.config.files.vmPathName])
        try await other.finish(try await other.powerOffVM_Task(vm))
        _ = await lifecycle.wait(for: 1)
        try await other.unregisterVM(vm)
        _ = await lifecycle.wait(for: 2)
        let task = try await other.registerVM_Task(
            Folder(try XCTUnwrap(props.parent).ref), path: path, name: "ha-host_VM1", asTemplate: false,
            pool: props.resourcePool)
        try await other.finish(task)
        let events = await lifecycle.wait(for: 3)
        XCTAssertEqual(
            events.map(\.text),
            ["ha-host_VM1 stopped(destroyed)", "ha-host_VM1 undefined(removed)", "ha-host_VM1 defined(added)"])
        await hub.close()
        await connection.close()
    }

    func testQuestionEventsOfTheAskingSimulator() async throws {
        let (sim, connection, other) = try await fixture(SimulatorOptions(model: .esx, askVMs: true))
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection)
        let pending = EventLog<QuestionEvent>()
        let answered = EventLog<QuestionEvent>()
        let lifecycle = EventLog<LifecycleEvent>()
        try await hub.registerAny(domain: .name("ask-cancelable"), event: .questionPending) { await pending.add($0) }
        try await hub.registerAny(domain: .name("ask-cancelable"), event: .questionAnswered) { await answered.add($0) }
        try await hub.registerAny(domain: .name("ask-cancelable"), event: .lifecycle) { await lifecycle.add($0) }

        let vm = try await other.vm(named: "ask-cancelable")
        _ = try await other.powerOnVM_Task(vm)
        let questions = await pending.wait(for: 1)
        let question = try XCTUnwrap(questions.first)
        XCTAssertEqual(question.domain?.name, "ask-cancelable")
        XCTAssertFalse(question.payload.text.isEmpty)
        XCTAssertFalse(question.payload.choices.isEmpty)
        let current = try await other.retrieveProperties(of: [vm], [.runtime.question])
        let info = try XCTUnwrap(
            current.first?[.runtime.question])
        XCTAssertEqual(info.id, question.payload.id)
        let choice = info.choice.choiceInfo[Int(info.choice.defaultIndex ?? 0)].key
        try await other.answerVM(vm, questionId: info.id, answerChoice: choice)
        let a8 = await answered.wait(for: 1).map(\.payload.id)
        XCTAssertEqual(a8, [info.id])
        let a9 = await lifecycle.wait(for: 1).map(\.text)
        XCTAssertEqual(a9, ["ask-cancelable started(booted)"])
        await hub.close()
        await connection.close()
    }

    func testStalledConsumerDoesNotDelayOthers() async throws {
        let (sim, connection, other) = try await fixture()
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection, options: .init(bufferSize: 2))
        let stalledCalls = EventLog<LifecycleEvent>()
        let stalled = try await hub.registerAny(event: .lifecycle) { event in
            await stalledCalls.add(event)
            try? await Task.sleep(for: .seconds(3600))  // never returns until deregistered
        }
        let prompt = EventLog<LifecycleEvent>()
        try await hub.registerAny(event: .lifecycle) { await prompt.add($0) }
        let stream = try await hub.events(event: .lifecycle)

        let vm = try await other.vm(named: "ha-host_VM0")
        var sent: [Date] = []
        for round in 0..<3 {
            try await other.finish(try await other.powerOffVM_Task(vm))
            sent.append(Date())
            _ = await prompt.wait(for: round * 2 + 1)
            try await other.finish(try await other.powerOnVM_Task(vm))
            sent.append(Date())
            _ = await prompt.wait(for: round * 2 + 2)
        }
        let delivered = await prompt.wait(for: 6)
        XCTAssertEqual(delivered.count, 6)
        let arrivals = await prompt.arrivals
        let latencies = zip(sent, arrivals).map { $1.timeIntervalSince($0) }
        XCTAssertLessThan(latencies.max() ?? 0, 3, "the stalled handler must not delay the others")
        let a10 = await stalledCalls.count
        XCTAssertEqual(a10, 1, "the stalled handler is still in its first call")
        let dropped = await hub.droppedEvents(stalled)
        XCTAssertEqual(dropped, 3, "6 events, 1 in the handler, 2 buffered (newest kept), 3 dropped")

        // The async-sequence form was not iterated meanwhile: it kept the newest 2 and dropped 4.
        let streamDropped = await hub.droppedEvents(stream.id)
        XCTAssertEqual(streamDropped, 4)
        var fromStream: [String] = []
        for await event in stream {
            fromStream.append("\(event.payload)")
            if fromStream.count == 2 { break }
        }
        XCTAssertEqual(fromStream, ["stopped(destroyed)", "started(booted)"])
        try await hub.deregisterAny(stalled)
        await hub.close()
        await connection.close()
    }

    func testLoopSurvivesSessionLossAndReportsIt() async throws {
        let (sim, connection, other) = try await fixture()
        defer { sim.stop() }
        let hub = DomainEventHub(source: connection, options: .init(maxWaitSeconds: 1, retryDelay: .milliseconds(100)))
        let connectionEvents = EventLog<ConnectionEvent>()
        let lifecycle = EventLog<LifecycleEvent>()
        try await hub.registerAny(event: .connection) { await connectionEvents.add($0) }
        try await hub.registerAny(event: .lifecycle) { await lifecycle.add($0) }
        let sessionKey = await connection.sessionKey
        let key = try XCTUnwrap(sessionKey)
        let vm = try await other.vm(named: "ha-host_VM0")

        try await other.terminateSession(sessionId: [key])
        // A change while the loop has no session is reported after the re-login.
        try await other.finish(try await other.powerOffVM_Task(vm))
        let states = await connectionEvents.wait(for: 2)
        XCTAssertEqual(states.count, 2)
        if case .lost = states.first?.payload {} else { XCTFail("expected lost first: \(states.map(\.payload))") }
        XCTAssertEqual(states.last?.payload, .restored)
        let a11 = await lifecycle.wait(for: 1).map(\.text)
        XCTAssertEqual(a11, ["ha-host_VM0 stopped(destroyed)"])
        let a12 = await connection.loginCount
        XCTAssertGreaterThan(a12, 1)

        try await other.finish(try await other.powerOnVM_Task(vm))
        let a13 = await lifecycle.wait(for: 2).map(\.text).last
        XCTAssertEqual(a13, "ha-host_VM0 started(booted)")
        await hub.close()
        await connection.close()
    }
}
