"""Convert pyvmomi's tables (source_pyvmomi.RawTables) into the schema model.

The rules (also in Input/README.md, section "Importer"):

names     Every type is emitted under its WSDL name (pyvmomi records it next to the vmodl name:
          vim.vm.ConfigInfo -> VirtualMachineConfigInfo). Methods use the WSDL operation name,
          which may start lower-case (setCustomValue).
types     Primitives map to builtin tokens (PRIMITIVES). A managed type vim.X becomes the typed
          reference `ManagedObjectReference:<wsdl name of X>`; vmodl.ManagedObject stays an
          untyped `ManagedObjectReference`. `T[]` becomes the list occurrences rl / ol.
links     A member flagged F_LINK holds on the wire only the `key` of the object it names
          (pyvmomi serialises `val.key`), so its type is String (String list for arrays).
faults    Every member, parameter, return or task result that pyvmomi declares as
          vmodl.MethodFault (or any other fault type) is a LocalizedMethodFault on the wire:
          pyvmomi hides that wrapper, the WSDL does not (TaskInfo.error, MissingProperty.fault,
          HttpNfcLeaseAbort(fault), QueryFaultToleranceCompatibility's result, ...).
builtins  vmodl.DynamicData is not declared: types extending it (or vmodl.DataObject) get no
          `extends`. MethodFault, RuntimeFault and LocalizedMethodFault live in pyvmomi's
          VmomiSupport.py, not in the tables, and are declared here (BUILTIN_OBJECTS).
versions  Every pyvmomi version id maps to a dotted number (version_map). The baseline 2.0
          (vim.version.version1, vmodl.version.version0) is never written; newer versions are
          written as `since=` on types, enums and methods, and on members and parameters only
          when they are newer than their type or method.
late      A required member whose version is later than its type's version is written as
          optional (`o`/`ol`), because servers older than the member omit it; the line carries a
          comment `# required since V`.
secret    F_SECRET members and parameters get `secret`; a secret result (AcquireCloneTicket) only
          a comment, the grammar having no attribute for it.
tasks     A *_Task method returns `ManagedObjectReference:Task r`; the type of TaskInfo.result
          (pyvmomi's method result type) becomes `task-result=`, unless it is void.
_this     `_this` is bound to a ServiceContent member (`ManagedObjectReference _this:member r`)
          when the declaring managed type is, or descends from, the type of exactly one
          ServiceContent member and nothing else in the API refers to that member type, the
          declaring type or their descendants (see this_bindings); otherwise it is typed:
          `ManagedObjectReference:<declaring type> _this r`.
"""

import re
from typing import Dict, List, Optional, Set, Tuple

from . import patches as patch_table
from .model import Enum, EnumValue, Member, Method, Object, Schema
from .source_pyvmomi import (F_LINK, F_OPTIONAL, F_SECRET, RawDataType, RawManagedType,
                             RawProp, RawTables)

BASELINE_VERSION = "2.0"

PRIMITIVES = {
    "string": "String",
    "vmodl.TypeName": "String",
    "vmodl.PropertyPath": "String",
    "vmodl.MethodName": "String",
    "vmodl.URI": "String",
    "boolean": "Boolean",
    "bool": "Boolean",
    "byte": "Byte",
    "short": "Short",
    "int": "Int",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "vmodl.DateTime": "DateTime",
    "vmodl.Binary": "Binary",
    "anyType": "AnyType",
    "vmodl.ManagedObject": "ManagedObjectReference",
}

# Parents that are not emitted: types extending them get no `extends`.
ROOT_DATA_TYPES = {"vmodl.DynamicData", "vmodl.DataObject"}
ROOT_MANAGED_TYPES = {"vmodl.ManagedObject"}
NOT_DECLARED = {"vmodl.DynamicData"}

METHOD_FAULT = "vmodl.MethodFault"
RUNTIME_FAULT = "vmodl.RuntimeFault"
LOCALIZED_METHOD_FAULT = "vmodl.LocalizedMethodFault"
SERVICE_CONTENT = "vim.ServiceInstanceContent"
TASK = "vim.Task"

