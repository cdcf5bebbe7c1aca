import Foundation
import VIFull
import XCTest

/// Names declared in a schema file (a deliberately small reader, independent of the generator).
struct DeclaredNames {
    var objects: Set<String> = []
    var enums: Set<String> = []
    var managed: Set<String> = []
    var methods: Set<String> = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for raw in text.split(separator: "\n") {
            let tokens = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard tokens.count >= 2 else { continue }
            switch tokens[0] {
            case "object": objects.insert(tokens[1])
            case "enum": enums.insert(tokens[1])
            case "method": methods.insert(tokens[1])
            case "managed" where tokens.count >= 3 && tokens[1] == "object": managed.insert(tokens[2])
            default: break
            }
        }
    }
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Every data type of the schema has a decoder registered under its wire name, and every method a
/// generated function, across VI and VIFull.
final class CoverageTests: XCTestCase {
    func testEveryTypeIsRegisteredAndEveryMethodGenerated() throws {
        let declared = try DeclaredNames(path: repositoryRoot.appendingPathComponent("Input/vim25.input").path)
        XCTAssertEqual(declared.objects.count, 3029)
        XCTAssertEqual(declared.enums.count, 446)
        XCTAssertEqual(declared.managed.count, 140)
        XCTAssertEqual(declared.methods.count, 975)

        let registry = VITypeRegistry()
        VITypes.register(into: registry)
        VIFullTypes.register(into: registry)
        XCTAssertEqual(Set(registry.objectNames), declared.objects)
        XCTAssertEqual(Set(registry.enumNames), declared.enums)
        for name in declared.objects {
            XCTAssertEqual(registry.objectType(named: name)?.wireName, name)
        }
        let methods = VITypes.methodNames + VIFullTypes.methodNames
        XCTAssertEqual(methods.count, Set(methods).count, "a method is generated twice")
        XCTAssertEqual(Set(methods), declared.methods)
    }

    func testVIHoldsTheClosureOfItsRootsOnly() throws {
        let roots = try String(contentsOf: repositoryRoot.appendingPathComponent("Input/vi-roots.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let registry = VITypeRegistry()
        VITypes.register(into: registry)
        let viNames = Set(registry.objectNames + registry.enumNames) .union(VITypes.methodNames)
        let declared = try DeclaredNames(path: repositoryRoot.appendingPathComponent("Input/vim25.input").path)
        for root in roots where !declared.managed.contains(root) {
            XCTAssertTrue(viNames.contains(root), "root \(root) is not in VI")
        }
        XCTAssertLessThan(registry.objectNames.count, declared.objects.count / 2, "VI should be a subset")
    }

    /// The hand-written libvirt-class schema stays consistent with the imported one.
    func testHandWrittenSchemaNamesExistInTheImport() throws {
        let hand = try DeclaredNames(path: repositoryRoot.appendingPathComponent("Input/vim25-handwritten.input").path)
        let full = try DeclaredNames(path: repositoryRoot.appendingPathComponent("Input/vim25.input").path)
        XCTAssertTrue(hand.objects.isSubset(of: full.objects), "\(hand.objects.subtracting(full.objects))")
        XCTAssertTrue(hand.enums.isSubset(of: full.enums))
        XCTAssertTrue(hand.managed.isSubset(of: full.managed))
        XCTAssertTrue(hand.methods.isSubset(of: full.methods))
    }
}
