"""Read a server's vim25 WSDL (`/sdk/vimService.wsdl`, `vim.wsdl` and the `*-types.xsd` /
`*-messagetypes.xsd` files it includes) into the schema model, for comparison.

The WSDL cannot be the importer's source: it has no managed object types or properties, no
target types of ManagedObjectReference, no since-versions, no secret flags, no task result types
and no declaring type of a method (every `_this` is a bare ManagedObjectReference). What it does
describe -- data objects, faults, enums, method parameters, results and faults -- is read here so
that `Scripts/import-schema --compare-wsdl PATH` can list where a server differs from the pinned
pyvmomi tables (for example a server newer than the pin).

Only the standard library is used (xml.etree).
"""

import os
import xml.etree.ElementTree as ET
from typing import Dict, List, Optional, Tuple

from .model import Enum, EnumValue, Member, Method, Object, Schema

XSD_NS = "http://www.w3.org/2001/XMLSchema"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"

XSD_TYPES = {
    "string": "String", "anyURI": "String", "boolean": "Boolean", "byte": "Byte",
    "short": "Short", "int": "Int", "long": "Long", "float": "Float", "double": "Double",
    "dateTime": "DateTime", "base64Binary": "Binary", "anyType": "AnyType",
}


class WsdlError(Exception):
    pass


def _tag(namespace: str, name: str) -> str:
    return "{%s}%s" % (namespace, name)


class _File:
    """One parsed XML file with its namespace prefixes (ElementTree drops them)."""

    def __init__(self, path: str):
        self.path = path
        self.prefixes: Dict[str, str] = {}
        try:
            for event, value in ET.iterparse(path, events=("start-ns",)):
                prefix, uri = value
                self.prefixes.setdefault(prefix, uri)
            self.root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as error:
            raise WsdlError("%s: %s" % (path, error))

    def type_ref(self, qname: Optional[str]) -> Tuple[str, str]:
        """(namespace, local name) of a QName attribute value."""
        if not qname:
            return ("", "")
        prefix, _, local = qname.rpartition(":")
        return (self.prefixes.get(prefix, prefix), local)


