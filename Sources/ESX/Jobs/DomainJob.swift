import VI

/// A long job on a domain, during which conflicting operations are refused.
public enum DomainJob: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case diskCopy
    case snapshotCreate
    case snapshotRevert
    case snapshotRemove
    case migration
    case relocation

    public var description: String {
        switch self {
        case .diskCopy: return "disk copy"
        case .snapshotCreate: return "snapshot creation"
        case .snapshotRevert: return "snapshot revert"
        case .snapshotRemove: return "snapshot removal"
        case .migration: return "migration"
        case .relocation: return "relocation"
        }
    }

    /// The operation that starts this job (checked against the jobs already running).
    public var startingOperation: GuardedOperation {
        switch self {
        case .diskCopy: return .diskCopy
        case .snapshotCreate: return .snapshotCreate
        case .snapshotRevert: return .snapshotRevert
        case .snapshotRemove: return .snapshotRemove
        case .migration: return .migrate
        case .relocation: return .relocate
        }
    }

    /// The job a vSphere task is, from its `descriptionId` (`VirtualMachine.createSnapshot`) or,
    /// failing that, its `name` (`CreateSnapshot_Task`); nil for tasks that are not jobs.
    /// Spellings of vCenter, ESX and the simulator are all recognized.
    public init?(descriptionId: String, name: String? = nil) {
        let method = descriptionId.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if let job = Self.byMethod[method] {
            self = job
        } else if let name, let job = Self.byTaskName[name.lowercased()] {
            self = job
        } else {
            return nil
        }
    }

    private static let byMethod: [String: DomainJob] = [
        "createsnapshot": .snapshotCreate, "createsnapshotex": .snapshotCreate,
        "revert": .snapshotRevert, "reverttosnapshot": .snapshotRevert, "reverttocurrentsnapshot": .snapshotRevert,
        "revertsnapshot": .snapshotRevert,
        "remove": .snapshotRemove, "removesnapshot": .snapshotRemove, "removeallsnapshots": .snapshotRemove,
        "consolidatedisks": .snapshotRemove,
        "migrate": .migration,
        "relocate": .relocation, "relocatevm": .relocation,
        "clone": .diskCopy, "clonevm": .diskCopy, "copyvirtualdisk": .diskCopy,
    ]

    private static let byTaskName: [String: DomainJob] = [
        "createsnapshot_task": .snapshotCreate, "reverttosnapshot_task": .snapshotRevert,
        "reverttocurrentsnapshot_task": .snapshotRevert, "removesnapshot_task": .snapshotRemove,
        "removeallsnapshots_task": .snapshotRemove, "consolidatevmdisks_task": .snapshotRemove,
        "migratevm_task": .migration, "relocatevm_task": .relocation, "clonevm_task": .diskCopy,
        "copyvirtualdisk_task": .diskCopy,
    ]
}

/// An operation that a running job may forbid.
public enum GuardedOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case undefine
    /// Define over an existing domain (refused anyway: reported first when a job runs on it).
    case redefine
    case snapshotCreate
    case snapshotRevert
    case snapshotRemove
    case migrate
    case relocate
    case diskCopy
    case diskHotUnplug
    case reconfigure

    public var description: String {
        switch self {
        case .undefine: return "undefine"
        case .redefine: return "redefine"
        case .snapshotCreate: return "create a snapshot of"
        case .snapshotRevert: return "revert to a snapshot of"
        case .snapshotRemove: return "remove a snapshot of"
        case .migrate: return "migrate"
        case .relocate: return "relocate"
        case .diskCopy: return "copy a disk of"
        case .diskHotUnplug: return "unplug a disk from"
        case .reconfigure: return "reconfigure"
        }
    }
}

/// A job seen running on a domain.
public struct RunningJob: Sendable, Hashable, CustomStringConvertible {
    /// Who started it.
    public enum Origin: String, Sendable, Hashable {
        /// This client (tracked by ``JobGuard``).
        case thisClient = "this client"
        /// Seen in the VM's `recentTask`, queued or running.
        case otherClient = "another client"
    }

    public var kind: DomainJob
    /// The task's `descriptionId` (for jobs of this client without a task yet: `swift-esx.<kind>`).
    public var descriptionId: String
    /// The task's key (`task-12`), when known.
    public var taskKey: String?
    /// `queued` or `running`.
    public var state: String
    public var origin: Origin

    public init(kind: DomainJob, descriptionId: String, taskKey: String? = nil, state: String, origin: Origin) {
        self.kind = kind
        self.descriptionId = descriptionId
        self.taskKey = taskKey
        self.state = state
        self.origin = origin
    }

    /// The job a task is, when the task is a job and still queued or running.
    public init?(task info: TaskInfo) {
        guard info.state == .queued || info.state == .running,
            let kind = DomainJob(descriptionId: info.descriptionId, name: info.name)
        else { return nil }
        self.init(
            kind: kind, descriptionId: info.descriptionId, taskKey: info.key, state: info.state.rawValue,
            origin: .otherClient)
    }

    public var description: String {
        "\(kind) job (\(descriptionId)\(taskKey.map { ", \($0)" } ?? ""), \(state), started by \(origin.rawValue))"
    }
}

/// An operation refused because a job runs on the domain.
public struct JobConflictError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: GuardedOperation
    public var domain: String
    public var job: RunningJob

    public var description: String {
        "cannot \(operation) domain '\(domain)': a \(job) is in progress"
    }
}
