import Foundation
import SimulatorSupport
import VI
import XCTest

/// The SDK's property-collector layer against VMware's simulator: snapshot, modify, enter and leave
/// applied onto typed objects; version tokens carried across calls; the private collector and its
/// filter destroyed after cancellation and after a server fault; and a 1,000-VM view kept current
/// while another client changes power states concurrently.
final class PropertyCollectorLayerTests: XCTestCase {
    override func setUp() { VIClient.registerVITypes() }

    func login(_ simulator: SimulatorProcess) async throws -> VIClient {
        var options = TransportOptions()
        options.connectTimeout = 10
        let client = try VIClient.vi(url: simulator.url, options: options)
        _ = try await client.login(userName: simulator.username, password: simulator.password)
        return client
    }

    private static func waitForTask(_ task: VITask, _ client: VIClient) async throws {
        for _ in 0..<500 {
            if let info = try await client.taskInfos(of: [task]).first, info.state == .success || info.state == .error {
                XCTAssertEqual(info.state, .success, "\(String(describing: info.error))")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTFail("task \(task.ref.value) did not finish")
    }

    /// Whether the server still has `ref` (a destroyed collector or filter is ManagedObjectNotFound).
    func exists(_ collector: PropertyCollector, _ client: VIClient) async throws -> Bool {
        do {
            _ = try await client.retrieveProperties(of: [collector], [.filter])
            return true
        } catch where error.isFault(ManagedObjectNotFound.self) {
            return false
        }
    }

    private func someVM(_ client: VIClient) async throws -> VirtualMachine {
        let all = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        return try XCTUnwrap(all.first?.managedObject)
    }

    private func rootFilters(_ client: VIClient) async throws -> [PropertyFilter] {
        let root = try await client.serviceContent(as: ServiceContent.self).propertyCollector
        return try await client.retrieveProperties(of: [root], [.filter]).first?.filter ?? []
    }

    func testSnapshotModifyEnterAndLeaveAreAppliedOntoTypedObjects() async throws {
        let simulator = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { simulator.stop() }
        let client = try await login(simulator)
        let other = try await login(simulator)
        let root = try await client.serviceContent(as: ServiceContent.self).rootFolder

        try await client.withContainerView(of: root.ref, types: [VirtualMachine.wireName]) { view in
            var watch = VIPropertyWatch()
            watch.addAll(VirtualMachine.self, in: view, [.name, .runtime.powerState, .config.hardware.numCPU])
            try await client.withPropertyUpdates(watch, maxWaitSeconds: 10) { updates in
                var iterator = updates.makeAsyncIterator()
                let snapshot = try await XCTUnwrapAsync(try await iterator.next())
                XCTAssertTrue(snapshot.isSnapshot)
                XCTAssertEqual(Set(snapshot.objects.map(\.kind)), [.enter])
                XCTAssertEqual(Set(snapshot.objects.compactMap { $0.state[VirtualMachine.Property.name] }), ["ha-host_VM0", "ha-host_VM1"])
                XCTAssertTrue(snapshot.objects.allSatisfy { $0.state[VirtualMachine.Property.runtime.powerState] == .poweredOn })
                XCTAssertNotNil(iterator.version)
                let vm0 = try XCTUnwrap(snapshot.objects.first { $0.state[VirtualMachine.Property.name] == "ha-host_VM0" })
                let cpus = vm0.state[VirtualMachine.Property.config.hardware.numCPU]

                // modify: another client powers the VM off.
                let target = VirtualMachine(vm0.state.ref)
                try await Self.waitForTask(try await other.powerOffVM_Task(target), other)
                let modified = try await XCTUnwrapAsync(try await iterator.next())
                XCTAssertFalse(modified.isSnapshot)
                let change = try XCTUnwrap(modified.objects.first { $0.state.ref == target.ref })
                XCTAssertEqual(change.kind, .modify)
                XCTAssertEqual(change.changedPaths, ["runtime.powerState"], "the version token avoids a new snapshot")
                XCTAssertEqual(change.state[VirtualMachine.Property.runtime.powerState], .poweredOff)
                XCTAssertEqual(change.state[VirtualMachine.Property.name], "ha-host_VM0", "unchanged paths are kept")
                XCTAssertEqual(change.state[VirtualMachine.Property.config.hardware.numCPU], cpus)
                let typed = try XCTUnwrap(try change.state.properties(as: VirtualMachine.self))
                XCTAssertEqual(typed.name, "ha-host_VM0")
                XCTAssertEqual(iterator.states[target.ref]?[VirtualMachine.Property.runtime.powerState], .poweredOff)

                // enter: a clone appears in the view.
                let datacenter = try await other.retrieveProperties(of: [Datacenter(value: "ha-datacenter")], [.vmFolder])
                let folder = try XCTUnwrap(datacenter.first?.vmFolder)
                let cloneTask = try await other.cloneVM_Task(
                    target, folder: folder, name: "clone-1",
                    spec: VirtualMachineCloneSpec(location: VirtualMachineRelocateSpec(), template: false, powerOn: false))
                try await Self.waitForTask(cloneTask, other)
                var entered: VIObjectChange?
                while entered == nil, let update = try await iterator.next() {
                    entered = update.objects.first { $0.kind == .enter }
                }
                let clone = try XCTUnwrap(entered)
                XCTAssertEqual(clone.state[VirtualMachine.Property.name], "clone-1")

                // leave: the clone is destroyed.
                try await Self.waitForTask(try await other.destroy_Task(ManagedEntity(clone.state.ref)), other)
                var left: VIObjectChange?
                while left == nil, let update = try await iterator.next() {
                    left = update.objects.first { $0.kind == .leave }
                }
                XCTAssertEqual(left?.state.ref, clone.state.ref)
                XCTAssertEqual(left?.state[VirtualMachine.Property.name], "clone-1", "leave carries the last state")
                XCTAssertNil(iterator.states[clone.state.ref])
            }
        }
        try await client.logout()
        try await other.logout()
    }

    func testCollectorAndFilterAreDestroyedAfterCancellation() async throws {
        let simulator = try await SharedSimulators.esx()
        let client = try await login(simulator)
        let filtersBefore = try await rootFilters(client)
        let vm = try await someVM(client)
        let seen = AsyncStream<PropertyCollector>.makeStream()
        let watcher = Task {
            var watch = VIPropertyWatch()
            watch.add(vm, [.name])
            try await client.withPropertyUpdates(watch, maxWaitSeconds: 30) { updates in
                var iterator = updates.makeAsyncIterator()
                _ = try await iterator.next()  // the snapshot
                seen.continuation.yield(updates.collector)
                while try await iterator.next() != nil {}
            }
        }
        var iterator = seen.stream.makeAsyncIterator()
        let collector = try await XCTUnwrapAsync(await iterator.next())
        let existed = try await exists(collector, client)
        XCTAssertTrue(existed)
        try await Task.sleep(for: .milliseconds(300))  // the long poll is now waiting on the server
        watcher.cancel()
        let outcome = await watcher.result
        XCTAssertThrowsError(try outcome.get())
        let remains = try await exists(collector, client)
        XCTAssertFalse(remains, "the private collector was destroyed")
        let filtersAfter = try await rootFilters(client)
        XCTAssertEqual(filtersAfter, filtersBefore)
        try await client.logout()
    }

    func testCollectorAndFilterAreDestroyedAfterAServerFault() async throws {
        let simulator = try await SharedSimulators.esx()
        let client = try await login(simulator)
        let canceller = try await login(simulator)
        var created: PropertyCollector?
        let vm = try await someVM(client)
        do {
            var watch = VIPropertyWatch()
            watch.add(vm, [.name])
            try await client.withPropertyUpdates(watch, maxWaitSeconds: 30) { updates in
                created = updates.collector
                var iterator = updates.makeAsyncIterator()
                _ = try await iterator.next()  // the snapshot
                // CancelWaitForUpdates from the side makes the server fault the pending wait.
                let collector = updates.collector
                let side = Task {
                    for _ in 0..<20 {
                        try? await Task.sleep(for: .milliseconds(200))
                        try? await client.cancelWaitForUpdates(collector)
                    }
                }
                defer { side.cancel() }
                _ = try await iterator.next()
                XCTFail("the wait should have faulted")
            }
        } catch {
            XCTAssertTrue(error.isFault(RequestCanceled.self), "\(error)")
        }
        let collector = try XCTUnwrap(created)
        let remainsAfterFault = try await exists(collector, canceller)
        XCTAssertFalse(remainsAfterFault)
        try await client.logout()
        try await canceller.logout()
    }

    func testAThousandVMViewStaysCurrentUnderConcurrentPowerChanges() async throws {
        let simulator = try await SimulatorProcess.start(
            SimulatorOptions(model: .esx, vmsPerPool: 1000, startTimeout: .seconds(120)))
        defer { simulator.stop() }
        let client = try await login(simulator)
        let other = try await login(simulator)
        let root = try await client.serviceContent(as: ServiceContent.self).rootFolder

        let all = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        XCTAssertEqual(all.count, 1000)
        let targets = all.prefix(60).map(\.managedObject)

        let states = try await client.withContainerView(of: root.ref, types: [VirtualMachine.wireName]) { view in
            var watch = VIPropertyWatch()
            watch.addAll(VirtualMachine.self, in: view, [.name, .runtime.powerState])
            return try await client.withPropertyUpdates(watch, maxWaitSeconds: 10) { updates in
                var iterator = updates.makeAsyncIterator()
                let snapshot = try await XCTUnwrapAsync(try await iterator.next())
                XCTAssertEqual(snapshot.objects.count, 1000)
                // Another client powers 60 VMs off, 6 at a time, while updates are being read.
                let changer = Task {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (index, vm) in targets.enumerated() {
                            if index >= 6 { try await group.next() }
                            group.addTask { try await Self.waitForTask(try await other.powerOffVM_Task(vm), other) }
                        }
                        try await group.waitForAll()
                    }
                }
                let wanted = Set(targets.map(\.ref))
                var off: Set<ManagedObjectReference> = []
                let deadline = ContinuousClock.now + .seconds(120)
                while off != wanted, ContinuousClock.now < deadline, let update = try await iterator.next() {
                    for object in update.objects where object.state[VirtualMachine.Property.runtime.powerState] == .poweredOff {
                        off.insert(object.state.ref)
                    }
                }
                try await changer.value
                XCTAssertEqual(off, wanted)
                return iterator.states
            }
        }
        // The layer's view equals what a fresh retrieval reads, for all 1,000 VMs.
        let fresh = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name, .runtime.powerState])
        XCTAssertEqual(states.count, 1000)
        for vm in fresh {
            let kept = states[vm.managedObject.ref]
            XCTAssertEqual(kept?[VirtualMachine.Property.runtime.powerState], vm[.runtime.powerState])
            XCTAssertEqual(kept?[VirtualMachine.Property.name], vm.name)
        }
        XCTAssertEqual(fresh.filter { $0[.runtime.powerState] == .poweredOff }.count, 60)
        try await client.logout()
        try await other.logout()
    }
}

