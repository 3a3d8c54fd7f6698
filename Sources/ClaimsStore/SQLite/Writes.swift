import ClaimsCore
import ClaimsLog
import Foundation
import GRDB

extension ClaimsDatabase {
    /// Logs a new claim with its first version, and its forecasts and resolution if given.
    @discardableResult
    public func add(_ claim: NewClaim, change: Change) throws -> ClaimID {
        try logged { db, context in try Self.add(claim, change: context.log.change(change), context, db) }
    }

    static func add(_ claim: NewClaim, change: Change, _ context: WriteContext, _ db: Database) throws -> ClaimID {
        var id = claim.id ?? ClaimID.random()
        if claim.id == nil {
            while try exists(id, db) { id = ClaimID.random() }
        } else if try exists(id, db) {
            throw StoreError.claimExists(id.rawValue)
        }
        try insertNew(claim, id: id, change: change, context, db)
        return id
    }

    /// Inserts a claim whose id is known to be free: its first version, forecasts and resolution.
    static func insertNew(_ claim: NewClaim, id: ClaimID, change: Change, _ context: WriteContext, _ db: Database) throws {
        var rows = NewClaimRows(SQLiteTarget(context, db))
        try rows.add(claim, id: id, change: change)
        try rows.insert()
    }

    @discardableResult
    public func add(_ fields: ClaimChange, id: ClaimID?, defaultSaidOn: Day, change: Change) throws -> ClaimID {
        try logged { db, context in
            let content = try fields.newContent(defaultSaidOn: defaultSaidOn) { key in try Self.latestSource(key: key, db) }
            return try Self.add(NewClaim(id: id, content: content), change: context.log.change(change), context, db)
        }
    }

