import VI

/// The ESX driver's answers: migration v1 only on a vCenter connection whose host reports
/// `capability.vmotionSupported` (as libvirt's ESX driver); disk leases when a lock manager
/// other than `nop` is in use; nothing else.
public struct ESXDriverFeatures: DriverFeatureProvider {
    public var product: ProductLine
    /// Reads the host's `capability.vmotionSupported` (only asked on vCenter connections).
    public var vmotionSupported: @Sendable () async throws -> Bool
    public var lockPluginName: String?

    public init(
        product: ProductLine, lockPluginName: String? = nil, vmotionSupported: @escaping @Sendable () async throws -> Bool
    ) {
        self.product = product
        self.lockPluginName = lockPluginName
        self.vmotionSupported = vmotionSupported
    }

    /// The answers for `connection` (reads its host's capability when asked about migration).
    public init(connection: ESXConnection, lockPluginName: String? = nil) {
        self.init(product: connection.product, lockPluginName: lockPluginName) {
            let host = connection.inventory.host
            return try await connection.run { client in
                try await client.retrieveProperties(of: [host], [.capability.vmotionSupported])
                    .first?[.capability.vmotionSupported] ?? false
            }
        }
    }

    public func supportsDriverFeature(_ feature: ESXFeature) async throws -> Bool {
        switch feature {
        case .migrationV1: return product == .vpx ? try await vmotionSupported() : false
        case .diskLeases: return lockPluginName.map { $0 != "nop" } ?? false
        default: return false
        }
    }
}

extension ESXConnection {
    /// Whether the connection supports `feature`: global features are answered the same for
    /// every connection, the rest by the ESX driver (see ``ESXDriverFeatures``).
    public func supportsFeature(_ feature: ESXFeature, lockPluginName: String? = nil) async throws -> Bool {
        try await FeatureSupport.supports(feature, driver: ESXDriverFeatures(connection: self, lockPluginName: lockPluginName))
    }
}
