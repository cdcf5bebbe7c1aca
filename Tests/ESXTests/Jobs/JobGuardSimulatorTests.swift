import ESX
import Foundation
import SimulatorSupport
import VI
import XCTest

/// Jobs another client runs, seen through `recentTask` on the simulator (`-job-delay` keeps
/// its job tasks running), and jobs this client runs through ``JobGuard/run``.
final class JobGuardSimulatorTests: XCTestCase {
    /// Starts each job kind from another client on its own VM, then checks every operation.
    func testEveryRowAgainstJobsOfAnotherClient() async throws {
        let sim = try await SimulatorProcess.start(
            SimulatorOptions(model: .esx, vmsPerPool: 6, extraArguments: ["-job-delay", "4s"]))
        defer { sim.stop() }
        let other = try await ESXTest.viClient(sim)
        let mine = try await ESXTest.viClient(sim)
        let vms = try await other.retrieveProperties(ofAll: VirtualMachine.self, [.name, .parent, .resourcePool])
            .sorted { ($0.name ?? "") < ($1.name ?? "") }
        XCTAssertGreaterThanOrEqual(vms.count, 6)

        let jobs: [DomainJob] = [.snapshotCreate, .snapshotRevert, .snapshotRemove, .migration, .relocation, .diskCopy]
        var started: [(DomainJob, VirtualMachine.Properties, VITask)] = []
        for (job, vm) in zip(jobs, vms) {
            let target = vm.managedObject
            let task: VITask
            switch job {
            case .snapshotCreate:
                task = try await other.createSnapshot_Task(target, name: "s1", memory: false, quiesce: false)
            case .snapshotRevert:
                task = try await other.revertToCurrentSnapshot_Task(target)
            case .snapshotRemove:
                task = try await other.removeAllSnapshots_Task(target)
            case .migration:
                task = try await other.migrateVM_Task(target, pool: vm.resourcePool, priority: .defaultPriority)
            case .relocation:
                task = try await other.relocateVM_Task(target, spec: VirtualMachineRelocateSpec())
            case .diskCopy:
                let folder = try XCTUnwrap(vm.parent)
                task = try await other.cloneVM_Task(
                    target, folder: Folder(folder.ref), name: "clone-of-\(vm.name ?? "")",
                    spec: VirtualMachineCloneSpec(location: VirtualMachineRelocateSpec(), template: false, powerOn: false))
            }
            started.append((job, vm, task))
        }

        let guardian = JobGuard()
        for (job, vm, task) in started {
            let name = vm.name ?? ""
            for operation in GuardedOperation.allCases {
                let expected = JobConflictTable.conflicts(operation, with: job)
                do {
                    try await guardian.check(operation, vm: vm.managedObject, domainName: name, client: mine)
                    XCTAssertFalse(expected, "\(operation) during another client's \(job) must be refused")
                } catch let error as JobConflictError {
                    XCTAssertTrue(expected, "\(operation) during another client's \(job) must be allowed")
                    XCTAssertEqual(error.job.kind, job)
                    XCTAssertEqual(error.job.origin, .otherClient)
                    XCTAssertEqual(error.job.taskKey, task.ref.value)
                    XCTAssertEqual(error.domain, name)
                }
            }
        }
        // Once the tasks are over nothing is refused.
        try await Task.sleep(for: .seconds(5))
        for (_, vm, _) in started {
            for operation in GuardedOperation.allCases {
                try await guardian.check(operation, vm: vm.managedObject, domainName: vm.name ?? "", client: mine)
            }
        }
        _ = try? await other.logout()
        _ = try? await mine.logout()
    }

    /// A job this client runs refuses conflicting operations of this client meanwhile.
    func testJobsOfThisClient() async throws {
        let sim = try await SimulatorProcess.start(SimulatorOptions(model: .esx))
        defer { sim.stop() }
        let client = try await ESXTest.viClient(sim)
        let vms = try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        let vm = try XCTUnwrap(vms.first)
        let guardian = JobGuard()
        let name = vm.name ?? ""
        let refused: [GuardedOperation] = try await guardian.run(
            .snapshotCreate, vm: vm.managedObject, domainName: name, client: client
        ) { ticket in
            let task = try await client.createSnapshot_Task(vm.managedObject, name: "guarded", memory: false, quiesce: false)
            guardian.attach(task: task, to: ticket)
            var refused: [GuardedOperation] = []
            for operation in GuardedOperation.allCases {
                do {
                    try await guardian.check(operation, vm: vm.managedObject, domainName: name, client: client)
                } catch let error as JobConflictError {
                    XCTAssertEqual(error.job.origin, .thisClient)
                    refused.append(operation)
                }
            }
            return refused
        }
        XCTAssertEqual(
            Set(refused), Set(GuardedOperation.allCases.filter { JobConflictTable.conflicts($0, with: .snapshotCreate) }))
        try await guardian.check(.undefine, vm: vm.managedObject, domainName: name, client: client)
        _ = try? await client.logout()
    }
}
