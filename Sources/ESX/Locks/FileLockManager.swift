import Foundation
import Synchronization

/// The `lockd` plugin's manager for one domain.
///
/// Conflicts are decided on the lease record; the kernel lock on byte 0 of each lease file
/// tells whether a recorded holder's process is alive. A conflicting holder whose process is
/// gone is reclaimed only when ``LeaseLivenessChecking`` says its domain is down.
///
/// The state lock is never held across a suspension: an operation that rewrites lease records
/// (which may wait for another host's update lock) moves the manager to `.updating` first,
/// refusing other operations until it is done.
final class FileLockManager: DomainLockManager {
    let domain: LockDomainParameters
    let start: LockManagerStart
    let configuration: LockPluginConfiguration
    /// Identifies this manager's entries in lease records.
    let leaseID = UUID().uuidString

    private enum Phase: String {
        case idle = "not holding leases"
        case acquiring = "acquiring leases"
        case acquired = "holding leases"
        case updating = "updating leases"
        case migratingOut = "migrating out"
        case incoming = "migrating in"
        case closed = "shut down"
    }

    private struct Held {
        var resource: LockResource
        var file: LeaseFile
        var mode: LeaseMode
        /// The kernel lock is shared but the lease is exclusive (after a migration): upgrade later.
        var kernelPending: Bool
    }

    private struct State {
        var registered: [LockResource] = []
        var held: [String: Held] = [:]
        var phase: Phase = .idle
        var migrationTarget: String?
    }

    private let state = Mutex(State())

    init(domain: LockDomainParameters, start: LockManagerStart, configuration: LockPluginConfiguration) {
        self.domain = domain
        self.start = start
        self.configuration = configuration
    }

    deinit {
        state.withLock { s in
            for held in s.held.values { held.file.close() }  // kernel locks go; records stay (the lease outlives us)
        }
    }

    var resources: [LockResource] { state.withLock { $0.registered } }

    func register(_ resource: LockResource) throws(LockError) {
        try state.withLock { s throws(LockError) in
            guard s.phase == .idle else { throw .invalidState(operation: "register a resource", state: s.phase.rawValue) }
            s.registered.append(resource)
        }
    }

    func acquireObject() async throws(LockError) {
        let wanted: [LockResource] = try state.withLock { s throws(LockError) in
            guard s.phase == .idle else { throw .invalidState(operation: "acquire the object", state: s.phase.rawValue) }
            s.phase = .acquiring
            return Self.strongest(s.registered)
        }
        var taken: [String: Held] = [:]
        do {
            for resource in wanted {
                guard let mode = resource.mode else { continue }
                taken[resource.key] = try await takeLease(resource, mode: mode)
            }
        } catch {
            for held in taken.values { await releaseQuietly(held) }
            state.withLock { s in if s.phase == .acquiring { s.phase = .idle } }
            throw error
        }
        let phase: Phase = start == .migrateIn ? .incoming : .acquired
        let stillAcquiring = state.withLock { s in
            guard s.phase == .acquiring else { return false }  // shut down meanwhile
            s.held = taken
            s.phase = phase
            return true
        }
        if !stillAcquiring {
            for held in taken.values { await releaseQuietly(held) }
            throw .invalidState(operation: "acquire the object", state: Phase.closed.rawValue)
        }
    }

    func release() async throws(LockError) {
        let held = try state.withLock { s throws(LockError) in
            guard s.phase != .acquiring, s.phase != .updating, s.phase != .closed else {
                throw .invalidState(operation: "release", state: s.phase.rawValue)
            }
            defer { s.held = [:] }
            s.phase = .updating
            return s.held
        }
        defer { state.withLock { $0.phase = .idle } }
        try await releaseAll(held)
    }

