import Foundation

/// Resident memory of this process.
enum ProcessMemory {
    /// `VmRSS` from `/proc/self/status` in KiB, or 0 where that file does not exist.
    static func residentKB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            return fields.first.flatMap { Int($0) } ?? 0
        }
        return 0
    }

    /// Peak resident memory (`getrusage` `ru_maxrss`) in KiB.
    static func peakKB() -> Int {
        var usage = rusage()
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
    }
}
