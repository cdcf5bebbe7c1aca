import Foundation

/// Sizes written the way virsh reads them (`virScaleInteger`): a non-negative integer and an
/// optional unit. `b`/`bytes`; `k`, `KiB`, `m`, `MiB`, ... `e`, `EiB` are powers of 1024;
/// `KB`, `MB`, ... `EB` are powers of 1000; units ignore case. Without a unit the number
/// counts `defaultUnit` bytes (KiB for memory, as in `virsh setmem`).
public enum MemorySize {
    /// The size in KiB, rounded up (virsh rounds byte counts up to whole KiB).
    public static func kibibytes(parsing text: String, defaultUnit: Int64 = 1024) throws(TuningError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        guard !digits.isEmpty, let number = Int64(digits) else {
            throw .invalidArgument("invalid size '\(text)': expecting a non-negative integer with an optional unit")
        }
        let scale: Int64
        if unit.isEmpty {
            scale = defaultUnit
        } else if unit == "b" || unit == "byte" || unit == "bytes" {
            scale = 1
        } else if let power = "kmgtpe".firstIndex(of: unit.first ?? " ") {
            let exponent = "kmgtpe".distance(from: "kmgtpe".startIndex, to: power) + 1
            let rest = unit.dropFirst()
            let base: Int64
            switch rest {
            case "", "ib": base = 1024
            case "b": base = 1000
            default: throw .invalidArgument("invalid size '\(text)': unknown unit '\(unit)'")
            }
            var product: Int64 = 1
            for _ in 0..<exponent { product *= base }
            scale = product
        } else {
            throw .invalidArgument("invalid size '\(text)': unknown unit '\(unit)'")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw .invalidArgument("invalid size '\(text)': too large") }
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1)
    }
}
