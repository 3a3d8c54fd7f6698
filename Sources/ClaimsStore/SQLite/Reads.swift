import ClaimsCore
import Foundation
import GRDB

extension ClaimsDatabase {
    public func matchID(_ text: String) throws -> ClaimID {
        let prefix = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty, prefix.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else { throw StoreError.unknownClaim(text) }
        return try read { db in
            if let exact = try? ClaimID(prefix), try Self.exists(exact, db) { return exact }
            let matches = try String.fetchAll(db, sql: "SELECT id FROM claims WHERE id GLOB ? ORDER BY id LIMIT 6",
                                              arguments: [prefix + "*"])
            switch matches.count {
            case 0: throw StoreError.unknownClaim(text)
            case 1: return try ClaimID(matches[0])
            default: throw StoreError.ambiguousClaim(prefix: text, matches: Array(matches.prefix(5)) + (matches.count > 5 ? ["…"] : []))
            }
        }
    }

    /// The claim's version current at `asOf` (stored time text; the present by default).
    static func currentVersion(_ id: ClaimID, asOf: String = "9999", _ db: Database) throws -> ClaimVersion? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Rows.versionColumns) FROM \(Rows.versionJoin)
            WHERE v.claim_id = ? AND v.recorded_at <= ? ORDER BY v.version DESC LIMIT 1
            """), arguments: [id.rawValue, asOf]).map(Rows.claimVersion)
    }

    public func state(_ id: ClaimID, at point: ReadPoint) throws -> ClaimState? {
        try read { db in
            let asOf = point.asOfOrEnd.description
            guard let current = try Self.currentVersion(id, asOf: asOf, db),
                  let first = try String.fetchOne(db, sql: "SELECT created_at FROM claims WHERE id = ?", arguments: [id.rawValue])
            else { return nil }
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

    public func eachSummary(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimSummary) throws -> Void) throws {
        try read { db in try Self.listing(filter, order: order, at: point, db) { try Self.summaries($0, db, body) } }
    }

    public func eachLine(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimLine) throws -> Void) throws {
        guard filter.text == nil else { return try eachSummary(filter, at: point, order: order) { try body($0.line) } }
        try read { db in try Self.listing(filter, order: order, at: point, db) { try Self.lines($0, db, body) } }
    }

    /// Reads a listing through `part` (which returns how many claims it gave): in one query, or,
    /// by window end with a limit, the claims with a window, walking the window-end index up to
    /// the limit, then (if the limit is not reached) those without one.
    static func listing(_ filter: ClaimFilter, order: ListOrder, at point: ReadPoint, _ db: Database,
                        _ part: (Listing) throws -> Int) throws {
        let plan = try ListingPlan(filter, order: order, at: point, db)
        if plan.splitsByWindow, let limit = filter.limit {
            var withWindow = filter, without = filter
            withWindow.hasWindow = true
            without.hasWindow = false
            let count = try part(Listing(withWindow, plan: plan, order: order, at: point))
            if count < limit {
                without.limit = limit - count
                _ = try part(Listing(without, plan: plan, order: .id, at: point))
            }
            return
        }
        _ = try part(Listing(filter, plan: plan, order: order, at: point))
    }

    /// Streams the lines of a listing without a search, from their columns alone, held to
    /// `ClaimFilter.matchesLine`; returns how many.
    static func lines(_ listing: Listing, _ db: Database, _ body: (ClaimLine) throws -> Void) throws -> Int {
        var count = 0
        let cursor = try Row.fetchCursor(db, SQLRequest<Row>(literal: listing.sql(columns: SQL(sql: Rows.lineColumns), withClaimRow: false)))
        while let row = try cursor.next() {
            let line = try Rows.line(row)
            guard listing.filter.matchesLine(line, today: listing.point.today) else { continue }
            count += 1
            try body(line)
        }
        return count
    }

    static func summaries(_ listing: Listing, _ db: Database) throws -> [ClaimSummary] {
        var result: [ClaimSummary] = []
        try summaries(listing, db) { result.append($0) }
        return result
    }

    /// Streams the listing's claims to `body`; returns how many.
    @discardableResult
    static func summaries(_ listing: Listing, _ db: Database, _ body: (ClaimSummary) throws -> Void) throws -> Int {
        var count = 0
        let cursor = try Row.fetchCursor(db, SQLRequest<Row>(literal: listing.sql(columns: Self.summaryColumns, withClaimRow: true)))
        let after = listing.checksTextAfter ? listing.textQuery : nil
        while let row = try cursor.next() {
            let s = try Rows.summary(row)
            if let query = after {
                guard query.matches(s.content.searchedFields) else { continue }
                if let limit = listing.filter.limit, count >= limit { break }
            }
            count += 1
            try body(s)
        }
        return count
    }

    static let summaryColumns: SQL = "\(sql: Rows.versionColumns), c.created_at, \(sql: Rows.resolutionColumns)"

    public func count(_ filter: ClaimFilter, at point: ReadPoint) throws -> Int {
        var f = filter
        f.limit = nil
        return try read { db in
            let listing = Listing(f, plan: ListingPlan(), order: nil, at: point)
            if listing.checksTextAfter { return try Self.summaries(listing, db).count }
            return try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM (\(listing.sql(columns: "v.claim_id", withClaimRow: false)))")) ?? 0
        }
    }

    public func claimants(near name: String) throws -> [String] {
        try read { db in
            // The claimant index gives each name once, in order.
            try claimantsNear(name) { try String.fetchAll(db, sql: "SELECT DISTINCT claimant FROM claim_versions ORDER BY claimant COLLATE NOCASE") }
        }
    }

    public func existingIDs(_ ids: [ClaimID]) throws -> Set<ClaimID> {
        try read { db in
            var found = Set<ClaimID>()
            // 500 ids a query: one statement per id cost more than the lookups themselves.
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(ids.count, start + 500)]
                start += 500
                let request: SQLRequest<String> = "SELECT id FROM claims WHERE id IN \(chunk.map(\.rawValue))"
                for id in try String.fetchAll(db, request) { if let c = try? ClaimID(id) { found.insert(c) } }
            }
            return found
        }
    }

    public func claims(withTexts texts: Set<String>) throws -> [(text: String, id: ClaimID, source: String?)] {
        guard !texts.isEmpty else { return [] }
        return try read { db in
            var found: [(text: String, id: ClaimID, source: String?)] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT v.claim_id, s.key, v.statement, v.quote, NULL AS language FROM claim_heads h
                JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                LEFT JOIN sources s ON s.id = v.source_id WHERE v.withdrawn IS NULL
                UNION ALL
                SELECT tr.claim_id, NULL, tr.statement, tr.quote, tr.language FROM claim_heads h
                JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                JOIN claim_translations tr ON tr.claim_id = h.claim_id AND tr.version = h.version WHERE v.withdrawn IS NULL
                """)
            while let row = try cursor.next() {
                for column in ["statement", "quote"] {
                    guard let text = try row.decode(String?.self, forColumn: column).flatMap(Lookalikes.normalized), texts.contains(text) else { continue }
                    found.append((text, try ClaimID(row.decode(String.self, forColumn: "claim_id")), try row.decode(String?.self, forColumn: "key")))
                }
            }
            return found
        }
    }

    public func latestSource(key: String) throws -> Source? {
        try read { db in try Self.latestSource(key: key, db) }
    }

    static func latestSource(key: String, _ db: Database) throws -> Source? {
        try Row.fetchOne(db, sql: """
            SELECT key AS source_key, kind AS source_kind, title AS source_title, url AS source_url,
                   publisher AS source_publisher, published_on AS source_published_on,
                   language AS source_language, people AS source_people
            FROM sources WHERE key = ? ORDER BY id DESC LIMIT 1
            """, arguments: [key]).flatMap(Rows.source)
    }

    public func eachState(at point: ReadPoint, order: ListOrder, _ body: (ClaimState) throws -> Void) throws {
        try read { db in
            var every = ClaimFilter()
            every.includesWithdrawn = true
            let listing = Listing(every, plan: ListingPlan(), order: order, at: point)
            let cursor = try Row.fetchCursor(db, SQLRequest<Row>(literal: listing.sql(columns: Self.summaryColumns, withClaimRow: true)))
            // A few hundred claims at a time get their forecasts, with one query.
            var batch: [ClaimSummary] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                var forecasts: [String: [RecordedForecast]] = [:]
                let request: SQLRequest<Row> = """
                    SELECT * FROM forecasts WHERE claim_id IN \(batch.map(\.id.rawValue)) AND recorded_at <= \(point.asOfOrEnd.description)
                    ORDER BY recorded_at, id
                    """
                let rows = try Row.fetchCursor(db, request)
                while let row = try rows.next() { forecasts[try row.decode(String.self, forColumn: "claim_id"), default: []].append(try Rows.forecast(row)) }
                for s in batch {
                    try body(ClaimState(current: s.current, firstRecordedAt: s.firstRecordedAt,
                                        forecasts: forecasts[s.id.rawValue] ?? [], resolution: s.resolution))
                }
                batch.removeAll(keepingCapacity: true)
            }
            while let row = try cursor.next() {
                batch.append(try Rows.summary(row))
                if batch.count == 500 { try flush() }
            }
            try flush()
        }
    }
}

