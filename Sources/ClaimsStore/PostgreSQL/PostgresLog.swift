import ClaimsCore
import ClaimsLog
import Foundation
import PostgresNIO

extension PostgresStore {
    public func logHead() throws -> Checkpoint {
        try read { try Self.logHead(session) }
    }

    static func logHead(_ session: PostgresSession) throws -> Checkpoint {
        guard let origin = try session.rows("SELECT origin FROM log_origin").first?.decode(String.self) else {
            throw StoreError.postgres("the log has no origin (log_origin is empty); `claims verify` checks the database")
        }
        let head = try storedHead(session)
        return Checkpoint(origin: origin, size: head.size, root: head.root)
    }

    static func storedHead(_ session: PostgresSession) throws -> Frontier {
        guard let row = try session.rows("SELECT size, frontier FROM log_head WHERE id = 1").first else { throw StoreError.damagedLogHead }
        let (size, bytes) = try row.decode((Int, ByteBuffer).self)
        guard let frontier = Frontier(size: size, bytes: Array(buffer: bytes)) else { throw StoreError.damagedLogHead }
        return frontier
    }

    /// Streams the stored leaf hashes of `range`, in order.
    static func leaves(_ range: Range<Int>, _ session: PostgresSession, _ body: (LogHash) throws -> Void) throws {
        guard !range.isEmpty else { return }
        var expected = range.lowerBound
        for row in try session.rows("""
            SELECT first_seq, count, leaves FROM log_batches
            WHERE first_seq < \(range.upperBound)
              AND first_seq >= coalesce((SELECT max(first_seq) FROM log_batches WHERE first_seq <= \(range.lowerBound)), 0)
            ORDER BY first_seq
            """) {
            let (first, count, blob) = try row.decode((Int, Int, ByteBuffer).self)
            let bytes = Array(buffer: blob)
            guard first <= expected, bytes.count == 32 * count else {
                throw StoreError.postgres("log event \(expected) is missing or damaged; `claims verify` checks the database")
            }
            var i = expected - first
            while i < count && expected < range.upperBound {
                guard let leaf = LogHash(bytes: Array(bytes[32 * i ..< 32 * i + 32])) else { break }
                try body(leaf)
                expected += 1
                i += 1
            }
        }
        guard expected == range.upperBound else { throw StoreError.postgres("the log ends at event \(expected), before \(range.upperBound)") }
    }

    /// Every event the log names, in order: its number, what it is, and its stored leaf.
    static func loggedEvents(_ session: PostgresSession, _ body: (_ seq: Int, _ kind: String, _ claim: String, _ number: Int64, _ leaf: LogHash?) throws -> Void) throws {
        try loggedBatches(session) { events in
            for e in events { try body(e.seq, e.kind, e.claim, e.number, e.leaf) }
        }
    }

    /// One event as the log names it: its sequence number, kind, claim, number and stored leaf.
    typealias LoggedEvent = (seq: Int, kind: String, claim: String, number: Int64, leaf: LogHash?)

    /// The log's events in order, a row of log_batches (up to 4,096 events) at a time.
    static func loggedBatches(_ session: PostgresSession, _ body: ([LoggedEvent]) throws -> Void) throws {
        try session.cursor("SELECT first_seq, leaves, events FROM log_batches ORDER BY first_seq", batch: 64) { row in
            let (first, blob, events) = try row.decode((Int, ByteBuffer, String).self)
            let bytes = Array(buffer: blob)
            guard let list = try? JSONSerialization.jsonObject(with: Data(events.utf8)) as? [[Any]] else {
                throw StoreError.postgres("log batch \(first) does not say what its events are; `claims verify` checks the database")
            }
            try body(list.enumerated().map { i, e in
                let leaf = bytes.count >= 32 * (i + 1) ? LogHash(bytes: Array(bytes[32 * i ..< 32 * i + 32])) : nil
                return (first + i, e.first as? String ?? "", e.count > 1 ? e[1] as? String ?? "" : "",
                        e.count > 2 ? (e[2] as? NSNumber)?.int64Value ?? 0 : 0, leaf)
            })
        }
    }

    /// What names one event: its kind, its claim, and its number (version, forecast id or
    /// revision).
    private struct EventKey: Hashable {
        let kind: LogEvent.Kind
        let claim: String
        let number: Int64
    }

