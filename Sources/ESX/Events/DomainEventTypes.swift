import Foundation

/// The event ids a callback registers for; each has its own payload (see ``DomainEventKind``).
public enum DomainEventID: String, Sendable, Hashable, CaseIterable {
    /// ``LifecycleEvent``: defined, undefined, started, suspended, resumed, stopped, shutdown.
    case lifecycle
    /// ``RebootEvent``: the guest restarted while the VM stayed powered on.
    case reboot
    /// ``QuestionEvent``: a question blocks the VM.
    case questionPending
    /// ``QuestionEvent``: the pending question went away (answered, or its task cancelled).
    case questionAnswered
    /// ``ConnectionEvent``: the event source lost or regained the server (never domain-filtered).
    case connection
}

/// The domain an event is about.
public struct EventDomain: Sendable, Hashable, CustomStringConvertible {
    /// The VM's managed object id (`vm-42`).
    public var moref: String
    public var name: String
    /// `config.uuid`, when the server reports one.
    public var uuid: String?

    public init(moref: String, name: String, uuid: String? = nil) {
        self.moref = moref
        self.name = name
        self.uuid = uuid
    }

    public var description: String { name }
}

/// Which domain a registration listens to.
public enum DomainSelector: Sendable, Hashable {
    case moref(String)
    case name(String)
    case uuid(String)

    func matches(_ domain: EventDomain) -> Bool {
        switch self {
        case let .moref(value): return domain.moref == value
        case let .name(value): return domain.name == value
        case let .uuid(value): return domain.uuid?.lowercased() == value.lowercased()
        }
    }
}

/// libvirt's lifecycle events with their details.
public struct LifecycleEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case defined, undefined, started, suspended, resumed, stopped, shutdown
    }

    public enum Detail: String, Sendable, Hashable {
        /// defined / undefined: the VM was registered / unregistered (or appeared / vanished).
        case added, removed
        /// started: powered on; resumed: powered on from suspended.
        case booted, unpaused
        /// suspended: the VM was suspended.
        case paused
        /// stopped: powered off by a power-off (destroy) or after a guest shutdown.
        case destroyed, shutdown
        /// shutdown: the guest finished shutting down (followed by stopped/shutdown).
        case finished
    }

    public var kind: Kind
    public var detail: Detail

    public init(_ kind: Kind, _ detail: Detail) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue)(\(detail.rawValue))" }
}

/// A guest reboot: `runtime.bootTime` moved while the VM stayed on.
public struct RebootEvent: Sendable, Hashable {
    public var bootTime: Date?
}

/// A question that blocks (or blocked) a VM.
public struct QuestionEvent: Sendable, Hashable {
    public var id: String
    public var text: String
    /// The labels of the possible answers, in order.
    public var choices: [String]
    /// The index of the default choice in `choices`, if any.
    public var defaultChoice: Int?
}

/// The state of the event source's connection.
public enum ConnectionEvent: Sendable, Hashable {
    /// Updates stopped: the server is unreachable or the session was lost (`reason` says why).
    case lost(reason: String)
    /// Updates flow again (after a re-login); missed changes were reported as events.
    case restored
    /// The source gave up restoring the connection (``DomainEventHub/Options/maxRestoreAttempts``
    /// attempts failed in a row): the last event; every registration ends and
    /// ``DomainEventHub/failure`` says why.
    case closed(reason: String)
}

/// Any event's payload.
public enum DomainEventPayload: Sendable, Hashable {
    case lifecycle(LifecycleEvent)
    case reboot(RebootEvent)
    case questionPending(QuestionEvent)
    case questionAnswered(QuestionEvent)
    case connection(ConnectionEvent)

    public var id: DomainEventID {
        switch self {
        case .lifecycle: return .lifecycle
        case .reboot: return .reboot
        case .questionPending: return .questionPending
        case .questionAnswered: return .questionAnswered
        case .connection: return .connection
        }
    }
}

/// One event as delivered: what, about which domain (nil for connection events), and when
/// the hub received it.
public struct DomainEventRecord: Sendable, Hashable {
    public var domain: EventDomain?
    public var payload: DomainEventPayload
    /// Set when the update arrived from the server.
    public var received: Date
    /// Increases by one per event of a hub.
    public var sequence: UInt64

    public var id: DomainEventID { payload.id }
}

/// A typed event id: registering with one gives handlers its payload type.
public struct DomainEventKind<Payload: Sendable>: Sendable {
    public let id: DomainEventID
    let extract: @Sendable (DomainEventPayload) -> Payload?
}

extension DomainEventKind where Payload == LifecycleEvent {
    public static let lifecycle = DomainEventKind(id: .lifecycle) {
        if case let .lifecycle(event) = $0 { return event } else { return nil }
    }
}

extension DomainEventKind where Payload == RebootEvent {
    public static let reboot = DomainEventKind(id: .reboot) {
        if case let .reboot(event) = $0 { return event } else { return nil }
    }
}

extension DomainEventKind where Payload == QuestionEvent {
    public static let questionPending = DomainEventKind(id: .questionPending) {
        if case let .questionPending(event) = $0 { return event } else { return nil }
    }
    public static let questionAnswered = DomainEventKind(id: .questionAnswered) {
        if case let .questionAnswered(event) = $0 { return event } else { return nil }
    }
}

extension DomainEventKind where Payload == ConnectionEvent {
    public static let connection = DomainEventKind(id: .connection) {
        if case let .connection(event) = $0 { return event } else { return nil }
    }
}

extension DomainEventKind where Payload == DomainEventPayload {
    /// Every event of `id`, untyped (for generic consumers such as the CLI).
    public static func any(_ id: DomainEventID) -> DomainEventKind<DomainEventPayload> {
        DomainEventKind(id: id) { $0.id == id ? $0 : nil }
    }
}

/// What a handler or stream receives.
public struct DomainEventNotification<Payload: Sendable>: Sendable {
    public var domain: EventDomain?
    public var payload: Payload
    public var received: Date
    public var sequence: UInt64
}
