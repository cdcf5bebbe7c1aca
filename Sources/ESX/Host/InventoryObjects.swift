import VI

/// A named inventory object (host, datastore or network).
public struct InventoryObject: Sendable, Hashable {
    public var ref: ManagedObjectReference
    public var name: String
}

extension ESXConnection {
    /// The hosts of the connection's compute resource.
    public func hosts() async throws(ESXError) -> [InventoryObject] {
        let resource = ComputeResource(inventory.computeResource)
        return try await run { client in
            let hosts = try await client.retrieveProperties(of: [resource], [.host]).first?.host ?? []
            return try await client.retrieveProperties(of: hosts, [.name]).map {
                InventoryObject(ref: $0.managedObject.ref, name: $0.name ?? $0.managedObject.ref.value)
            }
        }
    }

    /// The datastores the connection's host mounts.
    public func datastores() async throws(ESXError) -> [InventoryObject] {
        let host = inventory.host
        return try await run { client in
            let stores = try await client.retrieveProperties(of: [host], [.datastore]).first?.datastore ?? []
            return try await client.retrieveProperties(of: stores, [.name]).map {
                InventoryObject(ref: $0.managedObject.ref, name: $0.name ?? $0.managedObject.ref.value)
            }
        }
    }

    /// The networks of the connection's datacenter.
    public func networks() async throws(ESXError) -> [InventoryObject] {
        let datacenter = inventory.datacenter
        return try await run { client in
            let networks = try await client.retrieveProperties(of: [datacenter], [.network]).first?.network ?? []
            return try await client.retrieveProperties(of: networks, [.name]).map {
                InventoryObject(ref: $0.managedObject.ref, name: $0.name ?? $0.managedObject.ref.value)
            }
        }
    }
}
