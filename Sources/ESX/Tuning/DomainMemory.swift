import VI

/// Memory of a domain, like libvirt's ESX driver: the maximum is `config.hardware.memoryMB`,
/// the current memory is the allocation limit (`config.memoryAllocation.limit`), and
/// `min_guarantee` is the allocation reservation. Sizes are in KiB.
public struct DomainMemoryParameters: Sendable, Hashable, Codable {
    /// `config.hardware.memoryMB` in KiB.
    public var maxMemoryKiB: Int64
    /// The allocation limit in KiB, or the maximum when there is no limit.
    public var currentMemoryKiB: Int64
    /// `config.memoryAllocation.reservation` in KiB (libvirt's `min_guarantee`).
    public var minGuaranteeKiB: Int64
}

extension ESXConnection {
    /// Maximum memory, current memory (limit) and min_guarantee (reservation).
    public func memoryParameters(of domain: Domain) async throws(ESXError) -> DomainMemoryParameters {
        let properties = try await properties(of: domain.vm, [.config.hardware.memoryMB, .config.memoryAllocation])
        return Self.memory(from: properties)
    }

    /// `virsh setmem`: sets the allocation limit to ⌈`kibibytes`/1024⌉ MiB (libvirt's
    /// `esxDomainSetMemory`), in any power state. Refused when 0 or above the maximum memory.
    public func setMemory(
        _ domain: Domain, kibibytes: Int64, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        guard kibibytes > 0 else {
            progress?.finish()
            throw .tuning(.invalidArgument("memory size must be more than 0 KiB, not \(kibibytes)"))
        }
        try await reconfigure(
            domain, operation: "set the memory", reading: [.config.hardware.memoryMB, .config.memoryAllocation],
            progress: progress
        ) { properties throws(ESXError) in
            let memory = Self.memory(from: properties)
            guard kibibytes <= memory.maxMemoryKiB else {
                throw .tuning(.memoryAboveMaximum(
                    domain: domain.name, requestedKiB: kibibytes, maximumKiB: memory.maxMemoryKiB))
            }
            let current = properties[.config.memoryAllocation] ?? ResourceAllocationInfo()
            var spec = VirtualMachineConfigSpec()
            spec.memoryAllocation = current.merged(limit: Self.divideUp(kibibytes, 1024))
            return spec
        }
    }

    /// `virsh setmaxmem`: sets `memoryMB`, rounded up to a multiple of 4 MiB; only while the
    /// domain is shut off (libvirt's `esxDomainSetMaxMemory`).
    public func setMaxMemory(
        _ domain: Domain, kibibytes: Int64, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        let megabytes = Self.divideUp(kibibytes, 4096) * 4
        guard kibibytes > 0, megabytes <= Int64(Int32.max) else {
            progress?.finish()
            throw .tuning(.invalidArgument("maximum memory must be more than 0 KiB and less than 2 PiB, not \(kibibytes) KiB"))
        }
        try await reconfigure(domain, operation: "set the maximum memory", progress: progress) {
            properties throws(ESXError) in
            let current = DomainProperties.domain(from: properties)
            guard current.state == .shutoff else {
                throw .invalidDomainState(
                    name: current.name, state: "\(current.state)", operation: "set the maximum memory of")
            }
            var spec = VirtualMachineConfigSpec()
            spec.memoryMB = megabytes
            return spec
        }
    }

    /// `virsh memtune --min-guarantee`: sets the allocation reservation to
    /// ⌈`kibibytes`/1024⌉ MiB (libvirt's `esxDomainSetMemoryParameters`); refused above the
    /// maximum memory.
    public func setMinGuarantee(
        _ domain: Domain, kibibytes: Int64, progress: AsyncStream<TaskProgress>.Continuation? = nil
    ) async throws(ESXError) {
        guard kibibytes >= 0 else {
            progress?.finish()
            throw .tuning(.invalidArgument("min_guarantee must not be negative, not \(kibibytes) KiB"))
        }
        try await reconfigure(
            domain, operation: "set the memory parameters", reading: [.config.hardware.memoryMB, .config.memoryAllocation],
            progress: progress
        ) { properties throws(ESXError) in
            let memory = Self.memory(from: properties)
            guard kibibytes <= memory.maxMemoryKiB else {
                throw .tuning(.invalidArgument(
                    "min_guarantee of \(kibibytes) KiB is above the maximum memory of domain '\(domain.name)' "
                        + "(\(memory.maxMemoryKiB) KiB)"))
            }
            let current = properties[.config.memoryAllocation] ?? ResourceAllocationInfo()
            var spec = VirtualMachineConfigSpec()
            spec.memoryAllocation = current.merged(reservation: Self.divideUp(kibibytes, 1024))
            return spec
        }
    }

    static func memory(from properties: VirtualMachine.Properties) -> DomainMemoryParameters {
        let maximum = Int64(properties[.config.hardware.memoryMB] ?? 0) * 1024
        let allocation = properties[.config.memoryAllocation]
        let limit = allocation?.limit ?? -1
        return DomainMemoryParameters(
            maxMemoryKiB: maximum, currentMemoryKiB: limit >= 0 ? limit * 1024 : maximum,
            minGuaranteeKiB: max(allocation?.reservation ?? 0, 0) * 1024)
    }

    static func divideUp(_ value: Int64, _ divisor: Int64) -> Int64 {
        value / divisor + (value % divisor == 0 ? 0 : 1)
    }
}
