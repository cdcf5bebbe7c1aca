"""The schema model the writer prints: names, types and attributes exactly as they appear in
`Input/vim25.input` (format 2)."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Member:
    """A member of an object / managed object, or a method parameter."""
    type: str                   # a type token: String, Int, ManagedObjectReference:Folder, ...
    name: str                   # wire name; for a bound `_this`: "_this:sessionManager"
    occ: str                    # r, rl, o, ol (i is never produced)
    since: Optional[str] = None  # dotted version, None for the baseline
    secret: bool = False
    comment: Optional[str] = None  # printed after the line


@dataclass
class EnumValue:
    name: str
    since: Optional[str] = None


@dataclass
class Enum:
    name: str
    values: List[EnumValue]
    since: Optional[str] = None


@dataclass
class Object:
    """A data object (kind "object") or a managed object (kind "managed")."""
    name: str
    kind: str
    parent: Optional[str] = None
    since: Optional[str] = None
    members: List[Member] = field(default_factory=list)
    is_fault: bool = False
    comment: Optional[str] = None  # printed on its own line above the block


@dataclass
class Method:
    name: str                   # the SOAP operation name
    declared_by: str            # the managed type that declares it (WSDL name)
    params: List[Member]        # `_this` first
    returns: Optional[Member] = None  # type + occ only; name unused
    since: Optional[str] = None
    task_result: Optional[str] = None  # "Type" or "Type[]"
    faults: List[str] = field(default_factory=list)
    comment: Optional[str] = None


@dataclass
class Schema:
    enums: Dict[str, Enum] = field(default_factory=dict)
    objects: Dict[str, Object] = field(default_factory=dict)   # data objects incl. faults
    managed: Dict[str, Object] = field(default_factory=dict)
    methods: Dict[str, Method] = field(default_factory=dict)
    header: List[str] = field(default_factory=list)            # comment lines for the top
    applied_patches: List[str] = field(default_factory=list)

    def find_type(self, name: str):
        return self.objects.get(name) or self.managed.get(name) or self.enums.get(name)
