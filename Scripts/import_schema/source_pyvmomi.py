"""Read pyvmomi's published type tables (`pyVmomi/_typeinfo_*.py`) without importing pyVmomi.

The tables are generated Python modules made of top-level calls such as

    AddVersion("vim.version.v8_0_3_0", "vim25", "8.0.3.0", 0, "vim25")
    AddVersionParent("vim.version.v8_0_3_0", "vim.version.version1")
    CreateDataType(vmodlName, wsdlName, parent, version, props)
    CreateManagedType(vmodlName, wsdlName, parent, version, props, methods)
    CreateEnumType(vmodlName, wsdlName, version, values)

They are parsed with `ast` and their literal arguments evaluated (the only names allowed are the
flag constants F_LINK, F_LINKABLE, F_OPTIONAL, F_SECRET and their `|`), so nothing from the wheel
is executed and the importer needs only the Python standard library.
"""

import ast
import hashlib
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

# The pinned pyvmomi release (Apache-2.0, https://pypi.org/project/pyvmomi/) and the SHA-256 of
# its wheel. Change both together; `--pyvmomi-version` can try another release (its checksum is
# printed, not checked).
PINNED_VERSION = "9.1.1.0"
PINNED_WHEEL_SHA256 = {
    "9.1.1.0": "76af3cba85573769daf4e6760aace32e7af34e1bbf343895b8c4798b6bc0e2d2",
}

# The tables that make up the vim25 endpoint (`/sdk`): vmodl core, the property collector and
# vim itself. eam, pbm, sms, vslm and vsanhealth describe other endpoints and are not read.
TABLE_FILES = ("core", "query", "vim")

# pyVmomi/VmomiSupport.py: (F_LINK, F_LINKABLE, F_OPTIONAL, F_SECRET) = [1 << x for x in range(4)]
F_LINK = 1
F_LINKABLE = 2
F_OPTIONAL = 4
F_SECRET = 8
FLAG_NAMES = {"F_LINK": F_LINK, "F_LINKABLE": F_LINKABLE, "F_OPTIONAL": F_OPTIONAL,
              "F_SECRET": F_SECRET}


class SourceError(Exception):
    pass


@dataclass
class RawProp:
    """A data member, managed property or method parameter: (name, type, version, flags)."""
    name: str
    type: str
    version: str
    flags: int


@dataclass
class RawMethod:
    name: str             # vmodl name (lower camel case), unused on the wire
    wsdl_name: str        # the SOAP operation, e.g. PowerOnVM_Task or setCustomValue
    version: str
    params: List[RawProp]
    result_flags: int
    result_type: str      # what the operation returns (vim.Task for *_Task methods)
    method_result_type: str  # for *_Task methods: the type of TaskInfo.result, else == result_type
    faults: List[str]


@dataclass
class RawDataType:
    name: str
    wsdl_name: str
    parent: str
    version: str
    props: List[RawProp]
    table: str


@dataclass
class RawManagedType:
    name: str
    wsdl_name: str
    parent: str
    version: str
    props: List[RawProp]
    methods: List[RawMethod]
    table: str


@dataclass
class RawEnum:
    name: str
    wsdl_name: str
    version: str
    values: List[str]
    table: str


@dataclass
class RawVersion:
    name: str          # e.g. vim.version.v8_0_3_0
    namespace: str     # e.g. vim25
    version_id: str    # e.g. 8.0.3.0 (empty for vmodl.* versions)
    is_legacy: int
    service_ns: str


@dataclass
class RawTables:
    origin: str
    versions: Dict[str, RawVersion] = field(default_factory=dict)
    parents: Dict[str, Set[str]] = field(default_factory=dict)
    data_types: List[RawDataType] = field(default_factory=list)
    managed_types: List[RawManagedType] = field(default_factory=list)
    enums: List[RawEnum] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Locating the tables


def default_cache_dir(repo_root: str) -> str:
    return os.path.join(repo_root, ".build", "pyvmomi")


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_wheel(version: str, cache_dir: str) -> Optional[str]:
    if not os.path.isdir(cache_dir):
        return None
    prefix = "pyvmomi-%s-" % version
    for name in sorted(os.listdir(cache_dir)):
        if name.startswith(prefix) and name.endswith(".whl"):
            return os.path.join(cache_dir, name)
    return None


def ensure_wheel(version: str, cache_dir: str, log=None) -> str:
    """Return the path of the pyvmomi wheel, downloading it with pip into cache_dir if needed."""
    path = find_wheel(version, cache_dir)
    if path is None:
        os.makedirs(cache_dir, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   "--dest", cache_dir, "pyvmomi==%s" % version]
        if log:
            log("import-schema: downloading pyvmomi %s into %s" % (version, cache_dir))
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            raise SourceError("pip download failed:\n" + result.stdout.decode("utf-8", "replace"))
        path = find_wheel(version, cache_dir)
        if path is None:
            raise SourceError("pip download left no pyvmomi-%s wheel in %s" % (version, cache_dir))
    digest = sha256_of(path)
    expected = PINNED_WHEEL_SHA256.get(version)
    if expected is not None and digest != expected:
        raise SourceError("checksum mismatch for %s: sha256 %s, expected %s"
                          % (path, digest, expected))
    if expected is None and log:
        log("import-schema: pyvmomi %s is not pinned; wheel sha256 %s" % (version, digest))
    return path


