import ESX
import SimulatorSupport
import VI
import XCTest

/// Lookups and every power transition, valid and invalid, on both models.
final class LifecycleTests: XCTestCase {
    func testLookupsByNameUUIDAndID() async throws {
        let sim = try await SharedSimulators.esx()
        let connection = try await ESXTest.connect(sim)
        let all = try await connection.listDomains(.all)
        XCTAssertEqual(all.map(\.name), ["ha-host_VM0", "ha-host_VM1"])
        let vm = try XCTUnwrap(all.first)
        let uuid = try XCTUnwrap(vm.uuid)
        let id = try XCTUnwrap(vm.id)

        let byName = try await connection.domain(named: "ha-host_VM0")
        XCTAssertEqual(byName.vm, vm.vm)
        let byUUID = try await connection.domain(uuid: uuid)
        XCTAssertEqual(byUUID.vm, vm.vm)
        let byID = try await connection.domain(id: id)
        XCTAssertEqual(byID.vm, vm.vm)
        for text in [vm.name, uuid, "\(id)", "vm-\(id)"] {
            let found = try await connection.lookupDomain(text)
            XCTAssertEqual(found.vm, vm.vm, text)
        }
        await assertESXError({ try await connection.domain(named: "missing") }) { $0 == .domainNotFound("name 'missing'") }
        await assertESXError({ try await connection.domain(uuid: "00000000-0000-0000-0000-000000000000") }) {
            if case .domainNotFound = $0 { return true }
            return false
        }
        await assertESXError({ try await connection.domain(id: try XCTUnwrap(VirtualMachineID(999_999))) }) {
            $0 == .domainNotFound("id 999999")
        }
        await assertESXError({ try await connection.lookupDomain("nope") }) {
            if case .domainNotFound = $0 { return true }
            return false
        }
        let info = try await connection.info(vm)
        XCTAssertEqual(info.domain.name, "ha-host_VM0")
        XCTAssertGreaterThan(info.vcpus, 0)
        XCTAssertGreaterThan(info.maxMemoryKiB, 0)
        XCTAssertLessThanOrEqual(info.memoryKiB, info.maxMemoryKiB)
        await connection.close()
    }

    func testPercentEscapedNamesAreShownUnescaped() async throws {
        XCTAssertEqual(try VMXEscaping.unescapePercent("a%2fb%25c"), "a/b%c")
    }

    private func walkTransitions(_ connection: ESXConnection, _ name: String) async throws {
        var domain = try await connection.domain(named: name)
        XCTAssertEqual(domain.state, .running)
        func refresh() async throws -> DomainState {
            domain = try await connection.domain(domain.vm)
            return domain.state
        }

        // running
        await assertESXError({ try await connection.start(domain) }) { $0 == .domainAlreadyRunning(name) }
        await assertESXError({ try await connection.resume(domain) }) { $0 == .domainNotSuspended(name) }
        try await connection.suspend(domain)
        let suspended = try await refresh()
        XCTAssertEqual(suspended, .paused)

        // paused
        await assertESXError({ try await connection.suspend(domain) }) {
            $0 == .invalidDomainState(name: name, state: "paused", operation: "suspend")
        }
        await assertESXError({ try await connection.start(domain) }) {
            $0 == .invalidDomainState(name: name, state: "paused", operation: "start")
        }
        await assertESXError({ try await connection.shutdown(domain) }) { $0 == .domainNotRunning(name) }
        await assertESXError({ try await connection.reboot(domain) }) { $0 == .domainNotRunning(name) }
        try await connection.resume(domain)
        let resumed = try await refresh()
        XCTAssertEqual(resumed, .running)

        // running -> reboot (stays running) -> shutdown
        try await connection.reboot(domain)
        let rebooted = try await refresh()
        XCTAssertEqual(rebooted, .running)
        try await connection.shutdown(domain)
        let shutOff = try await refresh()
        XCTAssertEqual(shutOff, .shutoff)

        // shut off
        await assertESXError({ try await connection.destroy(domain) }) { $0 == .domainNotRunning(name) }
        await assertESXError({ try await connection.suspend(domain) }) { $0 == .domainNotRunning(name) }
        await assertESXError({ try await connection.resume(domain) }) { $0 == .domainNotSuspended(name) }
        await assertESXError({ try await connection.shutdown(domain) }) { $0 == .domainNotRunning(name) }
        await assertESXError({ try await connection.reboot(domain) }) { $0 == .domainNotRunning(name) }
        let inactive = try await connection.listDomains(.inactive).map(\.name)
        XCTAssertTrue(inactive.contains(name))

        // start with progress, then destroy, then start again
        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        try await connection.start(domain, progress: continuation)
        var reports: [TaskProgress] = []
        for await report in stream { reports.append(report) }
        XCTAssertEqual(reports.last?.percent, 100)
        XCTAssertEqual(reports.last?.operation, "start domain '\(name)'")
        let started = try await refresh()
        XCTAssertEqual(started, .running)
        let active = try await connection.listDomains(.active).map(\.name)
        XCTAssertTrue(active.contains(name))
        try await connection.destroy(domain)
        let destroyed = try await refresh()
        XCTAssertEqual(destroyed, .shutoff)
        try await connection.start(domain)
        let again = try await refresh()
        XCTAssertEqual(again, .running)
        // paused -> destroy is allowed (PowerOff of a suspended VM)
        try await connection.suspend(domain)
        try await connection.destroy(domain)
        let off = try await refresh()
        XCTAssertEqual(off, .shutoff)
    }

    func testTransitionsOnESX() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        try await walkTransitions(connection, "ha-host_VM0")
        await connection.close()
    }

    func testTransitionsOnVCenterThroughAPath() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .vpx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim, scheme: "vpx", path: "DC0/DC0_H0")
        let vms = try await connection.listDomains(.all).map(\.name)
        XCTAssertFalse(vms.isEmpty)
        let name = try XCTUnwrap(vms.first)
        try await walkTransitions(connection, name)
        await connection.close()
    }
}
