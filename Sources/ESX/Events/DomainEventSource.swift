import VI

/// What the event loop needs from a connection: its client, the folder whose VMs it watches,
/// and a way to get a session back after losing it.
public protocol DomainEventSource: Sendable {
    var client: VIClient { get }
    /// The folder whose VMs (recursively) are watched.
    var eventContainer: ManagedObjectReference { get }
    /// Makes sure a session exists, logging in again when needed.
    func ensureSession() async throws
}

extension ESXConnection: DomainEventSource {
    /// The datacenter's VM folder.
    public var eventContainer: ManagedObjectReference { inventory.vmFolder.ref }
}
