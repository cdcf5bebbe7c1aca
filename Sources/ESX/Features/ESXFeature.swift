/// Features a connection can be asked about (libvirt's `virDrvFeature`).
public enum ESXFeature: String, Sendable, Hashable, CaseIterable {
    // MARK: Global: answered by the library, the same for every connection
    /// Typed parameters may carry strings.
    case typedParameterStrings
    /// Network updates use the documented argument order.
    case networkUpdateHasCorrectOrder
    /// Domain event callbacks (``DomainEventHub``): the library runs them for every driver.
    case domainEventCallbacks
    /// A callback when the connection closes (remote protocol only: never here).
    case remoteCloseCallback
    /// Passing file descriptors (remote protocol only: never here).
    case fdPassing
    /// Keepalive messages of the remote protocol (never here; sessions have their own keep-alive).
    case programKeepalive

    // MARK: Driver: answered by the connection's driver
    /// Migration v1 (prepare, perform, finish).
    case migrationV1
    case migrationV2
    case migrationV3
    /// Peer-to-peer migration.
    case migrationP2P
    /// Direct migration (the hypervisor moves the domain itself).
    case migrationDirect
    /// Migration of a powered-off domain.
    case migrationOffline
    /// Migration APIs taking typed parameters.
    case migrationParams
    /// Disk leases through a lock manager plugin.
    case diskLeases

    /// The answer for a global feature, nil when the driver decides.
    public var globalSupport: Bool? {
        switch self {
        case .typedParameterStrings, .networkUpdateHasCorrectOrder, .domainEventCallbacks: return true
        case .remoteCloseCallback, .fdPassing, .programKeepalive: return false
        default: return nil
        }
    }

    public var isGlobal: Bool { globalSupport != nil }
}

/// A connection's driver, answering the features that are not global.
public protocol DriverFeatureProvider: Sendable {
    func supportsDriverFeature(_ feature: ESXFeature) async throws -> Bool
}

/// The one entry point: global features are answered here, the rest by the driver.
public enum FeatureSupport {
    public static func supports(_ feature: ESXFeature, driver: some DriverFeatureProvider) async throws -> Bool {
        if let global = feature.globalSupport { return global }
        return try await driver.supportsDriverFeature(feature)
    }
}
