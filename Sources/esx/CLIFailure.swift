import ArgumentParser
import ESX
import Foundation

/// A failure printed as one line on standard error, ending the program with status 1.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String

    init(message: String) { self.message = message }
    init(_ error: ESXError) { message = error.description }

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning failures into `esx: error: <message>` and exit status 1.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            Self.printError(failure.message)
            throw ExitCode.failure
        } catch let error as ESXError {
            Self.printError(error.description)
            throw ExitCode.failure
        }
    }

    static func printError(_ message: String) {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("esx: error: \(oneLine)\n".utf8))
    }
}
