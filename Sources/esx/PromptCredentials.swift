import ESX
import ESXTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The password from `ESX_PASSWORD`, else from a prompt on the terminal without echo.
struct PromptCredentials: ESXCredentialsProvider {
    func password(user: String, host: String) async throws -> ESXPassword {
        if let password = ProcessInfo.processInfo.environment["ESX_PASSWORD"] { return ESXPassword(password) }
        guard isatty(STDIN_FILENO) == 1 else { throw ESXError.noPassword(user: user, host: host) }
        let prompt = TerminalText.escaped("Enter \(user)'s password for \(host): ")
        FileHandle.standardError.write(Data(prompt.utf8))
        let password = Self.readWithoutEcho()
        FileHandle.standardError.write(Data("\n".utf8))
        guard let password, !password.isEmpty else { throw ESXError.noPassword(user: user, host: host) }
        return ESXPassword(password)
    }

    /// One line from standard input with terminal echo switched off (and restored).
    private static func readWithoutEcho() -> String? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        return readLine(strippingNewline: true)
    }
}