/// How SQLite finds a listing's rows. These are choices of speed, measured (BENCHMARKS.md), and
/// kept apart from what the filter means: every plan selects the same claims (a test checks
/// each against `ClaimFilter.matches`).
struct ListingPlan: Sendable {
    /// With a tag: start from the tag's index (true), or walk the window-end index in order and
    /// check the tag on each claim (false), which finds a common tag's first rows sooner.
    var tagFirst = true
    /// By window end with a limit: the claims with a window first (a walk of the window-end
    /// index that stops at the limit), then those without; one ORDER BY that put them last
    /// would sort every claim first. At a past moment too: the walk then checks that each
    /// version it meets was the claim's version at that moment.
    var splitsByWindow = false
    /// With a source: start from the index of versions by source (true), or walk the
    /// window-end index and check the source on each claim (false), as for tags.
    var sourceFirst = true
    /// At a past moment: so few claims had been recorded by then that they are found through
    /// the index of claims by creation time, instead of walking the window-end index.
    var fewExisted = false
    /// With a bound on the window's end and no limit: few enough versions fall in the range
    /// that walking the window-end index beats reading every claim in key order.
    var narrowWindowRange = false

    init() {}

    init(_ filter: ClaimFilter, order: ListOrder, at point: ReadPoint, _ db: Database) throws {
        let byWindow = order == .windowEnd || order == .windowEndDescending
        if let tag = filter.tag, let limit = filter.limit, byWindow {
            tagFirst = try Self.isRare(tag: tag, comparedTo: limit, db)
        }
        if let source = filter.source, let limit = filter.limit, byWindow {
            sourceFirst = try Self.isRare(source: source, comparedTo: limit, db)
        }
        splitsByWindow = order == .windowEnd && filter.limit != nil && filter.hasWindow == nil
            && filter.dueOnOrBefore == nil && filter.dueOnOrAfter == nil
        if let asOf = point.asOf {
            let cap = 20_000
            let seen = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM claims WHERE created_at <= ? LIMIT ?)"),
                                        arguments: [asOf.description, cap]) ?? 0
            fewExisted = seen < cap
        }
        if filter.limit == nil, filter.dueOnOrBefore != nil || filter.dueOnOrAfter != nil {
            narrowWindowRange = try Self.isNarrow(from: filter.dueOnOrAfter, to: filter.dueOnOrBefore, db)
        }
    }

    /// Whether at most 20,000 versions have a window ending between `from` and `to`
    /// (counted in the window-end index, stopping at 20,000).
    static func isNarrow(from: Day?, to: Day?, _ db: Database) throws -> Bool {
        let cap = 20_000
        let low = from?.description ?? "", high = to?.description ?? "9999"
        let seen = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM claim_versions WHERE window_end >= ? AND window_end <= ? LIMIT ?)
            """), arguments: [low, high, cap]) ?? 0
        return seen < cap
    }

    /// Whether the versions of the sources matching `source` are few (as `isRare(tag:)`).
    static func isRare(source: String, comparedTo limit: Int, _ db: Database) throws -> Bool {
        let cap = max(5000, 50 * limit)
        let request: SQLRequest<Int> = """
            SELECT count(*) FROM (SELECT 1 FROM claim_versions WHERE source_id IN \(Listing.sourceIDs(source)) LIMIT \(cap))
            """
        return try (Int.fetchOne(db, request) ?? 0) < cap
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
}

/// The query behind listings, due lists, counts and scorecards: a filter's meaning as SQL
/// conditions, a plan's choices as joins and orders, and the arguments bound where they stand
/// (GRDB's SQL interpolation). For the present it starts from claim_heads, the index of each
/// claim's current version and resolution; "as of" a past moment it finds them in the history.
struct Listing {
    let filter: ClaimFilter
    let plan: ListingPlan
    let order: ListOrder?
    let point: ReadPoint

    /// The search, parsed once, when the filter has one (it was checked when the command line was read).
    let textQuery: TextQuery?

    init(_ filter: ClaimFilter, plan: ListingPlan, order: ListOrder?, at point: ReadPoint) {
        self.filter = filter
        self.plan = plan
        self.order = order
        self.point = point
        self.textQuery = filter.text.flatMap { try? TextQuery(parsing: $0) }
    }

    var current: Bool { point.asOf == nil }
    /// At a past moment the full-text index does not apply: the SQL finds candidates (every other
    /// condition applied), and the search's own rule keeps the claims, before any limit.
    var checksTextAfter: Bool { !current && textQuery != nil }
    var asOf: String { point.asOfOrEnd.description }

    /// The filter's meaning, one condition each. The status conditions restate
    /// `ClaimStatus(window:resolved:withdrawn:on:)`.
    var conditions: [SQL] {
        var c: [SQL] = []
        if !current {
            c.append("v.version = (SELECT max(version) FROM claim_versions WHERE claim_id = v.claim_id AND recorded_at <= \(asOf))")
            // Implied by the line above (a claim's first version is recorded at its creation):
            // said again when few claims existed, so that SQLite starts from those claims.
            if plan.fewExisted { c.append("v.claim_id IN (SELECT id FROM claims WHERE created_at <= \(asOf))") }
        }
        if let claimant = filter.claimant { c.append("v.claimant = \(claimant) COLLATE NOCASE") }
        if let tag = filter.tag, !current || !plan.tagFirst {
            c.append("EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version AND t.tag = \(tag))")
        }
        if let source = filter.source {
            // A common source is checked along the walk of the window-end index: `+` keeps
            // SQLite from starting at the source index instead.
            c.append(plan.sourceFirst ? "v.source_id IN \(Self.sourceIDs(source))" : "+v.source_id IN \(Self.sourceIDs(source))")
        }
        if let query = textQuery {
            // The present: the full-text index of claim_search (migration 0006), which answers
            // words, phrases and prefixes as `TextQuery` defines them.
            if current, let fts = query.ftsQuery {
                c.append("v.claim_id IN (SELECT sr.claim_id FROM claim_search_rows sr WHERE sr.row IN (SELECT rowid FROM claim_search WHERE claim_search MATCH \(fts)))")
            }
            // Text in Chinese, and every term at a past moment: found as text in the fields (a
            // scan; at a past moment `summaries` then keeps the claims the rule itself accepts).
            // A word read from a field holding letters beyond ASCII may not be in its text as
            // written ("cafe" in "Café", "strasse" in "Straße"): such fields pass, for the rule.
            for t in query.substrings {
                c.append("""
                    (instr(lower(v.statement), \(t)) > 0 OR instr(lower(ifnull(v.quote, '')), \(t)) > 0
                     OR instr(lower(ifnull(v.criteria, '')), \(t)) > 0 OR instr(lower(ifnull(v.notes, '')), \(t)) > 0)
                    """)
            }
            if !current {
                for t in query.necessaryTexts where t.allSatisfy(\.isASCII) && !query.substrings.contains(t) {
                    c.append("""
                        (instr(lower(v.statement), \(t)) > 0 OR instr(lower(ifnull(v.quote, '')), \(t)) > 0
                         OR instr(lower(ifnull(v.criteria, '')), \(t)) > 0 OR instr(lower(ifnull(v.notes, '')), \(t)) > 0
                         OR (v.statement || ifnull(v.quote, '') || ifnull(v.criteria, '') || ifnull(v.notes, '')) GLOB \(Self.beyondASCII))
                        """)
                }
            }
        }
        if filter.unresolved { c.append("r.revision IS NULL") }
        if let day = filter.dueOnOrBefore { c.append("v.window_end <= \(day.description)") }
        if let day = filter.dueOnOrAfter { c.append("v.window_end >= \(day.description)") }
        if let hasWindow = filter.hasWindow { c.append(hasWindow ? "v.window_end IS NOT NULL" : "v.window_end IS NULL") }
        let today = point.today.description
        switch filter.status {
        case .open? where filter.hasWindow == true:
            // The same condition, as a range the window-end index can start from.
            c.append("v.withdrawn IS NULL AND r.revision IS NULL AND v.window_end >= \(today)")
        case .open?: c.append("v.withdrawn IS NULL AND r.revision IS NULL AND (v.window_end IS NULL OR v.window_end >= \(today))")
        case .due?: c.append("v.withdrawn IS NULL AND r.revision IS NULL AND v.window_end < \(today)")
        case .resolved?: c.append("v.withdrawn IS NULL AND r.revision IS NOT NULL")
        case .withdrawn?: c.append("v.withdrawn IS NOT NULL")
        // A withdrawn claim is listed only when asked for by its status.
        case nil: if !filter.includesWithdrawn { c.append("v.withdrawn IS NULL") }
        }
        switch order {
        case .windowEndDescending?: c.append("v.window_end IS NOT NULL")
        case .recentlySettled?: c.append("r.revision IS NOT NULL")
        case .windowEnd?, .id?, .sourceKey?, nil: break
        }
        return c
    }

    /// The ORDER BY of the listing.
    var orderBy: SQL {
        switch order {
        case .windowEnd?:
            // With a bound on the window's end there are no claims without one, and the plain
            // order lets SQLite walk the window-end index and stop at the limit.
            return filter.dueOnOrBefore != nil || filter.dueOnOrAfter != nil || filter.hasWindow != nil
                ? "\nORDER BY v.window_end, v.claim_id" : "\nORDER BY v.window_end IS NULL, v.window_end, v.claim_id"
        case .id?: return "\nORDER BY v.claim_id"
        case .windowEndDescending?: return "\nORDER BY v.window_end DESC, v.claim_id DESC"
        case .recentlySettled?: return "\nORDER BY r.settled_on DESC, v.claim_id"
        case .sourceKey?: return "\nORDER BY ifnull(s.key, ''), v.claim_id"
        case nil: return ""
        }
    }

    var limit: SQL { checksTextAfter ? "" : filter.limit.map { "\nLIMIT \(sql: String(max(0, $0)))" } ?? "" }

    /// The rows of `sources` whose key is `source`, or whose title holds it (ASCII letters in
    /// either case): a subquery SQLite runs once.
    /// A GLOB pattern matching text that holds a character beyond ASCII.
    static let beyondASCII = "*[^\u{01}-\u{7F}]*"

    static func sourceIDs(_ source: String) -> SQL {
        "(SELECT id FROM sources WHERE key = \(source) OR instr(lower(title), lower(\(source))) > 0)"
    }

    /// The query, selecting `columns` (of `v` the version, `s` its source, `r` its resolution,
    /// and `c` the claim's row when `withClaimRow`).
    func sql(columns: SQL, withClaimRow: Bool) -> SQL {
        let whereClause: SQL = "WHERE 1 " + conditions.map { "\n  AND \($0)" }.joined(separator: "")
        let claimsJoin: SQL = withClaimRow ? "JOIN claims c ON c.id = v.claim_id" : ""
        guard current else {
            return """
                SELECT \(columns)
                FROM \(sql: Rows.versionJoin)
                \(claimsJoin)
                LEFT JOIN resolutions r ON r.claim_id = v.claim_id AND r.revision =
                    (SELECT max(revision) FROM resolutions WHERE claim_id = v.claim_id AND recorded_at <= \(asOf))
                \(whereClause)\(orderBy)\(limit)
                """
        }
        // A tag filter joins the tags first, so that SQLite can start from the tag's index.
        let tagJoin: SQL = filter.tag.map { tag in plan.tagFirst
            ? "JOIN claim_tags t ON t.tag = \(tag) AND t.claim_id = v.claim_id AND t.version = v.version" : "" } ?? ""
        // SQLite starts from an index where that reads few rows: a claimant or a tag, or the
        // window-end index walked in order up to a limit. Anything else reads every claim, and
        // goes through claim_heads in key order (CROSS JOIN fixes the order): measured 4× faster
        // than the random lookups the planner otherwise picks.
        let indexWalk = filter.claimant != nil || (filter.tag != nil && plan.tagFirst) || (filter.source != nil && plan.sourceFirst)
            || ((order == .windowEnd || order == .windowEndDescending) && filter.limit != nil) || plan.narrowWindowRange
        let join: SQL = indexWalk ? "JOIN" : "CROSS JOIN"
        // Ordered with a limit, the matching claims are picked by their keys first and only
        // those few get their columns (tags, translations, source): a sort then carries keys,
        // not whole rows whose subqueries ran for every candidate.
        let pickFirst = order != nil && filter.limit != nil
        let select: SQL = """
            FROM claim_heads h
            \(join) claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
            \(tagJoin)
            LEFT JOIN sources s ON s.id = v.source_id
            \(pickFirst ? "" : claimsJoin)
            LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
            \(whereClause)
            """
        guard pickFirst else { return "SELECT \(columns)\n\(select)\(orderBy)\(limit)" }
        return """
            SELECT \(columns)
            FROM (SELECT h.claim_id, h.version, h.revision \(select)\(orderBy)\(limit)) h
            JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
            LEFT JOIN sources s ON s.id = v.source_id
            \(claimsJoin)
            LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
            \(orderBy)
            """
    }
}
