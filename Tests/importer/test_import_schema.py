"""Unit tests of Scripts/import-schema.

Run: python3 -m unittest discover -s Tests/importer

Most tests convert the hand-made fixture in fixtures/pyVmomi (the shape of pyvmomi's
`_typeinfo_*.py` tables). The tests of the real tables run only when the pinned wheel is in
.build/pyvmomi (after `make import-schema` or `Scripts/import-schema`); they are skipped otherwise.
"""

import io
import os
import re
import sys
import tempfile
import unittest
import zipfile
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "Scripts"))
sys.dont_write_bytecode = True

from import_schema import cli, compare, patches, source_pyvmomi, source_wsdl, writer  # noqa: E402
from import_schema import convert as converter  # noqa: E402

FIXTURE = os.path.join(HERE, "fixtures")


class FixturePatches:
    """A patch table for the fixture, in the shape of the patches module."""
    VERSION_OVERRIDES = patches.VERSION_OVERRIDES
    MEMBER = {
        ("DynamicArray", "dynamicType"): {"drop": True},
        ("VirtualMachineCloneSpec", "template"): {"secret": True},
    }
    PARAM = {("LoginBySSPI", "base64Token"): {"secret": True}}
    METHOD = {"CancelTask": {"add_faults": ["InvalidState"]}}

    @classmethod
    def apply(cls, schema):
        patches.apply(schema, cls.MEMBER, cls.PARAM, cls.METHOD)


class NoPatches:
    VERSION_OVERRIDES = patches.VERSION_OVERRIDES

    @staticmethod
    def apply(schema):
        pass


def convert_fixture(patch_table=NoPatches, source=FIXTURE):
    tables = source_pyvmomi.read_tables(source)
    schema, counts = converter.convert(tables, patch_table)
    return schema, counts


def member(obj, name):
    for candidate in obj.members:
        if candidate.name == name:
            return candidate
    raise AssertionError("%s has no member %s" % (obj.name, name))


def param(method, name):
    for candidate in method.params:
        if candidate.name == name:
            return candidate
    raise AssertionError("%s has no parameter %s" % (method.name, name))


# ------------------------------------------------------------------------------------------------
# A checker for the grammar of Input/README.md (format 2), independent of the importer's writer.

OCCURRENCES = {"r", "rl", "o", "ol", "i"}
BUILTINS = {"String", "Boolean", "Byte", "Short", "Int", "Long", "Float", "Double", "DateTime",
            "Binary", "AnyType", "ManagedObjectReference", "MethodFault"}
VERSION = re.compile(r"^\d+(\.\d+)*$")


