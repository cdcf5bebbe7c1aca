/// What one caller of the load run measured.
struct CallerTally: Sendable {
    /// Milliseconds per measured call, successful or not.
    var latencies: [Double] = []
    var errors = 0
    var firstError: String?
    /// Measured calls per kind.
    var kinds: [LoadCall: Int] = [:]

    mutating func merge(_ other: CallerTally) {
        latencies += other.latencies
        errors += other.errors
        firstError = firstError ?? other.firstError
        kinds.merge(other.kinds, uniquingKeysWith: +)
    }
}

/// Latency percentiles (nearest rank) of a run, in milliseconds.
struct LatencySummary: Sendable {
    var p50 = 0.0
    var p90 = 0.0
    var p99 = 0.0
    var max = 0.0

    init(_ latencies: [Double]) {
        let sorted = latencies.sorted()
        guard let last = sorted.last else { return }
        func rank(_ p: Double) -> Double {
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.min(Swift.max(index, 0), sorted.count - 1)]
        }
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = last
    }
}