# The types pyVmomi/VmomiSupport.py creates in code rather than in the tables
# (CreateAndLoadMethodFaultType and the block after `if wsdlName == "DynamicData"`), in the same
# shape as a table entry. MethodFault's pyvmomi-only `msg` property (the SOAP faultstring) is not
# a WSDL element and is left out.
BUILTIN_OBJECTS = [
    RawDataType(METHOD_FAULT, "MethodFault", "vmodl.DynamicData", "vmodl.version.version0", [],
                "VmomiSupport"),
    RawDataType(RUNTIME_FAULT, "RuntimeFault", METHOD_FAULT, "vmodl.version.version0", [],
                "VmomiSupport"),
    RawDataType(LOCALIZED_METHOD_FAULT, "LocalizedMethodFault", "vmodl.DynamicData",
                "vmodl.version.version0", [], "VmomiSupport"),
]


def _builtin_props():
    return {
        METHOD_FAULT: [
            RawProp("faultCause", METHOD_FAULT, "vmodl.version.version1", F_OPTIONAL),
            RawProp("faultMessage", "vmodl.LocalizableMessage[]", "vmodl.version.version1",
                    F_OPTIONAL),
        ],
        RUNTIME_FAULT: [],
        LOCALIZED_METHOD_FAULT: [
            # `fault` is the one place where the wire carries a bare MethodFault (with xsi:type).
            RawProp("fault", "!MethodFault", "vmodl.version.version0", 0),
            RawProp("localizedMessage", "string", "vmodl.version.version0", F_OPTIONAL),
        ],
    }


class ConvertError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Versions

_DOTTED = re.compile(r"^\d+(\.\d+)*$")


