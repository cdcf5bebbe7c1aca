import VI

/// The one path every tuning setter takes to the server: `ReconfigVM_Task`, after
/// ``JobGuard`` and libvirt's pending-question/pending-task check, waited for by the shared
/// ``TaskWaiter`` (progress and questions included).
extension ESXConnection {
    /// Reconfigures the domain with the spec that `makeSpec` builds from the current values
    /// of `reading` (read after the guard, so checks see fresh values).
    ///
    /// Refused with ``ESXError/jobConflict(_:)`` while a job that conflicts with
    /// ``GuardedOperation/reconfigure`` runs on the VM (this client's, or any other client's
    /// queued or running task in `recentTask`); the error names that task.
    func reconfigure(
        _ domain: Domain, operation: String, reading: [VirtualMachine.Property] = [],
        progress: AsyncStream<TaskProgress>.Continuation?,
        makeSpec: (VirtualMachine.Properties) throws(ESXError) -> VirtualMachineConfigSpec
    ) async throws(ESXError) {
        defer { progress?.finish() }
        let vm = domain.vm
        let recent = try await run { client in try await JobGuard.recentTasks(of: vm, client: client) }
        do {
            try jobs.check(.reconfigure, on: vm.ref, domainName: domain.name, recentTasks: recent)
        } catch {
            throw .jobConflict(error)
        }
        let current = try await prepareForTask(vm)
        let properties = try await self.properties(of: vm, DomainProperties.identity + reading)
        let spec = try makeSpec(properties)
        let task = try await run { client in try await client.reconfigVM_Task(vm, spec: spec) }
        _ = try await TaskWaiter(connection: self).wait(
            for: task, vm: vm, operation: "\(operation) of domain '\(current.name)'", progress: progress)
    }

    /// The host a domain runs on (`runtime.host`), else the connection's host.
    func host(of domain: Domain) async throws(ESXError) -> HostSystem {
        let properties = try await properties(of: domain.vm, [.runtime.host])
        return properties[.runtime.host] ?? inventory.host
    }
}

/// Resource allocations are sent whole: some servers (govmomi's simulator) replace the
/// allocation with the one in the spec, so unchanged members are copied from the current one.
/// `overheadLimit` and `expandableReservation` are read-only or meaningless for a VM.
extension ResourceAllocationInfo {
    func merged(reservation: Int64? = nil, limit: Int64? = nil, shares: SharesInfo? = nil) -> ResourceAllocationInfo {
        ResourceAllocationInfo(
            reservation: reservation ?? self.reservation, limit: limit ?? self.limit, shares: shares ?? self.shares)
    }
}
