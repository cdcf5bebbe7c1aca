import ArgumentParser
import ESX
import Foundation
import VI

/// The endpoint of a load run: an ESX URI for the driver, and the SDK URL for a second session.
/// The password comes from `ESX_PASSWORD` or the URL's user info (local simulator scripts only).
struct LoadTarget: Sendable {
    let uri: String
    let sdkURL: String
    let user: String
    let password: String
    let insecure: Bool

    init(url: String, user: String?, insecure: Bool) throws {
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { throw ValidationError("invalid --url '\(URIRedacted(url))'") }
        let userName = user ?? components.user ?? "user"
        guard let password = ProcessInfo.processInfo.environment["ESX_PASSWORD"] ?? components.password else {
            throw ValidationError("set ESX_PASSWORD (the password is never taken from the command line)")
        }
        components.user = nil
        components.password = nil
        let hostPort = (host.contains(":") ? "[\(host)]" : host) + (components.port.map { ":\($0)" } ?? "")
        switch scheme {
        case "http", "https":
            let query = scheme == "http" ? "transport=http" : (insecure ? "no_verify=1" : "")
            uri = "esx://\(hostPort)/" + (query.isEmpty ? "" : "?" + query)
            sdkURL = components.string ?? url
        case "esx", "gsx", "vpx":
            let parsed = try ESXURI(parsing: components.string ?? url)
            uri = parsed.description
            sdkURL = parsed.sdkURL.absoluteString
        default:
            throw ValidationError("--url must be http(s)://host:port/sdk or an esx://, gsx:// or vpx:// URI")
        }
        self.user = userName
        self.password = password
        self.insecure = insecure || uri.contains("no_verify=1")
    }

    /// A second, independent session on the same endpoint.
    func adminClient() async throws -> VIClient {
        var options = TransportOptions()
        options.verifyPeer = !insecure
        let client = try VIClient.vi(url: sdkURL, options: options)
        _ = try await client.login(userName: user, password: password)
        return client
    }
}

/// A URL for messages, without its user info.
private func URIRedacted(_ url: String) -> String {
    guard var components = URLComponents(string: url) else { return "<unparsable URL>" }
    components.user = nil
    components.password = nil
    return components.string ?? "<unparsable URL>"
}