    func acquire(_ resource: LockResource) async throws(LockError) {
        try state.withLock { s throws(LockError) in
            guard s.phase == .acquired else { throw .invalidState(operation: "acquire a resource", state: s.phase.rawValue) }
            retryPending(&s)
            if let existing = s.held[resource.key], resource.mode != .exclusive || existing.mode == .exclusive {
                s.registered.append(resource)  // already covered
                return
            }
        }
        guard let mode = resource.mode else {
            state.withLock { $0.registered.append(resource) }
            return
        }
        let held = try await takeLease(resource, mode: mode)
        let stale: Held? = state.withLock { s in
            guard s.phase == .acquired else { return held }
            let previous = s.held[resource.key]
            s.held[resource.key] = held
            s.registered.append(resource)
            return previous
        }
        if let stale { await releaseQuietly(stale) }
    }

    func release(_ resource: LockResource) async throws(LockError) {
        let held: Held? = try state.withLock { s throws(LockError) in
            guard s.phase == .acquired else { throw .invalidState(operation: "release a resource", state: s.phase.rawValue) }
            retryPending(&s)
            guard s.registered.contains(where: { $0.key == resource.key }) else { throw .notHeld(resource: resource.name) }
            s.registered.removeAll { $0.key == resource.key }
            return s.held.removeValue(forKey: resource.key)
        }
        if let held { try await releaseLease(held) }
    }

    func prepareMigrate(to host: String) async throws(LockError) {
        let (_, held) = try beginUpdate("prepare a migration", from: [.acquired])
        // Lets the target join; converting never blocks. The exclusive upgrade waits for the commit.
        let share = { (held: Held) throws(LockError) -> Bool in
            _ = try held.file.tryLease(.shared)
            return held.mode == .exclusive
        }
        try await rewrite(
            held, then: .migratingOut, migrationTarget: host, orBackTo: .acquired, relock: share
        ) { record in
            for i in record.holders.indices where record.holders[i].leaseID == leaseID {
                record.holders[i].state = .migratingOut
                record.holders[i].migrationTarget = host
            }
        }
    }

    func completeMigrateIn(_ outcome: MigrationOutcome) async throws(LockError) {
        let (phase, held) = try beginUpdate("complete a migration", from: [.migratingOut, .incoming])
        // Takes the exclusive kernel lock back where the lease is exclusive; true while pending.
        let upgrade: (Held) -> Bool = { held in
            held.mode == .exclusive && !((try? held.file.tryLease(.exclusive)) ?? false)
        }
        switch (phase, outcome) {
        case (.migratingOut, .commit), (.incoming, .cancel):
            // The target owns the leases now, or the migration in failed: let go of everything.
            state.withLock { $0.held = [:] }
            defer { endUpdate(.idle, migrationTarget: nil) }
            try await releaseAll(held)
        case (.migratingOut, .cancel):
            try await rewrite(held, then: .acquired, migrationTarget: nil, orBackTo: phase, relock: upgrade) { record in
                for i in record.holders.indices where record.holders[i].leaseID == leaseID {
                    record.holders[i].state = .active
                    record.holders[i].migrationTarget = nil
                }
            }
        case (.incoming, .commit):
            try await rewrite(held, then: .acquired, migrationTarget: nil, orBackTo: phase, relock: upgrade) { record in
                record.holders.removeAll { $0.domainUUID == domain.uuid && $0.state == .migratingOut }
                for i in record.holders.indices where record.holders[i].leaseID == leaseID {
                    record.holders[i].state = .active
                }
            }
        default:  // beginUpdate allows no other phase
            state.withLock { $0.phase = phase }
            throw .invalidState(operation: "complete a migration", state: phase.rawValue)
        }
    }

    func shutdown() async throws(LockError) {
        let held: [String: Held]? = try state.withLock { s throws(LockError) in
            guard s.phase != .closed else { return nil }
            guard s.phase != .updating else { throw .invalidState(operation: "shut down", state: s.phase.rawValue) }
            defer {
                s.held = [:]
                s.phase = .closed
            }
            return s.held
        }
        if let held { try await releaseAll(held) }
    }

    // MARK: Rewriting records outside the state lock