def check_grammar(text):
    """Return a list of `line: problem` strings; empty if the text follows the grammar and every
    type it uses is declared or builtin."""
    problems = []
    lines = text.split("\n")
    declared = {}
    blocks = []
    current = None
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        tokens = line.split()
        if current is None:
            if number == 1 and tokens == ["format", "2"]:
                continue
            if tokens[0] == "enum" and len(tokens) >= 2:
                kind, name, rest = "enum", tokens[1], tokens[2:]
            elif tokens[0] == "object" and len(tokens) >= 2:
                kind, name, rest = "object", tokens[1], tokens[2:]
            elif tokens[:2] == ["managed", "object"] and len(tokens) >= 3:
                kind, name, rest = "managed", tokens[2], tokens[3:]
            elif tokens[0] == "method" and len(tokens) >= 2:
                kind, name, rest = "method", tokens[1], tokens[2:]
            else:
                problems.append("%d: not a block header: %s" % (number, line))
                continue
            if kind in ("object", "managed") and rest[:1] == ["extends"]:
                if len(rest) < 2:
                    problems.append("%d: extends without parent" % number)
                rest = rest[2:]
            if kind == "method" and rest[:1] == ["returns"]:
                if len(rest) < 3 or rest[2] not in OCCURRENCES:
                    problems.append("%d: bad returns" % number)
                rest = rest[3:]
            for attr in rest:
                if attr.startswith("since=") and VERSION.match(attr[6:]):
                    continue
                if kind == "method" and (attr.startswith("task-result=")
                                         or attr.startswith("faults=")):
                    continue
                problems.append("%d: bad header attribute %s" % (number, attr))
            key = name if kind != "method" else "method " + name
            if key in declared:
                problems.append("%d: %s declared twice" % (number, name))
            declared[key] = kind
            current = (kind, name, number, [])
            blocks.append(current)
            continue
        if tokens == ["end"]:
            current = None
            continue
        kind = current[0]
        if kind == "enum":
            for attr in tokens[1:]:
                if not (attr.startswith("since=") and VERSION.match(attr[6:])):
                    problems.append("%d: bad enum value attribute %s" % (number, attr))
            continue
        if len(tokens) < 3 or tokens[2] not in OCCURRENCES:
            problems.append("%d: bad member line: %s" % (number, line))
            continue
        if kind == "method" and tokens[2] == "i":
            problems.append("%d: `i` on a parameter" % number)
        for attr in tokens[3:]:
            if attr == "secret" or (attr.startswith("since=") and VERSION.match(attr[6:])):
                continue
            problems.append("%d: bad member attribute %s" % (number, attr))
        current[3].append((number, tokens))
    if current is not None:
        problems.append("%d: block %s not closed" % (current[2], current[1]))

    def known(type_token):
        base = type_token[:-2] if type_token.endswith("[]") else type_token
        if base.startswith("ManagedObjectReference:"):
            return declared.get(base.split(":", 1)[1]) == "managed"
        return base in BUILTINS or declared.get(base) in ("enum", "object")

    for kind, name, number, members in blocks:
        if kind == "method":
            if not members or not members[0][1][1].startswith("_this"):
                problems.append("%d: method %s: _this is not first" % (number, name))
        for line_number, tokens in members:
            if not known(tokens[0]):
                problems.append("%d: unknown type %s" % (line_number, tokens[0]))
    for number, raw in enumerate(lines, 1):
        header = raw.split("#", 1)[0].split()
        if header[:1] == ["method"]:
            for attr in header:
                if attr.startswith("task-result=") and not known(attr.split("=", 1)[1]):
                    problems.append("%d: unknown task result %s" % (number, attr))
                if attr.startswith("faults="):
                    for fault in attr.split("=", 1)[1].split(","):
                        if declared.get(fault) != "object":
                            problems.append("%d: unknown fault %s" % (number, fault))
            if "returns" in header and not known(header[header.index("returns") + 1]):
                problems.append("%d: unknown result type" % number)
    return problems


# ------------------------------------------------------------------------------------------------


class SourceTests(unittest.TestCase):
    def test_reads_the_fixture_tables(self):
        tables = source_pyvmomi.read_tables(FIXTURE)
        self.assertEqual(len(tables.enums), 2)
        self.assertEqual(len(tables.managed_types), 15)
        self.assertIn("vim.version.v9_1_0_1", tables.versions)
        login = [m for t in tables.managed_types for m in t.methods if m.wsdl_name == "Login"][0]
        self.assertEqual(login.params[1].flags, source_pyvmomi.F_SECRET)
        lun = [t for t in tables.data_types if t.wsdl_name == "HostMultipathInfoLogicalUnit"][0]
        self.assertEqual(lun.props[2].flags, source_pyvmomi.F_LINK | source_pyvmomi.F_OPTIONAL)

    def test_reads_a_wheel_like_a_directory(self):
        with tempfile.TemporaryDirectory() as directory:
            wheel = os.path.join(directory, "pyvmomi-0.0-py3-none-any.whl")
            with zipfile.ZipFile(wheel, "w") as archive:
                for table in source_pyvmomi.TABLE_FILES:
                    name = "_typeinfo_%s.py" % table
                    archive.write(os.path.join(FIXTURE, "pyVmomi", name), "pyVmomi/" + name)
            from_wheel, _ = convert_fixture(source=wheel)
        from_directory, _ = convert_fixture()
        self.assertEqual(writer.write(from_wheel), writer.write(from_directory))

    def test_unknown_calls_are_errors(self):
        tables = source_pyvmomi.RawTables(origin="test")
        with self.assertRaises(source_pyvmomi.SourceError):
            source_pyvmomi.parse_table(tables, "vim", 'CreateSomethingNew("a", "b")\n')
        with self.assertRaises(source_pyvmomi.SourceError):
            source_pyvmomi.parse_table(
                tables, "vim", 'CreateEnumType("a", "A", "v", [os.system("x")])\n')

    def test_missing_table_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaises(source_pyvmomi.SourceError):
                source_pyvmomi.read_tables(directory)

    def test_checksum_mismatch_is_an_error(self):
        with tempfile.TemporaryDirectory() as directory:
            wheel = os.path.join(directory, "pyvmomi-%s-py3-none-any.whl"
                                 % source_pyvmomi.PINNED_VERSION)
            with open(wheel, "wb") as handle:
                handle.write(b"not the pinned wheel")
            with self.assertRaises(source_pyvmomi.SourceError):
                source_pyvmomi.ensure_wheel(source_pyvmomi.PINNED_VERSION, directory)


