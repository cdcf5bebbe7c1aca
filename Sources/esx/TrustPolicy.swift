import ESX
import VI
import Foundation

/// How the CLI picks the certificate check: `thumbprint=` in the URI, else `no_verify=1`, else a
/// thumbprint recorded in the known-hosts file, else CA verification.
enum TrustPolicy {
    /// The known-hosts thumbprint to pin for `uri`, when the URI says nothing about verification.
    static func knownThumbprint(for uri: ESXURI, in file: ESXKnownHosts?) throws -> CertificateThumbprint? {
        guard let file, uri.parameters.transport == .https, uri.parameters.thumbprint == nil, !uri.parameters.noVerify
        else { return nil }
        do {
            return try file.thumbprint(host: uri.host, port: uri.port)
        } catch {
            throw CLIFailure(message: String(describing: error))
        }
    }

    /// One line on standard error when `no_verify=1` turns certificate verification off.
    static func warnIfUnverified(_ uri: ESXURI) {
        guard uri.parameters.noVerify, uri.parameters.thumbprint == nil, uri.parameters.transport == .https else {
            return
        }
        FileHandle.standardError.write(Data(
            ("esx: warning: TLS certificate verification is off (no_verify=1): the server is not authenticated; "
                + "pin its certificate with 'esx trust' or thumbprint= instead\n").utf8))
    }
}
