/// libvirt's disk target names (`sda`, `hdc`, `fdb`, `nvme0n1`) and the VMX slots they stand for.
public enum DiskNaming {
    /// SCSI units per controller: 15 (0–15 without 7), or 64 (0–64 without 7) from virtualHW 13.
    public static func scsiUnitsPerController(wide: Bool) -> Int { wide ? 64 : 15 }

    /// The highest SCSI unit number.
    public static func scsiMaxUnit(wide: Bool) -> Int { wide ? 64 : 15 }

    /// SATA units per controller.
    public static let sataUnitsPerController = 30

    /// NVMe namespaces per controller: 15, or 64 from virtualHW 21.
    public static func nvmeUnitsPerController(virtualHW: Int) -> Int { virtualHW >= 21 ? 64 : 15 }

    /// The bus a target name implies.
    public static func bus(ofTarget name: String) -> DomainDisk.Bus? {
        if name.hasPrefix("nvme") { return .nvme }
        if name.hasPrefix("sd") { return .scsi }
        if name.hasPrefix("hd") { return .ide }
        if name.hasPrefix("fd") { return .fdc }
        return nil
    }

    /// `prefix` + letters for a 0-based index (`0` → `a`, `26` → `aa`).
    public static func name(index: Int, prefix: String) -> String {
        var letters: [Character] = []
        var value = index
        repeat {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(value % 26))))
            value = value / 26 - 1
        } while value >= 0
        return prefix + String(letters.reversed())
    }

    /// The 0-based index of `prefix` + letters; nil for anything else.
    public static func index(of name: String, prefix: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        let letters = name.utf8.dropFirst(prefix.utf8.count)
        guard !letters.isEmpty, letters.count <= 6 else { return nil }
        var value = 0
        for letter in letters {
            guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { return nil }
            value = value * 26 + Int(letter - UInt8(ascii: "a")) + 1
        }
        return value - 1
    }

    /// The target name of a VMX disk slot.
    public static func target(bus: DomainDisk.Bus, controller: Int, unit: Int, wideSCSI: Bool) -> String {
        switch bus {
        case .scsi:
            return name(index: controller * scsiUnitsPerController(wide: wideSCSI) + (unit < 7 ? unit : unit - 1), prefix: "sd")
        case .sata: return name(index: controller * sataUnitsPerController + unit, prefix: "sd")
        case .ide: return name(index: controller * 2 + unit, prefix: "hd")
        case .fdc: return name(index: unit, prefix: "fd")
        case .nvme: return "nvme\(controller)n\(unit + 1)"
        }
    }

    /// The drive address a target name stands for, or nil when the name does not fit the bus.
    public static func address(ofTarget name: String, bus: DomainDisk.Bus, wideSCSI: Bool) -> DriveAddress? {
        switch bus {
        case .scsi:
            guard let index = index(of: name, prefix: "sd") else { return nil }
            let per = scsiUnitsPerController(wide: wideSCSI)
            let unit = index % per
            return DriveAddress(controller: index / per, unit: unit < 7 ? unit : unit + 1)
        case .sata:
            guard let index = index(of: name, prefix: "sd") else { return nil }
            return DriveAddress(controller: index / sataUnitsPerController, unit: index % sataUnitsPerController)
        case .ide:
            guard let index = index(of: name, prefix: "hd") else { return nil }
            return DriveAddress(controller: 0, bus: index / 2, unit: index % 2)
        case .fdc:
            guard let index = index(of: name, prefix: "fd") else { return nil }
            return DriveAddress(controller: 0, unit: index)
        case .nvme:
            let parts = name.dropFirst(4).split(separator: "n", omittingEmptySubsequences: false)
            guard name.hasPrefix("nvme"), parts.count == 2, let controller = Int(parts[0]), let namespace = Int(parts[1]),
                controller >= 0, namespace >= 1
            else { return nil }
            return DriveAddress(controller: controller, unit: namespace - 1)
        }
    }
}