    /// Moves from one of `allowed` phases to `.updating`; returns the phase left and the leases.
    private func beginUpdate(_ operation: String, from allowed: [Phase]) throws(LockError) -> (Phase, [String: Held]) {
        try state.withLock { s throws(LockError) in
            guard allowed.contains(s.phase) else { throw .invalidState(operation: operation, state: s.phase.rawValue) }
            let phase = s.phase
            s.phase = .updating
            return (phase, s.held)
        }
    }

    /// Leaves `.updating` for `phase`, marking the kernel upgrades still pending.
    private func endUpdate(_ phase: Phase, migrationTarget: String?, pending: [String: Bool] = [:]) {
        state.withLock { s in
            for (key, isPending) in pending { s.held[key]?.kernelPending = isPending }
            s.phase = phase
            s.migrationTarget = migrationTarget
        }
    }

    /// Rewrites every held record with `change`, then sets its kernel lock with `relock`
    /// (true: an upgrade is still pending). Ends in `phase`, or back in `failurePhase`
    /// (with the migration target unchanged) when a rewrite fails.
    private func rewrite(
        _ held: [String: Held], then phase: Phase, migrationTarget: String?, orBackTo failurePhase: Phase,
        relock: (Held) throws(LockError) -> Bool, change: (inout LeaseRecord) -> Void
    ) async throws(LockError) {
        var pending: [String: Bool] = [:]
        do {
            for (key, lease) in held {
                try await update(lease, change)
                pending[key] = try relock(lease)
            }
        } catch {
            let target = state.withLock { $0.migrationTarget }
            endUpdate(failurePhase, migrationTarget: target, pending: pending)
            throw error
        }
        endUpdate(phase, migrationTarget: migrationTarget, pending: pending)
    }

    // MARK: Taking a lease

    /// What to do with a recorded holder when taking a lease.
    private enum Verdict {
        case keep, drop, stale, busy
    }

    private func takeLease(_ resource: LockResource, mode: LeaseMode) async throws(LockError) -> Held {
        let path = LeaseFile.path(for: resource, in: configuration.directory)
        var confirmedDown: Set<String> = []
        for _ in 0..<4 {
            let file = try await LeaseFile.openLocked(
                path: path, resource: resource.name, timeout: configuration.updateTimeout)
            var stale: [LeaseHolder] = []
            do {
                // A target joins the source's shared kernel lock and upgrades at commit.
                let kernelMode: LeaseMode = start == .migrateIn ? .shared : mode
                let gotKernel = try file.tryLease(kernelMode)
                var record = try file.readRecord() ?? LeaseRecord(resource: resource)
                var kept: [LeaseHolder] = []
                for holder in record.holders {
                    switch try verdict(on: holder, resource: resource.name, mode: mode, gotKernel: gotKernel, confirmedDown: confirmedDown) {
                    case .keep: kept.append(holder)
                    case .drop: break
                    case .stale: stale.append(holder)
                    case .busy: throw LockError.resourceBusy(resource: resource.name, holder: holder)
                    }
                }
                if !gotKernel {
                    // Someone alive holds the kernel lock without a conflicting record: name them anyway.
                    throw LockError.resourceBusy(
                        resource: resource.name, holder: record.holders.first ?? unknownHolder(mode: mode))
                }
                if stale.isEmpty {
                    let state: LeaseHolder.State = start == .migrateIn ? .incoming : .active
                    kept.append(
                        LeaseHolder(
                            leaseID: leaseID, domain: domain, managementHost: configuration.hostName, pid: getpid(),
                            mode: mode, state: state))
                    record.holders = kept
                    record.resource = resource.name
                    try file.writeRecord(record)
                    file.unlockUpdates()
                    return Held(
                        resource: resource, file: file, mode: mode,
                        kernelPending: kernelMode != mode)
                }
            } catch let error as LockError {
                file.close()
                throw error
            } catch {
                file.close()
                throw .io(path: path, operation: "acquire", errno: 0)
            }
            // Ask about the stale holders without holding the file, then look again.
            file.close()
            for holder in stale {
                let running: Bool
                if let liveness = configuration.liveness {
                    running = (try? await liveness.isDomainRunning(uuid: holder.domainUUID, name: holder.domainName)) ?? true
                } else {
                    running = true
                }
                if running { throw .resourceBusy(resource: resource.name, holder: holder) }
                confirmedDown.insert(holder.leaseID)
            }
        }
        throw .timedOut(resource: resource.name)
    }

