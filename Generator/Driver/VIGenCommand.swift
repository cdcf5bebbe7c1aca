import ArgumentParser
import Foundation

/// `vi-gen <input> --output <dir>`: generates typed Swift bindings from a vim25 schema.
@main
struct VIGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vi-gen",
        abstract: "Generate Swift bindings for the vSphere (VI) SOAP API from an esx_vi_generator.input schema.")

    @Argument(help: "The schema file (esx_vi_generator.input format).")
    var input: String

    @Option(name: .long, help: "Directory for the generated Swift files.")
    var output: String

    @Option(name: .long, help: "Prefix of the generated registration namespace (<name>Types).")
    var moduleName: String = "VI"

    @Option(name: .customLong("import"), help: "A module the generated files import (repeatable).")
    var imports: [String] = []

    mutating func run() throws {
        let started = Date()
        do {
            let schema = try Generator.load(path: input)
            let command = (["vi-gen"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
            let options = RenderOptions(moduleName: moduleName, imports: imports, command: command)
            let files = Generator.render(schema, options: options)
            try OutputDirectory(path: output).write(files)
            let elapsed = Date().timeIntervalSince(started)
            FileHandle.standardError.write(
                Data(
                    ("vi-gen: \(schema.enums.count) enums, \(schema.objects.count) objects, "
                        + "\(schema.managed.count) managed objects, \(schema.methods.count) methods -> "
                        + "\(files.count) files in \(output) (\(String(format: "%.2f", elapsed)) s)\n").utf8))
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
