import ClaimsCore
import ClaimsLog
import Foundation
import PostgresNIO

/// A query built a piece at a time, its values bound as parameters ($1, $2 …) as it grows.
struct PostgresSQL {
    var text = ""
    var binds = PostgresBindings()

    /// A placeholder for `value`, bound.
    mutating func bind(_ value: String) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}

/// How a listing is asked of PostgreSQL: every condition of the filter that SQL states plainly,
/// in the listing's order; the rows are then held to `ClaimFilter.matches`, the domain's rule,
/// which also applies the text search (and then the limit).
struct PostgresListing {
    let filter: ClaimFilter
    let order: ListOrder?
    let point: ReadPoint

    /// Whether rows are checked against the text search after SQL, so that the limit is applied
    /// in Swift.
    var limitsAfter: Bool { filter.text != nil }

    /// How a search finds its candidates: through the index of words (the versions holding
    /// every word, then put in the listing's order: quick for a rare word), or by testing each
    /// claim's words in the listing's order until the limit is reached (quick for a common word
    /// with a limit, where the index would give most of the claims to be sorted first).
    enum WordPath { case index, inOrder }
    var wordPath = WordPath.index

    /// The search's words as a tsquery, when it has words the index can find.
    var words: String? { filter.text.flatMap { try? TextQuery(parsing: $0) }.flatMap(Self.wordQuery) }

    /// Whether PostgreSQL should plan for the first rows rather than all of them: a limit it
    /// applies, or a search read in order until the program's limit is reached.
    var firstRowsSoon: Bool { filter.limit != nil && (!limitsAfter || wordPath == .inOrder) }

    /// The words a search needs, as a tsquery (each word a literal lexeme, prefixes with `:*`);
    /// nil when it has none (a search in Chinese only) or one too long for the index.
    static func wordQuery(_ query: TextQuery) -> String? {
        let words = query.requiredWords
        guard !words.isEmpty, !words.contains(where: { $0.word.utf8.count > TableRows.Words.longestWord }) else { return nil }
        return words.map { w in
            let literal = w.word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
            return "'\(literal)'" + (w.isPrefix ? ":*" : "")
        }.joined(separator: " & ")
    }

