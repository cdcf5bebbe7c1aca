"""Print the schema model in the `format 2` grammar of Input/README.md.

Blocks are sorted so that the output is deterministic: enums, data objects, faults, managed
objects, methods, each by name (case-insensitively, then exactly). Members keep their declared
(WSDL sequence) order; enum values keep theirs.
"""

from typing import Dict, List, Optional

from .model import Member, Method, Object, Schema


def sort_key(name: str):
    return (name.casefold(), name)


def _attrs(since: Optional[str] = None, secret: bool = False) -> List[str]:
    result = []
    if since:
        result.append("since=" + since)
    if secret:
        result.append("secret")
    return result


def _table(rows: List[List[str]], comments: List[Optional[str]], indent: str = "    ") -> List[str]:
    """Align the first two columns (type, name); the rest follow separated by one space."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = []
    for row, comment in zip(rows, comments):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])] + row[2:]
        line = indent + " ".join(cells).rstrip()
        if comment:
            line += "  # " + comment
        lines.append(line)
    return lines


def _member_rows(members: List[Member]):
    rows = [[m.type, m.name, m.occ] + _attrs(m.since, m.secret) for m in members]
    return _table(rows, [m.comment for m in members])


def write_object(obj: Object) -> List[str]:
    header = ("managed object " if obj.kind == "managed" else "object ") + obj.name
    if obj.parent:
        header += " extends " + obj.parent
    header = " ".join([header] + _attrs(obj.since))
    lines = []
    if obj.comment:
        lines.append("# " + obj.comment)
    lines.append(header)
    lines.extend(_member_rows(obj.members))
    lines.append("end")
    return lines


def write_method(method: Method) -> List[str]:
    parts = ["method", method.name]
    if method.returns is not None:
        parts += ["returns", method.returns.type, method.returns.occ]
    parts += _attrs(method.since)
    if method.task_result:
        parts.append("task-result=" + method.task_result)
    if method.faults:
        parts.append("faults=" + ",".join(method.faults))
    header = " ".join(parts)
    if method.comment:
        header += "  # " + method.comment
    return [header] + _member_rows(method.params) + ["end"]


def write(schema: Schema) -> str:
    lines = ["format 2", ""]
    lines.extend(("# " + line).rstrip() for line in schema.header)
    if schema.header:
        lines.append("")

    def section(title: str) -> None:
        lines.append("# " + "-" * 94)
        lines.append("# " + title)
        lines.append("")

    section("Enums")
    for name in sorted(schema.enums, key=sort_key):
        enum = schema.enums[name]
        lines.append(" ".join(["enum", enum.name] + _attrs(enum.since)))
        for value in enum.values:
            lines.append("    " + " ".join([value.name] + _attrs(value.since)))
        lines.append("end")
        lines.append("")
    section("Data objects")
    for name in sorted((n for n, o in schema.objects.items() if not o.is_fault), key=sort_key):
        lines.extend(write_object(schema.objects[name]))
        lines.append("")
    section("Faults")
    for name in sorted((n for n, o in schema.objects.items() if o.is_fault), key=sort_key):
        lines.extend(write_object(schema.objects[name]))
        lines.append("")
    section("Managed objects")
    for name in sorted(schema.managed, key=sort_key):
        lines.extend(write_object(schema.managed[name]))
        lines.append("")
    section("Methods")
    for name in sorted(schema.methods, key=sort_key):
        lines.extend(write_method(schema.methods[name]))
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def count(schema: Schema) -> Dict[str, int]:
    """The counts printed by --counts and recorded in the file header."""
    objects = list(schema.objects.values())
    faults = [o for o in objects if o.is_fault]
    members = [m for o in objects + list(schema.managed.values()) for m in o.members]
    params = [p for method in schema.methods.values() for p in method.params]
    this_params = [method.params[0] for method in schema.methods.values()]
    other_params = [p for method in schema.methods.values() for p in method.params[1:]]
    results = [method.returns for method in schema.methods.values() if method.returns]
    task_results = [method.task_result for method in schema.methods.values()
                    if method.task_result]

    def typed_ref(token: str) -> bool:
        return token.startswith("ManagedObjectReference:")

    member_refs = sum(typed_ref(m.type) for m in members)
    param_refs = sum(typed_ref(p.type) for p in other_params)
    result_refs = sum(typed_ref(r.type) for r in results)
    task_refs = sum(typed_ref(t) for t in task_results)
    since_count = (sum(1 for o in objects + list(schema.managed.values()) if o.since)
                   + sum(1 for e in schema.enums.values() if e.since)
                   + sum(1 for m in members + params if m.since)
                   + sum(1 for m in schema.methods.values() if m.since))
    return {
        "data objects (incl. faults)": len(objects),
        "faults (MethodFault and its descendants)": len(faults),
        "faults extending MethodFault (excl. MethodFault)": sum(
            1 for o in faults if o.name != "MethodFault"),
        "enums": len(schema.enums),
        "enum values": sum(len(e.values) for e in schema.enums.values()),
        "managed objects": len(schema.managed),
        "methods": len(schema.methods),
        "members of data objects": sum(len(o.members) for o in objects),
        "properties of managed objects": sum(len(o.members) for o in schema.managed.values()),
        "parameters (excl. _this)": len(other_params),
        "typed MoRefs: members and properties": member_refs,
        "typed MoRefs: parameters (excl. _this)": param_refs,
        "typed MoRefs: results": result_refs,
        "typed MoRefs: task results": task_refs,
        "typed MoRefs: total (excl. _this)": member_refs + param_refs + result_refs + task_refs,
        "_this bound to ServiceContent": sum(1 for p in this_params if ":" in p.name),
        "_this typed": sum(1 for p in this_params if ":" not in p.name),
        "methods with faults": sum(1 for m in schema.methods.values() if m.faults),
        "methods returning a Task": sum(
            1 for m in schema.methods.values()
            if m.returns is not None and m.returns.type == "ManagedObjectReference:Task"),
        "task results": len(task_results),
        "secret members": sum(1 for m in members if m.secret),
        "secret parameters": sum(1 for p in params if p.secret),
        "LocalizedMethodFault uses": sum(
            1 for m in members + params + results if m.type == "LocalizedMethodFault")
            + sum(1 for t in task_results if t.startswith("LocalizedMethodFault")),
        "lists of primitives (members, params, results)": sum(
            1 for m in members + params + results
            if m.occ in ("rl", "ol") and m.type[:1].isupper() and m.type in PRIMITIVE_TOKENS),
        "since= attributes": since_count,
    }


PRIMITIVE_TOKENS = {"String", "Boolean", "Byte", "Short", "Int", "Long", "Float", "Double",
                    "DateTime", "Binary", "AnyType"}