class WsdlReader:
    def __init__(self):
        self.complex_types: Dict[str, Tuple[_File, ET.Element]] = {}
        self.simple_types: Dict[str, Tuple[_File, ET.Element]] = {}
        self.elements: Dict[str, Tuple[_File, ET.Element]] = {}
        self.messages: Dict[str, Tuple[_File, ET.Element]] = {}
        self.operations: List[Tuple[_File, ET.Element]] = []
        self.loaded = set()

    # -- loading ----------------------------------------------------------------------------

    def load(self, path: str) -> None:
        path = os.path.abspath(path)
        if path in self.loaded:
            return
        self.loaded.add(path)
        parsed = _File(path)
        root = parsed.root
        base = os.path.dirname(path)
        if root.tag == _tag(WSDL_NS, "definitions"):
            for child in root:
                if child.tag == _tag(WSDL_NS, "import") and child.get("location"):
                    self.load(os.path.join(base, child.get("location")))
                elif child.tag == _tag(WSDL_NS, "types"):
                    for schema in child.findall(_tag(XSD_NS, "schema")):
                        self._schema(parsed, schema, base)
                elif child.tag == _tag(WSDL_NS, "message"):
                    self.messages[child.get("name")] = (parsed, child)
                elif child.tag == _tag(WSDL_NS, "portType"):
                    for operation in child.findall(_tag(WSDL_NS, "operation")):
                        self.operations.append((parsed, operation))
        elif root.tag == _tag(XSD_NS, "schema"):
            self._schema(parsed, root, base)
        else:
            raise WsdlError("%s is neither a WSDL nor an XML schema" % path)

    def _schema(self, parsed: _File, schema: ET.Element, base: str) -> None:
        for child in schema:
            if child.tag in (_tag(XSD_NS, "include"), _tag(XSD_NS, "import")):
                location = child.get("schemaLocation")
                if location:
                    self.load(os.path.join(base, location))
            elif child.tag == _tag(XSD_NS, "complexType"):
                self.complex_types[child.get("name")] = (parsed, child)
            elif child.tag == _tag(XSD_NS, "simpleType"):
                self.simple_types[child.get("name")] = (parsed, child)
            elif child.tag == _tag(XSD_NS, "element"):
                self.elements[child.get("name")] = (parsed, child)

    # -- conversion -------------------------------------------------------------------------

    def token(self, parsed: _File, qname: Optional[str]) -> str:
        namespace, local = parsed.type_ref(qname)
        if namespace == XSD_NS:
            if local not in XSD_TYPES:
                raise WsdlError("%s: unknown XML schema type %s" % (parsed.path, qname))
            return XSD_TYPES[local]
        return local

    def member(self, parsed: _File, element: ET.Element) -> Member:
        is_list = element.get("maxOccurs") == "unbounded"
        optional = element.get("minOccurs") == "0"
        occ = ("ol" if optional else "rl") if is_list else ("o" if optional else "r")
        return Member(self.token(parsed, element.get("type")), element.get("name"), occ)

    def sequence(self, parsed: _File, node: ET.Element) -> List[Member]:
        sequence = node.find(".//" + _tag(XSD_NS, "sequence"))
        if sequence is None:
            return []
        return [self.member(parsed, e) for e in sequence.findall(_tag(XSD_NS, "element"))]

    def schema(self) -> Schema:
        result = Schema()
        request_types = set()
        for parsed, element in self.elements.values():
            if element.get("type", "").endswith("RequestType"):
                request_types.add(parsed.type_ref(element.get("type"))[1])
        for name, (parsed, node) in sorted(self.complex_types.items()):
            if (name.startswith("ArrayOf") or name in request_types
                    or node.find(_tag(XSD_NS, "simpleContent")) is not None):
                continue  # list wrappers, method inputs, ManagedObjectReference
            extension = node.find(".//" + _tag(XSD_NS, "extension"))
            parent = parsed.type_ref(extension.get("base"))[1] if extension is not None else None
            result.objects[name] = Object(name, "object", parent,
                                          members=self.sequence(parsed, node))
        for name, obj in result.objects.items():
            seen, current = set(), obj
            while current is not None and current.name not in seen:
                seen.add(current.name)
                if current.name == "MethodFault":
                    obj.is_fault = True
                    break
                current = result.objects.get(current.parent) if current.parent else None
        for name, (parsed, node) in sorted(self.simple_types.items()):
            values = [EnumValue(e.get("value"))
                      for e in node.iter(_tag(XSD_NS, "enumeration"))]
            result.enums[name] = Enum(name, values)
        for parsed, operation in self.operations:
            method = self.method(parsed, operation)
            if method is not None:
                result.methods[method.name] = method
        return result

    def message_element(self, parsed: _File, message_qname: str) -> Optional[str]:
        _, message_name = parsed.type_ref(message_qname)
        found = self.messages.get(message_name)
        if found is None:
            return None
        message_file, message = found
        part = message.find(_tag(WSDL_NS, "part"))
        if part is None or not part.get("element"):
            return None
        return message_file.type_ref(part.get("element"))[1]

    def method(self, parsed: _File, operation: ET.Element) -> Optional[Method]:
        name = operation.get("name")
        input_node = operation.find(_tag(WSDL_NS, "input"))
        request = (self.message_element(parsed, input_node.get("message"))
                   if input_node is not None else None) or name
        params: List[Member] = []
        if request in self.elements:
            element_file, element = self.elements[request]
            type_name = element_file.type_ref(element.get("type"))[1]
            if type_name in self.complex_types:
                type_file, node = self.complex_types[type_name]
                params = self.sequence(type_file, node)
            else:
                params = self.sequence(element_file, element)
        method = Method(name, "", params)
        response = self.elements.get(name + "Response")
        if response is not None:
            returns = [m for m in self.sequence(*response) if m.name == "returnval"]
            if returns:
                method.returns = returns[0]
        for fault in operation.findall(_tag(WSDL_NS, "fault")):
            element_name = self.message_element(parsed, fault.get("message"))
            if element_name is None:  # no <message>: the naming convention XFaultMsg -> XFault
                element_name = parsed.type_ref(fault.get("message"))[1]
                element_name = element_name[:-3] if element_name.endswith("Msg") else element_name
            fault_type = element_name[:-5] if element_name.endswith("Fault") else element_name
            if element_name in self.elements:
                element_file, element = self.elements[element_name]
                fault_type = element_file.type_ref(element.get("type"))[1] or fault_type
            if fault_type not in method.faults:
                method.faults.append(fault_type)
        return method


def read_wsdl(path: str) -> Schema:
    """Read a WSDL file (vimService.wsdl or vim.wsdl) or a directory holding one of them."""
    if os.path.isdir(path):
        for candidate in ("vimService.wsdl", "vim.wsdl"):
            if os.path.isfile(os.path.join(path, candidate)):
                path = os.path.join(path, candidate)
                break
        else:
            raise WsdlError("%s holds neither vimService.wsdl nor vim.wsdl" % path)
    reader = WsdlReader()
    reader.load(path)
    return reader.schema()
