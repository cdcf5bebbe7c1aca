/// Why a tuning operation (memory, vCPUs, scheduler, autostart, guest information, screenshot)
/// was refused before or instead of reaching the server.
public enum TuningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An argument is out of range or malformed (`message` says which and why).
    case invalidArgument(String)
    /// The requested memory is above the domain's maximum memory.
    case memoryAboveMaximum(domain: String, requestedKiB: Int64, maximumKiB: Int64)
    /// The requested vCPU count is above what the host supports for one VM.
    case vcpusAboveMaximum(domain: String, requested: Int, maximum: Int)
    /// The operation is not available on this server or for this domain.
    case unsupported(String)
    /// Enabling autostart would have to switch the host's autostart default on, which would
    /// also start the `others` listed in the host's autostart configuration (libvirt's rule).
    case autostartAffectsOthers(domain: String, others: [String])
    /// VMware Tools report no such information for the domain (`what`: `hostname`, ...;
    /// `tools`: the guest's `toolsRunningStatus`, when known).
    case guestInfoUnavailable(domain: String, what: String, tools: String?)

    public var description: String {
        switch self {
        case let .invalidArgument(message): return message
        case let .memoryAboveMaximum(domain, requested, maximum):
            return "cannot set the memory of domain '\(domain)' to \(requested) KiB: "
                + "above its maximum memory of \(maximum) KiB"
        case let .vcpusAboveMaximum(domain, requested, maximum):
            return "cannot give domain '\(domain)' \(requested) vCPUs: "
                + "the host supports at most \(maximum) per domain"
        case let .unsupported(message): return message
        case let .autostartAffectsOthers(domain, others):
            return "cannot enable autostart of domain '\(domain)': the host's autostart default is off and "
                + "switching it on would also start " + others.map { "'\($0)'" }.joined(separator: ", ")
        case let .guestInfoUnavailable(domain, what, tools):
            return "the \(what) of domain '\(domain)' is not available: VMware Tools report none"
                + (tools.map { " (tools: \($0))" } ?? "")
        }
    }
}
