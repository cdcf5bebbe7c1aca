/// A device `<address>`.
public enum DeviceAddress: Sendable, Equatable {
    /// `type='drive'`: a disk on a controller.
    case drive(DriveAddress)
    /// `type='pci'`.
    case pci(PCIAddress)
}

/// `<address type='drive' controller bus target unit/>`.
public struct DriveAddress: Sendable, Hashable {
    public var controller: Int
    public var bus: Int
    public var target: Int
    public var unit: Int

    /// A drive address; bus and target default to 0.
    public init(controller: Int, bus: Int = 0, target: Int = 0, unit: Int) {
        self.controller = controller
        self.bus = bus
        self.target = target
        self.unit = unit
    }
}

/// `<address type='pci' domain bus slot function/>`.
public struct PCIAddress: Sendable, Hashable {
    public var domain: Int
    public var bus: Int
    public var slot: Int
    public var function: Int

    /// A PCI address; domain and function default to 0.
    public init(domain: Int = 0, bus: Int, slot: Int, function: Int = 0) {
        self.domain = domain
        self.bus = bus
        self.slot = slot
        self.function = function
    }

    /// VMware's `pciSlotNumber`: bits 0–4 slot, 5–9 bridge (bus), 10–12 function.
    public init?(vmwareSlotNumber number: Int64) {
        guard number >= 0, number < 8192 else { return nil }
        self.init(bus: Int(number >> 5) & 0x1F, slot: Int(number) & 0x1F, function: Int(number >> 10))
    }

    /// The `pciSlotNumber` of this address; nil when it does not fit VMware's encoding.
    public var vmwareSlotNumber: Int? {
        guard domain == 0, (0..<32).contains(bus), (0..<32).contains(slot), (0..<8).contains(function) else {
            return nil
        }
        return function << 10 | bus << 5 | slot
    }
}
