import Logging

/// Logging setup for programs that use the driver without depending on swift-log themselves.
public enum ESXLogging {
    /// Sends log messages to standard error, one line each: warnings and errors, or
    /// everything from debug level up when `verbose`.
    public static func bootstrapStandardError(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .warning
            return handler
        }
    }
}