    private func verdict(on holder: LeaseHolder, resource: String, mode: LeaseMode, gotKernel: Bool, confirmedDown: Set<String>)
        throws(LockError) -> Verdict
    {
        if holder.leaseID == leaseID { return .drop }
        if holder.domainUUID == domain.uuid {
            if start == .migrateIn {
                switch holder.state {
                case .migratingOut:
                    if let host = domain.host, holder.migrationTarget != host {
                        throw .migrationMismatch(
                            resource: resource, expected: host, found: holder.migrationTarget ?? "none")
                    }
                    return .keep
                case .active:
                    throw .migrationMismatch(resource: resource, expected: domain.host ?? "any", found: "none")
                case .incoming:
                    return gotKernel ? .drop : .busy
                }
            }
            // Our own domain's lease from an earlier client: adopt it unless that client still runs.
            return gotKernel ? .drop : .busy
        }
        if holder.mode == .shared && mode == .shared { return .keep }
        if !gotKernel { return .busy }
        return confirmedDown.contains(holder.leaseID) ? .drop : .stale
    }

    private func unknownHolder(mode: LeaseMode) -> LeaseHolder {
        LeaseHolder(
            leaseID: "", domain: LockDomainParameters(uuid: "unknown", name: "unknown"),
            managementHost: "unknown", pid: 0, mode: mode)
    }

    // MARK: Releasing

    private func releaseAll(_ held: [String: Held]) async throws(LockError) {
        var firstError: LockError?
        for lease in held.values {
            do { try await releaseLease(lease) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Removes this manager's entry from the record (the file too when nobody is left) and
    /// drops the kernel lock. The file is closed on every path.
    private func releaseLease(_ held: Held) async throws(LockError) {
        defer { held.file.close() }
        try await update(held) { record in record.holders.removeAll { $0.leaseID == leaseID } }
    }

    private func releaseQuietly(_ held: Held) async {
        do { try await releaseLease(held) } catch { held.file.close() }
    }

    /// Rewrites a held lease's record under the update lock; an empty record removes the file.
    private func update(_ held: Held, _ change: (inout LeaseRecord) -> Void) async throws(LockError) {
        try await held.file.lockUpdates(
            resource: held.resource.name, deadline: ContinuousClock.now + configuration.updateTimeout)
        defer { held.file.unlockUpdates() }
        var record = try held.file.readRecord() ?? LeaseRecord(resource: held.resource)
        change(&record)
        if record.holders.isEmpty {
            held.file.unlink()
        } else {
            try held.file.writeRecord(record)
        }
    }

    /// Upgrades kernel locks left shared by a migration once the other side let go.
    private func retryPending(_ s: inout State) {
        for (key, held) in s.held where held.kernelPending {
            if (try? held.file.tryLease(held.mode)) == true { s.held[key]?.kernelPending = false }
        }
    }

    /// One entry per lease identity, with the strongest mode asked for.
    static func strongest(_ resources: [LockResource]) -> [LockResource] {
        var order: [String] = []
        var best: [String: LockResource] = [:]
        func rank(_ r: LockResource) -> Int { r.mode == .exclusive ? 2 : r.mode == .shared ? 1 : 0 }
        for resource in resources {
            if let current = best[resource.key] {
                if rank(resource) > rank(current) { best[resource.key] = resource }
            } else {
                order.append(resource.key)
                best[resource.key] = resource
            }
        }
        return order.compactMap { best[$0] }
    }
}
