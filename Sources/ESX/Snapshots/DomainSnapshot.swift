import Foundation
import VI

/// A snapshot of a domain, with its place in the snapshot tree.
public struct DomainSnapshot: Sendable, Hashable {
    /// The snapshot's managed object.
    public var snapshot: VirtualMachineSnapshot
    public var name: String
    /// Empty when the snapshot has none.
    public var description: String
    public var creationTime: Date
    /// The power state the domain was in when the snapshot was taken.
    public var state: DomainState
    public var quiesced: Bool
    /// The parent snapshot's name; nil for a root.
    public var parent: String?
    /// Whether this is the domain's current snapshot.
    public var isCurrent: Bool
    /// Child snapshots, oldest first as the server lists them.
    public var children: [DomainSnapshot]

    public init(
        snapshot: VirtualMachineSnapshot, name: String, description: String = "", creationTime: Date,
        state: DomainState, quiesced: Bool = false, parent: String? = nil, isCurrent: Bool = false,
        children: [DomainSnapshot] = []
    ) {
        self.snapshot = snapshot
        self.name = name
        self.description = description
        self.creationTime = creationTime
        self.state = state
        self.quiesced = quiesced
        self.parent = parent
        self.isCurrent = isCurrent
        self.children = children
    }

    /// The snapshot's managed object id, e.g. `snapshot-12`.
    public var managedObjectID: String { snapshot.ref.value }

    /// This snapshot and all its descendants, depth first (parents before children).
    public var flattened: [DomainSnapshot] { [self] + children.flatMap(\.flattened) }

    /// The number of descendants (children, their children...).
    public var descendantCount: Int { children.reduce(0) { $0 + 1 + $1.descendantCount } }
}

/// The snapshots of one domain: the roots of its tree and its current snapshot.
public struct DomainSnapshotTree: Sendable, Hashable {
    public var domain: Domain
    public var roots: [DomainSnapshot]

    public init(domain: Domain, roots: [DomainSnapshot]) {
        self.domain = domain
        self.roots = roots
    }

    /// Every snapshot, depth first.
    public var all: [DomainSnapshot] { roots.flatMap(\.flattened) }

    /// The current snapshot, if any.
    public var current: DomainSnapshot? { all.first { $0.isCurrent } }

    /// The snapshot named `name`, if any (the first in depth-first order).
    public func snapshot(named name: String) -> DomainSnapshot? { all.first { $0.name == name } }

    /// Builds the tree from the server's `snapshot` property.
    init(domain: Domain, info: VirtualMachineSnapshotInfo?) {
        let current = info?.currentSnapshot?.ref
        func convert(_ tree: VirtualMachineSnapshotTree, parent: String?) -> DomainSnapshot {
            DomainSnapshot(
                snapshot: tree.snapshot, name: tree.name, description: tree.description,
                creationTime: tree.createTime, state: DomainState(tree.state), quiesced: tree.quiesced,
                parent: parent, isCurrent: tree.snapshot.ref == current,
                children: tree.childSnapshotList.map { convert($0, parent: tree.name) })
        }
        self.init(domain: domain, roots: (info?.rootSnapshotList ?? []).map { convert($0, parent: nil) })
    }
}
