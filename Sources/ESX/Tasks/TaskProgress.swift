/// Progress of a vSphere task the driver waits for.
public struct TaskProgress: Sendable, Hashable {
    /// What the task does, e.g. `start domain 'web'`.
    public var operation: String
    /// `info.progress` in percent, when the server reports it.
    public var percent: Int?
    /// Set when a question was answered automatically while waiting (the answer's label).
    public var answered: String?

    public init(operation: String, percent: Int?, answered: String? = nil) {
        self.operation = operation
        self.percent = percent
        self.answered = answered
    }
}
