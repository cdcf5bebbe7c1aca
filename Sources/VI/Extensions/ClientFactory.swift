import VIRuntime

/// Registers the `VI` module's types into the runtime's table exactly once.
private let registerOnce: Void = { VITypes.register() }()

extension VIClient {
    /// Makes sure `xsi:type` dispatch knows every type of the `VI` module.
    public static func registerVITypes() { registerOnce }

    /// A client for `url` (`https://host/sdk`) over libcurl, with the `VI` types registered.
    public static func vi(
        url: String, options: TransportOptions = TransportOptions(), apiVersion: String = VIClient.defaultAPIVersion
    ) throws -> VIClient {
        registerVITypes()
        return try VIClient(url: url, options: options, apiVersion: apiVersion)
    }
}
