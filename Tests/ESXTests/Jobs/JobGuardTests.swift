import Foundation
import VI
import XCTest

@testable import ESX

/// Every row of the conflict table against jobs of this client and (synthetic) tasks of others.
final class JobGuardTests: XCTestCase {
    let vm = ManagedObjectReference(type: "VirtualMachine", value: "vm-7")

    static func task(_ descriptionId: String, state: TaskInfoState = .running, key: String = "task-1") -> TaskInfo {
        TaskInfo(
            key: key, task: VITask(ManagedObjectReference(type: "Task", value: key)), descriptionId: descriptionId,
            entity: ManagedEntity(ManagedObjectReference(type: "VirtualMachine", value: "vm-7")), state: state,
            cancelled: false, cancelable: true, reason: TaskReasonUser(userName: "other"), queueTime: Date(),
            eventChainId: 1)
    }

    /// A vCenter descriptionId per job kind.
    static let vcenterIDs: [DomainJob: String] = [
        .diskCopy: "VirtualMachine.clone", .snapshotCreate: "VirtualMachine.createSnapshot",
        .snapshotRevert: "VirtualMachineSnapshot.revert", .snapshotRemove: "VirtualMachineSnapshot.remove",
        .migration: "VirtualMachine.migrate", .relocation: "VirtualMachine.relocate",
    ]

    func testTableHasARowForEveryOperation() {
        XCTAssertEqual(Set(JobConflictTable.rows.keys), Set(GuardedOperation.allCases))
        XCTAssertFalse(JobConflictTable.conflicts(.reconfigure, with: .diskCopy))
        XCTAssertTrue(JobConflictTable.conflicts(.diskHotUnplug, with: .diskCopy))
        XCTAssertTrue(JobConflictTable.conflicts(.undefine, with: .migration))
    }

    func testEveryRowAgainstJobsOfThisClient() throws {
        for job in DomainJob.allCases {
            let guardian = JobGuard()
            let ticket = try guardian.begin(job, on: vm, domainName: "web")
            for operation in GuardedOperation.allCases {
                let expected = JobConflictTable.conflicts(operation, with: job)
                do {
                    try guardian.check(operation, on: vm, domainName: "web")
                    XCTAssertFalse(expected, "\(operation) during \(job) must be refused")
                } catch {
                    XCTAssertTrue(expected, "\(operation) during \(job) must be allowed")
                    XCTAssertEqual(error.operation, operation)
                    XCTAssertEqual(error.domain, "web")
                    XCTAssertEqual(error.job.kind, job)
                    XCTAssertEqual(error.job.origin, .thisClient)
                    XCTAssertTrue(error.description.contains(job.description), error.description)
                }
            }
            // Other domains are not affected; the job's end lifts the refusals.
            let other = ManagedObjectReference(type: "VirtualMachine", value: "vm-8")
            for operation in GuardedOperation.allCases { try guardian.check(operation, on: other, domainName: "db") }
            guardian.end(ticket)
            for operation in GuardedOperation.allCases { try guardian.check(operation, on: vm, domainName: "web") }
        }
    }

    func testEveryRowAgainstTasksOfOtherClients() throws {
        let guardian = JobGuard()
        for (job, descriptionId) in Self.vcenterIDs {
            for state in [TaskInfoState.queued, .running] {
                let tasks = [Self.task("VirtualMachine.powerOn", key: "task-0"), Self.task(descriptionId, state: state)]
                for operation in GuardedOperation.allCases {
                    let expected = JobConflictTable.conflicts(operation, with: job)
                    do {
                        try guardian.check(operation, on: vm, domainName: "web", recentTasks: tasks)
                        XCTAssertFalse(expected, "\(operation) during another client's \(job)")
                    } catch {
                        XCTAssertTrue(expected, "\(operation) during another client's \(job)")
                        XCTAssertEqual(error.job.kind, job)
                        XCTAssertEqual(error.job.descriptionId, descriptionId)
                        XCTAssertEqual(error.job.taskKey, "task-1")
                        XCTAssertEqual(error.job.state, state.rawValue)
                        XCTAssertEqual(error.job.origin, .otherClient)
                    }
                }
            }
            // Finished tasks do not count.
            for state in [TaskInfoState.success, .error] {
                for operation in GuardedOperation.allCases {
                    try guardian.check(operation, on: vm, domainName: "web", recentTasks: [Self.task(descriptionId, state: state)])
                }
            }
        }
    }

