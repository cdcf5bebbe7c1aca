import VI

/// The VM properties the driver reads, and building ``Domain`` values from them.
enum DomainProperties {
    /// Enough for a ``Domain``.
    static var identity: [VirtualMachine.Property] { [.name, .runtime.powerState, .config.uuid] }

    static func domain(from properties: VirtualMachine.Properties) -> Domain {
        let raw = properties.name ?? properties.managedObject.ref.value
        let name = EntityName.fromServer(raw)
        return Domain(
            vm: properties.managedObject, name: name,
            id: try? VirtualMachineID(parsing: properties.managedObject.ref.value),
            uuid: properties[.config.uuid],
            state: DomainState(properties[.runtime.powerState]))
    }
}