/// `XCTUnwrap` for an optional produced by an `await`.
func XCTUnwrapAsync<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}

extension PropertyCollectorLayerTests {
    /// A filter naming an object the server does not have faults on the first wait: the fault is
    /// typed and the private collector is gone afterwards.
    func testAFaultOnTheFirstWaitIsTypedAndCleansUp() async throws {
        let simulator = try await SharedSimulators.esx()
        let client = try await login(simulator)
        var created: PropertyCollector?
        do {
            var watch = VIPropertyWatch()
            watch.add(VirtualMachine(value: "vm-does-not-exist"), [.name])
            try await client.withPropertyUpdates(watch) { updates in
                created = updates.collector
                for try await _ in updates {}
            }
            XCTFail("expected a fault")
        } catch {
            XCTAssertTrue(error.isFault(ManagedObjectNotFound.self), "\(error)")
            XCTAssertNotNil(error.fault(as: ManagedObjectNotFound.self))
        }
        let collector = try XCTUnwrap(created)
        let remains = try await exists(collector, client)
        XCTAssertFalse(remains)
        try await client.logout()
    }

    /// Posts `changes` exactly as named through the project simulator's test-only
    /// `SwiftESXPostPropertyChanges` method (Scripts/simulator/changes.go), which also applies
    /// `disabledMethod["NAME"]` changes to the entity, as `DisableMethods`/`EnableMethods` do on vCenter.
    private func post(
        _ changes: [(op: PropertyChangeOp, name: String, value: String?)], on object: VirtualMachine, _ client: VIClient
    ) async throws {
        try await client.invoke("SwiftESXPostPropertyChanges") { writer in
            try writer.moRefElement("_this", object.ref)
            for change in changes {
                writer.open("change")
                try writer.textElement("op", change.op.rawValue)
                try writer.textElement("name", change.name)
                if let value = change.value { try writer.textElement("val", value) }
                writer.close("change")
            }
        } decode: { reader in
            try reader.skipElement()
        }
    }

