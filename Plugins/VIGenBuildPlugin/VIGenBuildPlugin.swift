import Foundation
import PackagePlugin

/// Generates bindings at build time from the one `.input` schema in a target.
///
/// The module name (`<target>Types.register()`) is the target's name. A file beside the schema
/// with the same base name and the extension `.roots` limits the output to the closure of the
/// names it lists, as `vi-gen --roots`. The output is one file, `<schema base name>.swift` in the
/// plugin's work directory: a build command has to name its outputs before it runs, and how many
/// files `vi-gen --output DIR` writes depends on the schema. That file is the concatenation of
/// those files (`vi-gen --single-file`), so the declarations are the same.
@main
struct VIGenBuildPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let schemas = target.sourceFiles(withSuffix: "input").map(\.url)
        guard !schemas.isEmpty else { return [] }
        guard schemas.count == 1, let schema = schemas.first else {
            throw VIGenBuildPluginError.severalSchemas(target: target.name, schemas.map(\.lastPathComponent))
        }
        let base = schema.deletingPathExtension().lastPathComponent
        let roots = target.sourceFiles(withSuffix: "roots").map(\.url)
            .first { $0.deletingPathExtension().lastPathComponent == base }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(base).swift")
        let arguments = VIGenBuildArguments(
            schema: schema.path(percentEncoded: false), output: output.path(percentEncoded: false),
            moduleName: target.name, roots: roots?.path(percentEncoded: false))
        return [
            .buildCommand(
                displayName: "vi-gen: generating \(base).swift for \(target.name) from \(schema.lastPathComponent)",
                executable: try context.tool(named: "vi-gen").url,
                arguments: arguments.toolArguments,
                inputFiles: [schema] + (roots.map { [$0] } ?? []),
                outputFiles: [output])
        ]
    }
}

/// The `vi-gen` command line of one build command (also what `Scripts/check-plugin-output.sh`
/// reproduces to compare the plugin's file with `vi-gen`'s directory output).
struct VIGenBuildArguments {
    var schema: String
    var output: String
    var moduleName: String
    var roots: String?

    var toolArguments: [String] {
        [schema, "--output", output, "--single-file", "--module-name", moduleName] + (roots.map { ["--roots", $0] } ?? [])
    }
}

enum VIGenBuildPluginError: Error, CustomStringConvertible {
    case severalSchemas(target: String, [String])

    var description: String {
        switch self {
        case let .severalSchemas(target, names):
            "target '\(target)' has \(names.count) .input schemas (\(names.joined(separator: ", "))); "
                + "the vi-gen build plugin generates one module per target: move each schema to its own target"
        }
    }
}
