import Foundation

/// When a forecast is due: a closed range of calendar dates `[start, end]`, with the phrase it
/// was read from ("late 2026") and the rule that read it, where known. Start is never after end.
public struct DueWindow: Hashable, Sendable, Codable {
    public let start: Day
    public let end: Day
    public let phrase: String?
    public let rule: String?

    public init(start: Day, end: Day, phrase: String? = nil, rule: String? = nil) throws {
        guard start <= end else { throw DomainError.windowEndsBeforeStart(start: start, end: end) }
        self.start = start
        self.end = end
        self.phrase = cleaned(phrase)
        self.rule = cleaned(rule)
    }

    /// The same days, read from other words or by another rule.
    public func with(phrase: String?, rule: String?) -> DueWindow {
        DueWindow(checkedStart: start, end: end, phrase: phrase, rule: rule)
    }

    private init(checkedStart start: Day, end: Day, phrase: String?, rule: String?) {
        self.start = start
        self.end = end
        self.phrase = cleaned(phrase)
        self.rule = cleaned(rule)
    }

    /// A window given by dates for a claim made on `saidOn`: without a first day, it opens on
    /// the day the claim was made. (The one place that default is written.)
    public init(saidOn: Day, start: Day?, end: Day, phrase: String? = nil, rule: String? = nil) throws {
        try self.init(start: start ?? saidOn, end: end, phrase: phrase, rule: rule)
    }
}

/// How sure the claimant was: the words they used ("extremely likely"), a probability they
/// stated in numbers, both, or neither (a flat assertion).
public struct Confidence: Hashable, Sendable, Codable {
    public let words: String?
    public let stated: Probability?

    public init(words: String? = nil, stated: Probability? = nil) {
        self.words = cleaned(words)
        self.stated = stated
    }

    public static let none = Confidence()
}

/// A span of time after a day, as in `--within 30d`: days, weeks, months or years.
public struct Span: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable { case days = "d", weeks = "w", months = "m", years = "y" }
    public let count: Int
    public let unit: Unit

    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = t.last, let unit = Unit(rawValue: String(last)),
              let count = Int(t.dropLast()), count >= 0,
              count <= [Unit.days: 365_250, .weeks: 52_200, .months: 12_000, .years: 1000][unit, default: 0]
        else { throw DomainError.invalidSpan(text) }
        self.count = count
        self.unit = unit
    }

    /// The last day inside the span that starts on `day`.
    public func end(after day: Day) -> Day {
        switch unit {
        case .days: return day.adding(days: count)
        case .weeks: return day.adding(days: 7 * count)
        case .months: return day.adding(months: count)
        case .years: return day.adding(months: 12 * count)
        }
    }

    public var description: String { "\(count)\(unit.rawValue)" }
}
