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

    /// CPU and memory of the connection's host.
    public func nodeInfo() async throws(ESXError) -> NodeInfo {
        let host = inventory.host
        let properties = try await run { client in
            try await client.retrieveProperties(of: [host], [.summary.hardware, .hardware.numaInfo.numNodes])
        }
        guard let properties = properties.first, let summary = properties[.summary.hardware] else { throw ESXError.inventory("host '\(inventory.hostName)' reports no hardware summary") }
        let sockets = max(Int(summary.numCpuPkgs), 1)
        let cores = max(Int(summary.numCpuCores), 1)
        let threads = max(Int(summary.numCpuThreads), 1)
        let model = summary.cpuModel.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return NodeInfo(
            cpuModel: model, memoryKiB: summary.memorySize / 1024, cpus: threads, mhz: Int(summary.cpuMhz),
            numaNodes: max(Int(properties[.hardware.numaInfo.numNodes] ?? 1), 1), sockets: sockets,
            coresPerSocket: max(cores / sockets, 1), threadsPerCore: max(threads / cores, 1))
    }
}