class VersionTests(unittest.TestCase):
    def test_dotted_versions_and_overrides(self):
        tables = source_pyvmomi.read_tables(FIXTURE)
        versions = converter.version_map(tables, {"vim.version.version3": "2.5.2",
                                                  "vim.version.v9_1_0_1": "9.1.0.1"})
        self.assertEqual(versions["vim.version.version1"], "2.0")
        self.assertEqual(versions["vim.version.version5"], "4.0")
        self.assertEqual(versions["vim.version.version3"], "2.5.2")
        self.assertEqual(versions["vim.version.v9_1_0_1"], "9.1.0.1")
        # vmodl versions map to the oldest vim version that includes them.
        self.assertEqual(versions["vmodl.version.version0"], "2.0")
        self.assertEqual(versions["vmodl.version.version1"], "4.0")
        self.assertEqual(versions["vmodl.query.version.version3"], "5.0")

    def test_non_dotted_version_without_override_is_an_error(self):
        tables = source_pyvmomi.read_tables(FIXTURE)
        with self.assertRaises(converter.ConvertError):
            converter.version_map(tables, {"vim.version.version3": "2.5.2"})

    def test_override_contradicting_the_parents_is_an_error(self):
        tables = source_pyvmomi.read_tables(FIXTURE)
        with self.assertRaises(converter.ConvertError):
            converter.version_map(tables, {"vim.version.version3": "4.5",
                                           "vim.version.v9_1_0_1": "9.1.0.1"})

    def test_since_attributes(self):
        schema, _ = convert_fixture()
        self.assertIsNone(schema.objects["TaskInfo"].since)          # baseline 2.0: omitted
        self.assertEqual(schema.objects["VirtualMachineTicket"].since, "4.0")
        self.assertEqual(schema.enums["GuestOsDescriptorFirmwareType"].since, "4.0")
        self.assertEqual(schema.methods["setCustomValue"].since, "2.5")
        self.assertEqual(schema.methods["AcquireCloneTicket"].since, "2.5.2")
        config = schema.objects["VirtualMachineConfigInfo"]
        self.assertEqual(member(config, "newThing").since, "9.1.0.1")
        # A member or parameter as old as its owner carries no since=.
        self.assertIsNone(member(schema.objects["VirtualMachineTicket"], "ticket").since)
        self.assertIsNone(param(schema.methods["setCustomValue"], "key").since)
        self.assertEqual(param(schema.methods["LoginBySSPI"], "locale").since, "4.0")


class ConversionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema, cls.counts = convert_fixture()

    def test_wsdl_names(self):
        self.assertIn("VirtualMachineConfigInfo", self.schema.objects)
        self.assertIn("ServiceContent", self.schema.objects)
        self.assertIn("VirtualMachineCompatibilityChecker", self.schema.managed)
        self.assertIn("vslmInfrastructureObjectPolicy", self.schema.objects)
        self.assertNotIn("ConfigInfo", self.schema.objects)
        vm = self.schema.managed["VirtualMachine"]
        self.assertEqual(member(vm, "config").type, "VirtualMachineConfigInfo")

    def test_moref_targets(self):
        datacenter = self.schema.managed["Datacenter"]
        self.assertEqual(member(datacenter, "vmFolder").type, "ManagedObjectReference:Folder")
        self.assertEqual(member(datacenter, "datastore").type,
                         "ManagedObjectReference:Datastore")
        self.assertEqual(member(self.schema.objects["ObjectSpec"], "obj").type,
                         "ManagedObjectReference")
        clone = self.schema.methods["CloneVM_Task"]
        self.assertEqual(param(clone, "folder").type, "ManagedObjectReference:Folder")
        self.assertEqual(self.schema.methods["CreatePropertyCollector"].returns.type,
                         "ManagedObjectReference:PropertyCollector")

    def test_arrays(self):
        primitives = self.schema.objects["FixturePrimitives"]
        self.assertEqual((member(primitives, "counters").type,
                          member(primitives, "counters").occ), ("Long", "rl"))
        self.assertEqual((member(primitives, "flags").type, member(primitives, "flags").occ),
                         ("Boolean", "ol"))
        self.assertEqual((member(primitives, "states").type, member(primitives, "states").occ),
                         ("TaskInfoState", "ol"))
        self.assertEqual((member(primitives, "vms").type, member(primitives, "vms").occ),
                         ("ManagedObjectReference:VirtualMachine", "rl"))
        self.assertEqual((member(primitives, "refs").type, member(primitives, "refs").occ),
                         ("ManagedObjectReference", "ol"))
        self.assertEqual(param(self.schema.methods["CheckCompatibility_Task"], "testType").occ,
                         "ol")
        self.assertEqual((self.schema.methods["QueryOptions"].returns.type,
                          self.schema.methods["QueryOptions"].returns.occ), ("OptionValue", "ol"))

    def test_primitive_mapping(self):
        primitives = self.schema.objects["FixturePrimitives"]
        expected = {"label": "String", "tiny": "Byte", "raw": "Byte", "small": "Short",
                    "count": "Int", "counters": "Long", "ratio": "Float", "precise": "Double",
                    "when": "DateTime", "blob": "Binary", "anything": "AnyType",
                    "typeName": "String", "methodName": "String", "uri": "String"}
        for name, token in expected.items():
            self.assertEqual(member(primitives, name).type, token, name)

    def test_optional_required_and_the_since_rule(self):
        config = self.schema.objects["VirtualMachineConfigInfo"]
        self.assertEqual(member(config, "name").occ, "r")
        self.assertEqual(member(config, "extraConfig").occ, "ol")
        late = member(config, "numCoresPerSocket")
        self.assertEqual((late.occ, late.since), ("o", "4.0"))
        self.assertIn("required since 4.0", late.comment)
        datacenter = self.schema.managed["Datacenter"]
        self.assertEqual(member(datacenter, "vmFolder").occ, "r")
        self.assertEqual(member(datacenter, "datastoreFolder").occ, "o")
        # Required in a type that is itself that new: stays required.
        self.assertEqual(member(self.schema.objects["VirtualMachineTicket"], "cfgFile").occ, "r")
        self.assertEqual(self.counts["late required members made optional"], 2)

    def test_secret(self):
        self.assertTrue(member(self.schema.objects["VirtualMachineTicket"], "ticket").secret)
        self.assertFalse(member(self.schema.objects["VirtualMachineTicket"], "cfgFile").secret)
        self.assertTrue(param(self.schema.methods["Login"], "password").secret)
        self.assertFalse(param(self.schema.methods["Login"], "userName").secret)
        self.assertEqual(self.schema.methods["AcquireCloneTicket"].comment,
                         "the result is a secret")

    def test_faults(self):
        self.assertEqual(self.schema.methods["PowerOnVM_Task"].faults,
                         ["TaskInProgress", "InvalidState", "NotSupported"])
        self.assertEqual(self.schema.methods["CancelTask"].faults, [])
        self.assertTrue(self.schema.objects["TaskInProgress"].is_fault)
        self.assertEqual(self.schema.objects["VimFault"].parent, "MethodFault")
        self.assertEqual(self.schema.objects["InvalidArgument"].parent, "RuntimeFault")
        self.assertFalse(self.schema.objects["TaskInfo"].is_fault)
        self.assertFalse(self.schema.objects["LocalizedMethodFault"].is_fault)

    def test_task_results(self):
        power_on = self.schema.methods["PowerOnVM_Task"]
        self.assertEqual((power_on.returns.type, power_on.returns.occ),
                         ("ManagedObjectReference:Task", "r"))
        self.assertIsNone(power_on.task_result)
        self.assertEqual(self.schema.methods["CloneVM_Task"].task_result,
                         "ManagedObjectReference:VirtualMachine")
        self.assertEqual(self.schema.methods["CheckCompatibility_Task"].task_result,
                         "CheckResult[]")

    def test_localized_method_fault(self):
        self.assertEqual(member(self.schema.objects["TaskInfo"], "error").type,
                         "LocalizedMethodFault")
        self.assertEqual(member(self.schema.objects["MissingProperty"], "fault").type,
                         "LocalizedMethodFault")
        failure = member(self.schema.objects["HostConfigFailed"], "failure")
        self.assertEqual((failure.type, failure.occ), ("LocalizedMethodFault", "rl"))
        self.assertEqual(param(self.schema.methods["SetTaskState"], "fault").type,
                         "LocalizedMethodFault")
        result = self.schema.methods["QueryFaultToleranceCompatibility"].returns
        self.assertEqual((result.type, result.occ), ("LocalizedMethodFault", "ol"))
        wrapper = self.schema.objects["LocalizedMethodFault"]
        self.assertEqual([(m.type, m.name, m.occ) for m in wrapper.members],
                         [("MethodFault", "fault", "r"), ("String", "localizedMessage", "o")])
        fault = self.schema.objects["MethodFault"]
        self.assertEqual([(m.type, m.name, m.occ, m.since) for m in fault.members],
                         [("LocalizedMethodFault", "faultCause", "o", "4.0"),
                          ("LocalizableMessage", "faultMessage", "ol", "4.0")])

    def test_builtins(self):
        self.assertNotIn("DynamicData", self.schema.objects)
        self.assertIsNone(self.schema.objects["TaskInfo"].parent)
        self.assertIsNone(self.schema.objects["DynamicProperty"].parent)
        self.assertEqual(self.schema.objects["RuntimeFault"].parent, "MethodFault")
        self.assertIsNone(self.schema.objects["MethodFault"].parent)
        self.assertIsNone(self.schema.managed["ExtensibleManagedObject"].parent)
        self.assertEqual(self.schema.managed["Datacenter"].parent, "ManagedEntity")

    def test_links_are_key_strings(self):
        unit = self.schema.objects["HostMultipathInfoLogicalUnit"]
        self.assertEqual((member(unit, "lun").type, member(unit, "lun").occ), ("String", "r"))
        self.assertEqual((member(unit, "path").type, member(unit, "path").occ), ("String", "ol"))
        self.assertIn("ScsiLun", member(unit, "lun").comment)

    def test_enum_values(self):
        self.assertEqual([v.name for v in self.schema.enums["TaskInfoState"].values],
                         ["queued", "running", "success", "error"])

    def test_lower_case_method_names(self):
        self.assertIn("setCustomValue", self.schema.methods)
        self.assertNotIn("SetCustomValue", self.schema.methods)
        self.assertEqual(self.schema.methods["setCustomValue"].declared_by,
                         "ExtensibleManagedObject")

    def test_this_binding(self):
        def this(name):
            return self.schema.methods[name].params[0]
        self.assertEqual((this("Login").type, this("Login").name),
                         ("ManagedObjectReference", "_this:sessionManager"))
        self.assertEqual(this("CheckCompatibility_Task").name, "_this:vmCompatibilityChecker")
        # Declared on a subtype of the ServiceContent member's type.
        self.assertEqual(this("RetrieveVStorageObject").name, "_this:vStorageObjectManager")
        # CreatePropertyCollector makes more collectors: typed _this.
        self.assertEqual((this("RetrievePropertiesEx").type, this("RetrievePropertiesEx").name),
                         ("ManagedObjectReference:PropertyCollector", "_this"))
        # HostConfigManager.advancedOption is another OptionManager: typed _this.
        self.assertEqual(this("QueryOptions").type, "ManagedObjectReference:OptionManager")
        self.assertEqual(this("PowerOnVM_Task").type, "ManagedObjectReference:VirtualMachine")
        self.assertEqual(this("setCustomValue").type,
                         "ManagedObjectReference:ExtensibleManagedObject")