    func testIndexedAddRemoveAndIndirectRemoveAreAppliedAsTheServerNamesThem() async throws {
        let simulator = try await SharedSimulators.esx()
        let client = try await login(simulator)
        let other = try await login(simulator)
        let vm = try await someVM(client)
        let disabledMethod = VirtualMachine.Property.disabledMethod
        func serverValue() async throws -> [String] {
            try await other.retrieveProperties(of: [vm], [.disabledMethod]).first?.disabledMethod ?? []
        }
        func name(_ method: String) -> String { #"disabledMethod[""# + method + #""]"# }

        var watch = VIPropertyWatch()
        watch.addEveryProperty(of: vm)
        try await client.withPropertyUpdates(watch, maxWaitSeconds: 10) { updates in
            var iterator = updates.makeAsyncIterator()
            let snapshot = try await XCTUnwrapAsync(try await iterator.next())
            XCTAssertTrue(snapshot.isSnapshot)
            let initial = snapshot.objects.first?.state[disabledMethod] ?? []
            let initialOnServer = try await serverValue()
            XCTAssertEqual(initial, initialOnServer)
            XCTAssertNotNil(snapshot.objects.first?.state[VirtualMachine.Property.runtime.powerState], "all=true")

            // add: two methods disabled, each an indexed change.
            try await post([(.add, name("SwiftESX_A"), "SwiftESX_A"), (.add, name("SwiftESX_B"), "SwiftESX_B")], on: vm, other)
            let addUpdate = try await iterator.next()
            let added = try XCTUnwrap(addUpdate?.objects.first)
            XCTAssertEqual(added.kind, .modify)
            XCTAssertEqual(added.changes.map(\.op), [.add, .add])
            XCTAssertEqual(added.changedPaths, [name("SwiftESX_A"), name("SwiftESX_B")], "indexed names arrive as sent")
            XCTAssertEqual(added.state[disabledMethod], initial + ["SwiftESX_A", "SwiftESX_B"])
            let afterAdd = try await serverValue()
            XCTAssertEqual(added.state[disabledMethod], afterAdd)

            // remove: the first is enabled again; the other element is kept.
            try await post([(.remove, name("SwiftESX_A"), nil)], on: vm, other)
            let removeUpdate = try await iterator.next()
            let removed = try XCTUnwrap(removeUpdate?.objects.first)
            XCTAssertEqual(removed.changes.map(\.op), [.remove])
            XCTAssertEqual(removed.state[disabledMethod], initial + ["SwiftESX_B"])
            let afterRemove = try await serverValue()
            XCTAssertEqual(removed.state[disabledMethod], afterRemove)

            // indirectRemove: the second goes away as a side effect.
            try await post([(.indirectRemove, name("SwiftESX_B"), nil)], on: vm, other)
            let indirectUpdate = try await iterator.next()
            let indirect = try XCTUnwrap(indirectUpdate?.objects.first)
            XCTAssertEqual(indirect.changes.map(\.op), [.indirectRemove])
            XCTAssertEqual(indirect.state[disabledMethod] ?? [], initial)
            let afterIndirectRemove = try await serverValue()
            XCTAssertEqual(indirect.state[disabledMethod] ?? [], afterIndirectRemove)
            XCTAssertEqual(iterator.states[vm.ref]?[disabledMethod] ?? [], initial, "the iterator's states agree")
        }
        try await client.logout()
        try await other.logout()
    }
}
