import ESX
import Foundation

/// How snapshots are shown: JSON objects, virsh's table and tree.
struct SnapshotJSON: Encodable {
    var name: String
    var description: String
    /// Seconds since 1970.
    var creationTime: Int64
    var state: String
    var parent: String?
    var current: Bool
    var quiesced: Bool
    var moref: String
    /// Set in tree output only.
    var children: [SnapshotJSON]?

    init(_ snapshot: DomainSnapshot, tree: Bool = false) {
        name = snapshot.name
        description = snapshot.description
        creationTime = Int64(snapshot.creationTime.timeIntervalSince1970.rounded(.down))
        state = snapshot.state.rawValue
        parent = snapshot.parent
        current = snapshot.isCurrent
        quiesced = snapshot.quiesced
        moref = snapshot.managedObjectID
        children = tree ? snapshot.children.map { SnapshotJSON($0, tree: true) } : nil
    }
}

enum SnapshotText {
    /// `2024-01-31 12:00:00 +0000`, as virsh prints creation times (UTC here).
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// virsh's `snapshot-list` columns.
    static func rows(_ snapshots: [DomainSnapshot]) -> [[String]] {
        snapshots.map { [$0.name, time($0.creationTime), $0.state.rawValue] }
    }

    /// virsh's `--tree` drawing: each child under its parent after `|` and `+- `.
    static func tree(_ roots: [DomainSnapshot]) -> [String] {
        var lines: [String] = []
        for (index, root) in roots.enumerated() {
            if index > 0 { lines.append("") }
            lines.append(root.name)
            append(root.children, prefix: "  ", to: &lines)
        }
        return lines
    }

    private static func append(_ children: [DomainSnapshot], prefix: String, to lines: inout [String]) {
        for (index, child) in children.enumerated() {
            let last = index == children.count - 1
            lines.append(prefix + "|")
            lines.append(prefix + "+- " + child.name)
            append(child.children, prefix: prefix + (last ? "    " : "|   "), to: &lines)
        }
    }
}
