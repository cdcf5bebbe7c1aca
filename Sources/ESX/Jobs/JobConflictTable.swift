/// Which operation conflicts with which running job: the one place that decides.
///
/// A vSphere VM runs one long task at a time and a half-done disk copy, snapshot change or
/// move must not be combined with changes to the VM's identity, disks or placement (seed 003:
/// block copy forbids snapshots, migration, hot-unplug of disks and persistence changes).
///
/// | operation \ job | diskCopy | snapshotCreate | snapshotRevert | snapshotRemove | migration | relocation |
/// |-----------------|:--------:|:--------------:|:--------------:|:--------------:|:---------:|:----------:|
/// | undefine        |    x     |       x        |       x        |       x        |     x     |     x      |
/// | redefine        |    x     |       x        |       x        |       x        |     x     |     x      |
/// | snapshotCreate  |    x     |       x        |       x        |       x        |     x     |     x      |
/// | snapshotRevert  |    x     |       x        |       x        |       x        |     x     |     x      |
/// | snapshotRemove  |    x     |       x        |       x        |       x        |     x     |     x      |
/// | migrate         |    x     |       x        |       x        |       x        |     x     |     x      |
/// | relocate        |    x     |       x        |       x        |       x        |     x     |     x      |
/// | diskCopy        |    x     |       x        |       x        |       x        |     x     |     x      |
/// | diskHotUnplug   |    x     |       x        |       x        |       x        |     x     |     x      |
/// | reconfigure     |    -     |       x        |       x        |       x        |     x     |     x      |
///
/// `reconfigure` (CPU, memory, annotation...) is allowed during a disk copy, which only reads
/// the disk; a reconfiguration that removes a disk is `diskHotUnplug`.
public enum JobConflictTable {
    public static let rows: [GuardedOperation: Set<DomainJob>] = [
        .undefine: Set(DomainJob.allCases),
        .redefine: Set(DomainJob.allCases),
        .snapshotCreate: Set(DomainJob.allCases),
        .snapshotRevert: Set(DomainJob.allCases),
        .snapshotRemove: Set(DomainJob.allCases),
        .migrate: Set(DomainJob.allCases),
        .relocate: Set(DomainJob.allCases),
        .diskCopy: Set(DomainJob.allCases),
        .diskHotUnplug: Set(DomainJob.allCases),
        .reconfigure: [.snapshotCreate, .snapshotRevert, .snapshotRemove, .migration, .relocation],
    ]

    /// Whether `operation` must be refused while `job` runs.
    public static func conflicts(_ operation: GuardedOperation, with job: DomainJob) -> Bool {
        rows[operation]?.contains(job) ?? false
    }
}
