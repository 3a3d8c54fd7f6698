import ClaimsCore
import ClaimsLog
import Foundation
import GRDB

extension ClaimsDatabase {
    public func sync(dryRun: Bool, expectedClaims: Int?, reading next: () throws -> ImportPart?,
                     outcomes: ([ImportOutcome]) throws -> Void) throws {
        try sync(dryRun: dryRun, deferIndexing: nil, expectedClaims: expectedClaims, reading: next, outcomes: outcomes)
    }

    /// `deferIndexing`: whether the indexes `DeferredIndexing` names are built at the end (nil:
    /// when the import is large against the database, as `DeferredIndexing.pays` says).
    func sync(dryRun: Bool, deferIndexing: Bool?, expectedClaims: Int?, reading next: () throws -> ImportPart?,
              outcomes: ([ImportOutcome]) throws -> Void) throws {
        do {
            try pool.writeWithoutTransaction { db in
                // A bigger page cache (up to 32 MiB, used as needed) for imports: they touch pages
                // all over the claimant, window-end and tag indexes.
                try db.execute(sql: "PRAGMA cache_size = -32768")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                // Decided before the transaction (the count may move before it begins: that only
                // changes the speed). The sorts that build the indexes at the end then spill to
                // temporary files, not memory, so memory stays as it was however many claims came;
                // this cannot change inside a transaction.
                let deferring = try deferIndexing ?? DeferredIndexing.pays(expectedClaims: expectedClaims, db)
                if deferring { try db.execute(sql: "PRAGMA temp_store = FILE") }
                defer { if deferring { try? db.execute(sql: "PRAGMA temp_store = MEMORY") } }
                try db.inTransaction(.immediate) {
                    let context = try WriteContext(db)
                    let deferred = deferring ? try DeferredIndexing.begin(db) : nil
                    while let part = try next() {
                        // Which ids the database holds, asked per part: a part's claims may be
                        // claims an earlier part of the same import added.
                        var known = try Self.existingIDs(part.claims.compactMap(\.id), db)
                        try outcomes(Self.sync(part, change: context.log.change(part.change), known: &known, context, db))
                        // The part's log events are written now: nothing of a part is held after it.
                        try context.log.insert(db)
                    }
                    try deferred?.end(db)
                    try context.log.save(db)
                    return dryRun ? .rollback : .commit
                }
            }
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// One part, inside the transaction. `known` holds the ids the database has, and gains the
    /// ids added. Each claim's import mark (migration 0008) is written after it.
    static func sync(_ part: ImportPart, change: Change, known: inout Set<ClaimID>, _ context: WriteContext,
                     _ db: Database) throws -> [ImportOutcome] {
        var sync = PartSync(part, change: change, target: SQLiteTarget(context, db), unchanged: try unchangedSinceMarked(part, db))
        return try sync.run(known: &known) { claim, known in try Self.sync(claim, change: change, known: known, context, db) }
    }

    /// Which of the part's claims (by index) carry the input their import mark records, while
    /// their claim is in the state the mark records: looked up a few hundred at a time.
    static func unchangedSinceMarked(_ part: ImportPart, _ db: Database) throws -> Set<Int> {
        let byID = part.indexOfIDsNamedOnce
        let ids = Array(byID.keys)
        var found = Set<Int>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)].map(\.rawValue)
            let request: SQLRequest<Row> = """
                SELECT m.claim_id, m.input FROM import_marks m JOIN claim_heads h ON h.claim_id = m.claim_id
                WHERE m.claim_id IN \(chunk) AND h.version = m.version AND h.revision IS m.revision
                  AND m.forecasts = (SELECT count(*) FROM forecasts f WHERE f.claim_id = m.claim_id)
                """
            let cursor = try Row.fetchCursor(db, request)
            while let row = try cursor.next() {
                guard let id = try? ClaimID(row.decode(String.self, forColumn: "claim_id")), let i = byID[id] else { continue }
                if try row.decode(Data.self, forColumn: "input").elementsEqual(part.inputDigests[i]) { found.insert(i) }
            }
        }
        return found
    }

    /// Which of `ids` the database holds, asked a few hundred at a time.
    static func existingIDs(_ ids: [ClaimID], _ db: Database) throws -> Set<ClaimID> {
        var found = Set<ClaimID>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let sql = "SELECT id FROM claims WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
            for id in try String.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk.map(\.rawValue))) {
                found.insert(try ClaimID(id))
            }
        }
        return found
    }

    /// Brings one claim up to `claim`. `known` holds the ids the database has (checked in bulk
    /// before); a claim not among them is inserted as it is.
    /// What state an import left a claim in: its head version and resolution revision, and how
    /// many forecasts it has.
    static func sync(_ claim: NewClaim, change: Change, known: Set<ClaimID>, _ context: WriteContext, _ db: Database) throws
        -> (ImportOutcome, ImportStateAfter) {
        guard let id = claim.id, known.contains(id), let current = try currentVersion(id, db) else {
            let added: ClaimID
            if let id = claim.id { try insertNew(claim, id: id, change: change, context, db); added = id }
            else { added = try add(claim, change: change, context, db) }
            return (.added(claim, id: added), ImportStateAfter(version: 1, revision: claim.resolution == nil ? nil : 1, forecasts: claim.forecasts.count))
        }
        let recorded = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM forecasts WHERE claim_id = ?"), arguments: [id.rawValue])
            .map { try Rows.forecast($0).forecast }
        let latest = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Rows.resolutionColumns) FROM resolutions r WHERE r.claim_id = ? ORDER BY r.revision DESC LIMIT 1
            """), arguments: [id.rawValue]).flatMap(Rows.resolution)
        let plan = ImportOutcome.plan(claim, current: current.content, recordedForecasts: recorded,
                                      currentResolution: latest?.resolution)
        if let content = plan.newContent {
            try insertVersion(id: id, number: current.info.version + 1, content: content,
                              change: change.notBefore(current.info.recordedAt), context, db)
        }
        for f in plan.newForecasts { try insertForecast(id: id, f, change: change, context, db) }
        var revision = latest?.revision
        if let resolution = plan.newResolution { revision = try insertResolution(id: id, resolution, change: change, context, db).revision }
        return (plan.outcome(id), ImportStateAfter(version: current.info.version + (plan.newContent == nil ? 0 : 1), revision: revision,
                                             forecasts: recorded.count + plan.newForecasts.count))
    }
}

/// A large import into a small database builds four indexes and the full-text index once, at
/// its end, instead of row by row: inside the import's transaction they are dropped, the claims
/// written, then each index created again from its own stored definition (so that it is the
/// index as shipped, which `claims verify` checks) and the full-text index filled as migration
/// 0006 fills it. Nothing else changes, and a failed import leaves them as they were (the
/// transaction is rolled back). Measured at 100,000 claims into a new database: 10.0 s to 6.8 s
/// (BENCHMARKS.md).
struct DeferredIndexing {
    /// The indexes of versions and claims built at the end, and the trigger that keeps the
    /// full-text index.
    static let names = ["claim_versions_by_window_end", "claim_versions_by_claimant", "claim_versions_by_source",
                        "claims_by_created_at", "claim_search_follows_versions"]
    /// Their definitions as the file stores them, to create them again word for word.
    let definitions: [(type: String, sql: String)]

    /// Whether building at the end pays: at least 20,000 claims coming, at least twice as many
    /// as the database holds (building the indexes again reads every claim).
    static func pays(expectedClaims: Int?, _ db: Database) throws -> Bool {
        guard let expected = expectedClaims, expected >= 20_000 else { return false }
        let held = try Int.fetchOne(db, sql: "SELECT count(*) FROM claim_heads") ?? 0
        return expected >= 2 * held
    }

    static func begin(_ db: Database) throws -> DeferredIndexing? {
        var found: [String: (type: String, sql: String)] = [:]
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: "SELECT type, name, sql FROM sqlite_schema WHERE name IN \(names)"))
        while let row = try rows.next() {
            guard let sql = try row.decode(String?.self, forColumn: "sql") else { continue }
            found[try row.decode(String.self, forColumn: "name")] = (try row.decode(String.self, forColumn: "type"), sql)
        }
        // A schema without all of them (not one this program made) is written row by row.
        let definitions = names.compactMap { found[$0] }
        guard definitions.count == names.count,
              definitions.map(\.type) == Array(repeating: "index", count: names.count - 1) + ["trigger"] else { return nil }
        for (name, d) in zip(names, definitions) { try db.execute(sql: "DROP \(d.type == "trigger" ? "TRIGGER" : "INDEX") \(name)") }
        return DeferredIndexing(definitions: definitions)
    }

    func end(_ db: Database) throws {
        // A sort keeps in memory as much as the page cache holds before it spills to files:
        // a smaller cache while the indexes are built.
        try db.execute(sql: "PRAGMA cache_size = -8192")
        for d in definitions where d.type == "index" { try db.execute(sql: d.sql) }
        // The full-text index of the present: each claim's current version, numbered by id.
        try db.execute(sql: """
            DELETE FROM claim_search;
            DELETE FROM claim_search_rows;
            INSERT INTO claim_search_rows (claim_id, row) SELECT claim_id, row_number() OVER (ORDER BY claim_id) FROM claim_heads;
            INSERT INTO claim_search (rowid, statement, quote, criteria, notes)
            SELECT r.row, v.statement, v.quote, v.criteria, v.notes FROM claim_heads h
            CROSS JOIN claim_search_rows r ON r.claim_id = h.claim_id
            JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version;
            """)
        for d in definitions where d.type == "trigger" { try db.execute(sql: d.sql) }
    }
}
