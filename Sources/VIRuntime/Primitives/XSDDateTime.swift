import Foundation
// TEMPORARY STUB (replaced by the real parser)
public enum XSDDateTime {
    public static func parse(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
    public static func format(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