class PatchTests(unittest.TestCase):
    def test_patches_are_applied(self):
        schema, _ = convert_fixture(FixturePatches)
        self.assertEqual([m.name for m in schema.objects["DynamicArray"].members], ["val"])
        self.assertTrue(member(schema.objects["VirtualMachineCloneSpec"], "template").secret)
        self.assertTrue(param(schema.methods["LoginBySSPI"], "base64Token").secret)
        self.assertEqual(schema.methods["CancelTask"].faults, ["InvalidState"])
        self.assertIn("DynamicArray.dynamicType: drop=True", schema.applied_patches)
        self.assertIn("version vim.version.version3 ('2.5u2') -> 2.5.2", schema.applied_patches)

    def test_stale_patches_are_errors(self):
        schema, _ = convert_fixture()
        with self.assertRaises(patches.PatchError):
            patches.apply(schema, {("NoSuchType", "x"): {"secret": True}}, {}, {})
        with self.assertRaises(patches.PatchError):
            patches.apply(schema, {("TaskInfo", "noSuchMember"): {"secret": True}}, {}, {})
        with self.assertRaises(patches.PatchError):
            patches.apply(schema, {}, {("Login", "password"): {"secret": True}}, {})  # no-op
        with self.assertRaises(patches.PatchError):
            patches.apply(schema, {}, {}, {"NoSuchMethod": {"add_faults": ["InvalidState"]}})

    def test_patch_table_entries_have_reasons(self):
        """Every entry of patches.py has its own comment right above it."""
        path = os.path.join(REPO, "Scripts", "import_schema", "patches.py")
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        entry = re.compile(r'^    ("vim\.version\.[^"]*": "|\("[^"]+", "[^"]+"\): \{|"[^"]+": \{)')
        entries = 0
        for index, line in enumerate(lines):
            if not entry.match(line):
                continue
            entries += 1
            self.assertTrue(lines[index - 1].strip().startswith("#"),
                            "patch entry without a comment: " + line.strip())
        self.assertGreaterEqual(entries, 9)


