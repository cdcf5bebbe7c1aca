import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Every tuning setter on the simulator, read back after setting, with its invalid inputs.
final class TuningSimulatorTests: XCTestCase {
    func testMemorySettersReadBack() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        XCTAssertEqual(domain.state, .running)
        let before = try await connection.memoryParameters(of: domain)
        XCTAssertGreaterThan(before.maxMemoryKiB, 4096)
        XCTAssertEqual(before.currentMemoryKiB, before.maxMemoryKiB, "no limit yet")

        // setmem on a running domain: the limit, rounded up to MiB (libvirt).
        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        try await connection.setMemory(domain, kibibytes: before.maxMemoryKiB / 2 - 100, progress: continuation)
        var updates: [TaskProgress] = []
        for await update in stream { updates.append(update) }
        XCTAssertEqual(updates.last?.percent, 100)
        XCTAssertEqual(updates.last?.operation, "set the memory of domain 'ha-host_VM0'")
        var memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.currentMemoryKiB, before.maxMemoryKiB / 2)
        XCTAssertEqual(memory.maxMemoryKiB, before.maxMemoryKiB)
        let info = try await connection.info(domain)
        XCTAssertEqual(info.memoryKiB, before.maxMemoryKiB / 2, "dominfo shows the new current memory")

        // memtune min_guarantee: the reservation; the limit stays.
        try await connection.setMinGuarantee(domain, kibibytes: 3000)
        memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.minGuaranteeKiB, 3072)
        XCTAssertEqual(memory.currentMemoryKiB, before.maxMemoryKiB / 2, "the limit was kept")

        // Invalid input.
        await assertESXError({ try await connection.setMemory(domain, kibibytes: before.maxMemoryKiB + 1) }) {
            $0 == .tuning(.memoryAboveMaximum(
                domain: "ha-host_VM0", requestedKiB: before.maxMemoryKiB + 1, maximumKiB: before.maxMemoryKiB))
        }
        await assertESXError({ try await connection.setMemory(domain, kibibytes: 0) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        await assertESXError({ try await connection.setMemory(domain, kibibytes: -1024) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        await assertESXError({ try await connection.setMinGuarantee(domain, kibibytes: -1) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        await assertESXError({ try await connection.setMinGuarantee(domain, kibibytes: before.maxMemoryKiB * 2) }) {
            if case .tuning(.invalidArgument(let text)) = $0 { return text.contains("above the maximum") }
            return false
        }
        // setmaxmem needs a shut off domain.
        await assertESXError({ try await connection.setMaxMemory(domain, kibibytes: 65536) }) {
            $0 == .invalidDomainState(name: "ha-host_VM0", state: "running", operation: "set the maximum memory of")
        }
        memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.maxMemoryKiB, before.maxMemoryKiB, "nothing changed")

        try await connection.destroy(domain)
        // Rounded up to a multiple of 4 MiB: 5000 KiB -> 8 MiB; 1 GiB stays.
        try await connection.setMaxMemory(domain, kibibytes: 5000)
        memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.maxMemoryKiB, 8192)
        try await connection.setMaxMemory(domain, kibibytes: 1 << 20)
        memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.maxMemoryKiB, 1 << 20)
        await assertESXError({ try await connection.setMaxMemory(domain, kibibytes: 0) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        // Off, setmem works too.
        try await connection.setMemory(domain, kibibytes: 1 << 19)
        memory = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(memory.currentMemoryKiB, 1 << 19)
        await connection.close()
    }

    func testVCPUsReadBackAndRefusals() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let running = try await connection.domain(named: "ha-host_VM0")
        let count = try await connection.vcpuCount(of: running)
        XCTAssertEqual(count.maximum, 128, "the simulator's host capability")
        let now = count.current

        // A running domain without CPU hot add cannot grow.
        await assertESXError({ try await connection.setVCPUs(running, count: now + 1) }) {
            if case .invalidDomainState(let name, let state, let operation) = $0 {
                return name == "ha-host_VM0" && state == "running" && operation.contains("hot add")
            }
            return false
        }
        let unchanged = try await connection.vcpuCount(of: running).current
        XCTAssertEqual(unchanged, now)
        // With hot add it can.
        let client = try await ESXTest.viClient(sim)
        var hotAdd = VirtualMachineConfigSpec()
        hotAdd.cpuHotAddEnabled = true
        let task = try await client.reconfigVM_Task(running.vm, spec: hotAdd)
        _ = try await client.waitForTask(task)
        try await connection.setVCPUs(running, count: now + 1)
        let grown = try await connection.vcpuCount(of: running).current
        XCTAssertEqual(grown, now + 1)

        // Shut off: any count up to the maximum.
        try await connection.destroy(running)
        try await connection.setVCPUs(running, count: 4)
        let four = try await connection.vcpuCount(of: running).current
        XCTAssertEqual(four, 4)
        try await connection.setVCPUs(running, count: 128)
        let most = try await connection.vcpuCount(of: running).current
        XCTAssertEqual(most, 128)

        for bad in [0, -1] {
            await assertESXError({ try await connection.setVCPUs(running, count: bad) }) {
                if case .tuning(.invalidArgument) = $0 { return true } else { return false }
            }
        }
        await assertESXError({ try await connection.setVCPUs(running, count: 129) }) {
            $0 == .tuning(.vcpusAboveMaximum(domain: "ha-host_VM0", requested: 129, maximum: 128))
        }
        _ = try? await client.logout()
        await connection.close()
    }

    func testSchedulerParametersReadBack() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM1")
        let initial = try await connection.schedulerParameters(of: domain)
        XCTAssertEqual(initial.limit, -1)
        XCTAssertEqual(initial.shares, .normal)

        try await connection.setSchedulerParameters(domain, SchedulerChange(reservation: 500, limit: 2000, shares: .high))
        var read = try await connection.schedulerParameters(of: domain)
        XCTAssertEqual(read.reservation, 500)
        XCTAssertEqual(read.limit, 2000)
        XCTAssertEqual(read.shares, .high)
        XCTAssertEqual(read.shares.libvirtValue, -3)

        // Only shares: reservation and limit keep their values.
        try await connection.setSchedulerParameters(domain, SchedulerChange(shares: .custom(1234)))
        read = try await connection.schedulerParameters(of: domain)
        XCTAssertEqual(read.shares, .custom(1234))
        XCTAssertEqual(read.sharesValue, 1234)
        XCTAssertEqual(read.reservation, 500)
        XCTAssertEqual(read.limit, 2000)
        try await connection.setSchedulerParameters(domain, SchedulerChange(limit: -1, shares: .low))
        read = try await connection.schedulerParameters(of: domain)
        XCTAssertEqual(read.limit, -1)
        XCTAssertEqual(read.shares, .low)

        await assertESXError({ try await connection.setSchedulerParameters(domain, SchedulerChange(reservation: -1)) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        await assertESXError({ try await connection.setSchedulerParameters(domain, SchedulerChange(limit: -2)) }) {
            if case .tuning(.invalidArgument) = $0 { return true } else { return false }
        }
        await assertESXError({ try await connection.setSchedulerParameters(domain, SchedulerChange(limit: 100)) }) {
            if case .tuning(.invalidArgument(let text)) = $0 { return text.contains("below the reservation of 500") }
            return false
        }
        XCTAssertThrowsError(try CPUShares(parsing: "-4"))
        XCTAssertThrowsError(try CPUShares(parsing: "lots"))
        XCTAssertEqual(try CPUShares(parsing: "NORMAL"), .normal)
        XCTAssertEqual(try CPUShares(parsing: "-1"), .low)
        read = try await connection.schedulerParameters(of: domain)
        XCTAssertEqual(read.reservation, 500, "refused changes changed nothing")
        await connection.close()
    }

    func testAutostartAndTheHostDefault() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let vm0 = try await connection.domain(named: "ha-host_VM0")
        let vm1 = try await connection.domain(named: "ha-host_VM1")
        var state = try await connection.autostartState()
        XCTAssertFalse(state.hostDefaultEnabled)
        XCTAssertEqual(state.entries, [])
        var enabled = try await connection.autostart(of: vm0)
        XCTAssertFalse(enabled)

        // Enabling switches the host default on (nobody else is listed).
        try await connection.setAutostart(vm0, enabled: true)
        enabled = try await connection.autostart(of: vm0)
        XCTAssertTrue(enabled)
        state = try await connection.autostartState()
        XCTAssertTrue(state.hostDefaultEnabled)
        XCTAssertEqual(state.entries.map(\.domain.name), ["ha-host_VM0"])
        XCTAssertEqual(state.entries.first?.startAction, "powerOn")
        let vm1Enabled = try await connection.autostart(of: vm1)
        XCTAssertFalse(vm1Enabled)

        // Another client turns the host default off: vm0 no longer autostarts, and enabling vm1
        // would start vm0 too, so it is refused.
        let client = try await ESXTest.viClient(sim)
        let managers = try await client.retrieveProperties(of: [connection.inventory.host], [.configManager.autoStartManager])
        let manager = try XCTUnwrap(managers.first?[.configManager.autoStartManager])
        try await client.reconfigureAutostart(
            manager, spec: HostAutoStartManagerConfig(defaults: AutoStartDefaults(enabled: false)))
        enabled = try await connection.autostart(of: vm0)
        XCTAssertFalse(enabled, "the host default wins")
        await assertESXError({ try await connection.setAutostart(vm1, enabled: true) }) {
            $0 == .tuning(.autostartAffectsOthers(domain: "ha-host_VM1", others: ["ha-host_VM0"]))
        }
        state = try await connection.autostartState()
        XCTAssertFalse(state.hostDefaultEnabled, "the refusal changed nothing")

        // Once vm0 is disabled, enabling vm1 switches the default on again.
        try await connection.setAutostart(vm0, enabled: false)
        try await connection.setAutostart(vm1, enabled: true)
        state = try await connection.autostartState()
        XCTAssertTrue(state.hostDefaultEnabled)
        XCTAssertEqual(state.entries.filter(\.powersOn).map(\.domain.name), ["ha-host_VM1"])
        let vm0After = try await connection.autostart(of: vm0)
        XCTAssertFalse(vm0After)
        _ = try? await client.logout()
        await connection.close()
    }

    func testGuestHostnameAndAddresses() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        await assertESXError({ try await connection.hostname(of: domain) }) {
            if case .tuning(.guestInfoUnavailable(let name, let what, _)) = $0 {
                return name == "ha-host_VM0" && what == "hostname"
            }
            return false
        }
        // What VMware Tools would report, set through the simulator's guest hooks.
        let client = try await ESXTest.viClient(sim)
        try await Self.setGuest(client, domain.vm, hostName: "web01.example", ip: "192.0.2.10")
        let name = try await connection.hostname(of: domain)
        XCTAssertEqual(name, "web01.example")
        let interfaces = try await connection.interfaceAddresses(of: domain)
        let addresses = interfaces.flatMap(\.addresses)
        XCTAssertEqual(addresses.first, GuestInterface.Address(type: "ipv4", address: "192.0.2.10", prefix: nil))
        XCTAssertNotNil(interfaces.first?.mac)

        try await connection.destroy(domain)
        await assertESXError({ try await connection.hostname(of: domain) }) { $0 == .domainNotRunning("ha-host_VM0") }
        await assertESXError({ try await connection.interfaceAddresses(of: domain) }) {
            $0 == .domainNotRunning("ha-host_VM0")
        }
        _ = try? await client.logout()
        await connection.close()
    }

    func testScreenshot() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        let png = try await connection.screenshot(of: domain)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertGreaterThan(png.count, 50)
        try await connection.destroy(domain)
        await assertESXError({ try await connection.screenshot(of: domain) }) { $0 == .domainNotRunning("ha-host_VM0") }
        await connection.close()
    }

    /// A host without `capability.screenshotSupported` (vcsim `-screenshots=false`) is refused
    /// before anything is downloaded.
    func testScreenshotUnsupportedByTheHost() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, extraArguments: ["-screenshots=false"]))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        await assertESXError({ try await connection.screenshot(of: domain) }) {
            $0 == .tuning(.unsupported("the host of domain 'ha-host_VM0' does not support screenshots"))
        }
        await connection.close()
    }

    /// Memory and vCPU changes are refused while another client's snapshot task runs on the
    /// VM; the error names the task.
    func testReconfigurationRefusedDuringAnotherClientsJob() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx, extraArguments: ["-job-delay", "4s"]))
        defer { sim.stop() }
        let connection = try await ESXTest.connect(sim)
        let domain = try await connection.domain(named: "ha-host_VM0")
        let before = try await connection.memoryParameters(of: domain)
        let other = try await ESXTest.viClient(sim)
        let task = try await other.createSnapshot_Task(domain.vm, name: "theirs", memory: false, quiesce: false)

        func isRefusal(_ error: ESXError) -> Bool {
            guard case .jobConflict(let conflict) = error else { return false }
            return conflict.operation == .reconfigure && conflict.job.taskKey == task.ref.value
                && conflict.job.kind == .snapshotCreate && error.description.contains(task.ref.value)
        }
        await assertESXError({ try await connection.setMemory(domain, kibibytes: before.maxMemoryKiB / 2) }, isRefusal)
        await assertESXError({ try await connection.setVCPUs(domain, count: 1) }, isRefusal)
        await assertESXError({ try await connection.setMinGuarantee(domain, kibibytes: 1024) }, isRefusal)
        await assertESXError({ try await connection.setSchedulerParameters(domain, SchedulerChange(limit: 100)) }, isRefusal)
        let after = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(after, before, "nothing was changed")

        // Once the job is over the change goes through.
        _ = try await other.waitForTask(task)
        try await connection.setMemory(domain, kibibytes: before.maxMemoryKiB / 2)
        let changed = try await connection.memoryParameters(of: domain)
        XCTAssertEqual(changed.currentMemoryKiB, before.maxMemoryKiB / 2)
        _ = try? await other.logout()
        await connection.close()
    }

    /// vcsim's hooks for what VMware Tools report: `SET.guest.*` extra config keys.
    static func setGuest(_ client: VIClient, _ vm: VirtualMachine, hostName: String, ip: String) async throws {
        var spec = VirtualMachineConfigSpec()
        spec.extraConfig = [
            OptionValue(key: "SET.guest.hostName", value: .string(hostName)),
            OptionValue(key: "SET.guest.ipAddress", value: .string(ip)),
        ]
        _ = try await client.waitForTask(try await client.reconfigVM_Task(vm, spec: spec))
    }
}

extension VIClient {
    /// Polls a task until it is over (tests only; at most 30 s); throws when it failed.
    func waitForTask(_ task: VITask) async throws -> TaskInfo {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let info = try await taskInfos(of: [task]).first {
                if info.state == .success { return info }
                if info.state == .error { throw ESXError.other("task \(task.ref.value) failed: \(String(describing: info.error))") }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ESXError.other("task \(task.ref.value) did not finish within 30 s")
    }
}
