import Foundation

/// Everything the domain refuses, with what was wrong and how to put it right.
public enum DomainError: Error, Equatable, LocalizedError, Sendable {
    case emptyText(field: String)
    case invalidDate(String)
    case invalidTimestamp(String)
    case probabilityOutOfRange(String)
    case windowEndsBeforeStart(start: Day, end: Day)
    case invalidClaimID(String)
    case invalidSourceKey(String)
    case invalidSpan(String)
    case unknownValue(field: String, value: String, allowed: [String])
    case invalidLanguage(String)
    case textTooLong(field: String, length: Int, limit: Int)
    case vagueTime(String)
    case unreadableTime(String)
    case pastTime(phrase: String, end: Day, anchor: Day)
    case ambiguousTime(phrase: String, parts: [String])
    case refusedTime(phrase: String, reason: String)
    case unknownSourceKey(String)
    case windowWithoutEnd
    case anchorOutOfRange(Day)
    case notClearable(allowed: [String])
    case forecastInFuture(madeOn: Day, today: Day)
    case forecastBeforeClaim(madeOn: Day, saidOn: Day)
    case forecastAfterOutcome
    case settledBeforeClaim(settledOn: Day, saidOn: Day)
    case nulInText(field: String)
    case alreadyWithdrawn(String)
    case notWithdrawn
    case successorIsItself
    case invalidSearch(String, String)
    /// A field of a claim change was refused: which field, and why.
    indirect case invalidField(ClaimField, DomainError)

    public var errorDescription: String? {
        switch self {
        case .emptyText(let field):
            return "\(field) is empty: give it some text."
        case .invalidDate(let text):
            return "'\(text)' is not a valid date: write a calendar date as YYYY-MM-DD, for example 2026-02-28."
        case .invalidTimestamp(let text):
            return "'\(text)' is not a valid moment: write YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 time such as 2026-01-31T18:00:00Z."
        case .probabilityOutOfRange(let text):
            return "'\(text)' is not a probability: write a number from 0 to 1 (0.7) or a percentage from 0% to 100% (70%)."
        case .windowEndsBeforeStart(let start, let end):
            return "the window ends (\(end)) before it starts (\(start)): the start must not be after the end."
        case .invalidClaimID(let text):
            return "'\(text)' is not a valid claim id: use 1 to 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit."
        case .invalidSourceKey(let text):
            return "'\(text)' is not a valid source key: use 1 to 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit."
        case .invalidSpan(let text):
            return "'\(text)' is not a span of time: write a whole number and a unit, d (days), w (weeks), m (months) or y (years), for example 30d, of at most 1000 years."
        case .vagueTime(let phrase):
            return "'\(phrase)' is too vague to give a window: say a year (\"2027\"), a part of one (\"late 2026\"), a deadline (\"by 2027\") or give the dates with --window-start and --window-end."
        case .unreadableTime(let phrase):
            return "cannot read '\(phrase)' as a time: write a phrase such as \"next year\", \"late 2026\", \"by 2027\", \"within 18 months\", \"到2027年\", or give the dates with --window-start and --window-end."
        case .pastTime(let phrase, let end, let anchor):
            return "'\(phrase)' ends on \(end), before the claim was made (\(anchor)): a forecast's window cannot be in its past."
        case .refusedTime(let phrase, let reason):
            return "cannot read '\(phrase)' as a window: \(reason). Reword it, or give the window's dates (--window-start and --window-end, or start and end in a claim file)."
        case .ambiguousTime(let phrase, let parts):
            return "'\(phrase)' holds more than one time (\(parts.joined(separator: "; "))): give one window per claim."
        case .textTooLong(let field, let length, let limit):
            return "\(field) is too long (\(length) characters; at most \(limit)): shorten it, and put long text in the quote or notes."
        case .invalidLanguage(let text):
            return "'\(text)' is not a language tag: write a tag such as en, zh or zh-Hans."
        case .unknownSourceKey(let key):
            return "no source has the key '\(key)': describe the source (its kind, title, URL, publisher or publication date) to add it."
        case .anchorOutOfRange(let day):
            return "time phrases are read from a said-on date in the years 1900 to 2999, and \(day) is not: give the window's dates (YYYY-MM-DD) instead."
        case .forecastInFuture(let madeOn, let today):
            return "a forecast cannot be made on \(madeOn), after today (\(today)): give the day it was made."
        case .forecastBeforeClaim(let madeOn, let saidOn):
            return "a forecast on this claim cannot be made on \(madeOn), before the claim was made (\(saidOn))."
        case .forecastAfterOutcome:
            return "the claim's outcome is recorded already: a forecast added now can only be a reported one. Say where it was made, with --reported SOURCE (it is then scored as reported, never as witnessed)."
        case .nulInText(let field):
            return "the \(field) holds a NUL character (U+0000), which cannot be stored: remove it."
        case .settledBeforeClaim(let settledOn, let saidOn):
            return "an outcome cannot be settled on \(settledOn), before the claim was made (\(saidOn))."
        case .notClearable(let allowed):
            return "this field cannot be cleared: a claim always has it. Fields that can be cleared: \(allowed.joined(separator: ", "))."
        case .alreadyWithdrawn(let why):
            return "the claim is withdrawn already (\(why)): restore it first to withdraw it for another reason."
        case .notWithdrawn:
            return "the claim is not withdrawn: there is nothing to restore."
        case .invalidSearch(let text, let why):
            return "'\(text)' is not a search: \(why). Search for words (all of them must be there), \"a phrase\" in quotes, or a prefix* of a word."
        case .successorIsItself:
            return "a claim cannot succeed itself: name the claim that replaces it."
        case .windowWithoutEnd:
            return "a window needs its last day: give the window's end as YYYY-MM-DD."
        case .invalidField(let field, let error):
            return "\(field.rawValue): \(error.errorDescription ?? "\(error)")"
        case .unknownValue(let field, let value, let allowed):
            return "'\(value)' is not a valid \(field): use one of \(allowed.joined(separator: ", "))."
        }
    }
}
