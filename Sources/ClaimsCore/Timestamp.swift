import Foundation

/// A moment in UTC with millisecond precision. Its text form, `2026-01-31T18:00:00.000Z`,
/// has a fixed width, so text order is time order (the store relies on this).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    public init(_ date: Date) {
        self.millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    /// The first and last millisecond of a calendar day, in UTC.
    public static func startOf(_ day: Day) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400_000)
    }
    public static func endOf(_ day: Day) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64(day.daysSinceEpoch + 1) * 86_400_000 - 1)
    }

    public var day: Day {
        Day(daysSinceEpoch: Int((Double(millisecondsSinceEpoch) / 86_400_000).rounded(.down)))
    }

    /// Reads the stored form `YYYY-MM-DDTHH:MM:SS.mmmZ` straight from its bytes, for the store's
    /// hot paths; any other text goes through `init(parsing:)`.
    public static func parse(stored text: String) throws -> Timestamp {
        let utf8 = text.utf8
        let fast = utf8.withContiguousStorageIfAvailable { b -> Timestamp? in
            guard b.count == 24, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 46, b[23] == 90,
                  let y = Day.decimal(b, 0, 4), let mo = Day.decimal(b, 5, 2), let d = Day.decimal(b, 8, 2),
                  let day = try? Day(year: y, month: mo, day: d),
                  let h = Day.decimal(b, 11, 2), h < 24, let m = Day.decimal(b, 14, 2), m < 60,
                  let sec = Day.decimal(b, 17, 2), sec < 60, let ms = Day.decimal(b, 20, 3) else { return nil }
            return Timestamp(millisecondsSinceEpoch: (Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + sec)) * 1000 + Int64(ms))
        }
        if let fast = fast ?? nil { return fast }
        return try Timestamp(parsing: text)
    }

    /// Reads `YYYY-MM-DD` (meaning the end of that day, UTC, so "as of 2026-01-31" includes
    /// everything recorded that day) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`.
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 10 {
            guard let day = try? Day(t) else { throw DomainError.invalidTimestamp(text) }
            self = .endOf(day)
            return
        }
        guard t.count >= 16, let day = try? Day(String(t.prefix(10))),
              ["T", "t", " "].contains(t[t.index(t.startIndex, offsetBy: 10)])
        else { throw DomainError.invalidTimestamp(text) }
        var rest = Substring(t.dropFirst(11))
        func number(_ digits: Int, max: Int) throws -> Int {
            let part = rest.prefix(digits)
            guard part.count == digits, part.allSatisfy(\.isASCIIDigit), let n = Int(part), n <= max
            else { throw DomainError.invalidTimestamp(text) }
            rest = rest.dropFirst(digits)
            return n
        }
        func expect(_ c: Character) -> Bool {
            if rest.first == c { rest = rest.dropFirst(); return true }
            return false
        }
        let hour = try number(2, max: 23)
        guard expect(":") else { throw DomainError.invalidTimestamp(text) }
        let minute = try number(2, max: 59)
        var second = 0, millis = 0
        if expect(":") {
            second = try number(2, max: 59)
            if expect(".") {
                let digits = rest.prefix(while: \.isASCIIDigit)
                guard !digits.isEmpty else { throw DomainError.invalidTimestamp(text) }
                millis = (digits + "00").prefix(3).reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) }
                rest = rest.dropFirst(digits.count)
            }
        }
        var offsetMinutes = 0
        if expect("Z") || expect("z") {
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            let oh = try number(2, max: 23)
            _ = expect(":")
            let om = try number(2, max: 59)
            offsetMinutes = (sign == "+" ? 1 : -1) * (oh * 60 + om)
        } else {
            throw DomainError.invalidTimestamp(text)
        }
        guard rest.isEmpty else { throw DomainError.invalidTimestamp(text) }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetMinutes * 60)
        self.millisecondsSinceEpoch = seconds * 1000 + Int64(millis)
    }

    public var description: String {
        let ms = millisecondsSinceEpoch
        let dayIndex = Int((Double(ms) / 86_400_000).rounded(.down))
        let within = Int(ms - Int64(dayIndex) * 86_400_000)
        let day = Day(daysSinceEpoch: dayIndex)
        var out = [UInt8](repeating: 0x30, count: 14)
        out[0] = 0x54  // T
        Day.digits(within / 3_600_000, 2, into: &out, at: 1)
        out[3] = 0x3A
        Day.digits(within / 60_000 % 60, 2, into: &out, at: 4)
        out[6] = 0x3A
        Day.digits(within / 1000 % 60, 2, into: &out, at: 7)
        out[9] = 0x2E
        Day.digits(within % 1000, 3, into: &out, at: 10)
        out[13] = 0x5A  // Z
        return day.description + String(decoding: out, as: UTF8.self)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public init(from decoder: Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