class WriterTests(unittest.TestCase):
    def test_output_follows_the_grammar(self):
        schema, _ = convert_fixture(FixturePatches)
        text = writer.write(schema)
        self.assertEqual(check_grammar(text), [])
        self.assertTrue(text.startswith("format 2\n"))

    def test_blocks_are_sorted_and_deterministic(self):
        first = writer.write(convert_fixture()[0])
        second = writer.write(convert_fixture()[0])
        self.assertEqual(first, second)
        headers = [line for line in first.split("\n")
                   if re.match(r"^(enum|object|managed object|method) ", line)]
        kinds = [h.split()[0] if not h.startswith("managed") else "managed" for h in headers]
        # enums, then objects (data objects, then faults), then managed objects, then methods
        order = {"enum": 0, "object": 1, "managed": 2, "method": 3}
        self.assertEqual([order[k] for k in kinds], sorted(order[k] for k in kinds))
        methods = [h.split()[1] for h in headers if h.startswith("method ")]
        self.assertEqual(methods, sorted(methods, key=lambda n: (n.casefold(), n)))
        objects = [h.split()[1] for h in headers if h.startswith("object ")]
        faults_start = objects.index("HostConfigFailed")
        self.assertEqual(objects[:faults_start],
                         sorted(objects[:faults_start], key=lambda n: (n.casefold(), n)))
        self.assertIn("object vslmInfrastructureObjectPolicy since=5.0", first)

    def test_member_order_is_declared_order(self):
        text = writer.write(convert_fixture()[0])
        block = text.split("object TaskInfo\n", 1)[1].split("end\n", 1)[0]
        names = [line.split()[1] for line in block.strip().split("\n")]
        self.assertEqual(names, ["key", "task", "description", "locked", "state", "error",
                                 "result", "queueTime"])

    def test_lines(self):
        text = writer.write(convert_fixture(FixturePatches)[0])
        self.assertIn("method CloneVM_Task returns ManagedObjectReference:Task r "
                      "task-result=ManagedObjectReference:VirtualMachine "
                      "faults=TaskInProgress,InvalidState\n", text)
        self.assertRegex(text, r"\n    String +password +r secret\n")
        self.assertRegex(text, r"\n    ManagedObjectReference _this:sessionManager r\n")
        self.assertRegex(text, r"\n    Int +numCoresPerSocket +o since=4\.0  # required since 4\.0\n")
        self.assertIn("enum GuestOsDescriptorFirmwareType since=4.0\n    bios\n    efi\n    csm\nend",
                      text)

    def test_grammar_checker_catches_errors(self):
        self.assertNotEqual(check_grammar("format 2\nobject A\n    Nope x r\nend\n"), [])
        self.assertNotEqual(check_grammar("format 2\nobject A\n    String x q\nend\n"), [])
        self.assertNotEqual(check_grammar("format 2\nmethod M\n    String x r\nend\n"), [])
        self.assertEqual(check_grammar("format 2\nobject A\n    String x r since=4.0 secret\nend\n"),
                         [])


