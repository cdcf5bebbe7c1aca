import ArgumentParser
import ESX
import ESXTerminal
import Foundation

/// A failure printed as one line on standard error, ending the program with status 1.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String

    init(message: String) { self.message = message }
    init(_ error: ESXError) { message = error.description }

    var description: String { message }

    /// Terminal cells of a message shown without `--verbose`.
    static let messageCells = 500
}

extension AsyncParsableCommand {
    /// Runs `body`, turning failures into `esx: error: <message>` and exit status 1;
    /// the message is cut after ``CLIFailure/messageCells`` unless `verbose`.
    func reportingFailures(verbose: Bool, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            Self.printError(failure.message, verbose: verbose)
            throw ExitCode.failure
        } catch let error as ESXError {
            Self.printError(error.description, verbose: verbose)
            throw ExitCode.failure
        }
    }

    /// One escaped line on standard error: messages carry server text (fault strings, names).
    static func printError(_ message: String, verbose: Bool) {
        let line = verbose
            ? TerminalText.escaped(message)
            : TerminalText.clipped(message, toCells: CLIFailure.messageCells, note: "; use --verbose")
        FileHandle.standardError.write(Data("esx: error: \(line)\n".utf8))
    }
}
