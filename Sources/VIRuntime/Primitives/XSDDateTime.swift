import Foundation

/// Conversion between `xsd:dateTime` text and `Date`.
///
/// Parsing is a hand-written byte scanner (no `DateFormatter`, no regular
/// expressions) because it runs while decoding large responses.
///
/// Accepted form: `YYYY-MM-DDTHH:MM:SS[.f+][Z|+hh:mm|-hh:mm]`, optionally
/// surrounded by XML white space.
/// - The year has four or more digits (no leading zero when longer than four)
///   and is at least `0001`; negative years are rejected.
/// - Month, day (leap years included), hour, minute, second and zone offset
///   are range-checked. `24:00:00` (without fraction) means midnight at the
///   end of the day. Second `60` (a leap second) is accepted and lands on the
///   first second of the next minute, since `Date` cannot represent it.
/// - The fraction keeps up to nanosecond digits; further digits are ignored.
/// - No zone designator means UTC. Offsets are limited to ±14:00.
public enum XSDDateTime {
    /// Parses `xsd:dateTime` text; returns `nil` for anything malformed or out of range.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// Parses `xsd:dateTime` given as UTF-8 bytes (e.g. straight from an XML reader).
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = DateTimeScanner(bytes)
        return scanner.scan()
    }

    /// Formats a date as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` in UTC.
    ///
    /// The fraction has the fewest digits (up to nanoseconds) that parse back to the same `Date`,
    /// and is printed only when non-zero, so a decoded date re-encodes and decodes unchanged. Years before 0001 use the XSD 1.0 convention
    /// (`-0001` is the year before `0001`); dates beyond about ±3 million years
    /// are clamped.
    public static func format(_ date: Date) -> String {
        var reference = date.timeIntervalSinceReferenceDate
        if reference.isNaN { reference = 0 }
        reference = min(max(reference, -1e14), 1e14)

        var whole = reference.rounded(.down)
        var (fraction, width) = shortestFraction(of: reference, whole: whole)
        if fraction >= pow10(width) {  // rounded up to the next second
            whole += 1
            fraction = 0
        }
        let seconds = Int64(whole) + CivilCalendar.referenceDateUnixSeconds

        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.civil(fromDays: days)

        var out: [UInt8] = []
        out.reserveCapacity(32)
        if year <= 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(&out, 1 - year, minimumWidth: 4)
        } else {
            appendDigits(&out, year, minimumWidth: 4)
        }
        out.append(UInt8(ascii: "-"))
        appendDigits(&out, Int64(month), minimumWidth: 2)
        out.append(UInt8(ascii: "-"))
        appendDigits(&out, Int64(day), minimumWidth: 2)
        out.append(UInt8(ascii: "T"))
        appendDigits(&out, Int64(secondOfDay / 3600), minimumWidth: 2)
        out.append(UInt8(ascii: ":"))
        appendDigits(&out, Int64(secondOfDay / 60 % 60), minimumWidth: 2)
        out.append(UInt8(ascii: ":"))
        appendDigits(&out, Int64(secondOfDay % 60), minimumWidth: 2)
        if fraction > 0 {
            out.append(UInt8(ascii: "."))
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            appendDigits(&out, fraction, minimumWidth: width)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The fraction of a second with the fewest digits (up to nanoseconds) that `parse` reads back
    /// as exactly `reference`, so a date survives format -> parse unchanged.
    private static func shortestFraction(of reference: Double, whole: Double) -> (value: Int64, digits: Int) {
        let exact = reference - whole
        for digits in 0...9 {
            let scale = pow10(digits)
            let value = Int64((exact * Double(scale)).rounded())
            let nanoseconds = value * pow10(9 - digits)
            if whole + Double(nanoseconds) / 1_000_000_000 == reference { return (value, digits) }
        }
        return (Int64((exact * 1_000_000_000).rounded()), 9)
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func appendDigits(_ out: inout [UInt8], _ value: Int64, minimumWidth: Int) {
        var width = 1
        var limit: Int64 = 10
        while width < 19, value >= limit {
            width += 1
            limit &*= 10
        }
        width = max(width, minimumWidth)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var rest = value
        var position = start + width - 1
        while rest > 0 {
            out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// Byte-level scanner behind `XSDDateTime.parse`.
private struct DateTimeScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = 0
        end = bytes.count
    }

    mutating func scan() -> Date? {
        while index < end, Self.isSpace(bytes[index]) { index += 1 }
        while end > index, Self.isSpace(bytes[end - 1]) { end -= 1 }

        guard let year = scanYear(),
              consume(UInt8(ascii: "-")), let month = scanTwoDigits(),
              consume(UInt8(ascii: "-")), let day = scanTwoDigits(),
              consume(UInt8(ascii: "T")), let hour = scanTwoDigits(),
              consume(UInt8(ascii: ":")), let minute = scanTwoDigits(),
              consume(UInt8(ascii: ":")), let second = scanTwoDigits(),
              let nanoseconds = scanFraction(),
              let offsetSeconds = scanZone(),
              index == end
        else { return nil }

        guard (1...12).contains(month),
              day >= 1, day <= CivilCalendar.daysInMonth(month, year: year),
              minute <= 59, second <= 60
        else { return nil }
        if hour == 24 {
            guard minute == 0, second == 0, nanoseconds == 0 else { return nil }
        } else if hour > 23 {
            return nil
        }

        let days = CivilCalendar.days(year: year, month: month, day: day)
        let unixSeconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        let reference = Double(unixSeconds - CivilCalendar.referenceDateUnixSeconds)
            + Double(nanoseconds) / 1_000_000_000
        return Date(timeIntervalSinceReferenceDate: reference)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func digit(at position: Int) -> Int? {
        guard position < end else { return nil }
        let value = Int(bytes[position]) &- 0x30
        return (0...9).contains(value) ? value : nil
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Four or more digits, no leading zero beyond four, at least 1, at most 9 digits.
    private mutating func scanYear() -> Int64? {
        let start = index
        var year: Int64 = 0
        while let d = digit(at: index) {
            guard index - start < 9 else { return nil }
            year = year * 10 + Int64(d)
            index += 1
        }
        let length = index - start
        guard length >= 4, length == 4 || bytes[start] != UInt8(ascii: "0"), year >= 1 else { return nil }
        return year
    }

    private mutating func scanTwoDigits() -> Int? {
        guard let high = digit(at: index), let low = digit(at: index + 1) else { return nil }
        index += 2
        return high * 10 + low
    }

    /// Optional `.d+`; returns nanoseconds (0 when absent), `nil` for a bare dot.
    private mutating func scanFraction() -> Int? {
        guard consume(UInt8(ascii: ".")) else { return 0 }
        let start = index
        var nanoseconds = 0
        var scale = 100_000_000
        while let d = digit(at: index) {
            nanoseconds += d * scale
            scale /= 10
            index += 1
        }
        return index > start ? nanoseconds : nil
    }

    /// Optional zone; returns the offset east of UTC in seconds.
    private mutating func scanZone() -> Int? {
        guard index < end else { return 0 }
        let sign: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"):
            index += 1
            return 0
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        index += 1
        guard let hours = scanTwoDigits(), consume(UInt8(ascii: ":")), let minutes = scanTwoDigits(),
              minutes <= 59, hours < 14 || (hours == 14 && minutes == 0)
        else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}

/// Proleptic Gregorian day arithmetic (days relative to 1970-01-01).
private enum CivilCalendar {
    /// Seconds from 1970-01-01 to 2001-01-01, `Date`'s reference date.
    static let referenceDateUnixSeconds: Int64 = 978_307_200

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int64) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