    /// The events a log batch names, each read from its own table (nil where it is missing, or
    /// where the log names no known kind or no valid claim), in the batch's order: three queries
    /// for the whole batch, each matching both the claim and the number.
    static func events(_ logged: [LoggedEvent], _ session: PostgresSession) throws -> [LogEvent?] {
        let keys: [EventKey?] = logged.map { e in
            guard let kind = LogEvent.Kind(rawValue: e.kind), (try? ClaimID(e.claim)) != nil else { return nil }
            return EventKey(kind: kind, claim: e.claim, number: e.number)
        }
        func named(_ kind: LogEvent.Kind) -> (claims: [String], numbers: [Int64]) {
            let wanted = keys.compactMap { $0 }.filter { $0.kind == kind }
            return (wanted.map(\.claim), wanted.map(\.number))
        }
        var found: [EventKey: LogEvent] = [:]
        let versions = named(.version), forecasts = named(.forecast), resolutions = named(.resolution)
        if !versions.claims.isEmpty {
            for row in try session.rows("""
                SELECT \(unescaped: PostgresRead.versionColumns) FROM \(unescaped: PostgresRead.versionJoin)
                JOIN unnest(\(versions.claims)::text[], \(versions.numbers)::int8[]) AS k(claim_id, version)
                  ON v.claim_id = k.claim_id AND v.version = k.version
                """) {
                let version = try PostgresRead.claimVersion(PostgresColumns(row))
                found[EventKey(kind: .version, claim: version.id.rawValue, number: Int64(version.info.version))] = .version(version)
            }
        }
        if !forecasts.claims.isEmpty {
            for row in try session.rows("""
                SELECT \(unescaped: PostgresRead.forecastColumns) FROM forecasts f
                JOIN unnest(\(forecasts.claims)::text[], \(forecasts.numbers)::int8[]) AS k(claim_id, id)
                  ON f.claim_id = k.claim_id AND f.id = k.id
                """) {
                let c = PostgresColumns(row)
                let claim = try c.required("claim_id")
                found[EventKey(kind: .forecast, claim: claim, number: Int64(try c.int("id") ?? 0))] = .forecast(claim: try ClaimID(claim), try PostgresRead.forecast(c))
            }
        }
        if !resolutions.claims.isEmpty {
            for row in try session.rows("""
                SELECT r.claim_id AS r_claim_id, \(unescaped: PostgresRead.resolutionColumns) FROM resolutions r
                JOIN unnest(\(resolutions.claims)::text[], \(resolutions.numbers)::int8[]) AS k(claim_id, revision)
                  ON r.claim_id = k.claim_id AND r.revision = k.revision
                """) {
                let c = PostgresColumns(row)
                guard let revision = try PostgresRead.resolution(c) else { continue }
                let claim = try c.required("r_claim_id")
                found[EventKey(kind: .resolution, claim: claim, number: Int64(revision.revision))] = .resolution(claim: try ClaimID(claim), revision)
            }
        }
        return keys.map { $0.flatMap { found[$0] } }
    }

    public func consistencyProof(from size: Int) throws -> (head: Checkpoint, proof: [LogHash]) {
        try read {
            let head = try Self.logHead(session)
            guard size <= head.size else { throw LogError.checkpointLargerThanLog(checkpoint: size, log: head.size) }
            let proof = try Merkle.consistencyProof(first: size, second: head.size) { range, body in try Self.leaves(range, session, body) }
            return (head, proof)
        }
    }

    public func inclusionProofs(_ id: ClaimID, treeSize: Int?) throws -> (head: Checkpoint, events: [(seq: Int, event: LogEvent, proof: [LogHash])]) {
        try read {
            try InclusionProofs.of(head: Self.logHead(session), treeSize: treeSize, leaves: { range, body in try Self.leaves(range, session, body) }) { size in
                let rows = try session.rows("""
                    SELECT b.first_seq + e.n - 1 AS seq, e.value ->> 0 AS kind, (e.value ->> 2)::int8 AS number
                    FROM log_batches b, json_array_elements(b.events::json) WITH ORDINALITY AS e(value, n)
                    WHERE e.value ->> 1 = \(id.rawValue) AND b.first_seq + e.n - 1 < \(size) ORDER BY seq
                    """)
                guard !rows.isEmpty else { throw StoreError.unknownClaim(id.rawValue) }
                let logged: [LoggedEvent] = try rows.map { row in
                    let (seq, kind, number) = try row.decode((Int, String, Int64).self)
                    return (seq, kind, id.rawValue, number, nil)
                }
                return try zip(logged, Self.events(logged, session)).map { e, event in
                    guard let event else {
                        throw StoreError.postgres("log event \(e.seq) names a row that is not there; `claims verify` checks the database")
                    }
                    return (e.seq, event)
                }
            }
        }
    }

    public func logEvents(_ body: (_ seq: Int, _ event: LogEvent?, _ storedLeaf: LogHash?) throws -> Void) throws {
        try read {
            try Self.loggedBatches(session) { logged in
                for (e, event) in zip(logged, try Self.events(logged, session)) { try body(e.seq, event, e.leaf) }
            }
        }
    }

