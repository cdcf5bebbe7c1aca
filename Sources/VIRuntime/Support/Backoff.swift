/// Capped exponential backoff with full jitter, for every loop that retries or re-polls a server.
///
/// Each ``nextDelay()`` doubles the ceiling (from `initial` up to `maximum`) and returns a random
/// delay between half the ceiling and the ceiling, so concurrent clients spread out and no loop asks
/// faster than `initial / 2`. ``reset()`` after a success starts again from `initial`.
public struct VIBackoff: Sendable {
    public let initial: Duration
    public let maximum: Duration
    private var ceiling: Duration
    private var generator: SystemRandomNumberGenerator

    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30)) {
        self.initial = max(initial, .milliseconds(1))
        self.maximum = max(maximum, self.initial)
        self.ceiling = self.initial
        self.generator = SystemRandomNumberGenerator()
    }

    /// The delay before the next attempt; each call doubles the ceiling up to `maximum`.
    public mutating func nextDelay() -> Duration {
        let current = ceiling
        ceiling = min(ceiling * 2, maximum)
        let fraction = Double.random(in: 0.5...1.0, using: &generator)
        return current * fraction
    }

    /// Waits ``nextDelay()``; throws `CancellationError` when the task is cancelled meanwhile.
    public mutating func wait() async throws {
        try await Task.sleep(for: nextDelay())
    }

    /// Starts again from `initial` (after a success).
    public mutating func reset() {
        ceiling = initial
    }
}
