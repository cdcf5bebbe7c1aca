import VI

/// Power operations, with libvirt's state checks and task/question handling.
extension ESXConnection {
    /// Powers a shut-off domain on (`PowerOnVM_Task`).
    public func start(_ domain: Domain, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws(ESXError)
    {
        try await runTask(domain, "start", progress: progress) { current throws(ESXError) in
            switch current.state {
            case .shutoff: return
            case .running: throw .domainAlreadyRunning(current.name)
            default: throw .invalidDomainState(name: current.name, state: "\(current.state)", operation: "start")
            }
        } start: { client, vm in
            try await client.powerOnVM_Task(vm)
        }
    }

    /// Powers a running or paused domain off, like pulling the plug (`PowerOffVM_Task`).
    public func destroy(_ domain: Domain, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws(ESXError)
    {
        try await runTask(domain, "destroy", progress: progress) { current throws(ESXError) in
            guard current.state.isActive else { throw .domainNotRunning(current.name) }
        } start: { client, vm in
            try await client.powerOffVM_Task(vm)
        }
    }

    /// Suspends a running domain (`SuspendVM_Task`).
    public func suspend(_ domain: Domain, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws(ESXError)
    {
        try await runTask(domain, "suspend", progress: progress) { current throws(ESXError) in
            switch current.state {
            case .running: return
            case .shutoff: throw .domainNotRunning(current.name)
            default: throw .invalidDomainState(name: current.name, state: "\(current.state)", operation: "suspend")
            }
        } start: { client, vm in
            try await client.suspendVM_Task(vm)
        }
    }

    /// Resumes a paused (suspended) domain (`PowerOnVM_Task`).
    public func resume(_ domain: Domain, progress: AsyncStream<TaskProgress>.Continuation? = nil)
        async throws(ESXError)
    {
        try await runTask(domain, "resume", progress: progress) { current throws(ESXError) in
            guard current.state == .paused else { throw .domainNotSuspended(current.name) }
        } start: { client, vm in
            try await client.powerOnVM_Task(vm)
        }
    }

    /// Asks the guest to shut down (`ShutdownGuest`, needs VMware Tools; does not wait).
    public func shutdown(_ domain: Domain) async throws(ESXError) {
        let current = try await self.domain(domain.vm)
        guard current.state == .running else { throw .domainNotRunning(current.name) }
        try await run { client in try await client.shutdownGuest(current.vm) }
    }

    /// Asks the guest to reboot (`RebootGuest`, needs VMware Tools; does not wait).
    public func reboot(_ domain: Domain) async throws(ESXError) {
        let current = try await self.domain(domain.vm)
        guard current.state == .running else { throw .domainNotRunning(current.name) }
        try await run { client in try await client.rebootGuest(current.vm) }
    }

    /// State, memory and vCPUs of a domain.
    public func info(_ domain: Domain) async throws(ESXError) -> DomainInfo {
        let properties = try await properties(
            of: domain.vm,
            DomainProperties.identity + [
                .config.hardware.memoryMB, .config.hardware.numCPU, .config.memoryAllocation.limit,
                .config.guestFullName, .config.files.vmPathName,
            ])
        let memoryMB = Int64(properties[.config.hardware.memoryMB] ?? 0)
        let limitMB = properties[.config.memoryAllocation.limit] ?? -1
        let usableMB = limitMB >= 0 && limitMB < memoryMB ? limitMB : memoryMB
        return DomainInfo(
            domain: DomainProperties.domain(from: properties), memoryKiB: usableMB * 1024,
            maxMemoryKiB: memoryMB * 1024, vcpus: Int(properties[.config.hardware.numCPU] ?? 0),
            guestFullName: properties[.config.guestFullName],
            vmPathName: properties[.config.files.vmPathName])
    }

    // MARK: Shared steps

    /// Prepares, checks the state, starts the task and waits for it.
    private func runTask(
        _ domain: Domain, _ verb: String, progress: AsyncStream<TaskProgress>.Continuation?,
        check: (Domain) throws(ESXError) -> Void,
        start: @escaping @Sendable (VIClient, VirtualMachine) async throws -> VITask
    ) async throws(ESXError) {
        defer { progress?.finish() }
        let current = try await prepareForTask(domain.vm)
        try check(current)
        let vm = current.vm
        let task = try await run { client in try await start(client, vm) }
        let operation = "\(verb) domain '\(current.name)'"
        _ = try await TaskWaiter(connection: self).wait(for: task, vm: vm, operation: operation, progress: progress)
    }

    /// libvirt's `LookupVirtualMachineByUuidAndPrepareForTask`: a pending question is answered
    /// (auto_answer, and the new task is not started) or reported; a queued or running task refuses.
    func prepareForTask(_ vm: VirtualMachine) async throws(ESXError) -> Domain {
        let properties = try await properties(of: vm, DomainProperties.identity + [.runtime.question, .recentTask])
        let domain = DomainProperties.domain(from: properties)
        if let question = properties[.runtime.question] {
            let autoAnswer = self.autoAnswer
            let label = try await run { client in
                try await QuestionHandler(client: client, autoAnswer: autoAnswer).handle(question, of: vm)
            }
            throw .answeredPendingQuestion(domain: domain.name, question: question.text, answer: label)
        }
        if try await hasPendingTasks(properties.recentTask ?? []) { throw .otherTasksPending(domain.name) }
        return domain
    }

    /// Whether any of `tasks` is queued or running (tasks that no longer exist are ignored).
    func hasPendingTasks(_ tasks: [VITask]) async throws(ESXError) -> Bool {
        guard !tasks.isEmpty else { return false }
        let infos = try await run { client in try await client.taskInfos(of: tasks) }
        return infos.contains { $0.state == .queued || $0.state == .running }
    }
}
