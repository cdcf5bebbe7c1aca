import VI

/// Decides lease staleness by asking vSphere: a domain is running when a VM with its UUID
/// exists and is not powered off.
public struct ESXLeaseLiveness: LeaseLivenessChecking {
    public let connection: ESXConnection

    public init(connection: ESXConnection) { self.connection = connection }

    public func isDomainRunning(uuid: String, name: String) async throws -> Bool {
        try await connection.run { client in
            guard let entity = try await client.findByUuid(uuid: uuid, vmSearch: true) else { return false }
            let state = try await client.retrieveProperties(of: [VirtualMachine(entity.ref)], [.runtime.powerState])
                .first?[.runtime.powerState]
            return state != nil && state != .poweredOff
        }
    }
}
