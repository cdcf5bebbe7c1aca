import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-vi-bindings --input X.input
/// [--output DIR] [--module-name M] [--roots FILE] [--exclude-roots FILE] [--import MODULE]`
///
/// Runs `vi-gen` in the package directory with the arguments in the order given, so relative paths,
/// and the command line the generated files' headers record, read exactly as with `vi-gen` (and so
/// `make generate`) itself. Without `--output`, the files go to `Sources/<module name>/Generated`.
@main
struct GenerateVIBindings: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "vi-gen")
        let arguments = try VIGenArguments(pluginArguments: arguments).toolArguments
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw GenerateVIBindingsError.toolFailed(status: process.terminationStatus)
        }
    }
}

/// The plugin's arguments turned into `vi-gen`'s: `--input X` becomes the leading positional argument,
/// everything else is passed on in order.
struct VIGenArguments {
    var toolArguments: [String]

    init(pluginArguments: [String]) throws {
        var input: String?
        var rest: [String] = []
        var moduleName = "VI"
        var hasOutput = false
        var index = pluginArguments.startIndex
        while index < pluginArguments.endIndex {
            let argument = pluginArguments[index]
            if argument == "--help" || argument == "-h" {
                toolArguments = ["--help"]
                return
            }
            if argument == "--input" || argument.hasPrefix("--input=") {
                let value: String
                if let equals = argument.firstIndex(of: "=") {
                    value = String(argument[argument.index(after: equals)...])
                } else {
                    index += 1
                    guard index < pluginArguments.endIndex else { throw GenerateVIBindingsError.missingValue("--input") }
                    value = pluginArguments[index]
                }
                guard input == nil else { throw GenerateVIBindingsError.repeatedInput }
                input = value
            } else {
                if argument == "--output" || argument.hasPrefix("--output=") { hasOutput = true }
                if argument == "--module-name", index + 1 < pluginArguments.endIndex {
                    moduleName = pluginArguments[index + 1]
                } else if argument.hasPrefix("--module-name=") {
                    moduleName = String(argument.dropFirst("--module-name=".count))
                }
                rest.append(argument)
            }
            index += 1
        }
        guard let input else { throw GenerateVIBindingsError.missingInput }
        if !hasOutput { rest += ["--output", "Sources/\(moduleName)/Generated"] }
        toolArguments = [input] + rest
    }
}

enum GenerateVIBindingsError: Error, CustomStringConvertible {
    case missingInput
    case repeatedInput
    case missingValue(String)
    case toolFailed(status: Int32)

    var description: String {
        switch self {
        case .missingInput:
            "usage: swift package --allow-writing-to-package-directory generate-vi-bindings --input FILE.input "
                + "[--output DIR] [--module-name NAME] [--roots FILE] [--exclude-roots FILE] [--import MODULE]"
        case .repeatedInput: "--input given more than once"
        case let .missingValue(option): "\(option) needs a value"
        case let .toolFailed(status): "vi-gen failed (exit status \(status))"
        }
    }
}
