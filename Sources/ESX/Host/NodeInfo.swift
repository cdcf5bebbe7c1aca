import Foundation
import VI

/// What `nodeinfo` shows about the connection's host (libvirt's `virNodeInfo`).
public struct NodeInfo: Sendable, Hashable, Codable {
    public var cpuModel: String
    public var memoryKiB: Int64
    /// Logical CPUs (threads).
    public var cpus: Int
    public var mhz: Int
    public var numaNodes: Int
    public var sockets: Int
    public var coresPerSocket: Int
    public var threadsPerCore: Int
}

/// The server's product and version (`version`).
public struct ServerVersion: Sendable, Hashable, Codable {
    public var fullName: String
    public var productLineId: String
    public var version: String
    public var build: String
    public var apiType: String
    public var apiVersion: String

    /// `version` as a comparable number (nil if the server's text is none).
    public var productVersion: VIVersion? { VIVersion(version) }
    /// `apiVersion` as a comparable number (nil if the server's text is none).
    public var apiVersionNumber: VIVersion? { VIVersion(apiVersion) }
}

extension ESXConnection {
    /// The server's product and version, from `ServiceContent.about`.
    public var serverVersion: ServerVersion {
        let about = self.about
        return ServerVersion(
            fullName: about.fullName, productLineId: about.productLineId, version: about.version, build: about.build,
            apiType: about.apiType, apiVersion: about.apiVersion)
    }

    /// CPU and memory of the connection's host, computed as libvirt's `esxNodeGetInfo`:
    /// `cpus` = `hardware.cpuInfo.numCpuCores`, MHz from `hz`, cores per socket = cores / packages,
    /// threads per core = threads / cores (0 when a divisor is 0), the CPU model without `(R)`,
    /// `(C)`, `(TM)` and doubled spaces, cut to 31 bytes (libvirt's `virNodeInfo.model`).
    public func nodeInfo() async throws(ESXError) -> NodeInfo {
        let host = inventory.host
        let properties = try await run { client in
            try await client.retrieveProperties(
                of: [host], [.hardware.cpuInfo, .hardware.memorySize, .hardware.numaInfo.numNodes, .summary.hardware.cpuModel])
        }
        guard let properties = properties.first, let cpu = properties[.hardware.cpuInfo] else {
            throw ESXError.inventory("host '\(inventory.hostName)' reports no CPU information")
        }
        let packages = Int(cpu.numCpuPackages)
        let cores = Int(cpu.numCpuCores)
        let threads = Int(cpu.numCpuThreads)
        return NodeInfo(
            cpuModel: Self.libvirtCPUModel(properties[.summary.hardware.cpuModel] ?? ""),
            memoryKiB: (properties[.hardware.memorySize] ?? 0) / 1024, cpus: cores, mhz: Int(cpu.hz / 1_000_000),
            numaNodes: Int(properties[.hardware.numaInfo.numNodes] ?? 0), sockets: packages,
            coresPerSocket: packages > 0 ? cores / packages : 0, threadsPerCore: cores > 0 ? threads / cores : 0)
    }

    /// libvirt's cleaned CPU model: one left-to-right pass that drops one space of each pair and
    /// the marks `(R)`, `(C)`, `(TM)` (rechecking the same position after each removal), then at
    /// most 31 bytes of UTF-8 (whole characters).
    static func libvirtCPUModel(_ model: String) -> String {
        var chars = Array(model)
        var index = 0
        func hasPrefix(_ mark: String) -> Bool {
            let m = Array(mark)
            return index + m.count <= chars.count && Array(chars[index..<(index + m.count)]) == m
        }
        while index < chars.count {
            if hasPrefix("  ") {
                chars.remove(at: index)
            } else if hasPrefix("(R)") || hasPrefix("(C)") {
                chars.removeSubrange(index..<(index + 3))
            } else if hasPrefix("(TM)") {
                chars.removeSubrange(index..<(index + 4))
            } else {
                index += 1
            }
        }
        var cut = ""
        for character in chars {
            guard cut.utf8.count + String(character).utf8.count <= 31 else { break }
            cut.append(character)
        }
        return cut
    }
}
