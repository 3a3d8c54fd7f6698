import ClaimsCore
import Foundation
import GRDB

/// A claim as listed: its current version, when it was first recorded, and its resolution.
public struct ClaimSummary: Hashable, Sendable {
    public let current: ClaimVersion
    public let firstRecordedAt: Timestamp
    public let resolution: ResolutionRevision?

    public init(current: ClaimVersion, firstRecordedAt: Timestamp, resolution: ResolutionRevision?) {
        self.current = current
        self.firstRecordedAt = firstRecordedAt
        self.resolution = resolution
    }

    public init(_ state: ClaimState) {
        self.init(current: state.current, firstRecordedAt: state.firstRecordedAt, resolution: state.resolution)
    }

    public var id: ClaimID { current.id }
    public var content: ClaimContent { current.content }
    public func status(on today: Day) -> ClaimStatus {
        ClaimState.status(window: content.window, resolved: resolution != nil, on: today)
    }
}

/// Every recorded change to a claim, oldest first.
public struct ClaimHistory: Sendable {
    public let versions: [ClaimVersion]
    public let forecasts: [RecordedForecast]
    public let resolutions: [ResolutionRevision]
}

/// Which claims a listing holds. Every filter is optional; all given filters must match.
public struct ClaimFilter: Sendable {
    public var claimant: String?
    public var tag: String?
    /// A source key, or text found in the source's title (case-insensitive for ASCII).
    public var source: String?
    public var status: ClaimStatus?
    /// The window ends on or before this day.
    public var dueOnOrBefore: Day?
    /// The window ends on or after this day.
    public var dueOnOrAfter: Day?
    /// Text found in the statement, quote or criteria (case-insensitive for ASCII).
    public var text: String?
    /// Only claims without an outcome.
    public var unresolved = false
    public var limit: Int?
    /// Only claims with a window (true) or without one (false).
    var hasWindow: Bool?
    /// With a tag and an order by window end: start from the tag's index (true) or walk the
    /// window-end index and check the tag (false). `list` chooses.
    var tagFirst = true

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
}

/// The moment a read answers for: everything recorded up to and including `asOf`.
public struct ReadPoint: Sendable {
    public let asOf: Timestamp?
    public let today: Day

    public init(asOf: Timestamp? = nil, today: Day) {
        self.asOf = asOf
        self.today = today
    }

    var asOfText: String { (asOf ?? Timestamp(millisecondsSinceEpoch: 253_402_300_799_999)).description }
}

extension ClaimsDatabase {
    /// The claim whose id is `text`, or the only claim whose id starts with it.
    public func matchID(_ text: String) throws -> ClaimID {
        let prefix = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty, prefix.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else { throw StoreError.unknownClaim(text) }
        return try read { db in
            if try Self.exists(try ClaimID(prefix), db) { return try ClaimID(prefix) }
            let matches = try String.fetchAll(db, sql: "SELECT id FROM claims WHERE id GLOB ? ORDER BY id LIMIT 6",
                                              arguments: [prefix + "*"])
            switch matches.count {
            case 0: throw StoreError.unknownClaim(text)
            case 1: return try ClaimID(matches[0])
            default: throw StoreError.ambiguousClaim(prefix: text, matches: Array(matches.prefix(5)) + (matches.count > 5 ? ["…"] : []))
            }
        }
    }

