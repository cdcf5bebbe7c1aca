import VI

/// CPU shares as libvirt's ESX driver exposes them: a number of shares (`custom`) or one of
/// the levels, which libvirt writes as -1 (low), -2 (normal) and -3 (high).
public enum CPUShares: Sendable, Hashable, CustomStringConvertible {
    case low
    case normal
    case high
    case custom(Int32)

    /// From libvirt's integer (-1/-2/-3 or a number ≥ 0) or a level name.
    public init(parsing text: String) throws(TuningError) {
        switch text.lowercased() {
        case "low", "-1": self = .low
        case "normal", "-2": self = .normal
        case "high", "-3": self = .high
        default:
            guard let value = Int32(text), value >= 0 else {
                throw .invalidArgument(
                    "invalid shares '\(text)': expecting a number ≥ 0, low (-1), normal (-2) or high (-3)")
            }
            self = .custom(value)
        }
    }

    init(_ info: SharesInfo) {
        switch info.level {
        case .low: self = .low
        case .high: self = .high
        case .custom: self = .custom(info.shares)
        default: self = .normal
        }
    }

    /// libvirt's value: -1, -2, -3 or the number of shares.
    public var libvirtValue: Int32 {
        switch self {
        case .low: return -1
        case .normal: return -2
        case .high: return -3
        case .custom(let value): return value
        }
    }

    /// `low`, `normal`, `high` or `custom`.
    public var level: String {
        switch self {
        case .low: return "low"
        case .normal: return "normal"
        case .high: return "high"
        case .custom: return "custom"
        }
    }

    public var description: String { "\(libvirtValue)" }

    /// What `ReconfigVM_Task` gets (libvirt sends -1 shares with a level).
    var sharesInfo: SharesInfo {
        switch self {
        case .low: return SharesInfo(shares: -1, level: .low)
        case .normal: return SharesInfo(shares: -1, level: .normal)
        case .high: return SharesInfo(shares: -1, level: .high)
        case .custom(let value): return SharesInfo(shares: value, level: .custom)
        }
    }
}

/// libvirt's `allocation` scheduler: the VM's `config.cpuAllocation`.
public struct SchedulerParameters: Sendable, Hashable {
    /// Guaranteed CPU, in MHz (≥ 0).
    public var reservation: Int64
    /// Most CPU the domain may use, in MHz; -1 is unlimited.
    public var limit: Int64
    public var shares: CPUShares
    /// The number of shares the server reports (for a level: what the level means for this VM).
    public var sharesValue: Int32?

    /// libvirt's scheduler type for ESX.
    public static let schedulerType = "allocation"
}

/// A change of some scheduler parameters; members left nil keep their value.
public struct SchedulerChange: Sendable, Hashable {
    public var reservation: Int64?
    public var limit: Int64?
    public var shares: CPUShares?

    public init(reservation: Int64? = nil, limit: Int64? = nil, shares: CPUShares? = nil) {
        self.reservation = reservation
        self.limit = limit
        self.shares = shares
    }

    /// Refuses what libvirt refuses: a negative reservation, a limit below -1.
    public func validate() throws(TuningError) {
        if let reservation, reservation < 0 {
            throw .invalidArgument("cannot set reservation to \(reservation) MHz: expecting a value ≥ 0")
        }
        if let limit, limit < -1 {
            throw .invalidArgument("cannot set limit to \(limit) MHz: expecting a value ≥ 0 or -1 (unlimited)")
        }
    }
}

extension ESXConnection {
    /// `virsh schedinfo`: reservation, limit and shares of `config.cpuAllocation`.
    public func schedulerParameters(of domain: Domain) async throws(ESXError) -> SchedulerParameters {
        let properties = try await properties(of: domain.vm, [.config.cpuAllocation])
        return Self.scheduler(from: properties[.config.cpuAllocation])
    }

    /// `virsh schedinfo --set`: changes the given parameters (the others keep their values).
    /// A limit other than -1 must not be below the reservation (checked on the merged values).
    public func setSchedulerParameters(
        _ domain: Domain, _ change: SchedulerChange, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        do { try change.validate() } catch {
            progress?.finish()
            throw .tuning(error)
        }
        try await reconfigure(
            domain, operation: "change the scheduler parameters", reading: [.config.cpuAllocation], progress: progress
        ) { properties throws(ESXError) in
            let current = properties[.config.cpuAllocation] ?? ResourceAllocationInfo()
            let merged = current.merged(reservation: change.reservation, limit: change.limit, shares: change.shares?.sharesInfo)
            if let limit = merged.limit, limit != -1, let reservation = merged.reservation, limit < reservation {
                throw .tuning(.invalidArgument(
                    "cannot set limit to \(limit) MHz: below the reservation of \(reservation) MHz"))
            }
            var spec = VirtualMachineConfigSpec()
            spec.cpuAllocation = merged
            return spec
        }
    }

    static func scheduler(from allocation: ResourceAllocationInfo?) -> SchedulerParameters {
        let shares = allocation?.shares
        return SchedulerParameters(
            reservation: allocation?.reservation ?? 0, limit: allocation?.limit ?? -1,
            shares: shares.map(CPUShares.init) ?? .normal, sharesValue: shares?.shares)
    }
}
