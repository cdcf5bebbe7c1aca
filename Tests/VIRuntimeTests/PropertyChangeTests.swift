import Foundation
@testable import VI
import XCTest

/// The property-collector layer's change application, without a server: every operation, indexed
/// paths by string and numeric key, typed reads after each change, and malformed names.
final class PropertyChangeTests: XCTestCase {
    override func setUp() { VIClient.registerVITypes() }

    private let vm = ManagedObjectReference(type: "VirtualMachine", value: "vm-7")

    private func change(_ name: String, _ op: PropertyChangeOp, _ value: AnyValue? = nil) -> PropertyChange {
        PropertyChange(name: name, op: op, val: value)
    }

    private func strings(_ values: [String]) -> AnyValue { .array(elementType: "string", values.map(AnyValue.string)) }

    func testAssignAndRemoveOfPlainAndNestedPaths() throws {
        var state = VIObjectState(ref: vm)
        try state.apply(change("name", .assign, .string("web")))
        try state.apply(change("runtime.powerState", .assign, .enumeration(type: "VirtualMachinePowerState", rawValue: "poweredOn")))
        XCTAssertEqual(state[VirtualMachine.Property.name], "web")
        XCTAssertEqual(state[VirtualMachine.Property.runtime.powerState], .poweredOn)
        try state.apply(change("runtime.powerState", .assign, .enumeration(type: "VirtualMachinePowerState", rawValue: "poweredOff")))
        XCTAssertEqual(state[VirtualMachine.Property.runtime.powerState], .poweredOff)
        try state.apply(change("name", .remove))
        XCTAssertNil(state[VirtualMachine.Property.name])
        try state.apply(change("runtime.powerState", .indirectRemove))
        XCTAssertNil(state[VirtualMachine.Property.runtime.powerState])
        try state.apply(change("name", .assign, nil))  // assign without a value unsets
        XCTAssertNil(state.values["name"])
    }

