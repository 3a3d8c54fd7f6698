import Foundation

/// Which claims a listing holds: what each filter means. Every filter is optional; all given
/// filters must match. (How a store finds the rows is its own business.)
public struct ClaimFilter: Sendable, Equatable {
    public var claimant: String?
    public var tag: String?
    /// A source key, or text found in the source's title (case-insensitive for ASCII).
    public var source: String?
    public var status: ClaimStatus?
    /// The window ends on or before this day.
    public var dueOnOrBefore: Day?
    /// The window ends on or after this day.
    public var dueOnOrAfter: Day?
    /// A search (`TextQuery`: words, "phrases", prefix*) in the statement, quote, criteria or notes.
    public var text: String?
    /// Only claims without an outcome.
    public var unresolved = false
    /// Only claims with a window (true) or without one (false).
    public var hasWindow: Bool?
    /// With no status asked for, withdrawn claims too (an export holds every claim).
    public var includesWithdrawn = false
    public var limit: Int?

    public init(claimant: String? = nil, tag: String? = nil, source: String? = nil, status: ClaimStatus? = nil,
                dueOnOrBefore: Day? = nil, dueOnOrAfter: Day? = nil, text: String? = nil, limit: Int? = nil) {
        self.claimant = claimant
        self.tag = tag
        self.source = source
        self.status = status
        self.dueOnOrBefore = dueOnOrBefore
        self.dueOnOrAfter = dueOnOrAfter
        self.text = text
        self.limit = limit
    }

    /// The due rule as a filter: not resolved, and the window ended before `today` (or ends by
    /// `horizon`, when that is later), combined with this filter's own bound on the window end.
    public func due(today: Day, horizon: Day?) -> ClaimFilter {
        var f = self
        f.status = nil
        f.unresolved = true
        let last = max(horizon ?? today.adding(days: -1), today.adding(days: -1))
        f.dueOnOrBefore = f.dueOnOrBefore.map { min($0, last) } ?? last
        return f
    }

    /// Whether `summary` passes every filter but the limit, read at `today`. The store's queries
    /// must select exactly these claims (a test holds them to it).
    public func matches(_ summary: ClaimSummary, today: Day) -> Bool {
        let c = summary.content
        if let tag, !c.tags.contains(tag) { return false }
        if !matchesSource(key: c.source?.key, title: c.source?.title) { return false }
        if let text {
            // Words, "phrases" and prefix* in the statement, quote, criteria or notes (`TextQuery`).
            guard let query = try? TextQuery(parsing: text), query.matches(c.searchedFields) else { return false }
        }
        return matchesLine(summary.line, today: today)
    }

    /// Whether a claim whose source has `key` and `title` (nil for a claim without a source)
    /// passes the source filter: the key itself, or text in the title, in any case.
    public func matchesSource(key: String?, title: String?) -> Bool {
        guard let source else { return true }
        guard let key else { return false }
        return key == source || (title?.lowercased().contains(source.lowercased()) ?? false)
    }

    /// Whether `line` passes the filters a line can answer, read at `today`: every filter but the
    /// tag, the source and the search, which need the whole claim (`matches` applies them too).
    public func matchesLine(_ line: ClaimLine, today: Day) -> Bool {
        if let claimant, line.claimant.lowercased() != claimant.lowercased() { return false }
        if unresolved && line.outcome != nil { return false }
        if let d = dueOnOrBefore, !(line.windowEnd.map { $0 <= d } ?? false) { return false }
        if let d = dueOnOrAfter, !(line.windowEnd.map { $0 >= d } ?? false) { return false }
        if let hasWindow, (line.windowEnd != nil) != hasWindow { return false }
        if let status, line.status(on: today) != status { return false }
        // A withdrawn claim is listed only when asked for by its status.
        if status == nil, !includesWithdrawn, line.withdrawn { return false }
        return true
    }
}

/// The order of a listing.
public enum ListOrder: Sendable, Equatable {
    /// By window end (claims without a window last), then id.
    case windowEnd
    /// By id.
    case id
    /// Latest window end first (claims without a window left out).
    case windowEndDescending
    /// The most recently settled first (resolved claims only).
    case recentlySettled
    /// By the key of the claim's source (claims without a source first), then id: each
    /// source's claims together, as claim files hold them.
    case sourceKey
}

/// The moment a read answers for: everything recorded up to and including `asOf`, with due
/// dates judged from `today`.
public struct ReadPoint: Sendable, Equatable {
    public let asOf: Timestamp?
    public let today: Day

    public init(asOf: Timestamp? = nil, today: Day) {
        self.asOf = asOf
        self.today = today
    }

    /// `asOf`, or the last moment a timestamp can name when reading the present.
    public var asOfOrEnd: Timestamp { asOf ?? Timestamp(millisecondsSinceEpoch: 253_402_300_799_999) }
}
