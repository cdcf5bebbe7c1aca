import Foundation
import Synchronization
import VI

/// Refuses operations that conflict (per ``JobConflictTable``) with a long job on the domain:
/// jobs this client runs (registered with ``begin(_:on:domainName:)``) and jobs other clients
/// run (queued or running tasks in the VM's `recentTask`).
public final class JobGuard: Sendable {
    /// A job of this client; pass it back to ``end(_:)``.
    public struct Ticket: Sendable, Hashable {
        public let id: UUID
        public let vm: String
        public let job: DomainJob
    }

    private struct Entry {
        var ticket: Ticket
        var taskKey: String?
    }

    private let jobs = Mutex<[String: [Entry]]>([:])

    public init() {}

    /// Checks `job.startingOperation` against the jobs known to run (this client's and those in
    /// `recentTasks`), then records the job. Check and record are one step, so two concurrent
    /// starts on one domain cannot both pass.
    public func begin(_ job: DomainJob, on vm: ManagedObjectReference, domainName: String, recentTasks: [TaskInfo] = [])
        throws(JobConflictError) -> Ticket
    {
        try jobs.withLock { all throws(JobConflictError) in
            try Self.check(job.startingOperation, local: all[vm.value] ?? [], recentTasks: recentTasks, domainName: domainName)
            let ticket = Ticket(id: UUID(), vm: vm.value, job: job)
            all[vm.value, default: []].append(Entry(ticket: ticket, taskKey: nil))
            return ticket
        }
    }

    /// Notes the vSphere task that carries a job (so it is not counted twice through `recentTask`).
    public func attach(task: VITask, to ticket: Ticket) {
        jobs.withLock { all in
            guard let index = all[ticket.vm]?.firstIndex(where: { $0.ticket == ticket }) else { return }
            all[ticket.vm]?[index].taskKey = task.ref.value
        }
    }

    /// Ends a job of this client.
    public func end(_ ticket: Ticket) {
        jobs.withLock { all in
            all[ticket.vm]?.removeAll { $0.ticket == ticket }
            if all[ticket.vm]?.isEmpty == true { all[ticket.vm] = nil }
        }
    }

    /// The jobs this client runs on the VM.
    public func localJobs(on vm: ManagedObjectReference) -> [RunningJob] {
        jobs.withLock { all in (all[vm.value] ?? []).map(Self.running) }
    }

    /// Throws when `operation` conflicts with a job of this client or one in `recentTasks`.
    public func check(
        _ operation: GuardedOperation, on vm: ManagedObjectReference, domainName: String, recentTasks: [TaskInfo] = []
    ) throws(JobConflictError) {
        let local = jobs.withLock { $0[vm.value] ?? [] }
        try Self.check(operation, local: local, recentTasks: recentTasks, domainName: domainName)
    }

    /// Reads the VM's recent tasks and checks `operation` against them and this client's jobs.
    public func check(_ operation: GuardedOperation, vm: VirtualMachine, domainName: String, client: VIClient)
        async throws
    {
        let tasks = try await Self.recentTasks(of: vm, client: client)
        try check(operation, on: vm.ref, domainName: domainName, recentTasks: tasks)
    }

    /// Runs `body` as `job` on the VM: refused when it conflicts with a running job, recorded
    /// while `body` runs so that conflicting operations are refused meanwhile.
    public func run<Result: Sendable>(
        _ job: DomainJob, vm: VirtualMachine, domainName: String, client: VIClient,
        _ body: @Sendable (Ticket) async throws -> Result
    ) async throws -> Result {
        let tasks = try await Self.recentTasks(of: vm, client: client)
        let ticket = try begin(job, on: vm.ref, domainName: domainName, recentTasks: tasks)
        defer { end(ticket) }
        return try await body(ticket)
    }

    /// The `TaskInfo` of each task in the VM's `recentTask` (tasks already gone are skipped).
    public static func recentTasks(of vm: VirtualMachine, client: VIClient) async throws -> [TaskInfo] {
        guard let refs = try await client.retrieveProperties(of: [vm], [.recentTask]).first?.recentTask, !refs.isEmpty
        else { return [] }
        return try await client.taskInfos(of: refs)
    }

    private static func check(
        _ operation: GuardedOperation, local: [Entry], recentTasks: [TaskInfo], domainName: String
    ) throws(JobConflictError) {
        let ownKeys = Set(local.compactMap(\.taskKey))
        let remote = recentTasks.filter { !ownKeys.contains($0.key) }.compactMap(RunningJob.init(task:))
        for job in local.map(running) + remote where JobConflictTable.conflicts(operation, with: job.kind) {
            throw JobConflictError(operation: operation, domain: domainName, job: job)
        }
    }

    private static func running(_ entry: Entry) -> RunningJob {
        RunningJob(
            kind: entry.ticket.job, descriptionId: "swift-esx.\(entry.ticket.job.rawValue)", taskKey: entry.taskKey,
            state: "running", origin: .thisClient)
    }
}