def _read_table_texts(source: str) -> List[Tuple[str, str]]:
    """(table, text) for every table in TABLE_FILES, from a wheel or a directory.

    A directory may be the pyVmomi package itself or its parent (site-packages, an unpacked
    wheel, a test fixture)."""
    texts = []
    if os.path.isfile(source):
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            for table in TABLE_FILES:
                member = "pyVmomi/_typeinfo_%s.py" % table
                if member not in names:
                    raise SourceError("%s has no %s" % (source, member))
                texts.append((table, archive.read(member).decode("utf-8")))
        return texts
    if os.path.isdir(source):
        base = source
        if os.path.isdir(os.path.join(source, "pyVmomi")):
            base = os.path.join(source, "pyVmomi")
        for table in TABLE_FILES:
            path = os.path.join(base, "_typeinfo_%s.py" % table)
            if not os.path.isfile(path):
                raise SourceError("%s has no _typeinfo_%s.py" % (base, table))
            with open(path, encoding="utf-8") as handle:
                texts.append((table, handle.read()))
        return texts
    raise SourceError("no such wheel or directory: %s" % source)


# --------------------------------------------------------------------------------------------
# Parsing


def _literal(node: ast.AST, where: str):
    """Evaluate a literal argument; the flag names and `|` are the only non-literals allowed."""
    if isinstance(node, ast.Name):
        if node.id in FLAG_NAMES:
            return FLAG_NAMES[node.id]
        raise SourceError("%s: unexpected name %s" % (where, node.id))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _literal(node.left, where) | _literal(node.right, where)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_literal(element, where) for element in node.elts]
    if isinstance(node, ast.Constant):
        return node.value
    raise SourceError("%s: unexpected expression %s" % (where, ast.dump(node)[:80]))


def _props(value, where: str) -> List[RawProp]:
    # Data properties have 4 fields; managed properties and parameters a 5th (the privilege).
    return [RawProp(p[0], p[1], p[2], p[3]) for p in (value or [])]


def _method(value, where: str) -> RawMethod:
    name, wsdl_name, version, params, result, _privilege, faults = value
    flags, result_type, method_result_type = result
    return RawMethod(name, wsdl_name, version, _props(params, where), flags, result_type,
                     method_result_type, list(faults or []))


KNOWN_CALLS = {"AddVersion", "AddVersionParent", "CreateDataType", "CreateManagedType",
               "CreateEnumType", "AddBreakingChangesInfo"}


def parse_table(tables: RawTables, table: str, text: str) -> None:
    tree = ast.parse(text, filename="_typeinfo_%s.py" % table)
    for statement in tree.body:
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
            continue  # imports, comments
        call = statement.value
        if not isinstance(call.func, ast.Name):
            continue  # newestVersions.Add(...), ltsVersions.Add(...), ...
        where = "_typeinfo_%s.py:%d" % (table, statement.lineno)
        function = call.func.id
        if function not in KNOWN_CALLS:
            raise SourceError("%s: unknown call %s (has the table format changed?)"
                              % (where, function))
        if call.keywords:
            raise SourceError("%s: keyword arguments are not expected" % where)
        args = [_literal(argument, where) for argument in call.args]
        if function == "AddVersion":
            padded = args + ["", 0, ""][len(args) - 2:]
            name, namespace, version_id, is_legacy, service_ns = padded[:5]
            tables.versions.setdefault(
                name, RawVersion(name, namespace, version_id, is_legacy, service_ns))
        elif function == "AddVersionParent":
            tables.parents.setdefault(args[0], set()).add(args[1])
        elif function == "CreateDataType":
            name, wsdl_name, parent, version, props = args
            tables.data_types.append(
                RawDataType(name, wsdl_name, parent, version, _props(props, where), table))
        elif function == "CreateManagedType":
            name, wsdl_name, parent, version, props, methods = args
            tables.managed_types.append(RawManagedType(
                name, wsdl_name, parent, version, _props(props, where),
                [_method(m, where) for m in (methods or [])], table))
        elif function == "CreateEnumType":
            name, wsdl_name, version, values = args
            tables.enums.append(RawEnum(name, wsdl_name, version, list(values), table))


def read_tables(source: str) -> RawTables:
    tables = RawTables(origin=source)
    for table, text in _read_table_texts(source):
        parse_table(tables, table, text)
    return tables
