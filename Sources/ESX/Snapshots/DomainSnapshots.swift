import VI

/// Snapshot operations, like libvirt's ESX driver: names are unique per domain, and creating,
/// reverting or deleting a snapshot is a job checked with ``JobGuard`` (refused while a
/// conflicting task of any client runs on the VM).
extension ESXConnection {
    /// The domain's snapshot tree (from `snapshot.rootSnapshotList` and `snapshot.currentSnapshot`).
    public func snapshots(of domain: Domain) async throws(ESXError) -> DomainSnapshotTree {
        let properties = try await properties(of: domain.vm, DomainProperties.identity + [.snapshot])
        return DomainSnapshotTree(domain: DomainProperties.domain(from: properties), info: properties[.snapshot])
    }

    /// The snapshot named `name`; ``ESXError/snapshotNotFound(domain:name:)`` when there is none.
    public func snapshot(named name: String, of domain: Domain) async throws(ESXError) -> DomainSnapshot {
        guard let found = try await snapshots(of: domain).snapshot(named: name) else {
            throw .snapshotNotFound(domain: domain.name, name: name)
        }
        return found
    }

    /// The current snapshot; ``ESXError/noCurrentSnapshot(_:)`` when there is none.
    public func currentSnapshot(of domain: Domain) async throws(ESXError) -> DomainSnapshot {
        guard let current = try await snapshots(of: domain).current else { throw .noCurrentSnapshot(domain.name) }
        return current
    }

    /// Takes a snapshot (`CreateSnapshot_Task`); a name the domain already uses is refused.
    /// - Parameters:
    ///   - memory: include the guest's memory (a running domain).
    ///   - quiesce: quiesce the guest's file systems first (needs VMware Tools).
    @discardableResult
    public func createSnapshot(
        _ domain: Domain, name: String, description: String? = nil, memory: Bool = false, quiesce: Bool = false,
        progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) -> DomainSnapshot {
        if try await snapshots(of: domain).snapshot(named: name) != nil {
            progress?.finish()
            throw .snapshotExists(domain: domain.name, name: name)
        }
        let vm = domain.vm
        try await runSnapshotJob(
            .snapshotCreate, domain, operation: "create snapshot '\(name)' of domain '\(domain.name)'",
            progress: progress
        ) { client in
            try await client.createSnapshot_Task(vm, name: name, description: description, memory: memory, quiesce: quiesce)
        }
        return try await snapshot(named: name, of: domain)
    }

    /// Reverts the domain to the snapshot named `name` (`RevertToSnapshot_Task`).
    public func revertToSnapshot(
        _ domain: Domain, named name: String, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        let target: DomainSnapshot
        do { target = try await snapshot(named: name, of: domain) } catch {
            progress?.finish()
            throw error
        }
        let snapshot = target.snapshot
        try await runSnapshotJob(
            .snapshotRevert, domain, operation: "revert domain '\(domain.name)' to snapshot '\(name)'",
            progress: progress
        ) { client in
            try await client.revertToSnapshot_Task(snapshot)
        }
    }

    /// Deletes the snapshot named `name` (`RemoveSnapshot_Task`), with its descendants when
    /// `children` is set (otherwise they move up to its parent). Returns how many snapshots went.
    @discardableResult
    public func deleteSnapshot(
        _ domain: Domain, named name: String, children: Bool = false,
        progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) -> Int {
        let target: DomainSnapshot
        do { target = try await snapshot(named: name, of: domain) } catch {
            progress?.finish()
            throw error
        }
        let snapshot = target.snapshot
        try await runSnapshotJob(
            .snapshotRemove, domain, operation: "delete snapshot '\(name)' of domain '\(domain.name)'",
            progress: progress
        ) { client in
            try await client.removeSnapshot_Task(snapshot, removeChildren: children, consolidate: true)
        }
        return children ? 1 + target.descendantCount : 1
    }

    /// Runs a snapshot task as `job`: refused (``ESXError/jobConflict(_:)``) while a conflicting job
    /// of this client or a conflicting task of another runs; recorded while it runs.
    private func runSnapshotJob(
        _ job: DomainJob, _ domain: Domain, operation: String, progress: AsyncStream<TaskProgress>.Continuation?,
        start: @escaping @Sendable (VIClient) async throws -> VITask
    ) async throws(ESXError) {
        defer { progress?.finish() }
        let vm = domain.vm
        let recent = try await run { client in try await JobGuard.recentTasks(of: vm, client: client) }
        let ticket: JobGuard.Ticket
        do {
            ticket = try jobs.begin(job, on: vm.ref, domainName: domain.name, recentTasks: recent)
        } catch {
            throw .jobConflict(error)
        }
        defer { jobs.end(ticket) }
        _ = try await prepareForTask(vm)
        let task = try await run { client in try await start(client) }
        jobs.attach(task: task, to: ticket)
        _ = try await TaskWaiter(connection: self).wait(for: task, vm: vm, operation: operation, progress: progress)
    }
}