def version_key(dotted: str) -> Tuple[int, ...]:
    parts = [int(part) for part in dotted.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def version_map(tables: RawTables, overrides: Dict[str, str]) -> Dict[str, str]:
    """Map every pyvmomi version id to a dotted version number.

    vim.version.* ids carry their number (AddVersion's third argument), except where the
    patch table overrides it. Other ids (vmodl.version.*, vmodl.query.version.*,
    vmodl.reflect.version.*) have no vim25 number: they map to the oldest vim.version.* that
    includes them (AddVersionParent)."""
    result: Dict[str, str] = {}
    vim_ids = [name for name in tables.versions if name.startswith("vim.version.")]
    for name in vim_ids:
        dotted = overrides.get(name, tables.versions[name].version_id)
        if not _DOTTED.match(dotted):
            raise ConvertError("version %s has no dotted number (%r); add it to "
                               "patches.VERSION_OVERRIDES" % (name, dotted))
        result[name] = dotted
    # The parent relation must agree with the numeric order.
    for name in vim_ids:
        for parent in tables.parents.get(name, ()):
            if parent in result and version_key(result[parent]) > version_key(result[name]):
                raise ConvertError("version %s (%s) includes %s (%s), which is newer"
                                   % (name, result[name], parent, result[parent]))
    for name in tables.versions:
        if name in result:
            continue
        including = [vim for vim in vim_ids
                     if vim == name or name in tables.parents.get(vim, ())]
        if not including:
            raise ConvertError("version %s is not part of any vim.version" % name)
        result[name] = min((result[vim] for vim in including), key=version_key)
    return result


# --------------------------------------------------------------------------------------------
# The converter


class Converter:
    def __init__(self, tables: RawTables, patches=patch_table):
        self.tables = tables
        self.patches = patches
        overrides = {name: value for name, value in patches.VERSION_OVERRIDES.items()
                     if name in tables.versions}
        self.versions = version_map(tables, overrides)
        self.version_patches = ["version %s (%r) -> %s" % (
            name, tables.versions[name].version_id, value)
            for name, value in sorted(overrides.items())]
        self.data: Dict[str, RawDataType] = {}
        for raw in tables.data_types:
            if raw.name in self.data:
                raise ConvertError("data type %s defined twice" % raw.name)
            self.data[raw.name] = raw
        for raw in BUILTIN_OBJECTS:
            self.data.setdefault(raw.name, raw)
        self.builtin_props = _builtin_props()
        self.managed: Dict[str, RawManagedType] = {m.name: m for m in tables.managed_types}
        self.enums = {e.name: e for e in tables.enums}
        self.wsdl: Dict[str, str] = {}
        for table in (self.data, self.managed, self.enums):
            for name, raw in table.items():
                self.wsdl[name] = raw.wsdl_name
        names: Dict[str, str] = {}
        for name, wsdl in self.wsdl.items():
            if name in NOT_DECLARED:
                continue
            if wsdl in names:
                raise ConvertError("WSDL name %s used by %s and %s" % (wsdl, names[wsdl], name))
            names[wsdl] = name
        self.counts: Dict[str, int] = {}

    # -- helpers ------------------------------------------------------------------------------

    def version(self, version_id: str) -> str:
        try:
            return self.versions[version_id]
        except KeyError:
            raise ConvertError("unknown version %s" % version_id)

    def since(self, version_id: str) -> Optional[str]:
        dotted = self.version(version_id)
        return None if version_key(dotted) <= version_key(BASELINE_VERSION) else dotted

    def since_within(self, version_id: str, owner_id: str) -> Optional[str]:
        """`since=` of a member or parameter: only when it is later than its owner's version
        (a member without `since=` exists whenever its type or method does)."""
        return self.since(version_id) if self.later(version_id, owner_id) else None

    def later(self, version_id: str, than_id: str) -> bool:
        return version_key(self.version(version_id)) > version_key(self.version(than_id))

    def is_fault(self, name: str) -> bool:
        seen = set()
        while name in self.data and name not in seen:
            if name == METHOD_FAULT:
                return True
            seen.add(name)
            name = self.data[name].parent
        return name == METHOD_FAULT

    def wire_type(self, type_name: str, flags: int, where: str) -> Tuple[str, bool]:
        """(type token, is list) for a pyvmomi type name."""
        is_list = type_name.endswith("[]")
        base = type_name[:-2] if is_list else type_name
        if base == "!MethodFault":
            return "MethodFault", is_list
        if flags & F_LINK:
            return "String", is_list
        if base in self.data and self.is_fault(base):
            return "LocalizedMethodFault", is_list
        if base in PRIMITIVES:
            return PRIMITIVES[base], is_list
        if base in NOT_DECLARED:
            raise ConvertError("%s: type %s is not declared" % (where, base))
        if base in self.data or base in self.enums:
            return self.wsdl[base], is_list
        if base in self.managed:
            return "ManagedObjectReference:" + self.wsdl[base], is_list
        raise ConvertError("%s: unknown type %s" % (where, type_name))

    @staticmethod
    def occurrence(is_list: bool, optional: bool) -> str:
        if is_list:
            return "ol" if optional else "rl"
        return "o" if optional else "r"

    def bump(self, key: str, amount: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount

    def member(self, prop, owner_version: str, where: str) -> Member:
        token, is_list = self.wire_type(prop.type, prop.flags, where)
        optional = bool(prop.flags & F_OPTIONAL)
        comments = []
        if not optional and self.later(prop.version, owner_version):
            optional = True
            comments.append("required since %s" % self.version(prop.version))
            self.bump("late required members made optional")
        if prop.flags & F_LINK:
            target = prop.type[:-2] if is_list else prop.type
            comments.append("key of a %s (link)" % self.wsdl.get(target, target))
            self.bump("link members (key strings)")
        return Member(token, prop.name, self.occurrence(is_list, optional),
                      self.since_within(prop.version, owner_version),
                      bool(prop.flags & F_SECRET), "; ".join(comments) or None)

    # -- blocks -------------------------------------------------------------------------------

    def convert(self) -> Schema:
        schema = Schema()
        schema.applied_patches.extend(self.version_patches)
        for raw in self.enums.values():
            schema.enums[raw.wsdl_name] = Enum(
                raw.wsdl_name, [EnumValue(value) for value in raw.values], self.since(raw.version))
        for name, raw in self.data.items():
            if name in NOT_DECLARED:
                continue
            props = self.builtin_props.get(name, raw.props)
            parent = None if raw.parent in ROOT_DATA_TYPES else self.wsdl_parent(raw, self.data)
            obj = Object(raw.wsdl_name, "object", parent, self.since(raw.version),
                         is_fault=self.is_fault(name))
            for prop in props:
                obj.members.append(self.member(prop, raw.version,
                                               "%s.%s" % (raw.wsdl_name, prop.name)))
            schema.objects[obj.name] = obj
        for name, raw in self.managed.items():
            parent = (None if raw.parent in ROOT_MANAGED_TYPES
                      else self.wsdl_parent(raw, self.managed))
            obj = Object(raw.wsdl_name, "managed", parent, self.since(raw.version))
            for prop in raw.props:
                obj.members.append(self.member(prop, raw.version,
                                               "%s.%s" % (raw.wsdl_name, prop.name)))
            schema.managed[obj.name] = obj
        bindings = self.this_bindings()
        for raw in self.managed.values():
            for method in raw.methods:
                if method.wsdl_name in schema.methods:
                    raise ConvertError("method %s declared twice" % method.wsdl_name)
                schema.methods[method.wsdl_name] = self.method(raw, method, bindings)
        self.patches.apply(schema)
        return schema

    def wsdl_parent(self, raw, table) -> str:
        if raw.parent not in table:
            raise ConvertError("%s extends unknown type %s" % (raw.name, raw.parent))
        return self.wsdl[raw.parent]

    def method(self, owner: RawManagedType, raw, bindings: Dict[str, str]) -> Method:
        where = "%s.%s" % (owner.wsdl_name, raw.wsdl_name)
        member = bindings.get(owner.name)
        if member is not None:
            this = Member("ManagedObjectReference", "_this:" + member, "r")
        else:
            this = Member("ManagedObjectReference:" + owner.wsdl_name, "_this", "r")
        params = [this]
        for param in raw.params:
            if param.flags & F_LINK:
                raise ConvertError("%s(%s): link parameters are not expected" % (where, param.name))
            token, is_list = self.wire_type(param.type, param.flags, where)
            params.append(Member(token, param.name,
                                 self.occurrence(is_list, bool(param.flags & F_OPTIONAL)),
                                 self.since_within(param.version, raw.version),
                                 bool(param.flags & F_SECRET)))
        method = Method(raw.wsdl_name, owner.wsdl_name, params, since=self.since(raw.version))
        if raw.result_type != "void":
            token, is_list = self.wire_type(raw.result_type, raw.result_flags, where)
            method.returns = Member(token, "returnval",
                                    self.occurrence(is_list, bool(raw.result_flags & F_OPTIONAL)))
            if raw.result_flags & F_SECRET:
                method.comment = "the result is a secret"
                self.bump("secret results (not expressible, commented)")
        if raw.method_result_type != raw.result_type and raw.method_result_type != "void":
            if raw.result_type != TASK:
                raise ConvertError("%s: result type differs but is not a Task" % where)
            token, is_list = self.wire_type(raw.method_result_type, 0, where)
            method.task_result = token + ("[]" if is_list else "")
        for fault in raw.faults:
            if fault not in self.data or not self.is_fault(fault):
                raise ConvertError("%s: unknown fault %s" % (where, fault))
            if self.wsdl[fault] not in method.faults:
                method.faults.append(self.wsdl[fault])
        return method

    # -- _this binding ------------------------------------------------------------------------

    def ancestors(self, name: str) -> List[str]:
        result = []
        while name in self.managed:
            result.append(name)
            name = self.managed[name].parent
        return result

    def this_bindings(self) -> Dict[str, str]:
        """declaring managed type (vmodl name) -> ServiceContent member, where unambiguous.

        A method declared on T is bound to the ServiceContent member m when m is the only
        ServiceContent member whose declared type M is T or an ancestor of T, and nothing else
        in the API (data members, properties, parameters other than `_this`, results, task
        results) refers to M, T or any of their descendants. Untyped references and references
        to types above M (ManagedEntity, ExtensibleManagedObject, ...) are not counted."""
        content = self.data.get(SERVICE_CONTENT)
        if content is None:
            return {}
        member_types: Dict[str, List[str]] = {}
        for prop in content.props:
            if prop.type in self.managed:
                member_types.setdefault(prop.type, []).append(prop.name)
        referenced: Set[str] = set()  # closed upwards: a type and all its ancestors

        def refer(type_name: str) -> None:
            base = type_name[:-2] if type_name.endswith("[]") else type_name
            if base in self.managed:
                referenced.update(self.ancestors(base))

        for raw in self.data.values():
            for prop in raw.props:
                if raw.name == SERVICE_CONTENT and prop.type in member_types:
                    continue
                if not prop.flags & F_LINK:
                    refer(prop.type)
        for raw in self.managed.values():
            for prop in raw.props:
                refer(prop.type)
            for method in raw.methods:
                for param in method.params:
                    refer(param.type)
                refer(method.result_type)
                refer(method.method_result_type)
        bindings = {}
        for name, raw in self.managed.items():
            if not raw.methods:
                continue
            candidates = [(m, members) for m, members in member_types.items()
                          if m in self.ancestors(name)]
            if len(candidates) != 1 or len(candidates[0][1]) != 1:
                continue
            member_type, (member,) = candidates[0]
            if name in referenced or member_type in referenced:
                continue
            bindings[name] = member
        return bindings


def convert(tables: RawTables, patches=patch_table) -> Tuple[Schema, Dict[str, int]]:
    converter = Converter(tables, patches)
    schema = converter.convert()
    return schema, converter.counts
