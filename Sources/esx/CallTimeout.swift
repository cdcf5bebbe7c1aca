import ESX
import Foundation

/// The per-call timeout: `--timeout`/`--call-timeout`, else the URI's `timeout=`, else
/// `ESX_TIMEOUT`, else the driver's default (300 s).
enum CallTimeout {
    /// Seconds for ``ESXConnection/Options/callTimeout``; nil leaves the URI or the default in charge.
    static func resolve(
        flag: String?, uri: ESXURI, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Double? {
        if let flag { return try parse(flag, source: "--timeout") }
        guard uri.parameters.timeout == nil, let text = environment["ESX_TIMEOUT"], !text.isEmpty else { return nil }
        return try parse(text, source: "ESX_TIMEOUT")
    }

    private static func parse(_ text: String, source: String) throws -> Double {
        guard let seconds = ESXURIParameters.parseTimeout(text) else {
            throw CLIFailure(message: "invalid \(source) '\(text)': \(ESXURIParameters.timeoutRule)")
        }
        return seconds
    }
}
