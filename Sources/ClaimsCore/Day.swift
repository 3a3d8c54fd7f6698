import Foundation

/// A calendar date with no time zone, as in `2026-02-28`. Only real dates can be made.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day)
        else {
            throw DomainError.invalidDate(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads a strict ISO 8601 calendar date, `YYYY-MM-DD`.
    public init(_ text: String) throws {
        if let day = Day.parse(text) { self = day; return }
        let trimmed = ClaimsCore.trimmed(text)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw DomainError.invalidDate(text) }
        do { try self.init(year: y, month: m, day: d) } catch { throw DomainError.invalidDate(text) }
    }

    /// Reads `YYYY-MM-DD` straight from its bytes, for the store's hot paths; nil when it is not
    /// a real date in that form.
    public static func parse(_ text: String) -> Day? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { b -> Day? in
            guard b.count == 10, b[4] == 45, b[7] == 45,
                  let y = decimal(b, 0, 4), let m = decimal(b, 5, 2), let d = decimal(b, 8, 2) else { return nil }
            return try? Day(year: y, month: m, day: d)
        } ?? (try? Day(text))
    }

    /// The number written in ASCII digits at `b[from ..< from + count]`; nil if any is not a digit.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        var v = 0
        for i in from..<from + count {
            let d = Int(b[i]) - 48
            guard (0...9).contains(d) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// The calendar date of `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone? = nil) {
        // No time zone: UTC.
        let seconds = Int(floor(date.timeIntervalSince1970)) + (timeZone?.secondsFromGMT(for: date) ?? 0)
        self.init(daysSinceEpoch: Int(floor(Double(seconds) / 86_400)))
    }

    /// Days since 1970-01-01 (negative before it). Proleptic Gregorian calendar.
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// Adds calendar months, clamping the day to the end of a shorter month (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        // Floor division, so that going back before year 0 still gives a month of 1…12.
        let y = index >= 0 ? index / 12 : (index - 11) / 12, m = index - y * 12 + 1
        // A real date by construction (the day is clamped to the month); like adding(days:), a
        // year past 9999 is not refused here: callers bound their spans (Span, TimePhrases).
        return Day(unchecked: y, m, min(day, Day.daysIn(month: m, year: y)))
    }

    /// Fields known to make a real date; see `init(year:month:day:)` for the checked way.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of `year`, `month`, `day`, the day clamped to the month's length and the year to
    /// 1…9999: for dates computed from others already checked (time phrases read from a said-on
    /// date in 1900…2999).
    static func clamped(year: Int, month: Int, day: Int) -> Day {
        let y = min(max(year, 1), 9999), m = min(max(month, 1), 12)
        return Day(unchecked: y, m, min(max(day, 1), daysIn(month: m, year: y)))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public var description: String {
        var out = [UInt8](repeating: 0x30, count: 10)
        Day.digits(year, 4, into: &out, at: 0)
        out[4] = 0x2D
        Day.digits(month, 2, into: &out, at: 5)
        out[7] = 0x2D
        Day.digits(day, 2, into: &out, at: 8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `value` as `count` zero-padded decimal digits (no String(format:): it is slow on Linux).
    static func digits(_ value: Int, _ count: Int, into out: inout [UInt8], at start: Int) {
        var v = value
        for i in stride(from: start + count - 1, through: start, by: -1) {
            out[i] = UInt8(0x30 + v % 10)
            v /= 10
        }
    }

    public init(from decoder: Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
