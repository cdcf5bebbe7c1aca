import VI

/// The power state of a domain, in libvirt's terms.
public enum DomainState: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `poweredOn`.
    case running
    /// `suspended`.
    case paused
    /// `poweredOff`.
    case shutoff
    /// A power state this driver does not know.
    case unknown

    public init(_ powerState: VirtualMachinePowerState?) {
        switch powerState {
        case .poweredOn?: self = .running
        case .suspended?: self = .paused
        case .poweredOff?: self = .shutoff
        default: self = .unknown
        }
    }

    /// `shut off` like virsh prints it, else the raw value.
    public var description: String { self == .shutoff ? "shut off" : rawValue }

    /// Whether libvirt counts the domain as active (anything but shut off).
    public var isActive: Bool { self != .shutoff }
}

/// A virtual machine as the driver sees it.
public struct Domain: Sendable, Hashable {
    /// The VM's managed object.
    public var vm: VirtualMachine
    /// The unescaped name (`%2f` shown as `/`).
    public var name: String
    /// The number in the managed object id (`42` for `42` or `vm-42`), if it has one.
    public var id: VirtualMachineID?
    /// `config.uuid`, or nil when the server does not report it.
    public var uuid: String?
    public var state: DomainState

    public init(vm: VirtualMachine, name: String, id: VirtualMachineID?, uuid: String?, state: DomainState) {
        self.vm = vm
        self.name = name
        self.id = id
        self.uuid = uuid
        self.state = state
    }

    /// The managed object id, e.g. `vm-42`.
    public var managedObjectID: String { vm.ref.value }
}

/// What `dominfo` shows.
public struct DomainInfo: Sendable, Hashable {
    public var domain: Domain
    /// Memory the guest may use now, in KiB (the allocation limit, else the configured size).
    public var memoryKiB: Int64
    /// Configured memory size, in KiB.
    public var maxMemoryKiB: Int64
    public var vcpus: Int
    public var guestFullName: String?
    public var vmPathName: String?
}
