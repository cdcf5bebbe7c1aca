import VI

/// The VM properties the driver reads, and building ``Domain`` values from them.
enum DomainProperties {
    static let powerState = VirtualMachine.Property("runtime.powerState")
    static let uuid = VirtualMachine.Property("config.uuid")
    static let question = VirtualMachine.Property("runtime.question")
    static let memoryMB = VirtualMachine.Property("config.hardware.memoryMB")
    static let numCPU = VirtualMachine.Property("config.hardware.numCPU")
    static let memoryLimit = VirtualMachine.Property("config.memoryAllocation.limit")
    static let guestFullName = VirtualMachine.Property("config.guestFullName")
    static let vmPathName = VirtualMachine.Property("config.files.vmPathName")

    /// Enough for a ``Domain``.
    static let identity: [VirtualMachine.Property] = [.name, powerState, uuid]

    static func domain(from properties: VirtualMachine.Properties) -> Domain {
        let raw = properties.name ?? properties.managedObject.ref.value
        let name = EntityName.fromServer(raw)
        return Domain(
            vm: properties.managedObject, name: name,
            id: try? VirtualMachineID(parsing: properties.managedObject.ref.value),
            uuid: properties.rawValues[uuid.path]?.as(String.self),
            state: DomainState(properties.rawValues[powerState.path]?.as(VirtualMachinePowerState.self)))
    }
}
