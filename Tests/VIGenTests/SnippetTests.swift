import XCTest

@testable import vi_gen

/// One input stanza -> the exact Swift it must produce, per feature.
final class SnippetTests: XCTestCase {
    func testOpenEnum() throws {
        let swift = try generateAll("enum PowerState\n  poweredOn\n  poweredOff\nend\n")
        assertContains(
            swift,
            """
            public struct PowerState: VIEnum, CustomStringConvertible {
                public static let wireName = "PowerState"
                public let rawValue: String
                public init(rawValue: String) { self.rawValue = rawValue }
                public var description: String { rawValue }
                public static let poweredOn = PowerState(rawValue: "poweredOn")
                public static let poweredOff = PowerState(rawValue: "poweredOff")
                public static let declaredValues: [PowerState] = [.poweredOn, .poweredOff]
            }
            """)
    }

    func testEnumValuesThatAreKeywordsOrNotIdentifiers() throws {
        let swift = try generateAll("enum E\n  self\n  in\n  internal\n  vmx-04\n  8k\n  rawValue\nend\n")
        assertContains(swift, #"public static let self_ = E(rawValue: "self")"#)
        assertContains(swift, #"public static let `in` = E(rawValue: "in")"#)
        assertContains(swift, #"public static let `internal` = E(rawValue: "internal")"#)
        assertContains(swift, #"public static let vmx_04 = E(rawValue: "vmx-04")"#)
        assertContains(swift, #"public static let _8k = E(rawValue: "8k")"#)
        assertContains(swift, #"public static let rawValue_ = E(rawValue: "rawValue")"#)
    }

    func testObjectMembersByOccurrence() throws {
        let swift = try generateAll(
            "object A\n  String req r\n  Int opt o\n  Long many rl\n  Boolean flags ol\n  Whatever skipped i\nend\n")
        assertContains(
            swift,
            """
            public var req: String
            public var opt: Int32?
            public var many: [Int64]
            public var flags: [Bool]
            """)
        XCTAssertFalse(swift.contains("skipped"), "i members have no field")
        assertContains(swift, "public init(req: String, opt: Int32? = nil, many: [Int64], flags: [Bool] = [])")
        assertContains(
            swift,
            """
            self.req = try __reader.required(_req, "req", in: "A")
            self.opt = _opt
            self.many = try __reader.requiredList(_many, "many", in: "A")
            self.flags = _flags
            """)
        assertContains(
            swift,
            """
            try __writer.encode("req", self.req)
            try __writer.encode("opt", self.opt)
            try __writer.requireList(self.many, "many", in: "A")
            try __writer.encode("many", self.many)
            try __writer.encode("flags", self.flags)
            """)
    }

    func testInheritanceMakesAProtocol() throws {
        let swift = try generateAll(
            "object Base\n  String name r\nend\nobject Mid extends Base\n  Int n o\nend\nobject Leaf extends Mid\nend\n")
        assertContains(
            swift,
            """
            public protocol BaseProtocol: VIDataObject {
                var name: String { get set }
            }
            """)
        assertContains(
            swift,
            """
            public protocol MidProtocol: BaseProtocol {
                var n: Int32? { get set }
            }
            """)
        assertContains(swift, "public struct Mid: MidProtocol {")
        assertContains(swift, "public struct Leaf: MidProtocol {")
        assertContains(swift, #"public static let ancestors: [String] = ["Mid", "Base"]"#)
    }

    func testPolymorphicFields() throws {
        let swift = try generateAll(
            "object Base\nend\nobject Sub extends Base\nend\nobject Holder\n  Base one r\n  Base maybe o\n  Base many ol\nend\n")
        assertContains(
            swift,
            """
            public var one: any BaseProtocol
            public var maybe: (any BaseProtocol)?
            public var many: [any BaseProtocol]
            """)
        assertContains(swift, #"case "one": _one = try __reader.decodePolymorphic(Base.self, as: (any BaseProtocol).self)"#)
        assertContains(swift, #"if let __value = self.maybe { try __writer.encode("maybe", __value) }"#)
        assertContains(swift, #"for __value in self.many { try __writer.encode("many", __value) }"#)
    }

    func testRecursiveMemberIsStoredOutOfLine() throws {
        let swift = try generateAll("object Node\n  Node next o\n  Node children ol\nend\n")
        assertContains(
            swift,
            """
            private var _storage_next: VIIndirect<Node>?
            public var next: Node? { get { _storage_next?.value } set { _storage_next = newValue.map { VIIndirect($0) } } }
            public var children: [Node]
            """)
    }

    func testBuiltinTypes() throws {
        let swift = try generateAll(
            """
            format 2
            object P
              String s r
              Boolean b r
              Byte y r
              Short h r
              Int i r
              Long l r
              Float f r
              Double d r
              DateTime t r
              Binary x r
              AnyType a r
              ManagedObjectReference m r
            end
            """)
        assertContains(
            swift,
            """
            public var s: String
            public var b: Bool
            public var y: Int8
            public var h: Int16
            public var i: Int32
            public var l: Int64
            public var f: Float
            public var d: Double
            public var t: Date
            public var x: Data
            public var a: AnyValue
            public var m: ManagedObjectReference
            """)
    }

    func testSecretMember() throws {
        let swift = try generateAll("format 2\nobject Cred\n  String password r secret\nend\n")
        assertContains(swift, #"try __writer.encodeSecret("password", self.password)"#)
    }

    func testKeywordMembers() throws {
        let swift = try generateAll("object K\n  String protocol o\n  String self o\n  String in o\nend\n")
        assertContains(
            swift,
            """
            public var `protocol`: String?
            public var self_: String?
            public var `in`: String?
            """)
        assertContains(swift, #"case "self": _self_ = try String.decodeValue(from: __reader)"#)
    }

    func testManagedObjectWrapper() throws {
        let swift = try generateAll(
            """
            format 2
            enum State
              on
            end
            managed object Entity
              String name r
              ManagedObjectReference:Entity parent o
            end
            managed object Machine extends Entity
              State state r
              ManagedObjectReference:Entity children ol
            end
            """)
        assertContains(
            swift,
            """
            public struct Machine: VIManagedObject {
                public static let wireName = "Machine"
                public let ref: ManagedObjectReference
                public init(_ ref: ManagedObjectReference) { self.ref = ref }
            """)
        assertContains(swift, "public typealias Property = VIAnyPropertyPath<Machine>")
        assertContains(swift, "extension VIAnyPropertyPath where Root == Machine {")
        assertContains(swift, #"public static var state: VIPropertyPath<Machine, State> { ._top("state") }"#)
        assertContains(swift, #"public static var children: VIPropertyPath<Machine, [Entity]> { ._top("children") }"#)
        assertContains(
            swift,
            """
            public var name: String?
            public var parent: Entity?
            public var state: State?
            public var children: [Entity]?
            """)
        assertContains(
            swift,
            #"""
            case "children":
                self.children = try VIPropertyValues.value(__value, "children", as: [Entity].self, in: "Machine")
            """#)
        assertContains(swift, "for (__path, __value) in values {")
    }

    func testMethodBoundToServiceContent() throws {
        let swift = try generateAll(
            """
            format 2
            managed object SessionManager
            end
            object ServiceContent
              ManagedObjectReference:SessionManager sessionManager o
            end
            object UserSession
              String key r
            end
            method Login returns UserSession r
              ManagedObjectReference _this:sessionManager r
              String userName r
              String password r secret
              String locale o
            end
            """)
        assertContains(
            swift,
            """
            public func login(userName: String, password: String, locale: String? = nil) async throws -> UserSession {
                let this = try await bind("Login", member: "sessionManager") { (_content: ServiceContent) in
                    _content.sessionManager
                }
                return try await invoke("Login") { __writer in
                    try __writer.encode("_this", this)
                    try __writer.encode("userName", userName)
                    try __writer.encodeSecret("password", password)
                    try __writer.encode("locale", locale)
                } decode: { __reader in
                    try __reader.returnValue("Login", UserSession.decodeValue)
                }
            }
            """)
    }

    func testMethodWithTypedThisAndResultOccurrences() throws {
        let swift = try generateAll(
            """
            format 2
            managed object Task
            end
            managed object VirtualMachine
            end
            object Base
            end
            object Sub extends Base
            end
            method PowerOnVM_Task returns ManagedObjectReference:Task r task-result=ManagedObjectReference:VirtualMachine
              ManagedObjectReference:VirtualMachine _this r
            end
            method Maybe returns Int o
              ManagedObjectReference _this r
            end
            method Many returns Base ol
              ManagedObjectReference _this r
              String names rl
            end
            method Nothing
              ManagedObjectReference _this r
            end
            method HTTPNfcLeaseComplete returns String rl
              ManagedObjectReference _this r
            end
            method setCustomValue
              ManagedObjectReference _this r
            end
            """)
        assertContains(swift, "public func powerOnVM_Task(_ this: VirtualMachine) async throws -> VITask {")
        assertContains(swift, #"try __reader.returnValue("PowerOnVM_Task", VITask.decodeValue)"#)
        assertContains(swift, "/// Returns a task whose `info.result` holds VirtualMachine.")
        assertContains(swift, #"try __reader.optionalReturnValue("Maybe", Int32.decodeValue)"#)
        assertContains(swift, "public func many(_ this: ManagedObjectReference, names: [String]) async throws -> [any BaseProtocol] {")
        assertContains(swift, #"try __writer.requireList(names, "names", in: "Many")"#)
        assertContains(swift, #"try __reader.returnValues("Many", { try $0.decodePolymorphic(Base.self, as: (any BaseProtocol).self) })"#)
        assertContains(swift, #"try __reader.noReturnValue("Nothing")"#)
        assertContains(swift, "public func httpNfcLeaseComplete(_ this: ManagedObjectReference) async throws -> [String] {")
        assertContains(swift, #"try __reader.returnValues("HTTPNfcLeaseComplete", required: true, String.decodeValue)"#)
        assertContains(swift, "public func setCustomValue(_ this: ManagedObjectReference) async throws {")
    }

    func testFaultsAreErrorsAndListedOnMethods() throws {
        let swift = try generateAll(
            """
            format 2
            object MethodFault
            end
            object InvalidLogin extends MethodFault
            end
            method Login faults=InvalidLogin
            end
            """)
        assertContains(swift, "public protocol MethodFaultProtocol: VIDataObject, Error {")
        assertContains(swift, "public struct InvalidLogin: MethodFaultProtocol {")
        assertContains(swift, "/// - Throws: `VISOAPFault` carrying one of: `InvalidLogin`; transport and decoding errors.")
    }

    func testMethodFaultIsABuiltinWhenNotDeclared() throws {
        let swift = try generateAll("object LocalizedMethodFault\n  MethodFault fault r\nend\n")
        assertContains(swift, "public struct MethodFault: VIDataObject, Error {")
        assertContains(swift, "public var fault: MethodFault")
    }

    func testClashingTypeNamesAreRenamed() throws {
        let swift = try generateAll("managed object Task\nend\nmanaged object FileManager\nend\n")
        assertContains(swift, "public struct VITask: VIManagedObject {")
        assertContains(swift, #"public static let wireName = "Task""#)
        assertContains(swift, "public struct VIFileManager: VIManagedObject {")
    }

    func testSinceVersionsAreDocumented() throws {
        let swift = try generateAll("format 2\nobject A since=6.7\n  String s o since=7.0\nend\n")
        assertContains(swift, "/// The data object `A`, since API 6.7.")
        assertContains(swift, "/// Wire member `s`, optional, since API 7.0.\npublic var s: String?")
    }

    /// Every public declaration of the generated golden corpus carries a doc comment.
    func testEveryGeneratedDeclarationIsDocumented() throws {
        let directory = repositoryRoot.appendingPathComponent("Tests/GoldenCorpusTests/Generated")
        var undocumented: [String] = []
        var declarations = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            for (index, line) in lines.enumerated() where line.hasPrefix("public ") || line.hasPrefix("extension ") {
                declarations += 1
                if index == 0 || !lines[index - 1].hasPrefix("///") { undocumented.append("\(name):\(index + 1): \(line)") }
            }
        }
        XCTAssertGreaterThan(declarations, 300)
        XCTAssertEqual(undocumented, [], undocumented.joined(separator: "\n"))
    }

    func testOutputIsSplitIntoFilesOfAHundredTypes() throws {
        var text = ""
        for index in 0..<250 { text += "object T\(String(format: "%03d", index))\n  String s o\nend\n" }
        let files = try generate(text)
        XCTAssertEqual(files.keys.sorted(), ["Objects01.swift", "Objects02.swift", "Objects03.swift", "Registration.swift"])
        XCTAssertEqual(files["Objects03.swift"]?.components(separatedBy: "public struct ").count, 51)
        let registration = try XCTUnwrap(files["Registration.swift"])
        assertContains(
            registration,
            """
            registry.register(objects: objects01())
            registry.register(objects: objects02())
            registry.register(objects: objects03())
            """)
        XCTAssertFalse(registration.contains("switch"), "dispatch is table-driven, not a switch")
    }

    func testHeaderAndDeterminism() throws {
        let text = "enum E\n  a\nend\nobject B\n  E e o\nend\nobject A\n  B b o\nend\n"
        let first = try generate(text)
        let second = try generate(text)
        XCTAssertEqual(first, second)
        for contents in first.values {
            XCTAssertTrue(contents.hasPrefix("// Generated by vi-gen from test.input. DO NOT EDIT.\n// Regenerate with: vi-gen test.input --output out\n"))
        }
        let objects = try XCTUnwrap(first["Objects01.swift"])
        let a = try XCTUnwrap(objects.range(of: "public struct A"))
        let b = try XCTUnwrap(objects.range(of: "public struct B"))
        XCTAssertLessThan(a.lowerBound, b.lowerBound, "declarations are sorted by name")
    }

    func testLibvirtStyleFileStillParses() throws {
        let swift = try generateAll(
            """
            # libvirt-style: no format line, untyped references, builtin MethodFault
            enum VirtualMachinePowerState
                poweredOff
                poweredOn
            end
            object ServiceContent
                ManagedObjectReference   sessionManager   o
            end
            object LocalizedMethodFault
                MethodFault              fault            r
                String                   localizedMessage o
            end
            object UserSession
                String                   key              r
            end
            method Login returns UserSession r
                ManagedObjectReference   _this:sessionManager r
                String                   userName         r
                String                   password         r
            end
            """)
        assertContains(swift, "public func login(userName: String, password: String) async throws -> UserSession {")
    }

    func testLongLinesAreWrappedTo120Columns() throws {
        let members = (1...12).map { "  String longMemberName\($0) o\n" }.joined()
        let swift = try generateAll(
            "object VeryLongDataObjectNameForWrapping\n\(members)end\n"
                + "method DoSomethingWithALongName\n  String firstArgument r\n  String secondArgument o\n"
                + "  String thirdArgument o\n  String fourthArgument o\nend\n")
        let long = swift.split(separator: "\n").filter { $0.count > 120 }
        XCTAssertEqual(long, [])
        assertContains(
            swift,
            """
            public init(
                longMemberName1: String? = nil,
                longMemberName2: String? = nil,
            """)
        assertContains(
            swift,
            """
                longMemberName12: String? = nil
            ) {
                self.longMemberName1 = longMemberName1
            """)
        assertContains(
            swift,
            """
            public func doSomethingWithALongName(
                firstArgument: String,
                secondArgument: String? = nil,
                thirdArgument: String? = nil,
                fourthArgument: String? = nil
            ) async throws {
            """)
    }
}
