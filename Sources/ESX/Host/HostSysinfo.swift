import Foundation
import VI

/// The host's SMBIOS-like identity (`virsh sysinfo`), from `hardware.systemInfo` and
/// `hardware.biosInfo`.
public struct HostSysinfo: Sendable, Hashable, Codable {
    public var biosVendor: String?
    public var biosVersion: String?
    /// `MM/DD/YYYY`, as SMBIOS writes BIOS dates.
    public var biosDate: String?
    /// `major.minor`.
    public var biosRelease: String?
    public var manufacturer: String?
    public var product: String?
    public var serial: String?
    public var uuid: String?
    public var family: String?

    /// The identity libvirt's sysinfo fields hold, from the host's typed hardware information.
    public init(system: HostSystemInfo?, bios: HostBIOSInfo?) {
        biosVendor = bios?.vendor
        biosVersion = bios?.biosVersion
        biosDate = bios?.releaseDate.map(Self.smbiosDate)
        biosRelease = bios?.majorRelease.map { "\($0).\(bios?.minorRelease ?? 0)" }
        manufacturer = system?.vendor
        product = system?.model
        serial = system?.serialNumber
            ?? system?.otherIdentifyingInfo.first { $0.identifierType.key == "ServiceTag" }?.identifierValue
        uuid = system.flatMap { HostCapabilities.normalizedUUID($0.uuid) }
        family = system?.family
    }

    static func smbiosDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", parts.month ?? 0, parts.day ?? 0, parts.year ?? 0)
    }
}

/// libvirt's answers about the connection itself (`esxConnectIsEncrypted`, `IsSecure`, `IsAlive`).
public struct ConnectionSecurity: Sendable, Hashable, Codable {
    /// The transport is HTTPS.
    public var encrypted: Bool
    /// Same as `encrypted`: libvirt calls an HTTPS connection secure.
    public var secure: Bool
    /// libvirt always answers 1; here: the session answered a call just now.
    public var alive: Bool
}

extension ESXConnection {
    /// `config.network.dnsConfig` host name, with `.domainName` appended when set (libvirt's
    /// `esxConnectGetHostname`); an empty host name is an error.
    public func hostname() async throws(ESXError) -> String {
        let host = inventory.host
        let dns = try await run { client in
            try await client.retrieveProperties(of: [host], [.config.network.dnsConfig]).first?[.config.network.dnsConfig]
        }
        guard let dns, !dns.hostName.isEmpty else {
            throw .hostResource(.unexpected("the host reports a missing or empty 'hostName' in its DNS configuration"))
        }
        return dns.domainName.isEmpty ? dns.hostName : "\(dns.hostName).\(dns.domainName)"
    }

    /// Free memory in bytes as libvirt's `esxNodeGetFreeMemory` computes it:
    /// `hardware.memorySize` minus `summary.quickStats.overallMemoryUsage` MiB.
    public func freeMemory() async throws(ESXError) -> Int64 {
        let host = inventory.host
        let properties = try await run { client in
            try await client.retrieveProperties(
                of: [host], [.hardware.memorySize, .summary.quickStats.overallMemoryUsage]
            ).first
        }
        guard let size = properties?[.hardware.memorySize] else {
            throw .hostResource(.unexpected("host '\(inventory.hostName)' reports no 'hardware.memorySize'"))
        }
        let used = Int64(properties?[.summary.quickStats.overallMemoryUsage] ?? 0)
        return max(size - used * 1024 * 1024, 0)
    }

    /// The host's identity for `sysinfo`.
    public func sysinfo() async throws(ESXError) -> HostSysinfo {
        let host = inventory.host
        let properties = try await run { client in
            try await client.retrieveProperties(of: [host], [.hardware.systemInfo, .hardware.biosInfo]).first
        }
        return HostSysinfo(system: properties?[.hardware.systemInfo], bios: properties?[.hardware.biosInfo])
    }

    /// Encrypted / secure / alive, as libvirt answers them; `alive` costs one call
    /// (the host's `name`) and is false when it fails.
    public func connectionSecurity() async -> ConnectionSecurity {
        let https = uri.parameters.transport == .https
        let host = inventory.host
        let alive: Bool
        do {
            _ = try await run { client in try await client.retrieveProperties(of: [host], [.name]) }
            alive = true
        } catch {
            alive = false
        }
        return ConnectionSecurity(encrypted: https, secure: https, alive: alive)
    }
}
