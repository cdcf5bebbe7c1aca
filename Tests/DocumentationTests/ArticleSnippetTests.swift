import Foundation
import XCTest

/// Every ```swift block of the DocC articles is compiled: it appears line for line (indentation
/// aside) in ArticleSnippets.swift, or, for a manifest block, in an example package's manifest.
final class ArticleSnippetTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEveryArticleCodeBlockIsCompiled() throws {
        let articles = try Self.articles()
        XCTAssertGreaterThanOrEqual(articles.count, 7, "expected the VI, VIRuntime and ESX articles")
        let mirror = Self.normalized(try Self.read("Tests/DocumentationTests/ArticleSnippets.swift"))
        let manifests = Self.normalized(
            try Self.read("Examples/ListVMs/Package.swift") + "\n" + (try Self.read("Examples/CustomSubset/Package.swift")))
        var checked = 0
        for article in articles {
            for block in Self.swiftBlocks(in: try String(contentsOf: article, encoding: .utf8)) {
                let lines = Self.normalized(block)
                if lines.first == "// Package.swift" {
                    XCTAssertTrue(
                        Self.contains(manifests, Array(lines.dropFirst())),
                        "\(article.lastPathComponent): manifest block not in an example's Package.swift:\n\(block)")
                } else {
                    XCTAssertTrue(
                        Self.contains(mirror, lines),
                        "\(article.lastPathComponent): code block not mirrored in ArticleSnippets.swift:\n\(block)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 6)
    }

    func testBlockExtractionSeesOnlySwiftBlocks() {
        let text = "a\n```swift\nlet x = 1\n```\n```sh\nmake\n```\n  ```swift\n  f()\n  ```\n"
        XCTAssertEqual(Self.swiftBlocks(in: text), ["let x = 1", "f()"])
        XCTAssertTrue(Self.contains(["a", "b", "c"], ["b", "c"]))
        XCTAssertFalse(Self.contains(["a", "b", "c"], ["a", "c"]))
    }

    static func articles() throws -> [URL] {
        var found: [URL] = []
        for module in ["VI", "VIRuntime", "ESX"] {
            let catalog = root.appendingPathComponent("Sources/\(module)/\(module).docc")
            for name in try FileManager.default.contentsOfDirectory(atPath: catalog.path) where name.hasSuffix(".md") {
                found.append(catalog.appendingPathComponent(name))
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The contents of the ```swift fences, without the fences.
    static func swiftBlocks(in text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current.map { $0.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") } ?? "")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Lines without indentation, blank lines dropped.
    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether `lines` occur consecutively in `haystack`.
    static func contains(_ haystack: [String], _ lines: [String]) -> Bool {
        guard !lines.isEmpty, lines.count <= haystack.count else { return lines.isEmpty }
        for start in 0...(haystack.count - lines.count) where Array(haystack[start..<start + lines.count]) == lines {
            return true
        }
        return false
    }
}