    static func currentVersion(_ id: ClaimID, asOf: String = "9999", _ db: Database) throws -> ClaimVersion? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Rows.versionColumns) FROM \(Rows.versionJoin)
            WHERE v.claim_id = ? AND v.recorded_at <= ? ORDER BY v.version DESC LIMIT 1
            """), arguments: [id.rawValue, asOf]).map(Rows.claimVersion)
    }

    /// The claim as the database held it at `point.asOf` (now when nil); nil if it did not exist then.
    public func state(_ id: ClaimID, at point: ReadPoint) throws -> ClaimState? {
        try read { db in
            let asOf = point.asOfText
            guard let current = try Self.currentVersion(id, asOf: asOf, db) else { return nil }
            let first = try String.fetchOne(db, sql: "SELECT created_at FROM claims WHERE id = ?", arguments: [id.rawValue])!
            let forecasts = try Row.fetchAll(db, sql: """
                SELECT * FROM forecasts WHERE claim_id = ? AND recorded_at <= ? ORDER BY recorded_at, id
                """, arguments: [id.rawValue, asOf]).map(Rows.forecast)
            let resolution = try Row.fetchOne(db, sql: """
                SELECT \(Rows.resolutionColumns) FROM resolutions r
                WHERE r.claim_id = ? AND r.recorded_at <= ? ORDER BY r.revision DESC LIMIT 1
                """, arguments: [id.rawValue, asOf]).flatMap(Rows.resolution)
            var state = ClaimState(current: current, firstRecordedAt: try Timestamp.parse(stored: first),
                                   forecasts: forecasts, resolution: resolution)
            // The digest of the last event recorded by the moment read.
            let digest = try Self.chainTail(id, asOf: asOf, db)
            state.digest = digest.isEmpty ? nil : digest
            return state
        }
    }

    public func history(_ id: ClaimID) throws -> ClaimHistory {
        try read { db in
            let versions = try Row.fetchAll(db, sql: """
                SELECT \(Rows.versionColumns) FROM \(Rows.versionJoin) WHERE v.claim_id = ? ORDER BY v.version
                """, arguments: [id.rawValue]).map(Rows.claimVersion)
            guard !versions.isEmpty else { throw StoreError.unknownClaim(id.rawValue) }
            let forecasts = try Row.fetchAll(db, sql: "SELECT * FROM forecasts WHERE claim_id = ? ORDER BY recorded_at, id",
                                             arguments: [id.rawValue]).map(Rows.forecast)
            let resolutions = try Row.fetchAll(db, sql: """
                SELECT \(Rows.resolutionColumns) FROM resolutions r WHERE r.claim_id = ? ORDER BY r.revision
                """, arguments: [id.rawValue]).compactMap(Rows.resolution)
            return ClaimHistory(versions: versions, forecasts: forecasts, resolutions: resolutions)
        }
    }

    public enum Order: Sendable {
        /// By window end (claims without a window last), then id.
        case windowEnd
        /// By id.
        case id
        /// Latest window end first (claims without a window left out).
        case windowEndDescending
        /// The most recently settled first (resolved claims only).
        case recentlySettled
    }

    /// The claims that match `filter`, as held at `point`.
    public func list(_ filter: ClaimFilter, at point: ReadPoint, order: Order = .windowEnd) throws -> [ClaimSummary] {
        try read { db in
            var filter = filter
            if filter.tag != nil, let limit = filter.limit, order == .windowEnd || order == .windowEndDescending {
                filter.tagFirst = try Self.isRare(tag: filter.tag!, comparedTo: limit, db)
            }
            // By window end with a limit: the claims with a window, walking the window-end index
            // up to the limit, then (if the limit is not reached) those without one. One ORDER BY
            // that put them last would sort every claim first.
            if order == .windowEnd, let limit = filter.limit, filter.hasWindow == nil,
               filter.dueOnOrBefore == nil, filter.dueOnOrAfter == nil, point.asOf == nil {
                var withWindow = filter, without = filter
                withWindow.hasWindow = true
                without.hasWindow = false
                var result = try Self.summaries(withWindow, at: point, order: order, db)
                if result.count < limit {
                    without.limit = limit - result.count
                    result += try Self.summaries(without, at: point, order: .id, db)
                }
                return result
            }
            return try Self.summaries(filter, at: point, order: order, db)
        }
    }

    /// Whether so few claims carry `tag` that reading them all and sorting beats walking the
    /// window-end index until `limit` of them turn up. Counts at most 50 × limit of its rows
    /// (at least 5,000): a tag that common turns up often enough in the walk.
    static func isRare(tag: String, comparedTo limit: Int, _ db: Database) throws -> Bool {
        let cap = max(5000, 50 * limit)
        let seen = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM claim_tags WHERE tag = ? LIMIT ?)"),
                                    arguments: [tag, cap]) ?? 0
        return seen < cap
    }

    static func summaries(_ filter: ClaimFilter, at point: ReadPoint, order: Order, _ db: Database) throws -> [ClaimSummary] {
        var result: [ClaimSummary] = []
        let cursor = try summaryCursor(filter, at: point, order: order, db)
        while let row = try cursor.next() {
            result.append(ClaimSummary(current: try Rows.claimVersion(row), firstRecordedAt: try Rows.timestamp(row, "created_at"),
                                       resolution: try Rows.resolution(row)))
        }
        return result
    }

    /// The `limit` claims whose windows end nearest `point.today`, by window end: two walks of the
    /// window-end index (from today onwards, and back from yesterday), not a sort of every claim.
    public func nearestWindows(_ filter: ClaimFilter, at point: ReadPoint, limit: Int) throws -> [ClaimSummary] {
        var after = filter, before = filter
        after.dueOnOrAfter = point.today
        after.limit = limit
        before.dueOnOrBefore = point.today.adding(days: -1)
        before.limit = limit
        let candidates = try list(after, at: point) + list(before, at: point, order: .windowEndDescending)
        func distance(_ c: ClaimSummary) -> Int { abs(c.content.window!.end.days(until: point.today)) }
        return Array(candidates.sorted { (distance($0), $0.id) < (distance($1), $1.id) }.prefix(limit))
            .sorted { ($0.content.window!.end, $0.id) < ($1.content.window!.end, $1.id) }
    }

    /// Claims not resolved whose window ended before `point.today`, or ends on or before
    /// `horizon` when given; earliest window end (most overdue) first.
    public func due(_ filter: ClaimFilter, at point: ReadPoint, horizon: Day? = nil) throws -> [ClaimSummary] {
        var filter = filter
        filter.status = nil
        filter.unresolved = true
        let last = max(horizon ?? point.today.adding(days: -1), point.today.adding(days: -1))
        filter.dueOnOrBefore = filter.dueOnOrBefore.map { min($0, last) } ?? last
        return try list(filter, at: point)
    }

    // MARK: - The listing query

    static func summaryCursor(_ filter: ClaimFilter, at point: ReadPoint, order: Order, _ db: Database) throws -> RowCursor {
        let columns = "\(Rows.versionColumns), c.created_at, \(Rows.resolutionColumns)"
        let sql = summarySQL(filter, columns: columns, order: order, current: point.asOf == nil)
        return try Row.fetchCursor(db, sql: sql, arguments: summaryArguments(filter, at: point, for: sql))
    }

    /// The query behind listings, due lists and scorecards. For the present (`current`) it starts
    /// from claim_heads, the index of each claim's current version and resolution; "as of" a past
    /// moment it finds them in the history.
    static func summarySQL(_ filter: ClaimFilter, columns: String, order: Order?, current: Bool = false) -> String {
        var conditions: [String] = current ? ["1"] : ["v.version = (SELECT max(version) FROM claim_versions WHERE claim_id = v.claim_id AND recorded_at <= :asOf)"]
        if filter.claimant != nil { conditions.append("v.claimant = :claimant COLLATE NOCASE") }
        if filter.tag != nil && (!current || !filter.tagFirst) {
            conditions.append("EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version AND t.tag = :tag)")
        }
        if filter.source != nil {
            conditions.append("(s.key = :source OR instr(lower(s.title), lower(:source)) > 0)")
        }
        if filter.text != nil {
            conditions.append("""
                (instr(lower(v.statement), lower(:text)) > 0 OR instr(lower(ifnull(v.quote, '')), lower(:text)) > 0
                 OR instr(lower(ifnull(v.criteria, '')), lower(:text)) > 0)
                """)
        }
        if filter.unresolved { conditions.append("r.revision IS NULL") }
        if filter.dueOnOrBefore != nil { conditions.append("v.window_end <= :dueOnOrBefore") }
        if filter.dueOnOrAfter != nil { conditions.append("v.window_end >= :dueOnOrAfter") }
        if let hasWindow = filter.hasWindow { conditions.append(hasWindow ? "v.window_end IS NOT NULL" : "v.window_end IS NULL") }
        switch filter.status {
        case .open?: conditions.append("r.revision IS NULL AND (v.window_end IS NULL OR v.window_end >= :today)")
        case .due?: conditions.append("r.revision IS NULL AND v.window_end < :today")
        case .resolved?: conditions.append("r.revision IS NOT NULL")
        case nil: break
        }
        if let condition = orderCondition(order) { conditions.append(condition) }
        let claimsJoin = mentions(columns, "c.") ? "JOIN claims c ON c.id = v.claim_id" : ""
        var sql: String
        if current {
            // A tag filter joins the tags first, so that SQLite can start from the tag's index.
            let tagJoin = filter.tag != nil && filter.tagFirst
                ? "JOIN claim_tags t ON t.tag = :tag AND t.claim_id = v.claim_id AND t.version = v.version" : ""
            // SQLite starts from an index where that reads few rows: a claimant or a tag, or the
            // window-end index walked in order up to a limit. Anything else reads every claim, and
            // goes through claim_heads in key order (CROSS JOIN fixes the order): measured 4× faster
            // than the random lookups the planner otherwise picks.
            let indexWalk = filter.claimant != nil || (filter.tag != nil && filter.tagFirst)
                || ((order == .windowEnd || order == .windowEndDescending) && filter.limit != nil)
            let fullScan = !indexWalk
            // Ordered with a limit, the matching claims are picked by their keys first and only
            // those few get their columns (tags, translations, source): a sort then carries keys,
            // not whole rows whose subqueries ran for every candidate.
            let pickFirst = order != nil && filter.limit != nil
            sql = """
                SELECT \(pickFirst ? "h.claim_id, h.version, h.revision" : columns)
                FROM claim_heads h
                \(fullScan ? "CROSS JOIN" : "JOIN") claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                \(tagJoin)
                LEFT JOIN sources s ON s.id = v.source_id
                \(pickFirst ? "" : claimsJoin)
                LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
                WHERE \(conditions.joined(separator: "\n  AND "))
                """
            if pickFirst {
                sql += orderBy(filter, order) + "\nLIMIT \(max(0, filter.limit ?? 0))"
                return """
                    SELECT \(columns)
                    FROM (\(sql)) h
                    JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                    LEFT JOIN sources s ON s.id = v.source_id
                    \(claimsJoin)
                    LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
                    \(orderBy(filter, order))
                    """
            }
        } else {
            sql = """
                SELECT \(columns)
                FROM \(Rows.versionJoin)
                \(claimsJoin)
                LEFT JOIN resolutions r ON r.claim_id = v.claim_id AND r.revision =
                    (SELECT max(revision) FROM resolutions WHERE claim_id = v.claim_id AND recorded_at <= :asOf)
                WHERE \(conditions.joined(separator: "\n  AND "))
                """
        }
        sql += orderBy(filter, order)
        if let limit = filter.limit { sql += "\nLIMIT \(max(0, limit))" }
        return sql
    }

    /// What an order needs of a row: a window end to sort by, or an outcome.
    static func orderCondition(_ order: Order?) -> String? {
        switch order {
        case .windowEndDescending?: return "v.window_end IS NOT NULL"
        case .recentlySettled?: return "r.revision IS NOT NULL"
        case .windowEnd?, .id?, nil: return nil
        }
    }

    /// The ORDER BY of a listing.
    static func orderBy(_ filter: ClaimFilter, _ order: Order?) -> String {
        switch order {
        case .windowEnd?:
            // With a bound on the window's end there are no claims without one, and the plain
            // order lets SQLite walk the window-end index and stop at the limit.
            return filter.dueOnOrBefore != nil || filter.dueOnOrAfter != nil || filter.hasWindow != nil
                ? "\nORDER BY v.window_end, v.claim_id" : "\nORDER BY v.window_end IS NULL, v.window_end, v.claim_id"
        case .id?: return "\nORDER BY v.claim_id"
        case .windowEndDescending?: return "\nORDER BY v.window_end DESC, v.claim_id DESC"
        case .recentlySettled?: return "\nORDER BY r.settled_on DESC, v.claim_id"
        case nil: return ""
        }
    }

    /// Whether `text` holds `part`, compared byte for byte (the standard library's search, not
    /// Foundation's locale-aware one, which costs milliseconds on its first use).
    static func mentions(_ text: String, _ part: String) -> Bool {
        text.utf8.firstRange(of: part.utf8) != nil
    }

    /// The arguments `sql` names.
    static func summaryArguments(_ filter: ClaimFilter, at point: ReadPoint, for sql: String) -> StatementArguments {
        let all = summaryArguments(filter, at: point)
        var used: [String: (any DatabaseValueConvertible)?] = [:]
        for key in ["asOf", "today", "claimant", "tag", "source", "text", "dueOnOrBefore", "dueOnOrAfter"] where mentions(sql, ":" + key) {
            used[key] = all[key]
        }
        return StatementArguments(used)
    }

    static func summaryArguments(_ filter: ClaimFilter, at point: ReadPoint) -> [String: (any DatabaseValueConvertible)?] {
        var args: [String: (any DatabaseValueConvertible)?] = ["asOf": point.asOfText, "today": point.today.description]
        if let v = filter.claimant { args["claimant"] = v }
        if let v = filter.tag { args["tag"] = v }
        if let v = filter.source { args["source"] = v }
        if let v = filter.text { args["text"] = v }
        if let v = filter.dueOnOrBefore { args["dueOnOrBefore"] = v.description }
        if let v = filter.dueOnOrAfter { args["dueOnOrAfter"] = v.description }
        return args
    }
}

extension ClaimsDatabase {
    /// The most recent description of the source with this key.
    public func latestSource(key: String) throws -> Source? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT key AS source_key, kind AS source_kind, title AS source_title, url AS source_url,
                       publisher AS source_publisher, published_on AS source_published_on,
                       language AS source_language, people AS source_people
                FROM sources WHERE key = ? ORDER BY id DESC LIMIT 1
                """, arguments: [key]).map { row in
                try Source(key: row["source_key"], kind: SourceKind(parsing: row["source_kind"]),
                           title: row["source_title"], url: row["source_url"], publisher: row["source_publisher"],
                           publishedOn: Rows.day(row, "source_published_on"), language: row["source_language"],
                           people: Rows.stringArray(row["source_people"]))
            }
        }
    }
}