    func testStartingAJobIsCheckedLikeItsOperation() throws {
        let guardian = JobGuard()
        let copy = try guardian.begin(.diskCopy, on: vm, domainName: "web")
        XCTAssertThrowsError(try guardian.begin(.snapshotCreate, on: vm, domainName: "web")) { error in
            XCTAssertEqual((error as? JobConflictError)?.job.kind, .diskCopy)
        }
        guardian.end(copy)
        let snapshot = try guardian.begin(.snapshotCreate, on: vm, domainName: "web")
        XCTAssertThrowsError(
            try guardian.begin(.migration, on: vm, domainName: "web", recentTasks: []))
        guardian.end(snapshot)
        XCTAssertThrowsError(
            try guardian.begin(.migration, on: vm, domainName: "web", recentTasks: [Self.task("VirtualMachine.relocate")]))
        XCTAssertEqual(guardian.localJobs(on: vm), [])
    }

    func testOwnTaskIsNotCountedTwice() throws {
        let guardian = JobGuard()
        let ticket = try guardian.begin(.snapshotCreate, on: vm, domainName: "web")
        guardian.attach(task: VITask(ManagedObjectReference(type: "Task", value: "task-1")), to: ticket)
        do {
            try guardian.check(.undefine, on: vm, domainName: "web", recentTasks: [Self.task("VirtualMachine.createSnapshot")])
            XCTFail("expected a conflict")
        } catch {
            XCTAssertEqual(error.job.origin, .thisClient)
            XCTAssertEqual(error.job.taskKey, "task-1")
        }
        guardian.end(ticket)
        // Once ended, the (still running) task is another client's as far as the guard knows.
        XCTAssertThrowsError(
            try guardian.check(.undefine, on: vm, domainName: "web", recentTasks: [Self.task("VirtualMachine.createSnapshot")]))
    }

    func testTaskSpellingsOfVCenterESXAndTheSimulator() {
        let vectors: [(String, String?, DomainJob?)] = [
            ("VirtualMachine.createSnapshot", nil, .snapshotCreate),
            ("VirtualMachineSnapshot.revert", nil, .snapshotRevert),
            ("VirtualMachine.revertToCurrentSnapshot", nil, .snapshotRevert),
            ("VirtualMachine.revertSnapshot", nil, .snapshotRevert),
            ("VirtualMachineSnapshot.revertToSnapshot", nil, .snapshotRevert),
            ("VirtualMachineSnapshot.remove", nil, .snapshotRemove),
            ("VirtualMachineSnapshot.removeSnapshot", nil, .snapshotRemove),
            ("VirtualMachine.removeAllSnapshots", nil, .snapshotRemove),
            ("VirtualMachine.RemoveAllSnapshots", nil, .snapshotRemove),
            ("VirtualMachine.migrate", nil, .migration),
            ("VirtualMachine.relocate", nil, .relocation),
            ("VirtualMachine.relocateVm", nil, .relocation),
            ("VirtualMachine.clone", nil, .diskCopy),
            ("VirtualMachine.cloneVm", nil, .diskCopy),
            ("VirtualDiskManager.copyVirtualDisk", nil, .diskCopy),
            ("com.example.custom", "RelocateVM_Task", .relocation),
            ("VirtualMachine.powerOn", "PowerOnVM_Task", nil),
            ("VirtualMachine.reconfigure", nil, nil),
        ]
        for (id, name, job) in vectors {
            XCTAssertEqual(DomainJob(descriptionId: id, name: name), job, id)
        }
    }
}
