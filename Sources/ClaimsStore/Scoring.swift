import ClaimsCore
import Foundation
import GRDB

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
    /// The last made on or before the day the window opened (shared/spec/scoring.md).
    case windowOpen = "window-open"
    /// The last made before the outcome was settled.
    case latest
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
}

extension ClaimsDatabase {
    /// Streams the units a scorecard scores, one per claim (or per claim and forecaster), as held
    /// at `point`. Nothing is gathered in memory.
    public func scoringRows(_ filter: ClaimFilter, at point: ReadPoint, use: ScoreUse, pick: ForecastPick = .windowOpen,
                            withTags: Bool, _ body: (ScoreRow) throws -> Void) throws {
        try read { db in
            let tagColumn = withTags ? """
                , (SELECT json_group_array(tag) FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version) AS tags
                """ : ""
            let columns = """
                v.claim_id, v.claimant, v.said_on, v.window_start, v.window_end, v.stated_probability, v.confidence_words,
                s.key AS source_key, r.outcome, r.settled_on\(tagColumn)
                """
            var inferredCache: [String: Double?] = [:]
            // Columns by position (0 claim_id, 1 claimant, 2 said_on, 3 window_start, 4 window_end,
            // 5 stated_probability, 6 confidence_words, 7 source_key, 8 outcome, 9 settled_on, 10 tags):
            // a million rows are decoded here.
            func claimParts(_ row: Row) throws -> (saidOn: Day, start: Day?, end: Day?, outcome: Outcome?, settled: Day?, status: ClaimStatus, tags: [String]) {
                let outcome = try (row[8] as String?).map { try Outcome(rawValue: $0) ?? Outcome(parsing: $0) }
                let end = try Rows.day(row, at: 4)
                let status: ClaimStatus = outcome != nil ? .resolved : (end.map { $0 < point.today } == true ? .due : .open)
                return (try Rows.day(row, at: 2)!, try Rows.day(row, at: 3), end, outcome,
                        try Rows.day(row, at: 9), status, withTags ? try Rows.stringArray(row[10]) : [])
            }
            if use != .forecasters {
                let sql = Self.summarySQL(filter, columns: columns, order: nil, current: point.asOf == nil)
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: Self.summaryArguments(filter, at: point, for: sql))
                while let row = try cursor.next() {
                    let c = try claimParts(row)
                    let stated: Double? = row[5]
                    let words: String? = row[6]
                    var inferred: Double?
                    if let words, use != .stated {
                        if let cached = inferredCache[words] { inferred = cached } else {
                            inferred = Confidence(words: words).inferred?.midpoint
                            if inferredCache.count < 100_000 { inferredCache[words] = inferred }
                        }
                    }
                    var unit = ScoringUnit(status: c.status, outcome: c.outcome)
                    switch use {
                    case .claimant:
                        if let stated { unit.probability = stated; unit.kind = .stated }
                        else if let inferred { unit.probability = inferred; unit.kind = .inferred }
                    case .stated:
                        if let stated { unit.probability = stated; unit.kind = .stated } else if inferred != nil || words != nil { unit.isFlat = false }
                    case .inferred:
                        if let inferred { unit.probability = inferred; unit.kind = .inferred } else if stated != nil { unit.isFlat = false }
                    case .forecasters: break
                    }
                    let claimant: String = row[1]
                    try body(ScoreRow(claimID: row[0], claimant: claimant, forecaster: claimant,
                                      saidOn: c.saidOn, windowEnd: c.end, sourceKey: row[7], tags: c.tags, unit: unit))
                }
                return
            }
            // Each forecaster's forecasts on each claim, in order: keep the last eligible one.
            let sql = """
                WITH cur AS (\(Self.summarySQL(filter, columns: columns, order: nil, current: point.asOf == nil)))
                SELECT cur.*, f.forecaster, f.probability, f.made_on
                FROM cur JOIN forecasts f ON f.claim_id = cur.claim_id AND f.recorded_at <= :asOf
                ORDER BY cur.claim_id, f.forecaster, f.made_on, f.id
                """
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: Self.summaryArguments(filter, at: point, for: sql))
            var pending: (row: Row, key: String, best: (p: Double, made: Day)?, anyAfter: Bool)?
            func flush() throws {
                guard let p = pending else { return }
                let c = try claimParts(p.row)
                var unit = ScoringUnit(status: c.status, outcome: c.outcome)
                if let best = p.best { unit.probability = best.p; unit.kind = .forecast }
                else { unit.isFlat = false; unit.madeAfterOutcome = p.anyAfter }
                try body(ScoreRow(claimID: p.row["claim_id"], claimant: p.row["claimant"], forecaster: p.row["forecaster"],
                                  saidOn: c.saidOn, windowEnd: c.end, sourceKey: p.row["source_key"], tags: c.tags, unit: unit))
            }
            while let row = try cursor.next() {
                let key = (row["claim_id"] as String) + "\u{0}" + (row["forecaster"] as String)
                if pending?.key != key { try flush(); pending = (row.copy(), key, nil, false) }
                let made = try Rows.day(row, "made_on")!
                let settled = try Rows.day(row, "settled_on"), start = try Rows.day(row, "window_start")
                if let settled, made >= settled { pending!.anyAfter = true; continue }
                if pick == .windowOpen, let start, made > start { continue }
                pending!.best = (row["probability"], made)
            }
            try flush()
        }
    }
}

/// What a scorecard groups by.
public enum ScoreGrouping: String, CaseIterable, Sendable {
    case claimant, forecaster, tag, source, horizon, year
    /// One group: everything.
    case none
}

/// A scorecard: the figures per group, and over everything.
public struct Scorecard: Sendable {
    public let groups: [(key: String, summary: ScoreSummary)]
    public let overall: ScoreSummary
}

extension ClaimsDatabase {
    public func scorecard(_ filter: ClaimFilter, at point: ReadPoint, use: ScoreUse, pick: ForecastPick = .windowOpen,
                          by grouping: ScoreGrouping, options: ScoringOptions) throws -> Scorecard {
        var groups: [String: ScoreAccumulator] = [:]
        var overall = ScoreAccumulator(options: options)
        try scoringRows(filter, at: point, use: use, pick: pick, withTags: grouping == .tag) { row in
            overall.add(row.unit)
            let keys: [String]
            switch grouping {
            case .claimant: keys = [row.claimant]
            case .forecaster: keys = [row.forecaster]
            case .tag: keys = row.tags.isEmpty ? ["(no tag)"] : row.tags
            case .source: keys = [row.sourceKey ?? "(no source)"]
            case .horizon: keys = [Horizon(from: row.saidOn, to: row.windowEnd).rawValue]
            case .year: keys = [row.windowEnd.map { String($0.year) } ?? "(no window)"]
            case .none: keys = []
            }
            for key in keys { groups[key, default: ScoreAccumulator(options: options)].add(row.unit) }
        }
        let order: (String, String) -> Bool = grouping == .horizon
            ? { a, b in (Horizon.allCases.firstIndex { $0.rawValue == a } ?? 9) < (Horizon.allCases.firstIndex { $0.rawValue == b } ?? 9) }
            : { $0 < $1 }
        return Scorecard(groups: groups.keys.sorted(by: order).map { ($0, groups[$0]!.summary) }, overall: overall.summary)
    }
}