extension ClaimsDatabase {
    /// Every claim as held at `point`, with its forecasts and resolution, ordered by id.
    public func allStates(at point: ReadPoint) throws -> [ClaimState] {
        try read { db in
            var forecasts: [String: [RecordedForecast]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM forecasts WHERE recorded_at <= ? ORDER BY recorded_at, id",
                                           arguments: [point.asOfText])
            while let row = try rows.next() { forecasts[row["claim_id"], default: []].append(try Rows.forecast(row)) }
            var states: [ClaimState] = []
            let cursor = try Self.summaryCursor(ClaimFilter(), at: point, order: .id, db)
            while let row = try cursor.next() {
                let version = try Rows.claimVersion(row)
                states.append(ClaimState(current: version, firstRecordedAt: try Rows.timestamp(row, "created_at"),
                                         forecasts: forecasts[version.id.rawValue] ?? [], resolution: try Rows.resolution(row)))
            }
            return states
        }
    }
}

extension ClaimsDatabase {
    /// How many claims match, counted in SQLite.
    public func count(_ filter: ClaimFilter, at point: ReadPoint, dueOnOrBefore: Day? = nil, unresolved: Bool = false) throws -> Int {
        var f = filter
        f.limit = nil
        if let dueOnOrBefore { f.dueOnOrBefore = dueOnOrBefore }
        f.unresolved = unresolved
        return try read { db in
            let sql = "SELECT count(*) FROM (\(Self.summarySQL(f, columns: "v.claim_id", order: nil, current: point.asOf == nil)))"
            return try Int.fetchOne(db, sql: sql, arguments: Self.summaryArguments(f, at: point, for: sql)) ?? 0
        }
    }
}