    // MARK: - verify

    /// Every claim's hash chain and every log leaf recomputed, the index of the present checked
    /// against the history, and the schema's triggers present and enabled.
    public func verify() throws -> VerifyReport {
        try read {
            var report = VerifyReport()
            report.engineChecks = "PostgreSQL checks CHECKs, keys and what each row names as it writes; the index of words holds each version's words"
            for row in try session.rows("""
                SELECT c.id FROM claims c LEFT JOIN claim_heads h ON h.claim_id = c.id
                WHERE h.claim_id IS NULL
                   OR h.version IS DISTINCT FROM (SELECT max(version) FROM claim_versions WHERE claim_id = c.id)
                   OR h.revision IS DISTINCT FROM (SELECT max(revision) FROM resolutions WHERE claim_id = c.id)
                """) {
                report.breaks.append(ChainBreak(claim: try row.decode(String.self), event: "",
                                                problem: "the index of its current version (claim_heads) disagrees with its history"))
            }
            // What the statement triggers of 0002 refuse as rows are written, checked again over
            // the whole database (their owner can disable them): rows naming a claim, version or
            // source that does not exist, and numbers with gaps.
            for row in try session.rows("""
                SELECT * FROM (
                    SELECT 'claim_versions' AS t, claim_id AS id FROM claim_versions x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = x.claim_id)
                    UNION ALL SELECT 'claim_versions', claim_id FROM claim_versions x
                        WHERE x.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = x.source_id)
                    UNION ALL SELECT 'claim_tags', claim_id FROM claim_tags x
                        WHERE NOT EXISTS (SELECT 1 FROM claim_versions v WHERE v.claim_id = x.claim_id AND v.version = x.version)
                    UNION ALL SELECT 'claim_translations', claim_id FROM claim_translations x
                        WHERE NOT EXISTS (SELECT 1 FROM claim_versions v WHERE v.claim_id = x.claim_id AND v.version = x.version)
                    UNION ALL SELECT 'claim_words', claim_id FROM claim_words x
                        WHERE NOT EXISTS (SELECT 1 FROM claim_versions v WHERE v.claim_id = x.claim_id AND v.version = x.version)
                    UNION ALL SELECT 'forecasts', claim_id FROM forecasts x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = x.claim_id)
                    UNION ALL SELECT 'resolutions', claim_id FROM resolutions x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = x.claim_id)
                    UNION ALL SELECT 'claim_heads', claim_id FROM claim_heads x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = x.claim_id)
                    UNION ALL SELECT 'import_marks', claim_id FROM import_marks x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = x.claim_id)
                ) orphans LIMIT 1000
                """) {
                let (table, claim) = try row.decode((String, String).self)
                report.breaks.append(ChainBreak(claim: claim, event: "", problem: "a row of \(table) names a claim, version or source that does not exist"))
            }
            for row in try session.rows("""
                SELECT 'versions', claim_id FROM claim_versions GROUP BY claim_id HAVING max(version) <> count(*)
                UNION ALL SELECT 'resolution revisions', claim_id FROM resolutions GROUP BY claim_id HAVING max(revision) <> count(*)
                LIMIT 1000
                """) {
                let (what, claim) = try row.decode((String, String).self)
                report.breaks.append(ChainBreak(claim: claim, event: "", problem: "its \(what) are not numbered 1, 2, 3 … without a gap"))
            }
            for row in try session.rows("""
                SELECT c.id FROM claims c LEFT JOIN claim_versions v ON v.claim_id = c.id AND v.version = 1
                WHERE v.recorded_at IS DISTINCT FROM c.created_at
                """) {
                report.breaks.append(ChainBreak(claim: try row.decode(String.self), event: "",
                                                problem: "its created_at is not the time its first version was recorded"))
            }
            report.triggers = try triggerChanges()
            var check = LogCheck()
            try Self.loggedBatches(session) { logged in
                for (e, found) in zip(logged, try Self.events(logged, session)) {
                    check.add(seq: e.seq, kind: e.kind, claim: e.claim, number: e.number, stored: e.leaf, event: found)
                }
            }
            report.logSize = check.frontier.size
            report.logRoot = check.frontier.root
            for row in try session.rows("""
                WITH logged AS (SELECT e.value ->> 0 AS kind FROM log_batches b, json_array_elements(b.events::json) e)
                SELECT 'claim version', (SELECT count(*) FROM claim_versions), (SELECT count(*) FROM logged WHERE kind = 'version')
                UNION ALL SELECT 'forecast', (SELECT count(*) FROM forecasts), (SELECT count(*) FROM logged WHERE kind = 'forecast')
                UNION ALL SELECT 'resolution revision', (SELECT count(*) FROM resolutions), (SELECT count(*) FROM logged WHERE kind = 'resolution')
                """) {
                let (what, rows, logged) = try row.decode((String, Int, Int).self)
                check.compare(what: what, rows: rows, logged: logged)
            }
            if try Self.storedHead(session) != check.frontier { check.problem("the log's head (log_head) disagrees with its events") }
            report.log = check.problems
            // Each claim's chain: its versions, then its resolution revisions, read a thousand
            // claims at a time.
            var chunk: [String] = []
            func checkChunk() throws {
                guard !chunk.isEmpty else { return }
                var versions: [String: [ChainCheck.Event]] = [:], resolutions: [String: [ChainCheck.Event]] = [:]
                for row in try session.rows("""
                    SELECT \(unescaped: PostgresRead.versionColumns), v.prev_digest, v.digest,
                           w.words AS indexed_words, CASE WHEN w.claim_id IS NULL THEN 0 ELSE 1 END AS has_words
                    FROM \(unescaped: PostgresRead.versionJoin) LEFT JOIN claim_words w ON w.claim_id = v.claim_id AND w.version = v.version
                    WHERE v.claim_id = ANY(\(chunk)) ORDER BY v.claim_id, v.version
                    """) {
                    let c = PostgresColumns(row)
                    let version = try PostgresRead.claimVersion(c)
                    let raw = version.id.rawValue
                    let prev = try c.required("prev_digest"), digest = try c.required("digest")
                    versions[raw, default: []].append(("version \(version.info.version)", prev, digest, ChainCheck.intact(version, prev: prev, digest: digest)))
                    // The index of words holds what this program reads in the version's text: a
                    // version indexed otherwise (another reading of words, or a row written by
                    // hand) could be missed by --search.
                    let expected = TableRows.Words(id: version.id, number: version.info.version, content: version.content).words
                    if try c.int("has_words") != 1 || c.text("indexed_words") != expected {
                        report.breaks.append(ChainBreak(claim: raw, event: "version \(version.info.version)",
                                                        problem: "its words in the index of words (claim_words) are not those of its text, so --search may miss it"))
                    }
                }
                for row in try session.rows("""
                    SELECT r.claim_id AS r_claim_id, \(unescaped: PostgresRead.resolutionColumns), r.prev_digest, r.digest FROM resolutions r
                    WHERE r.claim_id = ANY(\(chunk)) ORDER BY r.claim_id, r.revision
                    """) {
                    let c = PostgresColumns(row)
                    guard let revision = try PostgresRead.resolution(c) else { continue }
                    let raw = try c.required("r_claim_id")
                    let prev = try c.required("prev_digest"), digest = try c.required("digest")
                    resolutions[raw, default: []].append(("resolution \(revision.revision)", prev, digest,
                                                          ChainCheck.intact(revision, claim: try ClaimID(raw), prev: prev, digest: digest)))
                }
                for raw in chunk {
                    let events = versions[raw, default: []] + resolutions[raw, default: []]
                    report.events += events.count
                    report.breaks += ChainCheck.breaks(claim: raw, events)
                }
                chunk.removeAll(keepingCapacity: true)
            }
            try session.cursor("SELECT id FROM claims ORDER BY id") { row in
                let raw = try row.decode(String.self)
                _ = try ClaimID(raw)
                report.claims += 1
                chunk.append(raw)
                if chunk.count == 1000 { try checkChunk() }
            }
            try checkChunk()
            return report
        }
    }

    /// The triggers the migrations leave, by name, that are missing or disabled, and those added.
    func triggerChanges() throws -> [String] {
        // Each migration's CREATE TRIGGER and DROP TRIGGER statements, in order.
        var shipped: Set<String> = []
        for line in Self.migrations.flatMap({ $0.sql.split(separator: "\n") }) {
            for (statement, creates) in [("CREATE TRIGGER ", true), ("DROP TRIGGER ", false)] where line.hasPrefix(statement) {
                guard let name = line.dropFirst(statement.count).split(separator: " ").first.map(String.init) else { continue }
                if creates { shipped.insert(name) } else { shipped.remove(name) }
            }
        }
        var present: [String: String] = [:]
        for row in try session.rows("""
            SELECT t.tgname, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()
            """) {
            let (name, enabled) = try row.decode((String, String).self)
            present[name] = enabled
        }
        var changes: [String] = []
        for name in shipped.sorted() {
            switch present[name] {
            case nil: changes.append("the trigger \(name) is missing")
            case "D"?: changes.append("the trigger \(name) is disabled")
            default: break
            }
        }
        for name in present.keys.sorted() where !shipped.contains(name) { changes.append("the trigger \(name) was added") }
        return changes
    }
}