    @discardableResult
    public func edit(_ id: ClaimID, _ fields: ClaimChange, change: Change) throws -> ClaimVersion {
        try logged { db, context in
            guard let current = try Self.currentVersion(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            let content = try fields.applied(to: current.content) { key in try Self.latestSource(key: key, db) }
            guard content != current.content else { throw StoreError.nothingChanged(id.rawValue) }
            let number = current.info.version + 1
            let change = try context.log.change(change).notBefore(current.info.recordedAt)
            try Self.insertVersion(id: id, number: number, content: content, change: change, context, db)
            return ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: change.at, author: change.author,
                                                          reason: change.reason), content: content)
        }
    }

    public func addForecast(_ id: ClaimID, _ forecast: Forecast, change: Change) throws {
        try logged { db, context in
            guard let claim = try Self.currentVersion(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            let change = try context.log.change(change)
            let resolved = try Self.hasOutcome(id, db)
            try forecast.check(on: claim.content, resolved: resolved, today: change.at.day)
            try Self.insertForecast(id: id, forecast, change: change, context, db)
        }
    }

    @discardableResult
    public func resolve(_ id: ClaimID, _ resolution: Resolution, change: Change) throws -> ResolutionRevision {
        try logged { db, context in
            guard let claim = try Self.currentVersion(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            try resolution.check(on: claim.content)
            return try Self.insertResolution(id: id, resolution, change: context.log.change(change), context, db)
        }
    }

    public func copyIn(expecting head: Checkpoint, _ events: ((LogEvent) throws -> Void) throws -> Void) throws -> Int {
        try logged { db, context in
            var copy = try EventCopy(SQLiteTarget(context, db))
            try events { try copy.add($0) }
            try copy.finish(expecting: head)
            return copy.claims
        }
    }

    // MARK: - Statements

    static func exists(_ id: ClaimID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)"), arguments: [id.rawValue]) ?? false
    }

    static func hasOutcome(_ id: ClaimID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM resolutions WHERE claim_id = ?)"), arguments: [id.rawValue]) ?? false
    }

    /// The row of `source`, added if no row describes it so; from the transaction's context when
    /// it knows it (source rows are never changed or deleted, so an id found stays right).
    static func sourceRowID(_ source: Source, context: WriteContext, _ db: Database) throws -> Int64 {
        if let id = context.sources[source] { return id }
        // The same order as the columns of the INSERT below.
        let args: StatementArguments = [source.key, source.kind.rawValue, source.title, source.url, source.publisher,
                                        source.publishedOn?.description, source.language, Rows.jsonArray(source.people)]
        // The same expressions as the unique index sources_by_content, so that the lookup is one
        // seek of it (with `title IS ?` SQLite could use only key and kind, and read every row
        // of the key).
        if let id = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM sources WHERE key = ?1 AND kind = ?2 AND ifnull(title, char(0)) = ifnull(?3, char(0))
              AND ifnull(url, char(0)) = ifnull(?4, char(0)) AND ifnull(publisher, char(0)) = ifnull(?5, char(0))
              AND ifnull(published_on, char(0)) = ifnull(?6, char(0)) AND ifnull(language, char(0)) = ifnull(?7, char(0))
              AND people = ?8
            """), arguments: args) {
            context.sources[source] = id
            return id
        }
        try db.cachedStatement(sql: """
            INSERT INTO sources (key, kind, title, url, publisher, published_on, language, people)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: args)
        context.sources[source] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// The digest of the claim's last event recorded by `asOf` (all of them by default): the one
    /// no other event names as its previous. "" for a claim with no event.
    static func chainTail(_ id: ClaimID, asOf: String = "9999", _ db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT digest FROM (SELECT digest FROM claim_versions WHERE claim_id = ?1 AND recorded_at <= ?2
                                UNION ALL SELECT digest FROM resolutions WHERE claim_id = ?1 AND recorded_at <= ?2)
            WHERE digest NOT IN (SELECT prev_digest FROM claim_versions WHERE claim_id = ?1 AND recorded_at <= ?2
                                 UNION ALL SELECT prev_digest FROM resolutions WHERE claim_id = ?1 AND recorded_at <= ?2)
            LIMIT 1
            """), arguments: [id.rawValue, asOf]) ?? ""
    }

    /// Appends a version; returns its digest.
    @discardableResult
    static func insertVersion(id: ClaimID, number: Int, content c: ClaimContent, change: Change, _ context: WriteContext,
                              _ db: Database) throws -> String {
        try c.checkStorable()
        try change.checkStorable()
        var rows = NewClaimRows(SQLiteTarget(context, db))
        let sourceID = try c.source.map { try sourceRowID($0, context: context, db) }
        // Version 1 is always a claim's first event.
        let prev = number == 1 ? "" : try chainTail(id, db)
        let digest = rows.addVersion(id: id, number: number, content: c, change: change, sourceID: sourceID, prev: prev)
        try rows.insert()
        return digest
    }

    static func insertForecast(id: ClaimID, _ f: Forecast, change: Change, _ context: WriteContext, _ db: Database) throws {
        try f.checkStorable()
        try change.checkStorable()
        var rows = NewClaimRows(SQLiteTarget(context, db))
        try rows.addForecast(id: id, f, change: change)
        try rows.insert()
    }

    /// Appends a resolution revision after the claim's last one (if any) and its last event.
    static func insertResolution(id: ClaimID, _ r: Resolution, change: Change, _ context: WriteContext, _ db: Database) throws -> ResolutionRevision {
        try r.checkStorable()
        try change.checkStorable()
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT revision, recorded_at FROM resolutions WHERE claim_id = ? ORDER BY revision DESC LIMIT 1
            """), arguments: [id.rawValue])
        let lastRevision = try row?.decode(Int.self, forColumn: "revision") ?? 0
        let lastRecorded = try row.map { try Rows.timestamp($0, "recorded_at") }
        let at = lastRecorded.map { max(change.at, $0) } ?? change.at
        let revision = ResolutionRevision(revision: lastRevision + 1, resolution: r, recordedAt: at, author: change.author)
        var rows = NewClaimRows(SQLiteTarget(context, db))
        rows.addResolution(id: id, revision, prev: try chainTail(id, db))
        try rows.insert()
        return revision
    }
}
