import VI

/// libvirt's capabilities of an ESX connection (`virsh capabilities`): the host CPU's
/// architecture (x86_64 when CPUID reports long mode, else i686), the host UUID, live migration
/// over the `vpxmigr` transport, and hvm guests of type `vmware` for i686 and, with long mode, x86_64.
public struct HostCapabilities: Sendable, Hashable, Codable {
    /// One `<guest>`: `hvm`, an architecture and its word size, domain type `vmware`.
    public struct Guest: Sendable, Hashable, Codable {
        public var osType: String
        public var arch: String
        public var wordSize: Int
        public var domainType: String
    }

    /// `hardware.systemInfo.uuid`, nil when the host reports an empty or malformed one (libvirt
    /// then leaves `<uuid>` out).
    public var hostUUID: String?
    /// Whether bit 29 of EDX of CPUID leaf 0x80000001 is set.
    public var longMode: Bool
    public var hostArch: String
    public var liveMigration: Bool
    public var migrationTransports: [String]
    public var guests: [Guest]

    /// The capabilities libvirt derives from long mode and the host UUID.
    public init(longMode: Bool, hostUUID: String?) {
        self.longMode = longMode
        self.hostUUID = hostUUID
        hostArch = longMode ? "x86_64" : "i686"
        liveMigration = true
        migrationTransports = ["vpxmigr"]
        guests = [Guest(osType: "hvm", arch: "i686", wordSize: 32, domainType: "vmware")]
        if longMode { guests.append(Guest(osType: "hvm", arch: "x86_64", wordSize: 64, domainType: "vmware")) }
    }

    /// The CPUID leaf libvirt reads long mode from, as the signed `level` the API reports.
    static let extendedFeatureLevel = Int32(bitPattern: 0x8000_0001)

    /// Long mode from `hardware.cpuFeature`, as libvirt's `esxSupportsLongMode`: the EDX register
    /// of leaf 0x80000001, written as `----:----:...` from bit 31 down to bit 0, must hold `0`
    /// or `1` at bit 29.
    public static func longMode(from cpuFeatures: [HostCpuIdInfo]) throws(HostResourceError) -> Bool {
        guard let leaf = cpuFeatures.first(where: { $0.level == extendedFeatureLevel }) else {
            throw .unexpected("the host reports no CPUID leaf 0x80000001 in 'hardware.cpuFeature'")
        }
        let edx = try register(leaf.edx ?? "", name: "edx")
        switch edx[31 - 29] {
        case "1": return true
        case "0": return false
        case let other:
            throw .unexpected("bit 29 (long mode) of CPUID 0x80000001 EDX '\(leaf.edx ?? "")' is '\(other)', expecting '0' or '1'")
        }
    }

    /// The 32 bit characters of a register string, most significant first.
    static func register(_ text: String, name: String) throws(HostResourceError) -> [Character] {
        let characters = Array(text)
        guard characters.count == 39 else {
            throw .unexpected("CPUID register '\(name)' has an unexpected length (\(characters.count), expecting 39)")
        }
        var bits: [Character] = []
        for (index, character) in characters.enumerated() {
            if index % 5 == 4 {
                guard character == ":" else { throw .unexpected("CPUID register '\(name)' lacks ':' at \(index)") }
            } else {
                bits.append(character)
            }
        }
        return bits
    }

    /// A UUID as libvirt keeps it: parsed and printed in lowercase, nil when empty or malformed.
    static func normalizedUUID(_ text: String) -> String? {
        let hex = text.lowercased().filter { $0 != "-" && $0 != " " }
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit) else { return nil }
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }
}

extension ESXConnection {
    /// The host's capabilities, from `hardware.cpuFeature` and `hardware.systemInfo.uuid`.
    public func capabilities() async throws(ESXError) -> HostCapabilities {
        let host = inventory.host
        let properties = try await run { client in
            try await client.retrieveProperties(of: [host], [.hardware.cpuFeature, .hardware.systemInfo.uuid]).first
        }
        do {
            let longMode = try HostCapabilities.longMode(from: properties?[.hardware.cpuFeature] ?? [])
            let uuid = properties?[.hardware.systemInfo.uuid].flatMap(HostCapabilities.normalizedUUID)
            return HostCapabilities(longMode: longMode, hostUUID: uuid)
        } catch {
            throw .hostResource(error)
        }
    }
}
