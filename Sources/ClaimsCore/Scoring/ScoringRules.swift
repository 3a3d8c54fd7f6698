import Foundation

/// Whose probabilities a scorecard scores.
public enum ScoreUse: String, CaseIterable, Sendable {
    /// The claimant's: the probability they stated, else the midpoint of the band their words stand for.
    case claimant
    /// Only probabilities claimants stated in numbers.
    case stated
    /// Only probabilities inferred from claimants' words.
    case inferred
    /// The forecasts logged on claims, each forecaster's last eligible one.
    case forecasters
}

/// Which of a forecaster's forecasts counts.
public enum ForecastPick: String, CaseIterable, Sendable {
    /// The last made on or before the day the window opened (the scoring conventions).
    case windowOpen = "window-open"
    /// The last made before the outcome was settled.
    case latest
}

/// What a scorecard groups by.
public enum ScoreGrouping: String, CaseIterable, Sendable {
    case claimant, forecaster, tag, source, horizon, year
    /// One group: everything.
    case none
}

/// What a store reads of one claim to score it, as held at a moment.
public struct ScoringFacts: Sendable, Equatable {
    public var claimID: String
    public var claimant: String
    public var saidOn: Day
    public var windowStart: Day?
    public var windowEnd: Day?
    /// The probability the claimant stated.
    public var stated: Double?
    /// The claimant's confidence words.
    public var confidenceWords: String?
    public var sourceKey: String?
    public var outcome: Outcome?
    public var settledOn: Day?
    public var tags: [String]
    /// When the claim was first logged, and when its outcome was first recorded.
    public var loggedAt: Timestamp?
    public var outcomeRecordedAt: Timestamp?

    public init(claimID: String, claimant: String, saidOn: Day, windowStart: Day?, windowEnd: Day?, stated: Double?,
                confidenceWords: String?, sourceKey: String?, outcome: Outcome?, settledOn: Day?, tags: [String],
                loggedAt: Timestamp? = nil, outcomeRecordedAt: Timestamp? = nil) {
        self.loggedAt = loggedAt
        self.outcomeRecordedAt = outcomeRecordedAt
        self.claimID = claimID
        self.claimant = claimant
        self.saidOn = saidOn
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.stated = stated
        self.confidenceWords = confidenceWords
        self.sourceKey = sourceKey
        self.outcome = outcome
        self.settledOn = settledOn
        self.tags = tags
    }

    public func status(on today: Day) -> ClaimStatus {
        ClaimStatus(windowEnd: windowEnd, resolved: outcome != nil, on: today)
    }

    /// Whether something recorded at `recordedAt` was recorded before the outcome was: the
    /// witnessed rule. Recorded in the same moment (one import) or later, it is reported.
    public func witnessed(recordedAt: Timestamp?) -> Bool {
        guard let outcome = outcomeRecordedAt else { return true }
        guard let recordedAt else { return false }
        return recordedAt < outcome
    }
}

/// One unit to score, with what it can be grouped by.
public struct ScoreRow: Sendable {
    public let claimID: String
    public let claimant: String
    public let forecaster: String
    public let saidOn: Day
    public let windowEnd: Day?
    public let sourceKey: String?
    public let tags: [String]
    public let unit: ScoringUnit

    public init(_ facts: ScoringFacts, forecaster: String? = nil, unit: ScoringUnit) {
        claimID = facts.claimID
        claimant = facts.claimant
        self.forecaster = forecaster ?? facts.claimant
        saidOn = facts.saidOn
        windowEnd = facts.windowEnd
        sourceKey = facts.sourceKey
        tags = facts.tags
        self.unit = unit
    }

    /// The groups this row counts in.
    public func keys(_ grouping: ScoreGrouping) -> [String] {
        switch grouping {
        case .claimant: return [claimant]
        case .forecaster: return [forecaster]
        case .tag: return tags.isEmpty ? ["(no tag)"] : tags
        case .source: return [sourceKey ?? "(no source)"]
        case .horizon: return [Horizon(from: saidOn, to: windowEnd).rawValue]
        case .year: return [windowEnd.map { String($0.year) } ?? "(no window)"]
        case .none: return []
        }
    }
}

/// The claimant's probability for a claim, by `use`: stated, inferred from words (the band's
/// midpoint), or either (stated first). Remembers the words it has read: a scorecard meets the
/// same few phrases a million times.
public struct ClaimantProbabilities: Sendable {
    public let use: ScoreUse
    private var inferred: [String: Double?] = [:]

    public init(use: ScoreUse) { self.use = use }

