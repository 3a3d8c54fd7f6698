import ClaimsCore
import ClaimsLog
import Foundation
import PostgresNIO

extension PostgresStore {
    @discardableResult
    public func add(_ claim: NewClaim, change: Change) throws -> ClaimID {
        try logged { target in try Self.add(claim, change: target.log.change(change), target) }
    }

    static func add(_ claim: NewClaim, change: Change, _ target: PostgresTarget) throws -> ClaimID {
        var id = claim.id ?? ClaimID.random()
        if claim.id == nil {
            while try exists(id, target.session) { id = ClaimID.random() }
        } else if try exists(id, target.session) {
            throw StoreError.claimExists(id.rawValue)
        }
        var rows = NewClaimRows(target)
        try rows.add(claim, id: id, change: change)
        try rows.insert()
        return id
    }

    @discardableResult
    public func add(_ fields: ClaimChange, id: ClaimID?, defaultSaidOn: Day, change: Change) throws -> ClaimID {
        try logged { target in
            let content = try fields.newContent(defaultSaidOn: defaultSaidOn) { key in try Self.latestSource(key: key, target.session) }
            return try Self.add(NewClaim(id: id, content: content), change: target.log.change(change), target)
        }
    }

    @discardableResult
    public func edit(_ id: ClaimID, _ fields: ClaimChange, change: Change) throws -> ClaimVersion {
        try logged { target in
            guard let current = try Self.currentVersion(id, target.session) else { throw StoreError.unknownClaim(id.rawValue) }
            let content = try fields.applied(to: current.content) { key in try Self.latestSource(key: key, target.session) }
            guard content != current.content else { throw StoreError.nothingChanged(id.rawValue) }
            let number = current.info.version + 1
            let change = try target.log.change(change).notBefore(current.info.recordedAt)
            try Self.insertVersion(id: id, number: number, content: content, change: change, target)
            return ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: change.at, author: change.author,
                                                          reason: change.reason), content: content)
        }
    }

    public func addForecast(_ id: ClaimID, _ forecast: Forecast, change: Change) throws {
        try logged { target in
            guard let claim = try Self.currentVersion(id, target.session) else { throw StoreError.unknownClaim(id.rawValue) }
            let change = try target.log.change(change)
            let resolved = try !target.session.rows("SELECT 1 FROM resolutions WHERE claim_id = \(id.rawValue) LIMIT 1").isEmpty
            try forecast.check(on: claim.content, resolved: resolved, today: change.at.day)
            try Self.insertForecast(id: id, forecast, change: change, target)
        }
    }

    @discardableResult
    public func resolve(_ id: ClaimID, _ resolution: Resolution, change: Change) throws -> ResolutionRevision {
        try logged { target in
            guard let claim = try Self.currentVersion(id, target.session) else { throw StoreError.unknownClaim(id.rawValue) }
            try resolution.check(on: claim.content)
            return try Self.insertResolution(id: id, resolution, change: target.log.change(change), target)
        }
    }

    public func sync(dryRun: Bool, expectedClaims: Int?, reading next: () throws -> ImportPart?,
                     outcomes: ([ImportOutcome]) throws -> Void) throws {
        struct DryRun: Error {}
        do {
            try logged { target in
                while let part = try next() {
                    try outcomes(Self.sync(part, change: target.log.change(part.change), target))
                }
                // A dry run is rolled back: nothing of it is kept. Its writes are waited for
                // first, so that one the database refuses is reported, as in a real import.
                if dryRun {
                    try target.session.waitForWrites()
                    throw DryRun()
                }
            }
        } catch is DryRun {}
    }

    /// One part, inside the transaction (`PartSync`).
    static func sync(_ part: ImportPart, change: Change, _ target: PostgresTarget) throws -> [ImportOutcome] {
        var known = try existingIDs(part.claims.compactMap(\.id), target.session)
        var sync = PartSync(part, change: change, target: target, unchanged: try unchangedSinceMarked(part, target.session))
        return try sync.run(known: &known) { claim, _ in try Self.sync(claim, change: change, target) }
    }

    static func existingIDs(_ ids: [ClaimID], _ session: PostgresSession) throws -> Set<ClaimID> {
        var found = Set<ClaimID>()
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(ids.count, start + 1000)].map(\.rawValue)
            for row in try session.rows("SELECT id FROM claims WHERE id = ANY(\(chunk))") {
                if let c = try? ClaimID(row.decode(String.self)) { found.insert(c) }
            }
        }
        return found
    }

    /// Which of the part's claims (by index) carry the input their import mark records, while
    /// their claim is in the state the mark records (a claim named twice in the part is compared
    /// field by field each time).
    static func unchangedSinceMarked(_ part: ImportPart, _ session: PostgresSession) throws -> Set<Int> {
        let byID = part.indexOfIDsNamedOnce
        let ids = Array(byID.keys)
        var found = Set<Int>()
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(start + 1000, ids.count)].map(\.rawValue)
            for row in try session.rows("""
                SELECT m.claim_id, m.input FROM import_marks m JOIN claim_heads h ON h.claim_id = m.claim_id
                WHERE m.claim_id = ANY(\(chunk)) AND h.version = m.version AND h.revision IS NOT DISTINCT FROM m.revision
                  AND m.forecasts = (SELECT count(*) FROM forecasts f WHERE f.claim_id = m.claim_id)
                """) {
                let (raw, input) = try row.decode((String, ByteBuffer).self)
                guard let id = try? ClaimID(raw), let i = byID[id] else { continue }
                if Array(buffer: input) == part.inputDigests[i] { found.insert(i) }
            }
        }
        return found
    }

    /// Brings one claim up to `claim`; returns what was done and the state it left the claim in.
    static func sync(_ claim: NewClaim, change: Change, _ target: PostgresTarget) throws -> (ImportOutcome, ImportStateAfter) {
        guard let id = claim.id, let current = try currentVersion(id, target.session) else {
            let added = try add(claim, change: change, target)
            return (.added(claim, id: added),
                    .init(version: 1, revision: claim.resolution == nil ? nil : 1, forecasts: claim.forecasts.count))
        }
        let recorded = try forecasts(id, asOf: nil, target.session).map(\.forecast)
        let latest = try latestResolution(id, asOf: nil, target.session)
        let plan = ImportOutcome.plan(claim, current: current.content, recordedForecasts: recorded, currentResolution: latest?.resolution)
        if let content = plan.newContent {
            try insertVersion(id: id, number: current.info.version + 1, content: content,
                              change: change.notBefore(current.info.recordedAt), target)
        }
        for f in plan.newForecasts { try insertForecast(id: id, f, change: change, target) }
        var revision = latest?.revision
        if let resolution = plan.newResolution { revision = try insertResolution(id: id, resolution, change: change, target).revision }
        return (plan.outcome(id), .init(version: current.info.version + (plan.newContent == nil ? 0 : 1), revision: revision,
                                        forecasts: recorded.count + plan.newForecasts.count))
    }

    public func copyIn(expecting head: Checkpoint, _ events: ((LogEvent) throws -> Void) throws -> Void) throws -> Int {
        try logged { target in
            var copy = try EventCopy(target)
            try events { try copy.add($0) }
            try copy.finish(expecting: head)
            return copy.claims
        }
    }

    // MARK: - Statements

    static func exists(_ id: ClaimID, _ session: PostgresSession) throws -> Bool {
        try !session.rows("SELECT 1 FROM claims WHERE id = \(id.rawValue)").isEmpty
    }

    static func insertVersion(id: ClaimID, number: Int, content c: ClaimContent, change: Change, _ target: PostgresTarget) throws {
        try c.checkStorable()
        try change.checkStorable()
        var rows = NewClaimRows(target)
        let sourceID = try c.source.map { try target.sourceRowID($0) }
        let prev = number == 1 ? "" : try chainTail(id, asOf: nil, target.session)
        rows.addVersion(id: id, number: number, content: c, change: change, sourceID: sourceID, prev: prev)
        try rows.insert()
    }

    static func insertForecast(id: ClaimID, _ f: Forecast, change: Change, _ target: PostgresTarget) throws {
        try f.checkStorable()
        try change.checkStorable()
        var rows = NewClaimRows(target)
        try rows.addForecast(id: id, f, change: change)
        try rows.insert()
    }

    static func insertResolution(id: ClaimID, _ r: Resolution, change: Change, _ target: PostgresTarget) throws -> ResolutionRevision {
        try r.checkStorable()
        try change.checkStorable()
        let last = try latestResolution(id, asOf: nil, target.session)
        let at = last.map { max(change.at, $0.recordedAt) } ?? change.at
        let revision = ResolutionRevision(revision: (last?.revision ?? 0) + 1, resolution: r, recordedAt: at, author: change.author)
        var rows = NewClaimRows(target)
        rows.addResolution(id: id, revision, prev: try chainTail(id, asOf: nil, target.session))
        try rows.insert()
        return revision
    }
}
