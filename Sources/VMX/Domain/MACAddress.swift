/// A 48-bit Ethernet address.
public struct MACAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 6 bytes.
    public var bytes: [UInt8]

    /// Parses six colon-separated groups of one or two hex digits.
    public init?(_ text: String) {
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count == 6 else { return nil }
        var parsed: [UInt8] = []
        for group in groups {
            guard (1...2).contains(group.count), let value = UInt8(group, radix: 16) else { return nil }
            parsed.append(value)
        }
        bytes = parsed
    }

    /// The first three bytes as one number (`0x000c29` for VMware-generated addresses).
    var prefix: UInt32 { UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) }
    /// The last three bytes as one number.
    var suffix: UInt32 { UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 8 | UInt32(bytes[5]) }

    /// Lowercase `aa:bb:cc:dd:ee:ff`.
    public var description: String { bytes.map(DomainUUID.hex).joined(separator: ":") }
}
