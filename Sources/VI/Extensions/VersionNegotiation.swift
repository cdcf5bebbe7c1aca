import VIRuntime

extension VIClient {
    /// Sets the `SOAPAction` version to the lower of the server's `about.apiVersion` and this SDK's
    /// schema version, so an older server is spoken to in its own version. Returns the version chosen.
    @discardableResult
    public func negotiateAPIVersion() async throws -> String {
        let server = try await serviceContent(as: ServiceContent.self).about.apiVersion
        let chosen = Self.compareVersions(server, VIClient.defaultAPIVersion) < 0 ? server : VIClient.defaultAPIVersion
        apiVersion = chosen
        return chosen
    }

    /// Compares dotted version numbers numerically (`6.7.3` < `8.0`); missing parts count as 0.
    public static func compareVersions(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: ".").map { Int($0) ?? 0 }
        let right = b.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : 0
            let r = index < right.count ? right[index] : 0
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }
}
