import ClaimsCore
import Foundation
import GRDB

/// A claim to add: its content, and optionally an id, forecasts and a resolution.
public struct NewClaim: Sendable {
    public var id: ClaimID?
    public var content: ClaimContent
    public var forecasts: [Forecast]
    public var resolution: Resolution?

    public init(id: ClaimID? = nil, content: ClaimContent, forecasts: [Forecast] = [], resolution: Resolution? = nil) {
        self.id = id
        self.content = content
        self.forecasts = forecasts
        self.resolution = resolution
    }
}

extension ClaimsDatabase {
    /// Logs a new claim with its first version, and its forecasts and resolution if given.
    @discardableResult
    public func add(_ claim: NewClaim, change: Change) throws -> ClaimID {
        try write { db in try Self.add(claim, change: change, db) }
    }

    static func add(_ claim: NewClaim, change: Change, _ db: Database) throws -> ClaimID {
        var id = claim.id ?? ClaimID.random()
        if claim.id == nil {
            while try exists(id, db) { id = ClaimID.random() }
        } else if try exists(id, db) {
            throw StoreError.claimExists(id.rawValue)
        }
        try insertNew(claim, id: id, change: change, db)
        return id
    }

    /// Inserts a claim whose id is known to be free: its first version, forecasts and resolution.
    static func insertNew(_ claim: NewClaim, id: ClaimID, change: Change, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO claims (id, created_at) VALUES (?, ?)")
            .execute(arguments: [id.rawValue, change.at.description])
        try insertVersion(id: id, number: 1, content: claim.content, change: change, db)
        for forecast in claim.forecasts { try insertForecast(id: id, forecast, change: change, db) }
        if let resolution = claim.resolution { _ = try insertResolution(id: id, resolution, change: change, db) }
    }

    /// Appends a new version made by `transform` from the current one. Refuses a change that
    /// changes nothing. Read and write happen in one IMMEDIATE transaction.
    @discardableResult
    public func edit(_ id: ClaimID, change: Change,
                     _ transform: (ClaimContent) throws -> ClaimContent) throws -> ClaimVersion {
        try write { db in
            guard let current = try Self.currentVersion(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            let content = try transform(current.content)
            guard content != current.content else { throw StoreError.nothingChanged(id.rawValue) }
            let number = current.info.version + 1
            let at = max(change.at, current.info.recordedAt)
            let change = Change(author: change.author, at: at, reason: change.reason)
            try Self.insertVersion(id: id, number: number, content: content, change: change, db)
            return ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: at, author: change.author,
                                                          reason: change.reason), content: content)
        }
    }

    public func addForecast(_ id: ClaimID, _ forecast: Forecast, change: Change) throws {
        try write { db in
            guard try Self.exists(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            try Self.insertForecast(id: id, forecast, change: change, db)
        }
    }

    /// Records an outcome; if the claim has one, appends a new revision that amends it.
    @discardableResult
    public func resolve(_ id: ClaimID, _ resolution: Resolution, change: Change) throws -> ResolutionRevision {
        try write { db in
            guard try Self.exists(id, db) else { throw StoreError.unknownClaim(id.rawValue) }
            return try Self.insertResolution(id: id, resolution, change: change, db)
        }
    }

    // MARK: - Statements

    static func exists(_ id: ClaimID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)"), arguments: [id.rawValue]) ?? false
    }

    static func sourceRowID(_ source: Source, _ db: Database) throws -> Int64 {
        let args: StatementArguments = [source.key, source.kind.rawValue, source.title, source.url, source.publisher,
                                        source.publishedOn?.description, source.language, Rows.jsonArray(source.people)]
        if let id = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM sources WHERE key = ? AND kind = ? AND title IS ? AND url IS ? AND publisher IS ?
              AND published_on IS ? AND language IS ? AND people = ?
            """), arguments: args) {
            return id
        }
        try db.cachedStatement(sql: """
            INSERT INTO sources (key, kind, title, url, publisher, published_on, language, people)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: args)
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

    static func insertVersion(id: ClaimID, number: Int, content c: ClaimContent, change: Change, _ db: Database) throws {
        let sourceID = try c.source.map { try sourceRowID($0, db) }
        // Version 1 is always a claim's first event.
        let prev = number == 1 ? "" : try chainTail(id, db)
        let digest = HashChain.versionDigest(ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: change.at, author: change.author,
                                                                                     reason: change.reason), content: c), prev: prev)
        try db.cachedStatement(sql: """
            INSERT INTO claim_versions (claim_id, version, recorded_at, author, reason, statement, claimant, said_on,
                source_id, quote, location, criteria, window_start, window_end, window_phrase, window_rule,
                confidence_words, stated_probability, notes, prev_digest, digest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id.rawValue, number, change.at.description, change.author, change.reason, c.statement.value,
                c.claimant.value, c.saidOn.description, sourceID, c.quote, c.location, c.criteria,
                c.window?.start.description, c.window?.end.description, c.window?.phrase, c.window?.rule,
                c.confidence.words, c.confidence.stated?.value, c.notes, prev, digest,
            ])
        for tag in c.tags {
            try db.cachedStatement(sql: "INSERT INTO claim_tags (claim_id, version, tag) VALUES (?, ?, ?)")
                .execute(arguments: [id.rawValue, number, tag])
        }
        for t in c.translations {
            try db.cachedStatement(sql: """
                INSERT INTO claim_translations (claim_id, version, language, statement, quote, location)
                VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id.rawValue, number, t.language, t.statement, t.quote, t.location])
        }
    }

    static func insertForecast(id: ClaimID, _ f: Forecast, change: Change, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO forecasts (claim_id, forecaster, probability, made_on, note, recorded_at, author)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id.rawValue, f.forecaster.value, f.probability.value, f.madeOn.description, f.note,
                             change.at.description, change.author])
    }

    static func insertResolution(id: ClaimID, _ r: Resolution, change: Change, _ db: Database) throws -> ResolutionRevision {
        let last = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT revision, recorded_at FROM resolutions WHERE claim_id = ? ORDER BY revision DESC LIMIT 1
            """), arguments: [id.rawValue])
        let number = (last?["revision"] as Int? ?? 0) + 1
        var at = change.at
        if let last { at = max(at, try Rows.timestamp(last, "recorded_at")) }
        let revision = ResolutionRevision(revision: number, resolution: r, recordedAt: at, author: change.author)
        let prev = try chainTail(id, db)
        try db.cachedStatement(sql: """
            INSERT INTO resolutions (claim_id, revision, outcome, settled_on, evidence, note, recorded_at, author, prev_digest, digest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id.rawValue, number, r.outcome.rawValue, r.settledOn.description,
                             Rows.jsonArray(r.evidence), r.note, at.description, change.author, prev,
                             HashChain.resolutionDigest(claim: id, revision, prev: prev)])
        return revision
    }
}
