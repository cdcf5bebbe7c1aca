import VI

/// Waits for a vSphere task with `WaitForUpdatesEx`, watching the task's `info` and the
/// VM's `runtime.question` in one filter on a private property collector.
///
/// A question raised while the task runs is answered with its default choice (auto_answer)
/// or ends the wait: the task is cancelled when it is cancelable, else reported as blocked.
/// The filter and the collector are destroyed on every path, cancellation included.
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
        let collectorRoot = connection.serviceContent.propertyCollector
        return try await connection.run { client in
            let collector = try await client.createPropertyCollector(collectorRoot)
            var filter: PropertyFilter?
            let outcome: Result<TaskInfo, any Error>
            do {
                let spec = Self.filterSpec(task: task, vm: vm)
                let created = try await client.createFilter(collector, spec: spec, partialUpdates: false)
                filter = created
                connection.recordWaitResources(collector: collector.ref, filter: created.ref)
                outcome = .success(
                    try await loop(client, collector: collector, task: task, vm: vm, operation: operation,
                        progress: progress))
            } catch {
                outcome = .failure(error)
            }
            // The one cleanup path; it runs outside the caller's task so cancellation cannot skip it.
            let logger = connection.logger
            await Task {
                if let filter {
                    do { try await client.destroyPropertyFilter(filter) } catch {
                        logger.warning("could not destroy PropertyFilter \(filter.ref.value): \(error)")
                    }
                }
                do { try await client.destroyPropertyCollector(collector) } catch {
                    logger.warning("could not destroy PropertyCollector \(collector.ref.value): \(error)")
                }
            }.value
            return try outcome.get()
        }
    }

    static func filterSpec(task: VITask, vm: VirtualMachine?) -> PropertyFilterSpec {
        var propSet = [PropertySpec(type: VITask.wireName, all: false, pathSet: ["info"])]
        var objectSet = [ObjectSpec(obj: task.ref, skip: false)]
        if let vm {
            propSet.append(PropertySpec(type: VirtualMachine.wireName, all: false, pathSet: ["runtime.question"]))
            objectSet.append(ObjectSpec(obj: vm.ref, skip: false))
        }
        return PropertyFilterSpec(propSet: propSet, objectSet: objectSet)
    }

    private func loop(
        _ client: VIClient, collector: PropertyCollector, task: VITask, vm: VirtualMachine?, operation: String,
        progress: AsyncStream<TaskProgress>.Continuation?
    ) async throws -> TaskInfo {
        let questions = QuestionHandler(client: client, autoAnswer: connection.autoAnswer)
        var version: String?
        var info: TaskInfo?
        var question: VirtualMachineQuestionInfo?
        var answered: Set<String> = []
        var lastPercent: Int?
        while true {
            try Task.checkCancellation()
            let options = WaitOptions(maxWaitSeconds: maxWaitSeconds)
            // A long poll: its own deadline, so a short call timeout does not cut the wait short.
            let waited = try await VIClient.withCallDeadline(Double(maxWaitSeconds) + 30) {
                try await client.waitForUpdatesEx(collector, version: version, options: options)
            }
            if let updates = waited {
                version = updates.version
                for change in updates.filterSet.flatMap(\.objectSet).flatMap(\.changeSet) {
                    let removed = change.op == .remove || change.op == .indirectRemove
                    switch change.name {
                    case "info": if !removed, let value = change.val?.object(as: TaskInfo.self) { info = value }
                    case "runtime.question":
                        question = removed ? nil : change.val?.object(as: VirtualMachineQuestionInfo.self)
                    default: break
                    }
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
                } catch let fault as VISOAPFault where fault.isFault("ConcurrentAccess") {
                    answered.insert(pending.id)  // answered by someone else meanwhile
                } catch let error as ESXError {
                    throw await abandon(client, task: task, info: current, question: pending, operation: operation,
                        cause: error)
                }
            }
        }
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

    /// The error for a task that ended in `error`: the fault type and localized message.
    static func failure(of info: TaskInfo, operation: String) -> ESXError {
        guard let error = info.error else {
            return .taskFailed(operation: operation, faultType: "Unknown error", message: "")
        }
        let faultType = type(of: error.fault).wireName
        return .taskFailed(operation: operation, faultType: faultType, message: error.localizedMessage ?? faultType)
    }
}
