import VI

/// vCPU counts of a domain (`virsh vcpucount`). ESX has one configuration, so the live and
/// config values are the same; the maximum is the host's `capability.maxSupportedVcpus`
/// (libvirt's `esxDomainGetMaxVcpus`).
public struct DomainVCPUCount: Sendable, Hashable, Codable {
    /// `config.hardware.numCPU`.
    public var current: Int
    /// The host's `capability.maxSupportedVcpus`; nil when the host does not report it.
    public var maximum: Int?
}

extension ESXConnection {
    /// The domain's vCPU count and the host's maximum per domain.
    public func vcpuCount(of domain: Domain) async throws(ESXError) -> DomainVCPUCount {
        let properties = try await properties(of: domain.vm, [.config.hardware.numCPU])
        return DomainVCPUCount(
            current: Int(properties[.config.hardware.numCPU] ?? 0), maximum: try await maxVCPUs(of: domain))
    }

    /// `virsh setvcpus`: sets `numCPUs` (libvirt's `esxDomainSetVcpusFlags`); refused below 1
    /// or above the host's maximum, and, on a running domain, when the change needs CPU hot add
    /// (`config.cpuHotAddEnabled`) or hot remove (`config.cpuHotRemoveEnabled`) and the domain
    /// does not have it.
    public func setVCPUs(
        _ domain: Domain, count: Int, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        guard count >= 1 else {
            progress?.finish()
            throw .tuning(.invalidArgument("the number of vCPUs must be at least 1, not \(count)"))
        }
        let maximum: Int?
        do { maximum = try await maxVCPUs(of: domain) } catch {
            progress?.finish()
            throw error
        }
        if let maximum, count > maximum {
            progress?.finish()
            throw .tuning(.vcpusAboveMaximum(domain: domain.name, requested: count, maximum: maximum))
        }
        guard count <= Int(Int32.max) else {
            progress?.finish()
            throw .tuning(.invalidArgument("the number of vCPUs \(count) is too large"))
        }
        try await reconfigure(
            domain, operation: "set the number of vCPUs",
            reading: [.config.hardware.numCPU, .config.cpuHotAddEnabled, .config.cpuHotRemoveEnabled],
            progress: progress
        ) { properties throws(ESXError) in
            let current = DomainProperties.domain(from: properties)
            let now = Int(properties[.config.hardware.numCPU] ?? 0)
            if current.state != .shutoff, count != now {
                let adding = count > now
                let allowed = adding
                    ? properties[.config.cpuHotAddEnabled] ?? false : properties[.config.cpuHotRemoveEnabled] ?? false
                guard allowed else {
                    throw .invalidDomainState(
                        name: current.name, state: "\(current.state)",
                        operation: "\(adding ? "add" : "remove") vCPUs without CPU hot \(adding ? "add" : "remove") of")
                }
            }
            var spec = VirtualMachineConfigSpec()
            spec.numCPUs = Int32(count)
            return spec
        }
    }

    /// The host's `capability.maxSupportedVcpus` for the domain's host.
    func maxVCPUs(of domain: Domain) async throws(ESXError) -> Int? {
        let host = try await host(of: domain)
        let properties = try await run { client in
            try await client.retrieveProperties(of: [host], [.capability.maxSupportedVcpus]).first
        }
        return properties?[.capability.maxSupportedVcpus].map(Int.init)
    }
}
