/// A 16-byte UUID as libvirt reads and prints it.
public struct DomainUUID: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes.
    public var bytes: [UInt8]

    /// The all-zero UUID (a VMX without `uuid.bios`).
    public static let zero = DomainUUID(validatedBytes: [UInt8](repeating: 0, count: 16))

    init(validatedBytes: [UInt8]) { bytes = validatedBytes }

    /// 16 bytes; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses 16 hex pairs; `-` and spaces may separate pairs (libvirt's and VMware's forms).
    public init?(_ text: String) {
        var result: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let first = utf8.first, first == UInt8(ascii: " ") { utf8 = utf8.dropFirst() }
        while result.count < 16 {
            while let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: " ") {
                utf8 = utf8.dropFirst()
            }
            guard utf8.count >= 2, let high = VMXEscaping.hexValue(utf8[utf8.startIndex]),
                let low = VMXEscaping.hexValue(utf8[utf8.startIndex + 1])
            else { return nil }
            result.append(high << 4 | low)
            utf8 = utf8.dropFirst(2)
        }
        guard utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) else { return nil }
        bytes = result
    }

    /// From two signed 64-bit halves (VMX `vm.genid`, `vm.genidX`).
    public init(high: Int64, low: Int64) {
        let h = UInt64(bitPattern: high)
        let l = UInt64(bitPattern: low)
        bytes = (0..<8).map { UInt8(truncatingIfNeeded: h >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: l >> (56 - 8 * $0)) }
    }

    /// The two signed 64-bit halves, most significant first.
    public var halves: (high: Int64, low: Int64) {
        let h = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let l = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (Int64(bitPattern: h), Int64(bitPattern: l))
    }

    /// Whether every byte is 0.
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// `8-4-4-4-12` lowercase.
    public var description: String {
        let hex = bytes.map(Self.hex)
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }

    /// VMware's form: `56 4d 22 c7 04 0d 9e 93-63 4c 77 26 24 c7 63 f5`.
    public var vmxForm: String {
        let hex = bytes.map(Self.hex)
        return hex[0..<8].joined(separator: " ") + "-" + hex[8..<16].joined(separator: " ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
