import VI

/// The part of the inventory a connection works on: one datacenter, compute resource and host.
public struct InventoryContext: Sendable, Hashable {
    public var datacenter: Datacenter
    public var datacenterName: String
    /// `[folder/...]datacenter`, as a vpx path starts.
    public var datacenterPath: String
    public var vmFolder: Folder
    public var hostFolder: Folder
    /// A `ComputeResource` or `ClusterComputeResource`.
    public var computeResource: ManagedObjectReference
    public var computeResourceName: String
    /// `[folder/...]computeresource` below the datacenter's host folder.
    public var computeResourcePath: String
    public var resourcePool: ResourcePool
    public var host: HostSystem
    public var hostName: String
}
