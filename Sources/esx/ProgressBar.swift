import ESX
import ESXTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Draws task progress on standard error when it is a terminal.
enum ProgressBar {
    /// Runs `operation` with a progress continuation (nil when nothing is drawn) and draws
    /// the stream until the operation finishes it.
    static func run(
        enabled: Bool, _ operation: (AsyncStream<TaskProgress>.Continuation?) async throws -> Void
    ) async throws {
        guard enabled, isatty(STDERR_FILENO) == 1 else {
            try await operation(nil)
            return
        }
        let (stream, continuation) = AsyncStream.makeStream(of: TaskProgress.self)
        let drawer = Task {
            var drew = false
            for await progress in stream {
                draw(progress)
                drew = true
            }
            if drew { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        do {
            try await operation(continuation)
        } catch {
            continuation.finish()
            await drawer.value
            throw error
        }
        continuation.finish()
        await drawer.value
    }

    private static func draw(_ progress: TaskProgress) {
        let width = 30
        let percent = min(max(progress.percent ?? 0, 0), 100)
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percentText = progress.percent.map { "\($0)%" } ?? "..."
        var line = "[\(bar)] \(percentText) \(progress.operation)"
        if let answered = progress.answered { line += " (answered '\(answered)')" }
        // The line holds server text and is escaped; the carriage return and erase-line around it are ours.
        FileHandle.standardError.write(Data(("\r" + TerminalText.escaped(line) + "\u{1B}[K").utf8))
    }
}
