import ArgumentParser
import ESX
import VI
import Foundation

/// `esx trust`: trust on first use of a server certificate.
struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Print the server certificate's SHA-256 thumbprint and record it in the known-hosts file.",
        discussion: """
            Connects without verifying the certificate, only to read it: one bodiless GET, no password \
            asked or sent. Prints 'host:port thumbprint' and, with --known-hosts FILE or ESX_KNOWN_HOSTS, \
            records that line (replacing an earlier one for the same host and port); later commands then \
            pin that certificate. Compare the thumbprint with the server's own before trusting it.
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingFailures(verbose: connection.verbose) {
            TerminalLogHandler.bootstrap(verbose: connection.verbose)
            let uri = try connection.parsedURI()
            var options = ESXConnection.Options()
            options.callTimeout = try CallTimeout.resolve(flag: connection.callTimeout, uri: uri)
            let thumbprint = try await ESXConnection.fetchThumbprint(uri: uri, options: options)
            let key = ESXKnownHosts.key(host: uri.host, port: uri.port)
            Output.printLine("\(key) \(thumbprint)")
            guard let file = connection.knownHostsFile else {
                note("not recorded: give --known-hosts FILE or set ESX_KNOWN_HOSTS, or add thumbprint= to the URI")
                return
            }
            let previous: CertificateThumbprint?
            do {
                previous = try file.record(thumbprint, host: uri.host, port: uri.port)
            } catch {
                throw CLIFailure(message: String(describing: error))
            }
            if let previous, previous != thumbprint {
                note("recorded in '\(file.path)', replacing \(previous)")
            } else {
                note("recorded in '\(file.path)'")
            }
        }
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("esx: \(text)\n".utf8))
    }
}
