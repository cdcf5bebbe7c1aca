/// A set of host CPU numbers in libvirt's `cpuset` syntax (`0-3,^2,6`).
public struct CPUSet: Sendable, Hashable, CustomStringConvertible {
    /// Largest CPU number accepted (libvirt's VIR_DOMAIN_CPUMASK_LEN - 1).
    public static let maxCPU = 16383

    /// The CPU numbers, ascending.
    public private(set) var cpus: [Int]

    /// The set of `cpus` (duplicates removed).
    public init(_ cpus: some Sequence<Int>) {
        self.cpus = Array(Set(cpus)).sorted()
    }

    /// Parses ranges, single numbers and `^` exclusions separated by commas; nil on bad syntax.
    public init?(parsing text: String) {
        var included = Set<Int>()
        var excluded = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: " ")
            if item.hasPrefix("^") {
                guard let number = Self.number(item.dropFirst()) else { return nil }
                excluded.insert(number)
            } else if let dash = item.firstIndex(of: "-") {
                guard let low = Self.number(item[..<dash]), let high = Self.number(item[item.index(after: dash)...]),
                    low <= high
                else { return nil }
                included.formUnion(low...high)
            } else {
                guard let number = Self.number(Substring(item)) else { return nil }
                included.insert(number)
            }
        }
        self.init(included.subtracting(excluded))
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let value = Int(text), value >= 0, value <= maxCPU else {
            return nil
        }
        return value
    }

    /// Ranges joined by commas, as libvirt prints them (`0-3,6`).
    public var description: String {
        var parts: [String] = []
        var index = 0
        while index < cpus.count {
            var end = index
            while end + 1 < cpus.count && cpus[end + 1] == cpus[end] + 1 { end += 1 }
            parts.append(end == index ? "\(cpus[index])" : "\(cpus[index])-\(cpus[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}

extension StringProtocol {
    func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
