import Foundation
import VI

/// The watched properties of one VM, as last reported.
struct WatchedVM: Sendable, Hashable {
    var name = ""
    var uuid: String?
    var powerState = "poweredOff"
    var question: QuestionEvent?
    var bootTime: Date?
    var recentTasks: [String] = []

    /// The property paths the event filter asks for.
    static var paths: [VirtualMachine.Property] {
        [.name, .config.uuid, .runtime.powerState, .runtime.question, .runtime.bootTime, .recentTask]
    }

    init() {}

    init(name: String) { self.name = name }

    /// The watched properties of one VM as the property collector layer keeps them.
    init(_ state: VIObjectState) {
        name = state[VirtualMachine.Property.name].map(EntityName.fromServer) ?? ""
        uuid = state[VirtualMachine.Property.config.uuid]
        powerState = state[VirtualMachine.Property.runtime.powerState]?.rawValue ?? powerState
        question = state[VirtualMachine.Property.runtime.question].map(QuestionEvent.init)
        bootTime = state[VirtualMachine.Property.runtime.bootTime]
        recentTasks = state[VirtualMachine.Property.recentTask]?.map(\.ref.value) ?? []
    }
}

extension QuestionEvent {
    init(_ info: VirtualMachineQuestionInfo) {
        self.init(
            id: info.id, text: info.text, choices: info.choice.choiceInfo.map(\.label),
            defaultChoice: info.choice.defaultIndex.map(Int.init))
    }
}

/// Why a VM went off: decided from its recent tasks by the loop.
typealias StopCause = @Sendable (_ moref: String, _ tasks: [String]) async -> LifecycleEvent.Detail

/// Turns property updates into domain events, keeping the last state of every VM.
///
/// A filter's first update set (`version` "") is a full snapshot: the very first one only
/// fills the cache; one after a re-login is compared with the cache, so changes missed while
/// disconnected still produce events.
struct VMStateTracker: Sendable {
    private(set) var vms: [String: WatchedVM] = [:]
    private var synchronized = false

    /// The events of one update set, in order.
    mutating func apply(
        _ updates: [VIObjectChange], snapshot: Bool, stopCause: StopCause
    ) async -> [(EventDomain, DomainEventPayload)] {
        var events: [(EventDomain, DomainEventPayload)] = []
        var seen: Set<String> = []
        for update in updates {
            let moref = update.state.ref.value
            seen.insert(moref)
            switch update.kind {
            case .leave:
                if let old = vms.removeValue(forKey: moref) {
                    events.append((domain(moref, old), .lifecycle(.init(.undefined, .removed))))
                }
            case .enter where vms[moref] == nil:
                let state = WatchedVM(update.state)
                vms[moref] = state
                if synchronized || !snapshot {
                    events.append((domain(moref, state), .lifecycle(.init(.defined, .added))))
                    if state.powerState != "poweredOff" {
                        events += await transitions(moref, from: WatchedVM(name: state.name), to: state, stopCause)
                    }
                }
            default:  // modify, or enter of a VM already known (a snapshot after a re-login)
                guard let old = vms[moref] else { continue }
                let state = WatchedVM(update.state)
                vms[moref] = state
                events += await transitions(moref, from: old, to: state, stopCause)
            }
        }
        if snapshot {
            if synchronized {
                for (moref, old) in vms where !seen.contains(moref) {
                    vms[moref] = nil
                    events.append((domain(moref, old), .lifecycle(.init(.undefined, .removed))))
                }
            }
            synchronized = true
        }
        return events
    }

    private func domain(_ moref: String, _ state: WatchedVM) -> EventDomain {
        EventDomain(moref: moref, name: state.name, uuid: state.uuid)
    }

    private func transitions(_ moref: String, from old: WatchedVM, to new: WatchedVM, _ stopCause: StopCause) async
        -> [(EventDomain, DomainEventPayload)]
    {
        let target = domain(moref, new)
        var events: [DomainEventPayload] = []
        if let question = old.question, question.id != new.question?.id {
            events.append(.questionAnswered(question))
        }
        switch (old.powerState, new.powerState) {
        case ("poweredOff", "poweredOn"): events.append(.lifecycle(.init(.started, .booted)))
        case ("poweredOn", "suspended"), ("poweredOff", "suspended"): events.append(.lifecycle(.init(.suspended, .paused)))
        case ("suspended", "poweredOn"): events.append(.lifecycle(.init(.resumed, .unpaused)))
        case ("poweredOn", "poweredOff"), ("suspended", "poweredOff"):
            switch await stopCause(moref, new.recentTasks) {
            case .shutdown:
                events.append(.lifecycle(.init(.shutdown, .finished)))
                events.append(.lifecycle(.init(.stopped, .shutdown)))
            default:
                events.append(.lifecycle(.init(.stopped, .destroyed)))
            }
        default: break
        }
        if let question = new.question, question.id != old.question?.id {
            events.append(.questionPending(question))
        }
        // A boot time that moves (or first appears) while the VM stays on: a guest reboot.
        if old.powerState == "poweredOn", new.powerState == "poweredOn", let after = new.bootTime, after != old.bootTime {
            events.append(.reboot(RebootEvent(bootTime: after)))
        }
        return events.map { (target, $0) }
    }
}