    public mutating func unit(_ facts: ScoringFacts, today: Day) -> ScoringUnit {
        var unit = ScoringUnit(status: facts.status(on: today), outcome: facts.outcome)
        // The claimant's probability is dated by the source; it is witnessed when the claim was
        // logged before its outcome was recorded.
        unit.witnessed = facts.witnessed(recordedAt: facts.loggedAt)
        var fromWords: Double?
        if let words = facts.confidenceWords, use != .stated {
            if let known = inferred[words] { fromWords = known } else {
                fromWords = Confidence(words: words).inferred?.midpoint
                if inferred.count < 100_000 { inferred[words] = fromWords }
            }
        }
        switch use {
        case .claimant:
            if let p = facts.stated { unit.probability = p; unit.kind = .stated }
            else if let p = fromWords { unit.probability = p; unit.kind = .inferred }
        case .stated:
            if let p = facts.stated { unit.probability = p; unit.kind = .stated }
            else if facts.confidenceWords != nil { unit.isFlat = false }
        case .inferred:
            if let p = fromWords { unit.probability = p; unit.kind = .inferred }
            else if facts.stated != nil { unit.isFlat = false }
        case .forecasters: break
        }
        return unit
    }
}

/// Which of one forecaster's forecasts on one claim is scored: fed in the order they were made,
/// it keeps the last eligible one. A forecast made on or after the day the outcome was settled
/// is never eligible, and is counted when nothing else is; with `.windowOpen`, neither is one
/// made after the day the window opened.
public struct ForecastChoice: Sendable {
    public let pick: ForecastPick
    public let facts: ScoringFacts
    public let forecaster: String
    public private(set) var chosen: (probability: Double, madeOn: Day, recordedAt: Timestamp?)?
    public private(set) var anyAfterOutcome = false

    public init(pick: ForecastPick, facts: ScoringFacts, forecaster: String) {
        self.pick = pick
        self.facts = facts
        self.forecaster = forecaster
    }

    public mutating func consider(probability: Double, madeOn: Day, recordedAt: Timestamp? = nil) {
        if let settled = facts.settledOn, madeOn >= settled { anyAfterOutcome = true; return }
        if pick == .windowOpen, let start = facts.windowStart, madeOn > start { return }
        chosen = (probability, madeOn, recordedAt)
    }

    public func row(today: Day) -> ScoreRow {
        var unit = ScoringUnit(status: facts.status(on: today), outcome: facts.outcome)
        if let chosen {
            unit.probability = chosen.probability
            unit.kind = .forecast
            // A self-reported date (made on) never makes a forecast witnessed: only when it was recorded.
            unit.witnessed = facts.witnessed(recordedAt: chosen.recordedAt)
        }
        else { unit.isFlat = false; unit.madeAfterOutcome = anyAfterOutcome }
        return ScoreRow(facts, forecaster: forecaster, unit: unit)
    }
}

/// A scorecard: the figures per group, and over everything.
public struct Scorecard: Sendable {
    public let groups: [(key: String, summary: ScoreSummary)]
    public let overall: ScoreSummary
}

/// Builds a scorecard from rows, one at a time: memory grows with the number of groups.
public struct ScorecardBuilder: Sendable {
    public let grouping: ScoreGrouping
    public let options: ScoringOptions
    private var groups: [String: ScoreAccumulator] = [:]
    private var overall: ScoreAccumulator

    public init(grouping: ScoreGrouping, options: ScoringOptions) {
        self.grouping = grouping
        self.options = options
        overall = ScoreAccumulator(options: options)
    }

    public mutating func add(_ row: ScoreRow) {
        overall.add(row.unit)
        for key in row.keys(grouping) { groups[key, default: ScoreAccumulator(options: options)].add(row.unit) }
    }

    /// Groups in order: horizons shortest first, anything else alphabetically.
    public var scorecard: Scorecard {
        let rank = { (key: String) in Horizon.allCases.firstIndex { $0.rawValue == key } ?? Horizon.allCases.count }
        let sorted = grouping == .horizon
            ? groups.sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }
            : groups.sorted { $0.key < $1.key }
        return Scorecard(groups: sorted.map { ($0.key, $0.value.summary) }, overall: overall.summary)
    }
}

/// Who is ranked, and how: people (claimants or forecasters) with at least `minimumScored`
/// scored forecasts, by Brier score (lower first; ties by more scored, then by name). The rest
/// are folded into a count. Why ten: a Brier score is a mean of squared errors whose spread is
/// about 0.25 for everyday forecasts, so over n forecasts its standard error is about 0.25/√n:
/// 0.08 at ten, more than the gap between a good forecaster and a poor one below that. Ten is
/// also where a scorecard marks a group "small".
public enum Ranking {
    public static let minimumScored = 10

    public struct Folded: Sendable, Equatable {
        /// People left unranked, the claims they count and the forecasts scored among them.
        public var people = 0, units = 0, scored = 0
    }

    public static func rank(_ groups: [(key: String, summary: ScoreSummary)]) -> (ranked: [(key: String, summary: ScoreSummary)], folded: Folded) {
        var folded = Folded()
        var ranked: [(key: String, summary: ScoreSummary)] = []
        for g in groups {
            if g.summary.scored >= minimumScored, g.summary.brier != nil { ranked.append(g) } else {
                folded.people += 1
                folded.units += g.summary.units
                folded.scored += g.summary.scored
            }
        }
        ranked.sort { a, b in
            let (x, y) = (a.summary.brier ?? 1, b.summary.brier ?? 1)
            return x != y ? x < y : (a.summary.scored != b.summary.scored ? a.summary.scored > b.summary.scored : a.key < b.key)
        }
        return (ranked, folded)
    }
}
