import ESX
import Foundation
import VI

/// The kinds of call in the load mix.
enum LoadCall: String, Sendable, CaseIterable {
    /// `RetrievePropertiesEx` of one VM's `name` and `runtime`.
    case vmProperties = "vm_properties"
    /// `CurrentTime`.
    case currentTime = "current_time"
    /// Every VM's name and power state through a `ContainerView` (three calls).
    case listing

    /// The `index`-th call of a caller: a listing every `listingEvery` calls, otherwise
    /// alternating VM properties and `CurrentTime`.
    static func kind(at index: Int, listingEvery: Int) -> LoadCall {
        if listingEvery > 0, index % listingEvery == listingEvery - 1 { return .listing }
        return index.isMultiple(of: 2) ? .vmProperties : .currentTime
    }
}

/// Runs the calls of the mix through an ``ESXConnection``, so a lost session is recovered by the
/// driver's single re-login path.
struct LoadWorkload: Sendable {
    let connection: ESXConnection
    let vm: VirtualMachine
    private static let serviceInstance = ServiceInstance(ManagedObjectReference(type: "ServiceInstance", value: "ServiceInstance"))

    /// Picks the first VM of the inventory; throws when there is none.
    init(connection: ESXConnection) async throws {
        self.connection = connection
        let vms = try await connection.run { client in
            try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name])
        }
        guard let first = vms.first else { throw LoadError.noVirtualMachine }
        vm = first.managedObject
    }

    func perform(_ call: LoadCall) async throws {
        switch call {
        case .vmProperties:
            let vm = self.vm
            let found = try await connection.run { client in
                try await client.retrieveProperties(of: [vm], [.name, .runtime])
            }
            guard found.first?.name != nil else { throw LoadError.missingProperty("name") }
        case .currentTime:
            _ = try await connection.run { client in try await client.currentTime(Self.serviceInstance) }
        case .listing:
            let rows = try await connection.run { client in
                try await client.retrieveProperties(ofAll: VirtualMachine.self, [.name, .runtime.powerState])
            }
            guard !rows.isEmpty else { throw LoadError.noVirtualMachine }
        }
    }
}

enum LoadError: Error, CustomStringConvertible {
    case noVirtualMachine
    case missingProperty(String)

    var description: String {
        switch self {
        case .noVirtualMachine: "the inventory has no virtual machine"
        case let .missingProperty(name): "a retrieved VM lacks its '\(name)' property"
        }
    }
}
