import VIRuntime

/// The hand-written part of module Inventory; the rest is generated from Inventory.input.
extension VIClient {
    /// A client for `url` over libcurl that knows this module's types.
    public static func inventory(url: String, options: TransportOptions = TransportOptions()) throws -> VIClient {
        InventoryTypes.register()
        return try VIClient(url: url, options: options)
    }
}
