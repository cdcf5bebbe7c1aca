import VIRuntime

extension VIClient {
    /// Sets the `SOAPAction` version to the lower of the server's `about.apiVersion` and this SDK's
    /// schema version, so an older server is spoken to in its own version. Returns the version chosen.
    @discardableResult
    public func negotiateAPIVersion() async throws -> String {
        let server = try await serviceContent(as: ServiceContent.self).about.apiVersion
        let chosen = Self.negotiatedAPIVersion(server: server)
        apiVersion = chosen
        return chosen
    }

    /// The server's version text when it is a ``VIVersion`` lower than ``defaultAPIVersion``,
    /// else ``defaultAPIVersion``.
    public static func negotiatedAPIVersion(server: String) -> String {
        guard let offered = VIVersion(server), let ours = VIVersion(defaultAPIVersion), offered < ours else {
            return defaultAPIVersion
        }
        return server
    }
}
