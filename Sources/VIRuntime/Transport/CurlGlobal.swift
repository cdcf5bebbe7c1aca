import CCurl

/// One-time, thread-safe `curl_global_init` (a Swift global `static let` is initialized exactly once).
enum CurlGlobal {
    private static let initCode: UInt32 = vi_curl_global_init_all().rawValue

    /// Initializes libcurl on first use; throws if that failed.
    static func ensureInitialized() throws {
        let code = initCode
        guard code == CURLE_OK.rawValue else {
            throw TransportError.invalidConfiguration(
                message: "curl_global_init failed: \(CurlErrorMapping.describe(code: CURLcode(rawValue: code)))")
        }
    }
}
