/// A dotted version number as vSphere reports it (`about.version`, `about.apiVersion`).
///
/// Parsing reads dot-separated components, each one's leading decimal digits being its number.
/// The first component with anything after its digits ends the version there: the rest (an
/// update or build suffix) and all later components are ignored, so `7.0U3` is `7.0` and
/// `8.0.2-beta.1` is `8.0.2`. Text that does not start with a digit, or a number too large
/// for `Int`, is no version.
///
/// Ordering and equality are numeric with missing components counting as 0:
/// `6.7` < `6.10`, `8.0` == `8.0.0.0` < `8.0.3`. The text form is the parsed components.
public struct VIVersion: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// The numbers, most significant first; never empty, never negative.
    public let components: [Int]

    /// A version from its numbers (negative numbers count as 0).
    public init(_ major: Int, _ more: Int...) {
        components = ([major] + more).map { max(0, $0) }
    }

    /// Parses `text` (see the type's rules); nil when it does not start with a number.
    public init?(_ text: String) {
        var components: [Int] = []
        for item in text.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = item.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty else { break }
            guard let number = Int(digits) else { return nil }
            components.append(number)
            if digits.endIndex != item.endIndex { break }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    public var major: Int { components[0] }
    public var minor: Int { component(1) }
    public var micro: Int { component(2) }

    /// The component at `index`, 0 beyond the last.
    public func component(_ index: Int) -> Int {
        index < components.count ? components[index] : 0
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    /// The components without trailing zeros: what equality and hashing look at.
    private var significant: ArraySlice<Int> {
        let end = (components.lastIndex(where: { $0 != 0 }) ?? -1) + 1
        return components[..<end]
    }

    public static func == (lhs: VIVersion, rhs: VIVersion) -> Bool { lhs.significant == rhs.significant }

    public func hash(into hasher: inout Hasher) { hasher.combine(Array(significant)) }

    public static func < (lhs: VIVersion, rhs: VIVersion) -> Bool {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let (left, right) = (lhs.component(index), rhs.component(index))
            if left != right { return left < right }
        }
        return false
    }

    /// Decodes the text form; an unparsable string is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = VIVersion(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a version")
        }
        self = version
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