class CliTests(unittest.TestCase):
    def run_cli(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = cli.main(list(args))
        return status, out.getvalue(), err.getvalue()

    def test_write_check_and_counts(self):
        with tempfile.TemporaryDirectory() as directory:
            output = os.path.join(directory, "vim25.input")
            status, _, err = self.run_cli("--source", FIXTURE, "--no-patches", "--output", output,
                                          "--counts")
            self.assertEqual(status, 0, err)
            self.assertIn("methods with faults", err)
            self.assertIn("17 methods", err)
            with open(output, encoding="utf-8") as handle:
                text = handle.read()
            self.assertEqual(check_grammar(text), [])
            status, _, _ = self.run_cli("--source", FIXTURE, "--no-patches", "--output", output,
                                        "--check")
            self.assertEqual(status, 0)
            with open(output, "a", encoding="utf-8") as handle:
                handle.write("# edited\n")
            status, _, err = self.run_cli("--source", FIXTURE, "--no-patches", "--output", output,
                                          "--check")
            self.assertEqual(status, 1)
            self.assertIn("out of date", err)

    def test_stdout(self):
        status, out, _ = self.run_cli("--source", FIXTURE, "--no-patches", "--output", "-")
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("format 2\n"))

    def test_errors_exit_1(self):
        status, _, err = self.run_cli("--source", FIXTURE, "--output", "-")
        self.assertEqual(status, 1)  # the real patch table does not match the fixture
        self.assertIn("patch for unknown", err)


WSDL_FIXTURE = os.path.join(FIXTURE, "wsdl")


class WsdlTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wsdl = source_wsdl.read_wsdl(WSDL_FIXTURE)

    def test_reads_types_through_imports_and_includes(self):
        task_info = self.wsdl.objects["TaskInfo"]
        self.assertEqual(task_info.parent, "DynamicData")
        self.assertEqual([(m.type, m.name, m.occ) for m in task_info.members[:5]],
                         [("String", "key", "r"), ("ManagedObjectReference", "task", "r"),
                          ("LocalizableMessage", "description", "o"),
                          ("ManagedObjectReference", "locked", "ol"),
                          ("TaskInfoState", "state", "r")])
        self.assertEqual(member(task_info, "queueTime").type, "DateTime")
        self.assertNotIn("ArrayOfManagedObjectReference", self.wsdl.objects)
        self.assertNotIn("ManagedObjectReference", self.wsdl.objects)
        self.assertNotIn("LoginRequestType", self.wsdl.objects)
        self.assertTrue(self.wsdl.objects["InvalidState"].is_fault)
        self.assertFalse(self.wsdl.objects["TaskInfo"].is_fault)
        self.assertEqual([v.name for v in self.wsdl.enums["TaskInfoState"].values][-1],
                         "fixtureNewState")

    def test_reads_operations(self):
        login = self.wsdl.methods["Login"]
        self.assertEqual([(p.name, p.occ) for p in login.params],
                         [("_this", "r"), ("userName", "r"), ("password", "r"), ("locale", "o")])
        self.assertEqual((login.returns.type, login.returns.occ), ("UserSession", "r"))
        self.assertEqual(login.faults, ["InvalidLogin", "RuntimeFault"])
        # NotSupportedFaultMsg has no <message>: found by the naming convention.
        self.assertEqual(self.wsdl.methods["PowerOnVM_Task"].faults,
                         ["TaskInProgress", "InvalidState", "NotSupported", "RuntimeFault"])
        self.assertEqual((self.wsdl.methods["QueryOptions"].returns.type,
                          self.wsdl.methods["QueryOptions"].returns.occ), ("OptionValue", "ol"))
        self.assertIsNone(self.wsdl.methods["FixtureOnlyInWsdl"].returns)

    def test_compare_with_the_import(self):
        schema, _ = convert_fixture()
        report = compare.compare(schema, self.wsdl)
        self.assertIn("TaskInfo.fixtureNewField: only in the WSDL (Int o)", report["members"])
        self.assertIn("TaskInfoState.fixtureNewState: only in the WSDL", report["enums"])
        self.assertIn("FixtureOnlyInWsdl: only in the WSDL", report["methods"])
        self.assertIn("FixtureOnlyInWsdlFault: only in the WSDL", report["types"])
        self.assertIn("QueryOptions.name: occurrence o, WSDL r", report["methods"])
        subjects = {line.split(":", 1)[0] for lines in report.values() for line in lines}
        # Expected by construction: typed references, late-required members, RuntimeFault.
        for quiet in ("TaskInfo.task", "VirtualMachineConfigInfo.numCoresPerSocket", "Login",
                      "PowerOnVM_Task", "DynamicData", "TaskInfo"):
            self.assertNotIn(quiet, subjects)

    def test_errors(self):
        with tempfile.TemporaryDirectory() as directory:
            with self.assertRaises(source_wsdl.WsdlError):
                source_wsdl.read_wsdl(directory)
            broken = os.path.join(directory, "vim.wsdl")
            with open(broken, "w", encoding="utf-8") as handle:
                handle.write("<definitions")
            with self.assertRaises(source_wsdl.WsdlError):
                source_wsdl.read_wsdl(directory)

    def test_cli_compare_writes_nothing(self):
        out, err = io.StringIO(), io.StringIO()
        with tempfile.TemporaryDirectory() as directory:
            output = os.path.join(directory, "vim25.input")
            with redirect_stdout(out), redirect_stderr(err):
                status = cli.main(["--source", FIXTURE, "--no-patches", "--output", output,
                                   "--compare-wsdl", WSDL_FIXTURE])
            self.assertEqual(status, 0, err.getvalue())
            self.assertFalse(os.path.exists(output))
        self.assertIn("TaskInfo.fixtureNewField: only in the WSDL", out.getvalue())


