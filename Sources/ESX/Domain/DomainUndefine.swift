import VI

/// Undefining a domain, like libvirt's ESX driver: `UnregisterVM`, files kept.
extension ESXConnection {
    /// Unregisters a shut-off or suspended domain; its files stay on the datastore.
    ///
    /// Refused (``ESXError/jobConflict(_:)``, naming the task) while a conflicting job of this
    /// or another client runs on the VM, and (``ESXError/invalidDomainState(name:state:operation:)``)
    /// while it runs.
    public func undefine(_ domain: Domain) async throws(ESXError) {
        let current = try await self.domain(domain.vm)
        try await checkJobs(.undefine, on: current)
        guard current.state == .shutoff || current.state == .paused else {
            throw .invalidDomainState(
                name: current.name, state: "\(current.state)", operation: "undefine")
        }
        let vm = current.vm
        try await run { client in try await client.unregisterVM(vm) }
    }

    /// Refuses `operation` while a conflicting job of this client, or a conflicting task of any
    /// client in the VM's `recentTask`, runs on the domain.
    func checkJobs(_ operation: GuardedOperation, on domain: Domain) async throws(ESXError) {
        let vm = domain.vm
        let recent = try await run { client in try await JobGuard.recentTasks(of: vm, client: client) }
        do {
            try jobs.check(operation, on: vm.ref, domainName: domain.name, recentTasks: recent)
        } catch {
            throw .jobConflict(error)
        }
    }
}
