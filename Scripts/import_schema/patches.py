"""The patch table: places where pyvmomi's tables are wrong or incomplete for the wire.

Every entry says why it exists. VERSION_OVERRIDES is used while versions are mapped (an entry
for a version the source does not define is ignored); the other tables are applied by `apply`
after the conversion, which fails if an entry no longer matches anything or changes nothing (the
source was fixed or renamed: delete the entry).
"""

# pyvmomi version id -> the dotted number written as `since=`. Used where AddVersion's version
# string is not a plain dotted number.
VERSION_OVERRIDES = {
    # "2.5u2" (ESX 3.5 update 2). Written as 2.5.2 so that every `since=` is a dotted number;
    # a runtime comparing against a server's apiVersion should read "2.5u2" as 2.5.2 too.
    "vim.version.version3": "2.5.2",
    # "2.5u2server" (VirtualCenter 2.5 update 2): includes version3, same number.
    "vim.version.version4": "2.5.2",
    # pyvmomi 9.1.1.0 gives this id the internal string "m5CA1EF4D"; the id itself says 9.1.0.1
    # (it sits between v9_1_0_0 and v9_1_1_0 in AddVersionParent).
    "vim.version.v9_1_0_1": "9.1.0.1",
}

# (type, member) -> {attribute: new value}. Attributes: type, occ, since, secret, and
# drop=True to remove a member the wire does not have.
MEMBER_PATCHES = {
    # pyvmomi gives DynamicArray the DynamicData member `dynamicType`; the WSDL's DynamicArray
    # (core-types.xsd) has only `val`.
    ("DynamicArray", "dynamicType"): {"drop": True},
    # A password (the datastore principal's), not flagged F_SECRET in pyvmomi; the runtime must
    # keep it out of logs.
    ("HostConfigSpec", "datastorePrincipalPasswd"): {"secret": True},
    # A Windows SSPI authentication token used to log into a guest: a credential.
    ("SSPIAuthentication", "sspiToken"): {"secret": True},
    # SNMP v1/v2c community strings are shared passwords: the trap target's community ...
    ("HostSnmpDestination", "community"): {"secret": True},
    # ... and the communities allowed to read.
    ("HostSnmpConfigSpec", "readOnlyCommunities"): {"secret": True},
}

# (method, parameter) -> {attribute: new value}. Attributes as for members (no drop).
PARAM_PATCHES = {
    # The SSPI token of LoginBySSPI authenticates the session, like Login's `password`.
    ("LoginBySSPI", "base64Token"): {"secret": True},
}

# method -> {attribute: new value}. Attributes: returns_type, returns_occ, task_result,
# add_faults (list).
METHOD_PATCHES = {
}


class PatchError(Exception):
    pass


def _find_member(schema, type_name, member_name):
    obj = schema.objects.get(type_name) or schema.managed.get(type_name)
    if obj is None:
        raise PatchError("patch for unknown type %s" % type_name)
    for member in obj.members:
        if member.name == member_name:
            return obj, member
    raise PatchError("patch for unknown member %s.%s" % (type_name, member_name))


def _find_param(schema, method_name, param_name):
    method = schema.methods.get(method_name)
    if method is None:
        raise PatchError("patch for unknown method %s" % method_name)
    for param in method.params:
        if param.name == param_name:
            return param
    raise PatchError("patch for unknown parameter %s(%s)" % (method_name, param_name))


MEMBER_ATTRIBUTES = ("type", "occ", "since", "secret")


def _set(member, changes, where):
    for attribute, value in sorted(changes.items()):
        if attribute not in MEMBER_ATTRIBUTES:
            raise PatchError("%s: unknown patch attribute %s" % (where, attribute))
        if getattr(member, attribute) == value:
            raise PatchError("%s: %s is already %r (delete the patch)" % (where, attribute, value))
        setattr(member, attribute, value)


def apply(schema, member_patches=None, param_patches=None, method_patches=None):
    """Apply the tables (or the given ones) to the schema; record what was done."""
    member_patches = MEMBER_PATCHES if member_patches is None else member_patches
    param_patches = PARAM_PATCHES if param_patches is None else param_patches
    method_patches = METHOD_PATCHES if method_patches is None else method_patches
    for (type_name, member_name), changes in sorted(member_patches.items()):
        where = "%s.%s" % (type_name, member_name)
        obj, member = _find_member(schema, type_name, member_name)
        if changes.get("drop"):
            if len(changes) != 1:
                raise PatchError("%s: drop takes no other attributes" % where)
            obj.members.remove(member)
        else:
            _set(member, changes, where)
        schema.applied_patches.append("%s: %s" % (where, _describe(changes)))
    for (method_name, param_name), changes in sorted(param_patches.items()):
        where = "%s(%s)" % (method_name, param_name)
        _set(_find_param(schema, method_name, param_name), changes, where)
        schema.applied_patches.append("%s: %s" % (where, _describe(changes)))
    for method_name, changes in sorted(method_patches.items()):
        method = schema.methods.get(method_name)
        if method is None:
            raise PatchError("patch for unknown method %s" % method_name)
        for attribute, value in sorted(changes.items()):
            if attribute == "returns_type":
                method.returns.type = value
            elif attribute == "returns_occ":
                method.returns.occ = value
            elif attribute == "task_result":
                method.task_result = value
            elif attribute == "add_faults":
                for fault in value:
                    if fault not in schema.objects or not schema.objects[fault].is_fault:
                        raise PatchError("%s: unknown fault %s" % (method_name, fault))
                    if fault not in method.faults:
                        method.faults.append(fault)
            else:
                raise PatchError("unknown method patch attribute %s" % attribute)
        schema.applied_patches.append("%s: %s" % (method_name, _describe(changes)))


def _describe(changes):
    return ", ".join("%s=%s" % (key, changes[key]) for key in sorted(changes))
