import ClaimsCore
import Foundation
import GRDB

/// The columns scoring reads, in the order selected: a million rows are decoded by position,
/// and each position is named here, once.
enum ScoringColumn: Int, CaseIterable {
    case claimID, claimant, saidOn, windowStart, windowEnd, stated, confidenceWords, sourceKey, outcome, settledOn
    case loggedAt, outcomeRecordedAt, tags

    /// The expression selected for the column (of `v` the version, `s` its source, `r` its resolution).
    var expression: String {
        switch self {
        case .claimID: return "v.claim_id"
        case .claimant: return "v.claimant"
        case .saidOn: return "v.said_on"
        case .windowStart: return "v.window_start"
        case .windowEnd: return "v.window_end"
        case .stated: return "v.stated_probability"
        case .confidenceWords: return "v.confidence_words"
        case .sourceKey: return "s.key"
        case .outcome: return "r.outcome"
        case .settledOn: return "r.settled_on"
        // Only a claim with an outcome needs these (the witnessed rule): no lookup, and no
        // time to read, for the others.
        case .loggedAt: return "CASE WHEN r.revision IS NULL THEN NULL ELSE (SELECT created_at FROM claims WHERE id = v.claim_id) END"
        case .outcomeRecordedAt:
            return """
                CASE WHEN r.revision IS NULL THEN NULL WHEN r.revision = 1 THEN r.recorded_at
                ELSE (SELECT recorded_at FROM resolutions WHERE claim_id = v.claim_id AND revision = 1) END
                """
        case .tags:
            return "(SELECT json_group_array(tag) FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version)"
        }
    }

    static func selection(withTags: Bool) -> SQL {
        SQL(sql: allCases.filter { withTags || $0 != .tags }.map(\.expression).joined(separator: ", "))
    }

    static func facts(_ row: Row, withTags: Bool) throws -> ScoringFacts {
        func text(_ c: ScoringColumn) throws -> String? { try row.decode(String?.self, atIndex: c.rawValue) }
        func day(_ c: ScoringColumn) throws -> Day? { try Rows.day(row, at: c.rawValue) }
        guard let claimID = try text(.claimID), let claimant = try text(.claimant), let saidOn = try day(.saidOn) else {
            throw StoreError.sqlite("a claim version lacks its id, claimant or date")
        }
        return ScoringFacts(
            claimID: claimID, claimant: claimant, saidOn: saidOn, windowStart: try day(.windowStart), windowEnd: try day(.windowEnd),
            stated: try row.decode(Double?.self, atIndex: ScoringColumn.stated.rawValue), confidenceWords: try text(.confidenceWords),
            sourceKey: try text(.sourceKey), outcome: try text(.outcome).map { try Outcome(rawValue: $0) ?? Outcome(parsing: $0) },
            settledOn: try day(.settledOn), tags: withTags ? try Rows.stringArray(text(.tags)) : [],
            loggedAt: try text(.loggedAt).map(Timestamp.parse(stored:)),
            outcomeRecordedAt: try text(.outcomeRecordedAt).map(Timestamp.parse(stored:)))
    }
}

extension ClaimsDatabase {
    public func scoringFacts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool,
                             _ body: (ScoringFacts) throws -> Void) throws {
        try read { db in
            let listing = Listing(filter, plan: ListingPlan(), order: nil, at: point)
            let sql = listing.sql(columns: ScoringColumn.selection(withTags: withTags), withClaimRow: false)
            let cursor = try Row.fetchCursor(db, SQLRequest<Row>(literal: sql))
            while let row = try cursor.next() { try body(try ScoringColumn.facts(row, withTags: withTags)) }
        }
    }

    public func scoringForecasts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool,
                                 _ body: (ScoringFacts, String, Double, Day, Timestamp) throws -> Void) throws {
        try read { db in
            let listing = Listing(filter, plan: ListingPlan(), order: nil, at: point)
            let claims = listing.sql(columns: ScoringColumn.selection(withTags: withTags), withClaimRow: false)
            let forecaster = ScoringColumn.allCases.count - (withTags ? 0 : 1)
            let sql: SQL = """
                WITH cur AS (\(claims))
                SELECT cur.*, f.forecaster, f.probability, f.made_on, f.recorded_at AS forecast_recorded_at
                FROM cur JOIN forecasts f ON f.claim_id = cur.claim_id AND f.recorded_at <= \(point.asOfOrEnd.description)
                ORDER BY cur.claim_id, f.forecaster, f.made_on, f.id
                """
            let cursor = try Row.fetchCursor(db, SQLRequest<Row>(literal: sql))
            // Consecutive rows of one claim share its facts: read them once.
            var facts: ScoringFacts?
            while let row = try cursor.next() {
                let id = try row.decode(String.self, atIndex: ScoringColumn.claimID.rawValue)
                if facts?.claimID != id { facts = try ScoringColumn.facts(row, withTags: withTags) }
                guard let facts, let madeOn = try Rows.day(row, at: forecaster + 2) else {
                    throw StoreError.sqlite("a forecast lacks the day it was made")
                }
                let recorded = try Timestamp.parse(stored: row.decode(String.self, atIndex: forecaster + 3))
                try body(facts, try row.decode(String.self, atIndex: forecaster), try row.decode(Double.self, atIndex: forecaster + 1), madeOn, recorded)
            }
        }
    }
}
