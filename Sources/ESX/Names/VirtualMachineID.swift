/// A domain id: the number in a VM's managed object id, `42` on ESX or `vm-42` on vCenter.
public struct VirtualMachineID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The id, always in `1...Int32.max`.
    public let value: Int

    /// Wraps a number; `nil` unless it is in `1...Int32.max`.
    public init?(_ value: Int) {
        guard value > 0, value <= Int(Int32.max) else { return nil }
        self.value = value
    }

    /// Parses `42` or `vm-42` (ASCII digits only, no sign or white space, leading zeros allowed).
    public init(parsing text: String) throws(ESXNameError) {
        var digits = Substring(text)
        if digits.hasPrefix("vm-") { digits = digits.dropFirst(3) }
        guard !digits.isEmpty,
              digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let number = Int32(digits), let id = VirtualMachineID(Int(number))
        else { throw .invalidVirtualMachineID(text: text) }
        self = id
    }

    /// The plain number, e.g. `42`.
    public var description: String { String(value) }

    /// The vCenter managed object id, e.g. `vm-42`.
    public var vCenterManagedObjectID: String { "vm-\(value)" }

    public static func < (lhs: VirtualMachineID, rhs: VirtualMachineID) -> Bool {
        lhs.value < rhs.value
    }
}
