/// Bounds the XML decoder enforces on every document.
public struct VIXMLLimits: Sendable, Hashable {
    /// Deepest element nesting accepted.
    public var maxDepth: Int
    /// Largest document accepted, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 200, maxBytes: Int = 512 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    public static let `default` = VIXMLLimits()
}
