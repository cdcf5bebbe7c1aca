import VI

/// Waits for a vSphere task through the SDK's property-collector layer, watching the task's
/// `info` and the VM's `runtime.question` in one filter.
///
/// A question raised while the task runs is answered with its default choice (auto_answer)
/// or ends the wait: the task is cancelled when it is cancelable, else reported as blocked.
/// The layer destroys the filter and its collector on every path, cancellation included.
struct TaskWaiter {
    let connection: ESXConnection
    /// Upper bound of one `WaitForUpdatesEx` call, so a wait never blocks indefinitely.
    var maxWaitSeconds: Int32 = 5

    /// Waits until `task` succeeds (returning its info) or fails (throwing ``ESXError``).
    func wait(
        for task: VITask, vm: VirtualMachine?, operation: String,
        progress: AsyncStream<TaskProgress>.Continuation?
    ) async throws(ESXError) -> TaskInfo {
        defer { progress?.finish() }
        let watch = Self.watch(task: task, vm: vm)
        return try await connection.run { client in
            try await client.withPropertyUpdates(watch, maxWaitSeconds: maxWaitSeconds) { updates in
                connection.recordWaitResources(collector: updates.collector.ref, filter: updates.filter.ref)
                return try await loop(client, updates: updates, task: task, vm: vm, operation: operation,
                    progress: progress)
            }
        }
    }

    /// The task's `info` and, when a VM is given, its pending question.
    static func watch(task: VITask, vm: VirtualMachine?) -> VIPropertyWatch {
        var watch = VIPropertyWatch()
        watch.add(task, [.info])
        if let vm { watch.add(vm, [.runtime.question]) }
        return watch
    }

    private func loop(
        _ client: VIClient, updates: VIPropertyUpdates, task: VITask, vm: VirtualMachine?, operation: String,
        progress: AsyncStream<TaskProgress>.Continuation?
    ) async throws -> TaskInfo {
        let questions = QuestionHandler(client: client, autoAnswer: connection.autoAnswer)
        var info: TaskInfo?
        var question: VirtualMachineQuestionInfo?
        var answered: Set<String> = []
        var lastPercent: Int?
        for try await update in updates {
            for object in update.objects {
                if object.state.ref == task.ref {
                    info = object.state[VITask.Property.info] ?? info
                } else if object.state.ref == vm?.ref {
                    question = object.state[VirtualMachine.Property.runtime.question]
                }
            }
            guard let current = info else { continue }
            switch current.state {
            case .success:
                progress?.yield(TaskProgress(operation: operation, percent: 100))
                return current
            case .error:
                throw Self.failure(of: current, operation: operation)
            default: break
            }
            let percent = current.progress.map(Int.init)
            if percent != lastPercent {
                lastPercent = percent
                progress?.yield(TaskProgress(operation: operation, percent: percent))
            }
            if let vm, let pending = question, !answered.contains(pending.id) {
                do {
                    let label = try await questions.handle(pending, of: vm)
                    answered.insert(pending.id)
                    connection.logger.info("\(operation): answered question '\(pending.text)' with '\(label)'")
                    progress?.yield(TaskProgress(operation: operation, percent: lastPercent, answered: label))
                } catch where error.isFault(ConcurrentAccess.self) {
                    answered.insert(pending.id)  // answered by someone else meanwhile
                } catch let error as ESXError {
                    throw await abandon(client, task: task, info: current, question: pending, operation: operation,
                        cause: error)
                }
            }
        }
        throw CancellationError()  // the updates end only when the wait is cancelled
    }

    /// After an unanswered question: cancels the task if it can be cancelled, and says what happened.
    private func abandon(
        _ client: VIClient, task: VITask, info: TaskInfo, question: VirtualMachineQuestionInfo, operation: String,
        cause: ESXError
    ) async -> ESXError {
        let answers = QuestionHandler.answers(of: question)
        guard info.cancelable else {
            var reason = "the task cannot be cancelled"
            if case .unanswerableQuestion(_, let why) = cause { reason += "; \(why)" }
            return .taskBlocked(operation: operation, question: question.text, answers: answers, reason: reason)
        }
        do {
            try await client.cancelTask(task)
            return .taskCancelled(operation: operation, question: question.text, answers: answers)
        } catch {
            return .taskBlocked(operation: operation, question: question.text, answers: answers,
                reason: "cancelling the task failed: \(ESXError.wrap(error))")
        }
    }

    /// The error for a task that ended in `error`, keeping the decoded fault.
    static func failure(of info: TaskInfo, operation: String) -> ESXError {
        .taskFailed(operation: operation, fault: info.error.map(ESXFault.init) ?? ESXFault.unknown)
    }
}