    /// The query, selecting `columns` (of `v` the version, `s` its source, `r` its resolution,
    /// and `c` the claim's row when `withClaimRow`, or at a past moment).
    func query(columns: String, withClaimRow: Bool = true) -> PostgresQuery {
        var q = PostgresSQL()
        let from: String
        if point.asOf == nil {
            from = """
                claim_heads h\(withClaimRow ? " JOIN claims c ON c.id = h.claim_id" : "")
                JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                LEFT JOIN sources s ON s.id = v.source_id
                LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
                """
        } else {
            let asOf = q.bind(point.asOfOrEnd.description)
            from = """
                claims c
                JOIN LATERAL (SELECT * FROM claim_versions WHERE claim_id = c.id AND recorded_at <= \(asOf)
                              ORDER BY version DESC LIMIT 1) v ON true
                LEFT JOIN sources s ON s.id = v.source_id
                LEFT JOIN LATERAL (SELECT * FROM resolutions WHERE claim_id = c.id AND recorded_at <= \(asOf)
                                   ORDER BY revision DESC LIMIT 1) r ON true
                """
        }
        var c: [String] = []
        if let claimant = filter.claimant { c.append("lower(v.claimant) = lower(\(q.bind(claimant)))") }
        if let tag = filter.tag {
            c.append("EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version AND t.tag = \(q.bind(tag)))")
        }
        if let source = filter.source {
            let p = q.bind(source)
            c.append("v.source_id IN (SELECT id FROM sources WHERE key = \(p) OR strpos(lower(title), lower(\(p))) > 0)")
        }
        if let words {
            // The versions holding every word of the search, and those the index could not hold;
            // the program then applies the whole rule.
            switch wordPath {
            case .index:
                c.append("""
                    (v.claim_id, v.version) IN (
                        SELECT claim_id, version FROM claim_words
                        WHERE array_to_tsvector(string_to_array(words, ' ')) @@ CAST(\(q.bind(words)) AS tsquery)
                        UNION ALL SELECT claim_id, version FROM claim_words WHERE words IS NULL)
                    """)
            case .inOrder:
                // A subquery for each claim, which PostgreSQL cannot turn into a join of every
                // candidate. A version with no row of words (which the program never leaves, and
                // `verify` reports) is left out, as the index leaves it out.
                c.append("""
                    coalesce((SELECT w.words IS NULL OR array_to_tsvector(string_to_array(w.words, ' ')) @@ CAST(\(q.bind(words)) AS tsquery)
                              FROM claim_words w WHERE w.claim_id = v.claim_id AND w.version = v.version), false)
                    """)
            }
        }
        if filter.unresolved { c.append("r.revision IS NULL") }
        if let day = filter.dueOnOrBefore { c.append("v.window_end <= \(q.bind(day.description))") }
        if let day = filter.dueOnOrAfter { c.append("v.window_end >= \(q.bind(day.description))") }
        if let hasWindow = filter.hasWindow { c.append(hasWindow ? "v.window_end IS NOT NULL" : "v.window_end IS NULL") }
        switch filter.status {
        case .open? where filter.hasWindow == true:
            // The same condition, as a range the window-end index can start from.
            c.append("v.withdrawn IS NULL AND r.revision IS NULL AND v.window_end >= \(q.bind(point.today.description))")
        case .open?:
            c.append("v.withdrawn IS NULL AND r.revision IS NULL AND (v.window_end IS NULL OR v.window_end >= \(q.bind(point.today.description)))")
        case .due?: c.append("v.withdrawn IS NULL AND r.revision IS NULL AND v.window_end < \(q.bind(point.today.description))")
        case .resolved?: c.append("v.withdrawn IS NULL AND r.revision IS NOT NULL")
        case .withdrawn?: c.append("v.withdrawn IS NOT NULL")
        case nil: if !filter.includesWithdrawn { c.append("v.withdrawn IS NULL") }
        }
        switch order {
        case .windowEndDescending?: c.append("v.window_end IS NOT NULL")
        case .recentlySettled?: c.append("r.revision IS NOT NULL")
        case .windowEnd?, .id?, .sourceKey?, nil: break
        }
        let orderBy: String
        switch order {
        case .windowEnd?:
            // With a bound on the window's end there are no claims without one, and the plain
            // order lets PostgreSQL walk the window-end index and stop at the limit.
            orderBy = filter.dueOnOrBefore != nil || filter.dueOnOrAfter != nil || filter.hasWindow != nil
                ? "ORDER BY v.window_end, v.claim_id" : "ORDER BY v.window_end IS NULL, v.window_end, v.claim_id"
        case .id?: orderBy = "ORDER BY v.claim_id"
        case .windowEndDescending?: orderBy = "ORDER BY v.window_end DESC, v.claim_id DESC"
        case .recentlySettled?: orderBy = "ORDER BY r.settled_on DESC, v.claim_id"
        case .sourceKey?: orderBy = "ORDER BY coalesce(s.key, ''), v.claim_id"
        case nil: orderBy = ""
        }
        let limit = limitsAfter ? "" : filter.limit.map { "LIMIT \(max(0, $0))" } ?? ""
        q.text = "SELECT \(columns) FROM \(from)\nWHERE true\(c.map { "\n  AND \($0)" }.joined())\n\(orderBy)\n\(limit)"
        return q.query
    }
}

extension PostgresStore {
    static let summaryColumns = "\(PostgresRead.lightVersionColumns), c.created_at, \(PostgresRead.resolutionColumns)"

