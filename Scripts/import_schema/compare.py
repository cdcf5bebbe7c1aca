"""Compare the schema imported from pyvmomi with a server's WSDL (source_wsdl).

Differences that are expected by construction are not reported:
- typed references (`ManagedObjectReference:T`) against the WSDL's bare ManagedObjectReference;
- a member the importer made optional because it is newer than its type (`# required since`);
- RuntimeFault in an operation's faults (the WSDL lists it on every operation);
- DynamicData, which the importer does not declare, and the WSDL's `ArrayOf*` wrappers.
"""

from typing import Dict, List

from .model import Member, Schema

IGNORED_TYPES = {"DynamicData"}
IGNORED_FAULTS = {"RuntimeFault"}


def _wire(token: str) -> str:
    return "ManagedObjectReference" if token.startswith("ManagedObjectReference:") else token


def _member_differences(where: str, ours: List[Member], theirs: List[Member],
                        lines: List[str]) -> None:
    ours_by_name = {m.name: m for m in ours}
    theirs_by_name = {m.name: m for m in theirs}
    for m in theirs:
        if m.name not in ours_by_name:
            lines.append("%s.%s: only in the WSDL (%s %s)" % (where, m.name, m.type, m.occ))
    for m in ours:
        if m.name not in theirs_by_name:
            lines.append("%s.%s: only in pyvmomi (%s %s)" % (where, m.name, m.type, m.occ))
            continue
        other = theirs_by_name[m.name]
        if _wire(m.type) != other.type:
            lines.append("%s.%s: type %s, WSDL %s" % (where, m.name, m.type, other.type))
        if m.occ != other.occ:
            late = m.comment and "required since" in m.comment
            if not (late and m.occ[0] == "o" and other.occ[0] == "r"
                    and m.occ[1:] == other.occ[1:]):
                lines.append("%s.%s: occurrence %s, WSDL %s" % (where, m.name, m.occ, other.occ))
    common_ours = [m.name for m in ours if m.name in theirs_by_name]
    common_theirs = [m.name for m in theirs if m.name in ours_by_name]
    if common_ours != common_theirs:
        lines.append("%s: member order differs" % where)


def compare(ours: Schema, theirs: Schema) -> Dict[str, List[str]]:
    """Differences by section: types, members, enums, methods."""
    report: Dict[str, List[str]] = {"types": [], "members": [], "enums": [], "methods": []}
    for name in sorted(set(theirs.objects) - set(ours.objects) - IGNORED_TYPES):
        report["types"].append("%s: only in the WSDL" % name)
    for name in sorted(set(ours.objects) - set(theirs.objects) - IGNORED_TYPES):
        report["types"].append("%s: only in pyvmomi" % name)
    for name in sorted(set(ours.objects) & set(theirs.objects)):
        ours_type, theirs_type = ours.objects[name], theirs.objects[name]
        theirs_parent = None if theirs_type.parent in IGNORED_TYPES else theirs_type.parent
        if ours_type.parent != theirs_parent:
            report["types"].append("%s: extends %s, WSDL %s"
                                   % (name, ours_type.parent, theirs_parent))
        _member_differences(name, ours_type.members, theirs_type.members, report["members"])
    for name in sorted(set(theirs.enums) - set(ours.enums)):
        report["enums"].append("%s: only in the WSDL" % name)
    for name in sorted(set(ours.enums) - set(theirs.enums)):
        report["enums"].append("%s: only in pyvmomi" % name)
    for name in sorted(set(ours.enums) & set(theirs.enums)):
        ours_values = [v.name for v in ours.enums[name].values]
        theirs_values = [v.name for v in theirs.enums[name].values]
        for value in theirs_values:
            if value not in ours_values:
                report["enums"].append("%s.%s: only in the WSDL" % (name, value))
        for value in ours_values:
            if value not in theirs_values:
                report["enums"].append("%s.%s: only in pyvmomi" % (name, value))
    for name in sorted(set(theirs.methods) - set(ours.methods)):
        report["methods"].append("%s: only in the WSDL" % name)
    for name in sorted(set(ours.methods) - set(theirs.methods)):
        report["methods"].append("%s: only in pyvmomi" % name)
    for name in sorted(set(ours.methods) & set(theirs.methods)):
        mine, other = ours.methods[name], theirs.methods[name]
        _member_differences(name, mine.params[1:], other.params[1:], report["methods"])
        mine_result = (_wire(mine.returns.type), mine.returns.occ) if mine.returns else None
        other_result = (other.returns.type, other.returns.occ) if other.returns else None
        if mine_result != other_result:
            report["methods"].append("%s: returns %s, WSDL %s" % (name, mine_result, other_result))
        mine_faults = set(mine.faults) - IGNORED_FAULTS
        other_faults = set(other.faults) - IGNORED_FAULTS
        if mine_faults != other_faults:
            report["methods"].append("%s: faults only in pyvmomi %s, only in the WSDL %s" % (
                name, sorted(mine_faults - other_faults), sorted(other_faults - mine_faults)))
    return report


def format_report(report: Dict[str, List[str]]) -> str:
    lines = []
    for section in ("types", "members", "enums", "methods"):
        entries = report[section]
        lines.append("%s: %d difference%s" % (section, len(entries), "" if len(entries) == 1
                                                else "s"))
        lines.extend("  " + entry for entry in entries)
    return "\n".join(lines) + "\n"
