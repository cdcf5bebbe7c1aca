import XCTest
@testable import ESX

final class DatastorePathTests: XCTestCase {
    private struct Vector {
        let text: String
        let datastore: String
        let directoryAndFileName: String
        let directoryName: String
        let fileName: String
    }

    func testParsing() throws {
        let vectors = [
            Vector(text: "[datastore] directory/file", datastore: "datastore",
                   directoryAndFileName: "directory/file", directoryName: "directory", fileName: "file"),
            Vector(text: "[datastore] directory1/directory2/file", datastore: "datastore",
                   directoryAndFileName: "directory1/directory2/file", directoryName: "directory1/directory2",
                   fileName: "file"),
            Vector(text: "[datastore] file", datastore: "datastore",
                   directoryAndFileName: "file", directoryName: "file", fileName: "file"),
            Vector(text: "[datastore] directory/", datastore: "datastore",
                   directoryAndFileName: "directory/", directoryName: "directory", fileName: ""),
            Vector(text: "[datastore]", datastore: "datastore",
                   directoryAndFileName: "", directoryName: "", fileName: ""),
            Vector(text: "[datastore] ", datastore: "datastore",
                   directoryAndFileName: "", directoryName: "", fileName: ""),
            Vector(text: "[datastore]    vm/vm.vmx", datastore: "datastore",
                   directoryAndFileName: "vm/vm.vmx", directoryName: "vm", fileName: "vm.vmx"),
            Vector(text: "[datastore]vm/vm.vmx", datastore: "datastore",
                   directoryAndFileName: "vm/vm.vmx", directoryName: "vm", fileName: "vm.vmx"),
            Vector(text: "[datastore] /abs", datastore: "datastore",
                   directoryAndFileName: "/abs", directoryName: "", fileName: "abs"),
            Vector(text: "[Storage 1 (ssd)] My VM/My VM.vmx", datastore: "Storage 1 (ssd)",
                   directoryAndFileName: "My VM/My VM.vmx", directoryName: "My VM", fileName: "My VM.vmx"),
            Vector(text: "[a[b] c", datastore: "a[b",
                   directoryAndFileName: "c", directoryName: "c", fileName: "c"),
            Vector(text: "[ds] a]b/c", datastore: "ds",
                   directoryAndFileName: "a]b/c", directoryName: "a]b", fileName: "c"),
            Vector(text: "[ds] dir/\tfile ", datastore: "ds",
                   directoryAndFileName: "dir/\tfile ", directoryName: "dir", fileName: "\tfile "),
            Vector(text: "[Daten_Übung] Grüße/日本.vmdk", datastore: "Daten_Übung",
                   directoryAndFileName: "Grüße/日本.vmdk", directoryName: "Grüße", fileName: "日本.vmdk"),
            Vector(text: "[ ] x", datastore: " ",
                   directoryAndFileName: "x", directoryName: "x", fileName: "x"),
        ]
        for vector in vectors {
            let path = try DatastorePath(parsing: vector.text)
            XCTAssertEqual(path.datastore, vector.datastore, vector.text)
            XCTAssertEqual(path.directoryAndFileName, vector.directoryAndFileName, vector.text)
            XCTAssertEqual(path.directoryName, vector.directoryName, vector.text)
            XCTAssertEqual(path.fileName, vector.fileName, vector.text)
        }
    }

    func testRejectedPaths() {
        let vectors: [(String, ESXNameError.DatastorePathProblem)] = [
            ("", .missingOpeningBracket),
            ("directory/file", .missingOpeningBracket),
            (" [ds] file", .missingOpeningBracket),
            ("ds] file", .missingOpeningBracket),
            ("[] directory/file", .emptyDatastoreName),
            ("[]", .emptyDatastoreName),
            ("[", .missingClosingBracket),
            ("[datastore directory/file", .missingClosingBracket),
        ]
        for (text, problem) in vectors {
            XCTAssertThrowsError(try DatastorePath(parsing: text), text) { error in
                XCTAssertEqual(error as? ESXNameError, .invalidDatastorePath(text: text, problem: problem), text)
            }
        }
    }

    func testFormatting() throws {
        XCTAssertEqual(try DatastorePath(datastore: "ds", directoryAndFileName: "vm/vm.vmx").description, "[ds] vm/vm.vmx")
        XCTAssertEqual(try DatastorePath(datastore: "ds").description, "[ds]")
        XCTAssertEqual(try DatastorePath(datastore: "ds", directoryAndFileName: "").description, "[ds]")
        XCTAssertEqual(try DatastorePath(parsing: "[ds]   dir").description, "[ds] dir")
        XCTAssertEqual(try DatastorePath(parsing: "[ds]dir").description, "[ds] dir")
        XCTAssertEqual(try DatastorePath(parsing: "[ds] ").description, "[ds]")
    }

    func testInitializerValidatesDatastoreName() {
        XCTAssertThrowsError(try DatastorePath(datastore: "", directoryAndFileName: "x")) { error in
            XCTAssertEqual(error as? ESXNameError, .invalidDatastorePath(text: "[] x", problem: .emptyDatastoreName))
        }
        XCTAssertThrowsError(try DatastorePath(datastore: "a]b")) { error in
            guard case .invalidDatastorePath(_, .closingBracketInDatastoreName)? = error as? ESXNameError else {
                return XCTFail("unexpected \(error)")
            }
        }
    }

    func testRoundTrips() throws {
        for text in [
            "[ds] vm/vm.vmx", "[ds]", "[datastore1] a/b/c/d.vmdk", "[Storage 1] My VM/My VM.vmx",
            "[ds] dir/", "[ds] /abs/path", "[日本] 語/テキスト.vmx", "[a[b] c]d",
        ] {
            XCTAssertEqual(try DatastorePath(parsing: text).description, text)
        }
        for (datastore, rest) in [("ds", "x/y"), ("Daten Übung", "Grüße/日本.vmdk"), ("d", ""), ("[", "]")] {
            let path = try DatastorePath(datastore: datastore, directoryAndFileName: rest)
            XCTAssertEqual(try DatastorePath(parsing: path.description), path)
        }
    }

    func testAppending() throws {
        let root = try DatastorePath(datastore: "ds")
        XCTAssertEqual(root.appending("vm").description, "[ds] vm")
        XCTAssertEqual(root.appending("vm").appending("vm.vmx").description, "[ds] vm/vm.vmx")
        XCTAssertEqual(try DatastorePath(parsing: "[ds] dir/").appending("f").description, "[ds] dir/f")
        XCTAssertEqual(root.appending("vm").appending("vm.vmx").directoryName, "vm")
    }

    func testHashableUsesDatastoreAndPath() throws {
        let a = try DatastorePath(parsing: "[ds] a/b")
        let b = try DatastorePath(parsing: "[ds]    a/b")
        let c = try DatastorePath(parsing: "[ds] a/c")
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set([a, b, c]).count, 2)
    }

    func testErrorDescription() {
        let error = ESXNameError.invalidDatastorePath(text: "[] x", problem: .emptyDatastoreName)
        XCTAssertEqual(error.description, "'[] x' is not a valid datastore path: the datastore name is empty")
    }
}