    /// Streams the listing's claims that pass the filter; returns how many. Rows are read a few
    /// hundred at a time, with their tags and translations.
    @discardableResult
    func summaries(_ listing: PostgresListing, columns: String = summaryColumns, _ body: (ClaimSummary, PostgresColumns) throws -> Void) throws -> Int {
        var listing = listing
        if listing.filter.limit != nil, let words = listing.words, try isCommon(words) { listing.wordPath = .inOrder }
        var count = 0
        var pending: [PostgresColumns] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let keys = try pending.map { (try $0.required("claim_id"), try $0.int("version") ?? 0) }
            let extras = try PostgresRead.extras(keys, session)
            for columns in pending {
                if let limit = listing.filter.limit, count >= limit { break }
                let summary = try PostgresRead.summary(columns, extras: extras[PostgresRead.extrasKey(columns)] ?? .init())
                guard listing.filter.matches(summary, today: listing.point.today) else { continue }
                count += 1
                try body(summary, columns)
            }
            pending.removeAll(keepingCapacity: true)
        }
        var positions: [String: Int]?
        try session.cursor(listing.query(columns: columns), batch: 500, firstRowsSoon: listing.firstRowsSoon,
                           enough: { listing.filter.limit.map { count >= $0 } ?? false }) { row in
            if let limit = listing.filter.limit, count >= limit { return }
            pending.append(PostgresColumns(row, &positions))
            if pending.count == 500 { try flush() }
        }
        try flush()
        return count
    }

    /// Whether the index of words holds `words` (a tsquery) in `commonWordVersions` versions or
    /// more: counted through the index, stopping there.
    func isCommon(_ words: String) throws -> Bool {
        let found = try session.rows("""
            SELECT count(*)::int8 FROM (SELECT 1 FROM claim_words
                WHERE array_to_tsvector(string_to_array(words, ' ')) @@ CAST(\(words) AS tsquery) LIMIT \(commonWordVersions)) s
            """).first?.decode(Int.self) ?? 0
        return found >= commonWordVersions
    }

    public func matchID(_ text: String) throws -> ClaimID {
        let prefix = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !prefix.isEmpty, prefix.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else { throw StoreError.unknownClaim(text) }
        return try read {
            if let exact = try? ClaimID(prefix), try Self.exists(exact, session) { return exact }
            // The prefix holds only [a-z0-9._-]: `_` is escaped for LIKE.
            let pattern = prefix.replacingOccurrences(of: "_", with: "\\_") + "%"
            let matches = try session.rows("SELECT id FROM claims WHERE id LIKE \(pattern) ORDER BY id LIMIT 6").map { try $0.decode(String.self) }
            switch matches.count {
            case 0: throw StoreError.unknownClaim(text)
            case 1: return try ClaimID(matches[0])
            default: throw StoreError.ambiguousClaim(prefix: text, matches: Array(matches.prefix(5)) + (matches.count > 5 ? ["…"] : []))
            }
        }
    }

    static func currentVersion(_ id: ClaimID, asOf: Timestamp? = nil, _ session: PostgresSession) throws -> ClaimVersion? {
        try session.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresRead.versionColumns) FROM \(PostgresRead.versionJoin)
            WHERE v.claim_id = $1 AND v.recorded_at <= $2 ORDER BY v.version DESC LIMIT 1
            """, binds: binds(id.rawValue, asOf?.description ?? "9999")))
            .first.map { try PostgresRead.claimVersion(PostgresColumns($0)) }
    }

    static func binds(_ values: String...) -> PostgresBindings {
        var b = PostgresBindings()
        for v in values { b.append(v) }
        return b
    }

    static func forecasts(_ id: ClaimID, asOf: Timestamp?, _ session: PostgresSession) throws -> [RecordedForecast] {
        try session.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresRead.forecastColumns) FROM forecasts f WHERE f.claim_id = $1 AND f.recorded_at <= $2 ORDER BY f.recorded_at, f.id
            """, binds: binds(id.rawValue, asOf?.description ?? "9999"))).map { try PostgresRead.forecast(PostgresColumns($0)) }
    }

    static func latestResolution(_ id: ClaimID, asOf: Timestamp?, _ session: PostgresSession) throws -> ResolutionRevision? {
        try session.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresRead.resolutionColumns) FROM resolutions r WHERE r.claim_id = $1 AND r.recorded_at <= $2
            ORDER BY r.revision DESC LIMIT 1
            """, binds: binds(id.rawValue, asOf?.description ?? "9999"))).first.flatMap { try PostgresRead.resolution(PostgresColumns($0)) }
    }

    /// The digest of the claim's last event recorded by `asOf`: the one no other event names as
    /// its previous. "" for a claim with no event.
    static func chainTail(_ id: ClaimID, asOf: Timestamp?, _ session: PostgresSession) throws -> String {
        try session.rows(PostgresQuery(unsafeSQL: """
            WITH events AS (SELECT prev_digest, digest FROM claim_versions WHERE claim_id = $1 AND recorded_at <= $2
                            UNION ALL SELECT prev_digest, digest FROM resolutions WHERE claim_id = $1 AND recorded_at <= $2)
            SELECT digest FROM events WHERE digest NOT IN (SELECT prev_digest FROM events) LIMIT 1
            """, binds: binds(id.rawValue, asOf?.description ?? "9999"))).first?.decode(String.self) ?? ""
    }

    static func latestSource(key: String, _ session: PostgresSession) throws -> Source? {
        try session.rows("""
            SELECT key AS source_key, kind AS source_kind, title AS source_title, url AS source_url,
                   publisher AS source_publisher, published_on AS source_published_on,
                   language AS source_language, people AS source_people
            FROM sources WHERE key = \(key) ORDER BY id DESC LIMIT 1
            """).first.flatMap { try PostgresRead.source(PostgresColumns($0)) }
    }

    public func state(_ id: ClaimID, at point: ReadPoint) throws -> ClaimState? {
        try read {
            guard let current = try Self.currentVersion(id, asOf: point.asOf, session),
                  let first = try session.rows("SELECT created_at FROM claims WHERE id = \(id.rawValue)").first?.decode(String.self)
            else { return nil }
            var state = ClaimState(current: current, firstRecordedAt: try Timestamp.parse(stored: first),
                                   forecasts: try Self.forecasts(id, asOf: point.asOf, session),
                                   resolution: try Self.latestResolution(id, asOf: point.asOf, session))
            let digest = try Self.chainTail(id, asOf: point.asOf, session)
            state.digest = digest.isEmpty ? nil : digest
            return state
        }
    }

    public func history(_ id: ClaimID) throws -> ClaimHistory {
        try read {
            let versions = try session.rows("""
                SELECT \(unescaped: PostgresRead.versionColumns) FROM \(unescaped: PostgresRead.versionJoin)
                WHERE v.claim_id = \(id.rawValue) ORDER BY v.version
                """).map { try PostgresRead.claimVersion(PostgresColumns($0)) }
            guard !versions.isEmpty else { throw StoreError.unknownClaim(id.rawValue) }
            let resolutions = try session.rows("""
                SELECT \(unescaped: PostgresRead.resolutionColumns) FROM resolutions r WHERE r.claim_id = \(id.rawValue) ORDER BY r.revision
                """).compactMap { try PostgresRead.resolution(PostgresColumns($0)) }
            return ClaimHistory(versions: versions, forecasts: try Self.forecasts(id, asOf: nil, session), resolutions: resolutions)
        }
    }

    public func eachSummary(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimSummary) throws -> Void) throws {
        try read { try listing(filter, order: order, at: point) { try summaries($0) { s, _ in try body(s) } } }
    }

    public func eachLine(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimLine) throws -> Void) throws {
        guard filter.text == nil else { return try eachSummary(filter, at: point, order: order) { try body($0.line) } }
        try read { try listing(filter, order: order, at: point) { try lines($0, body) } }
    }

    /// Reads a listing through `part` (which returns how many claims it gave): in one query, or,
    /// by window end with a limit, the claims with a window, walking the window-end index up to
    /// the limit, then (if the limit is not reached) those without one.
    func listing(_ filter: ClaimFilter, order: ListOrder, at point: ReadPoint, _ part: (PostgresListing) throws -> Int) throws {
        if order == .windowEnd, filter.hasWindow == nil, filter.dueOnOrBefore == nil, filter.dueOnOrAfter == nil,
           let limit = filter.limit {
            var withWindow = filter, without = filter
            withWindow.hasWindow = true
            without.hasWindow = false
            let count = try part(PostgresListing(filter: withWindow, order: order, point: point))
            if count < limit {
                without.limit = limit - count
                _ = try part(PostgresListing(filter: without, order: .id, point: point))
            }
            return
        }
        _ = try part(PostgresListing(filter: filter, order: order, point: point))
    }

    /// Streams the lines of a listing without a search, from their columns alone, held to the
    /// domain's rules as summaries are to `matches`: `ClaimFilter.matchesLine`, and with a
    /// source, `matchesSource` on the source's key and title, read after the line's columns
    /// (PostgreSQL's `lower` may find in a title what the rule does not). Returns how many.
    /// With a limit, through a cursor planned for its first rows; without, in one execution.
    func lines(_ listing: PostgresListing, _ body: (ClaimLine) throws -> Void) throws -> Int {
        var count = 0
        let source = listing.filter.source != nil
        func take(_ row: PostgresRow) throws {
            var cells = PostgresCellReader(row)
            let line = try PostgresRead.line(&cells)
            guard listing.filter.matchesLine(line, today: listing.point.today) else { return }
            if source { guard listing.filter.matchesSource(key: try cells.text(), title: try cells.text()) else { return } }
            count += 1
            try body(line)
        }
        let query = listing.query(columns: PostgresRead.lineColumns + (source ? ", s.key, s.title" : ""), withClaimRow: false)
        if listing.firstRowsSoon {
            try session.cursor(query, firstRowsSoon: true, take)
        } else {
            try session.stream(query, take)
        }
        return count
    }

    public func count(_ filter: ClaimFilter, at point: ReadPoint) throws -> Int {
        var f = filter
        f.limit = nil
        return try read { try summaries(PostgresListing(filter: f, order: nil, point: point)) { _, _ in } }
    }

    public func eachState(at point: ReadPoint, order: ListOrder, _ body: (ClaimState) throws -> Void) throws {
        var every = ClaimFilter()
        every.includesWithdrawn = true
        try read {
            var batch: [ClaimSummary] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                var forecasts: [String: [RecordedForecast]] = [:]
                for row in try session.rows("""
                    SELECT \(unescaped: PostgresRead.forecastColumns) FROM forecasts f
                    WHERE f.claim_id = ANY(\(batch.map(\.id.rawValue))) AND f.recorded_at <= \(point.asOfOrEnd.description)
                    ORDER BY f.recorded_at, f.id
                    """) {
                    let c = PostgresColumns(row)
                    forecasts[try c.required("claim_id"), default: []].append(try PostgresRead.forecast(c))
                }
                for s in batch {
                    try body(ClaimState(current: s.current, firstRecordedAt: s.firstRecordedAt,
                                        forecasts: forecasts[s.id.rawValue] ?? [], resolution: s.resolution))
                }
                batch.removeAll(keepingCapacity: true)
            }
            try summaries(PostgresListing(filter: every, order: order, point: point)) { s, _ in
                batch.append(s)
                if batch.count == 500 { try flush() }
            }
            try flush()
        }
    }

    public func latestSource(key: String) throws -> Source? {
        try read { try Self.latestSource(key: key, session) }
    }

    public func claimants(near name: String) throws -> [String] {
        try read {
            try claimantsNear(name) { try session.rows("SELECT DISTINCT claimant FROM claim_versions").map { try $0.decode(String.self) } }
        }
    }

    public func existingIDs(_ ids: [ClaimID]) throws -> Set<ClaimID> {
        try read { try Self.existingIDs(ids, session) }
    }

    public func claims(withTexts texts: Set<String>) throws -> [(text: String, id: ClaimID, source: String?)] {
        guard !texts.isEmpty else { return [] }
        return try read {
            var found: [(text: String, id: ClaimID, source: String?)] = []
            try session.cursor("""
                SELECT v.claim_id, s.key, v.statement, v.quote FROM claim_heads h
                JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                LEFT JOIN sources s ON s.id = v.source_id WHERE v.withdrawn IS NULL
                UNION ALL
                SELECT tr.claim_id, NULL, tr.statement, tr.quote FROM claim_heads h
                JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
                JOIN claim_translations tr ON tr.claim_id = v.claim_id AND tr.version = v.version WHERE v.withdrawn IS NULL
                """) { row in
                let (raw, key, statement, quote) = try row.decode((String, String?, String?, String?).self)
                guard let id = try? ClaimID(raw) else { return }
                for text in [statement, quote] {
                    guard let normalized = text.flatMap(Lookalikes.normalized), texts.contains(normalized) else { continue }
                    found.append((normalized, id, key))
                }
            }
            return found
        }
    }

    /// What scoring reads of each claim, from its summary and when its outcome was first recorded:
    /// for a search, which the program applies to the fields it reads.
    static let scoringColumns = summaryColumns + ", (SELECT recorded_at FROM resolutions WHERE claim_id = v.claim_id AND revision = 1) AS first_settled_at"

    static func facts(_ s: ClaimSummary, _ c: PostgresColumns, withTags: Bool) throws -> ScoringFacts {
        let content = s.content
        return ScoringFacts(
            claimID: s.id.rawValue, claimant: content.claimant.value, saidOn: content.saidOn, windowStart: content.window?.start,
            windowEnd: content.window?.end, stated: content.confidence.stated?.value, confidenceWords: content.confidence.words,
            sourceKey: content.source?.key, outcome: s.resolution?.resolution.outcome, settledOn: s.resolution?.resolution.settledOn,
            tags: withTags ? content.tags : [], loggedAt: s.resolution == nil ? nil : s.firstRecordedAt,
            outcomeRecordedAt: s.resolution == nil ? nil : try c.text("first_settled_at").map(Timestamp.parse(stored:)))
    }

    /// Without a search, only the columns scoring reads (SQLite's `ScoringColumn`), the
    /// listing's conditions in SQL.
    static func narrowScoringColumns(withTags: Bool) -> String {
        """
        v.claim_id, v.claimant, v.said_on, v.window_start, v.window_end, v.stated_probability, v.confidence_words,
        s.key AS source_key, r.outcome, r.settled_on,
        CASE WHEN r.revision IS NULL THEN NULL ELSE c.created_at END AS logged_at,
        CASE WHEN r.revision IS NULL THEN NULL WHEN r.revision = 1 THEN r.recorded_at
             ELSE (SELECT recorded_at FROM resolutions WHERE claim_id = v.claim_id AND revision = 1) END AS outcome_recorded_at
        """ + (withTags ? """
            , (SELECT coalesce(json_agg(t.tag), '[]')::text FROM claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version) AS tags
            """ : "")
    }

    /// The facts of a row of `narrowScoringColumns`, read in order.
    static func narrowFacts(_ row: PostgresRow, withTags: Bool) throws -> ScoringFacts {
        var c = PostgresCellReader(row)
        let id = try c.required("claim_id"), claimant = try c.required("claimant"), saidOn = try c.requiredDay("said_on")
        let windowStart = try c.day(), windowEnd = try c.day(), stated = try c.double(), words = try c.text(), source = try c.text()
        let outcome = try c.text().map { try Outcome(rawValue: $0) ?? Outcome(parsing: $0) }, settledOn = try c.day()
        let loggedAt = try c.text().map(Timestamp.parse(stored:)), outcomeRecordedAt = try c.text().map(Timestamp.parse(stored:))
        let tags = withTags ? try Rows.stringArray(c.text()) : []
        return ScoringFacts(claimID: id, claimant: claimant, saidOn: saidOn, windowStart: windowStart, windowEnd: windowEnd, stated: stated,
                            confidenceWords: words, sourceKey: source, outcome: outcome, settledOn: settledOn, tags: tags,
                            loggedAt: loggedAt, outcomeRecordedAt: outcomeRecordedAt)
    }

    /// Streams the scoring facts of the claims `filter` selects, in `order`. `bodyQueries`: whether
    /// `body` uses the session (then the rows come through a cursor; otherwise, without a search,
    /// from one execution, the server finding rows while the program scores those before).
    func eachFacts(_ filter: ClaimFilter, order: ListOrder?, at point: ReadPoint, withTags: Bool, bodyQueries: Bool,
                   _ body: (ScoringFacts) throws -> Void) throws {
        let listing = PostgresListing(filter: filter, order: order, point: point)
        if listing.limitsAfter {
            try summaries(listing, columns: Self.scoringColumns) { s, c in try body(Self.facts(s, c, withTags: withTags)) }
            return
        }
        func take(_ row: PostgresRow) throws { try body(Self.narrowFacts(row, withTags: withTags)) }
        let query = listing.query(columns: Self.narrowScoringColumns(withTags: withTags))
        if bodyQueries { try session.cursor(query, take) } else { try session.stream(query, take) }
    }

    public func scoringFacts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool, _ body: (ScoringFacts) throws -> Void) throws {
        try read { try eachFacts(filter, order: nil, at: point, withTags: withTags, bodyQueries: false, body) }
    }

    public func scoringForecasts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool,
                                 _ body: (ScoringFacts, String, Double, Day, Timestamp) throws -> Void) throws {
        try read {
            var batch: [ScoringFacts] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                var byClaim: [String: [(String, Double, Day, Timestamp)]] = [:]
                for row in try session.rows("""
                    SELECT f.claim_id, f.forecaster, f.probability, f.made_on, f.recorded_at FROM forecasts f
                    WHERE f.claim_id = ANY(\(batch.map(\.claimID))) AND f.recorded_at <= \(point.asOfOrEnd.description)
                    ORDER BY f.forecaster COLLATE "C", f.made_on, f.id
                    """) {
                    let (claim, forecaster, probability, madeOn, recorded) = try row.decode((String, String, Double, String, String).self)
                    guard let day = Day.parse(madeOn) else { throw StoreError.postgres("a forecast lacks the day it was made") }
                    byClaim[claim, default: []].append((forecaster, probability, day, try Timestamp.parse(stored: recorded)))
                }
                for facts in batch {
                    for f in byClaim[facts.claimID] ?? [] { try body(facts, f.0, f.1, f.2, f.3) }
                }
                batch.removeAll(keepingCapacity: true)
            }
            try eachFacts(filter, order: .id, at: point, withTags: withTags, bodyQueries: true) { facts in
                batch.append(facts)
                if batch.count == 500 { try flush() }
            }
            try flush()
        }
    }

    public func digest(_ id: ClaimID) throws -> String? {
        try read {
            let d = try Self.chainTail(id, asOf: nil, session)
            return d.isEmpty ? nil : d
        }
    }
}
