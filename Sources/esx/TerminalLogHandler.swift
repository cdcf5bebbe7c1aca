import ESXTerminal
import Foundation
import Logging

/// Log messages on standard error, one line each, escaped: they can carry server text.
struct TerminalLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// Makes every logger write here: warnings and errors, or from debug level up when `verbose`.
    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { label in TerminalLogHandler(label: label, logLevel: verbose ? .debug : .warning) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let line = "\(Date().formatted(.iso8601)) \(event.level) \(label):\(fields) \(event.message)"
        FileHandle.standardError.write(Data((TerminalText.escaped(line) + "\n").utf8))
    }
}