PINNED_WHEEL = source_pyvmomi.find_wheel(source_pyvmomi.PINNED_VERSION,
                                         source_pyvmomi.default_cache_dir(REPO))


@unittest.skipUnless(PINNED_WHEEL, "pinned pyvmomi wheel not in .build/pyvmomi")
class RealTablesTests(unittest.TestCase):
    """The pinned pyvmomi tables with the real patch table. The exact counts are recorded in
    Input/README.md; update both when the pin changes."""

    @classmethod
    def setUpClass(cls):
        source_pyvmomi.ensure_wheel(source_pyvmomi.PINNED_VERSION,
                                    source_pyvmomi.default_cache_dir(REPO))
        cls.text, cls.counts, _, cls.schema = cli.build(PINNED_WHEEL, "test")

    def test_counts(self):
        expected = {
            "data objects (incl. faults)": 3029,
            "faults extending MethodFault (excl. MethodFault)": 698,
            "enums": 446,
            "managed objects": 140,
            "methods": 975,
            "typed MoRefs: members and properties": 506,
            "typed MoRefs: parameters (excl. _this)": 346,
            "typed MoRefs: results": 308,
            "typed MoRefs: task results": 14,
            "methods with faults": 645,
            "task results": 109,
            "secret members": 29,
            "secret parameters": 12,
        }
        for key, value in expected.items():
            self.assertEqual(self.counts[key], value, key)

    def test_grammar(self):
        self.assertEqual(check_grammar(self.text)[:10], [])

    def test_known_facts(self):
        schema = self.schema
        self.assertEqual(member(schema.managed["Datacenter"], "vmFolder").type,
                         "ManagedObjectReference:Folder")
        self.assertEqual(member(schema.objects["TaskInfo"], "error").type, "LocalizedMethodFault")
        self.assertIn("setCustomValue", schema.methods)
        self.assertIn("VirtualMachineConfigInfo", schema.objects)
        self.assertEqual(schema.methods["PowerOnVM_Task"].returns.type,
                         "ManagedObjectReference:Task")
        self.assertEqual(schema.methods["RetrievePropertiesEx"].params[0].name, "_this")
        self.assertEqual(schema.methods["Login"].params[0].name, "_this:sessionManager")
        self.assertEqual(schema.methods["RetrievePropertiesEx"].since, "4.1")


if __name__ == "__main__":
    unittest.main()
