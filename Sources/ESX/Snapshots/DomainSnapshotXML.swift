import Foundation

/// libvirt's `<domainsnapshot>` XML for a snapshot, as `virsh snapshot-dumpxml` prints it for
/// the ESX driver: name, description, state, parent, creation time (seconds since 1970) and a
/// minimal `<domain>` holding only the domain's UUID (the ESX driver keeps no domain definition
/// with a snapshot).
public enum DomainSnapshotXML {
    public static func format(_ snapshot: DomainSnapshot, domainUUID: String?) -> String {
        var lines = ["<domainsnapshot>", "  <name>\(escape(snapshot.name))</name>"]
        if !snapshot.description.isEmpty {
            lines.append("  <description>\(escape(snapshot.description))</description>")
        }
        lines.append("  <state>\(state(snapshot.state))</state>")
        if let parent = snapshot.parent {
            lines += ["  <parent>", "    <name>\(escape(parent))</name>", "  </parent>"]
        }
        lines.append("  <creationTime>\(Int64(snapshot.creationTime.timeIntervalSince1970.rounded(.down)))</creationTime>")
        if let domainUUID {
            lines += ["  <domain>", "    <uuid>\(escape(domainUUID))</uuid>", "  </domain>"]
        }
        lines.append("</domainsnapshot>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// libvirt's snapshot state names (`nostate` for a power state it does not know).
    static func state(_ state: DomainState) -> String {
        switch state {
        case .running: "running"
        case .paused: "paused"
        case .shutoff: "shutoff"
        case .unknown: "nostate"
        }
    }

    /// Escapes markup characters and drops characters XML 1.0 cannot carry.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
