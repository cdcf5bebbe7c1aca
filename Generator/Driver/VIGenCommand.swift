import ArgumentParser
import Foundation

/// `vi-gen <input> --output <dir>`: generates typed Swift bindings from a vim25 schema.
struct VIGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vi-gen",
        abstract: "Generate Swift bindings for the vSphere (VI) SOAP API from an esx_vi_generator.input schema.")

    @Argument(help: "The schema file (esx_vi_generator.input format).")
    var input: String

    @Option(name: .long, help: "Directory for the generated Swift files (a file with --single-file).")
    var output: String

    @Flag(
        help: """
            Write everything into the one file --output names: the files a directory would get, \
            concatenated in order (for build plugins, which must name their outputs before running).
            """)
    var singleFile = false

    @Option(name: .long, help: "Prefix of the generated registration namespace (<name>Types).")
    var moduleName: String = "VI"

    @Option(name: .customLong("import"), help: "A module the generated files import (repeatable).")
    var imports: [String] = []

    @Option(help: "Generate only the closure of the type and method names in this file.")
    var roots: String?

    @Option(help: "Generate everything except the closure of the names in this file.")
    var excludeRoots: String?

    mutating func run() throws {
        let started = Date()
        do {
            let schema = try Generator.load(path: input)
            let command = (["vi-gen"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
            let options = RenderOptions(moduleName: moduleName, imports: imports, command: command)
            let selection = try select(schema)
            let files = Generator.render(schema, options: options, selection: selection)
            if singleFile {
                try OutputDirectory.writeSingleFile(files, to: output)
            } else {
                try OutputDirectory(path: output).write(files)
            }
            let elapsed = Date().timeIntervalSince(started)
            let emitted = selection ?? .all(schema)
            FileHandle.standardError.write(
                Data(
                    ("vi-gen: \(emitted.enums.count) enums, \(emitted.objects.count) objects, "
                        + "\(emitted.managed.count) managed objects, \(emitted.methods.count) methods -> "
                        + "\(files.count) files in \(output) (\(String(format: "%.2f", elapsed)) s)\n").utf8))
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            throw ExitCode(1)
        }
    }

    /// The subset `--roots` / `--exclude-roots` ask for, or nil for the whole schema.
    private func select(_ schema: Schema) throws -> Selection? {
        func roots(_ path: String) throws -> [String] {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { throw Diagnostic(SourceLocation(file: path, line: 0), "cannot read the roots file") }
            return try Closure.readRoots(text, file: path, schema: schema)
        }
        let closure = Closure(schema: schema)
        if let path = self.roots { return closure.closure(of: try roots(path)) }
        if let path = excludeRoots { return closure.complement(of: closure.closure(of: try roots(path))) }
        return nil
    }
}
