import ArgumentParser
import ESX
import Foundation

/// `-c URI` and the connection it opens.
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("connect")], help: "Connection URI (default: $ESX_URI, else $ESX_DEFAULT_URI).")
    var uri: String?

    @Option(help: "Check the session every N seconds while idle (0: off).")
    var keepAlive: Int = 0

    @Option(
        name: .customLong("call-timeout"),
        help: ArgumentHelp(
            "Seconds each call to the server may take (default: timeout= in the URI, else $ESX_TIMEOUT, "
                + "else 300). Before the command it is spelt --timeout.",
            valueName: "seconds"))
    var callTimeout: String?

    @Flag(name: .long, help: "Log debug messages to standard error and print long error messages whole.")
    var verbose = false

    @Option(
        name: .customLong("known-hosts"),
        help: ArgumentHelp(
            "File of pinned certificate thumbprints, one 'host:port thumbprint' per line, used when the URI "
                + "has neither thumbprint= nor no_verify=1 (default: $ESX_KNOWN_HOSTS); 'esx trust' records them.",
            valueName: "file"))
    var knownHosts: String?

    /// `--known-hosts`, else `ESX_KNOWN_HOSTS`.
    var knownHostsFile: ESXKnownHosts? {
        guard let path = knownHosts ?? ProcessInfo.processInfo.environment["ESX_KNOWN_HOSTS"], !path.isEmpty else {
            return nil
        }
        return ESXKnownHosts(path: path)
    }

    /// Connects, runs `body`, and always closes the connection.
    func withConnection<T>(_ body: (ESXConnection) async throws -> T) async throws -> T {
        TerminalLogHandler.bootstrap(verbose: verbose)
        let outcome: Result<T, any Error>
        do {
            let connection = try await connect()
            do {
                outcome = .success(try await body(connection))
            } catch {
                outcome = .failure(error)
            }
            await connection.close()
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let value): return value
        case .failure(let error as CLIFailure): throw error
        case .failure(let error): throw CLIFailure(ESXError.wrap(error))
        }
    }

    private func connect() async throws -> ESXConnection {
        let parsed = try parsedURI()
        var options = ESXConnection.Options()
        options.callTimeout = try CallTimeout.resolve(flag: callTimeout, uri: parsed)
        if keepAlive > 0 { options.keepAliveInterval = .seconds(keepAlive) }
        options.thumbprint = try TrustPolicy.knownThumbprint(for: parsed, in: knownHostsFile)
        TrustPolicy.warnIfUnverified(parsed)
        return try await ESXConnection.connect(uri: parsed, credentials: PromptCredentials(), options: options)
    }

    /// `-c URI`, else `ESX_URI`, else `ESX_DEFAULT_URI`, parsed; a password in it is refused.
    func parsedURI() throws -> ESXURI {
        let environment = ProcessInfo.processInfo.environment
        let fromEnvironment = [environment["ESX_URI"], environment["ESX_DEFAULT_URI"]].compactMap { $0 }
            .first { !$0.isEmpty }
        guard let text = uri ?? fromEnvironment, !text.isEmpty else {
            throw CLIFailure(message: "no connection URI: use -c URI or set ESX_URI (or ESX_DEFAULT_URI)")
        }
        let parsed: ESXURI
        do { parsed = try ESXURI(parsing: text) } catch { throw ESXError.invalidURI(error) }
        guard parsed.password == nil else {
            throw CLIFailure(message: "refusing a password in the URI (the command line is visible to other users); "
                + "use ESX_PASSWORD or the prompt")
        }
        return parsed
    }
}

/// A domain named by id, UUID or name.
struct DomainArgument: ParsableArguments {
    @Argument(help: "Domain id (42 or vm-42), UUID or name.")
    var domain: String
}

/// `--json` for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text.")
    var json = false
}