    func testIndexedStringPathsAddReplaceAndRemoveElements() throws {
        var state = VIObjectState(ref: vm, values: ["disabledMethod": strings(["PowerOffVM_Task"])])
        try state.apply(change(#"disabledMethod["Destroy_Task"]"#, .add, .string("Destroy_Task")))
        XCTAssertEqual(state[VirtualMachine.Property.disabledMethod], ["PowerOffVM_Task", "Destroy_Task"])
        try state.apply(change(#"disabledMethod["PowerOffVM_Task"]"#, .remove))
        XCTAssertEqual(state[VirtualMachine.Property.disabledMethod], ["Destroy_Task"])
        try state.apply(change(#"disabledMethod["Destroy_Task"]"#, .assign, .string("Destroy_Task")))
        XCTAssertEqual(state[VirtualMachine.Property.disabledMethod], ["Destroy_Task"], "assign replaces, never duplicates")
        // An element added before the array was ever seen starts the array.
        var fresh = VIObjectState(ref: vm)
        try fresh.apply(change(#"disabledMethod["a\"b"]"#, .add, .string(#"a"b"#)))
        XCTAssertEqual(fresh[VirtualMachine.Property.disabledMethod], [#"a"b"#])
    }

    func testIndexedNumericPathsAddressDataObjectsByKey() throws {
        func disk(_ key: Int32, _ label: String) -> AnyValue {
            .object(VirtualDisk(key: key, deviceInfo: Description(label: label, summary: ""), capacityInKB: 1))
        }
        var state = VIObjectState(
            ref: vm, values: ["config.hardware.device": .array(elementType: "VirtualDevice", [disk(2000, "a"), disk(2001, "b")])])
        try state.apply(change("config.hardware.device[2001]", .assign, disk(2001, "b2")))
        try state.apply(change("config.hardware.device[2002]", .add, disk(2002, "c")))
        try state.apply(change("config.hardware.device[2000]", .remove))
        let devices = try XCTUnwrap(state[VirtualMachine.Property.config.hardware.device])
        XCTAssertEqual(devices.map(\.key), [2001, 2002])
        XCTAssertEqual(devices.map { $0.deviceInfo?.label }, ["b2", "c"])
    }

    func testMalformedAndUnsupportedNamesAreTypedErrors() {
        var state = VIObjectState(ref: vm, values: ["name": .string("x")])
        for name in ["", "a]", #"a["x"#, "a[x]", "[1]", "a[1]b"] {
            XCTAssertThrowsError(try state.apply(change(name, .assign, .string("v"))), name) { error in
                XCTAssertEqual(error as? VIPropertyChangeError, .malformedName(name))
            }
        }
        XCTAssertThrowsError(try state.apply(change("name[1]", .add, .string("v")))) { error in
            guard case .unsupported(let name, _)? = error as? VIPropertyChangeError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "name[1]")
        }
        XCTAssertThrowsError(try state.apply(change("config.hardware.device[1].backing", .assign, .string("v"))))
        XCTAssertEqual(state.values["name"], .string("x"), "a failed change leaves the state as it was")
    }

    func testNamesParse() throws {
        XCTAssertEqual(try VIIndexedPropertyName("a.b"), VIIndexedPropertyName(base: "a.b", index: nil))
        XCTAssertEqual(try VIIndexedPropertyName(#"a.b["k"]"#), VIIndexedPropertyName(base: "a.b", index: "k"))
        XCTAssertEqual(try VIIndexedPropertyName("a[-4].c.d"), VIIndexedPropertyName(base: "a", index: "-4", rest: "c.d"))
    }

    func testTypedPathsReadFromAncestorsAndExactPaths() throws {
        let runtime = VirtualMachineRuntimeInfo(
            host: HostSystem(value: "host-1"), connectionState: .connected, powerState: .suspended,
            toolsInstallerMounted: false, maxCpuUsage: 10, numMksConnections: 0)
        let values: [String: AnyValue] = ["runtime": .object(runtime), "config.uuid": .string("42")]
        let properties = try VirtualMachine.Properties(object: VirtualMachine(value: "vm-1"), values: values)
        XCTAssertEqual(properties[.runtime.powerState], .suspended)
        XCTAssertEqual(properties[.runtime.host], HostSystem(value: "host-1"))
        XCTAssertEqual(properties[.runtime.maxCpuUsage], 10)
        XCTAssertNil(properties[.runtime.question])
        XCTAssertEqual(properties[.config.uuid], "42")
        XCTAssertNil(properties[.config.name], "neither the path nor an ancestor was retrieved")
        XCTAssertEqual(VirtualMachine.Property.config.hardware.memoryMB.wirePath, "config.hardware.memoryMB")
        XCTAssertEqual(VirtualMachine.Property.runtime.powerState, VirtualMachine.Property(unchecked: "runtime.powerState"))
        // A value of the wrong type is nil, never a crash.
        let wrong = try VirtualMachine.Properties(object: VirtualMachine(value: "vm-1"), values: ["config.uuid": .int(1)])
        XCTAssertNil(wrong[.config.uuid])
    }

    func testWatchMergesPathsPerType() {
        var watch = VIPropertyWatch()
        watch.add(VITask(value: "task-1"), [.info])
        watch.add(VirtualMachine(value: "vm-1"), [.runtime.question])
        watch.add(VirtualMachine(value: "vm-2"), [.runtime.question, .name])
        let spec = watch.filterSpec
        XCTAssertEqual(spec.propSet.map(\.type), ["Task", "VirtualMachine"])
        XCTAssertEqual(spec.propSet.map(\.pathSet), [["info"], ["runtime.question", "name"]])
        XCTAssertEqual(spec.objectSet.map(\.obj.value), ["task-1", "vm-1", "vm-2"])
    }
}

extension PropertyChangeTests {
    /// A `missingSet` that says the session is gone is a typed error carrying `NotAuthenticated`,
    /// not a result without the property; other missing properties are left to the caller.
    func testSessionLostInAMissingSetIsATypedFault() throws {
        let lost = MissingProperty(path: "name", fault: LocalizedMethodFault(fault: NotAuthenticated(), localizedMessage: "gone"))
        let content = ObjectContent(obj: vm, missingSet: [lost])
        XCTAssertThrowsError(try VIClient.throwIfSessionLost([content])) { error in
            XCTAssertTrue(error.isFault(NotAuthenticated.self))
            XCTAssertTrue(error.isFault(NoPermission.self), "a subtype matches its base")
            XCTAssertFalse(error.isFault(InvalidLogin.self))
            XCTAssertNotNil(error.fault(as: NoPermission.self), "the NoPermission part of a NotAuthenticated")
            XCTAssertEqual((error as? VIPropertyCollectorFault)?.path, "name")
        }
        let denied = MissingProperty(path: "name", fault: LocalizedMethodFault(fault: NoPermission(privilegeId: "System.Read")))
        XCTAssertNoThrow(try VIClient.throwIfSessionLost([ObjectContent(obj: vm, missingSet: [denied])]))
    }

    /// `fault(as:)` returns the base part of a subtype, members included.
    func testFaultAsBaseKeepsTheBaseMembers() {
        let fault = VISOAPFault(
            method: "PowerOnVM_Task", faultCode: "ServerFaultCode", faultString: "no",
            faultType: "NotAuthenticated",
            fault: NotAuthenticated(object: ManagedObjectReference(type: "Folder", value: "f"), privilegeId: "P"))
        let base = fault.fault(as: NoPermission.self)
        XCTAssertEqual(base?.privilegeId, "P")
        XCTAssertEqual(base?.object?.value, "f")
        XCTAssertNotNil(fault.fault(as: SecurityError.self))
        XCTAssertNil(fault.fault(as: InvalidLogin.self))
        XCTAssertTrue((fault as any Error).isFault(MethodFault.self))
    }
}

extension PropertyChangeTests {
    /// An `ArrayOfVirtualDevice` property value holding a device type this SDK does not know is
    /// still readable through its typed path: the unknown item decodes as the declared element
    /// type with its raw XML kept, as a typed field would.
    func testTypedArrayPathReadsUnknownSubtypes() throws {
        let xml = #"""
            <doc xmlns="urn:vim25" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><val xsi:type="ArrayOfVirtualDevice">\#
            <VirtualDevice xsi:type="VirtualDisk"><key>2000</key><capacityInKB>1</capacityInKB></VirtualDevice>\#
            <VirtualDevice xsi:type="VirtualQuantumDevice"><key>9000</key><qubits>5</qubits></VirtualDevice>\#
            </val></doc>
            """#
        let value = try VIXMLReader.withReader(bytes: Array(xml.utf8)) { reader -> AnyValue in
            try reader.moveToDocumentElement()
            var scope = reader.beginElement()
            _ = try reader.nextChild(&scope)
            return try reader.decodeAnyValue()
        }
        let properties = try VirtualMachine.Properties(
            object: VirtualMachine(value: "vm-1"), values: ["config.hardware.device": value])
        let devices = try XCTUnwrap(properties[.config.hardware.device])
        XCTAssertEqual(devices.map(\.key), [2000, 9000])
        XCTAssertTrue(devices[0] is VirtualDisk)
        XCTAssertEqual(devices[1].unknownSubtype?.wireType, "VirtualQuantumDevice")
        XCTAssertTrue(devices[1].unknownSubtype?.xml.contains("<qubits>5</qubits>") ?? false)
    }
}
