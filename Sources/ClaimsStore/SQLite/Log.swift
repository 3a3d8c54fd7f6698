import ClaimsCore
import ClaimsLog
import Foundation
import GRDB

/// The log as one write transaction appends to it: the tree's right edge, the next event number,
/// and the time of the last event (no event is recorded earlier than the one before it, so the
/// log's order and its times agree). Loaded when the transaction starts, saved when it ends.
final class LogAppender {
    private(set) var frontier: Frontier
    /// Stored text ("" before the first event), and the same moment for comparisons.
    private(set) var lastRecordedAt: String
    private var lastMoment: Timestamp?
    private var pending = PendingRows(TableRows.log)
    private var changed = false

    init(_ db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, frontier, last_recorded_at FROM log_head WHERE id = 1")),
              let frontier = Frontier(size: try row.decode(Int.self, forColumn: "size"),
                                      bytes: Array(try row.decode(Data.self, forColumn: "frontier")))
        else { throw StoreError.sqlite("the log's head (log_head) is missing or damaged; `claims verify` checks the file") }
        self.frontier = frontier
        lastRecordedAt = try row.decode(String.self, forColumn: "last_recorded_at")
        lastMoment = lastRecordedAt.isEmpty ? nil : try Timestamp.parse(stored: lastRecordedAt)
    }

    /// `change`, recorded no earlier than the log's last event.
    func change(_ change: Change) throws -> Change {
        guard let lastMoment else { return change }
        return change.notBefore(lastMoment)
    }

    /// Appends an event whose leaf hash is `leaf` (computed from `LogEvent.leafData`).
    func append(kind: LogEvent.Kind, claim: ClaimID, number: Int64, recordedAt: Timestamp, leaf: LogHash) {
        pending.add(.init(seq: Int64(frontier.size), kind: kind, claim: claim, number: number, leaf: leaf))
        frontier.append(leaf)
        if lastMoment.map({ recordedAt > $0 }) ?? true {
            lastMoment = recordedAt
            lastRecordedAt = recordedAt.description
        }
        changed = true
    }

    /// Writes the pending events (after the rows they name) and, at the end, the head.
    func insert(_ db: Database) throws { try pending.insert(db) }

    func save(_ db: Database) throws {
        try insert(db)
        guard changed else { return }
        try db.cachedStatement(sql: "UPDATE log_head SET size = ?, frontier = ?, last_recorded_at = ? WHERE id = 1")
            .execute(arguments: [frontier.size, Data(frontier.bytes), lastRecordedAt])
        changed = false
    }
}

/// What one write transaction shares: the sources it has looked up, the log it appends to and
/// the next forecast id (forecasts are numbered as they are added, so that their log events can
/// name them).
final class WriteContext {
    var sources: [Source: Int64] = [:]
    let log: LogAppender
    private var nextForecast: Int64?

    init(_ db: Database) throws { log = try LogAppender(db) }

    func forecastID(_ db: Database) throws -> Int64 {
        let id = try nextForecast ?? (Int64.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(id), 0) + 1 FROM forecasts")) ?? 1)
        nextForecast = id + 1
        return id
    }
}

extension ClaimsDatabase {
    /// A write transaction that appends to the log: `body` gets the transaction's context, and
    /// the log's head is saved before it commits.
    func logged<T>(_ body: (Database, WriteContext) throws -> T) throws -> T {
        try write { db in
            let context = try WriteContext(db)
            let result = try body(db, context)
            try context.log.save(db)
            return result
        }
    }

    /// The log's origin, size and root, as of now.
    public func logHead() throws -> Checkpoint {
        try read { db in try Self.logHead(db) }
    }

    static func logHead(_ db: Database) throws -> Checkpoint {
        guard let origin = try String.fetchOne(db, sql: "SELECT origin FROM log_origin") else {
            throw StoreError.sqlite("the log has no origin (log_origin is empty); `claims verify` checks the file")
        }
        let log = try LogAppender(db)
        return Checkpoint(origin: origin, size: log.frontier.size, root: log.frontier.root)
    }

    /// Streams the stored leaf hashes of `range`, in order.
    static func leaves(_ range: Range<Int>, _ db: Database, _ body: (LogHash) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT seq, leaf FROM log_events WHERE seq >= ? AND seq < ? ORDER BY seq"),
                                         arguments: [range.lowerBound, range.upperBound])
        var expected = range.lowerBound
        while let row = try cursor.next() {
            let seq = try row.decode(Int.self, forColumn: "seq")
            guard seq == expected, let leaf = LogHash(bytes: Array(try row.decode(Data.self, forColumn: "leaf"))) else {
                throw StoreError.sqlite("log event \(expected) is missing or damaged; `claims verify` checks the file")
            }
            try body(leaf)
            expected += 1
        }
        guard expected == range.upperBound else { throw StoreError.sqlite("the log ends at event \(expected), before \(range.upperBound)") }
    }

    public func consistencyProof(from size: Int) throws -> (head: Checkpoint, proof: [LogHash]) {
        try read { db in
            let head = try Self.logHead(db)
            guard size <= head.size else { throw LogError.checkpointLargerThanLog(checkpoint: size, log: head.size) }
            let proof = try Merkle.consistencyProof(first: size, second: head.size) { range, body in try Self.leaves(range, db, body) }
            return (head, proof)
        }
    }

    /// The root of the log's first `size` events, from its stored leaves.
    public func logRoot(size: Int) throws -> LogHash {
        try read { db in try Merkle.root(of: 0..<size) { range, body in try Self.leaves(range, db, body) } }
    }

    /// The log events of a claim, each with its inclusion proof in the log as it stands.
    public func inclusionProofs(_ id: ClaimID, treeSize: Int?) throws -> (head: Checkpoint, events: [(seq: Int, event: LogEvent, proof: [LogHash])]) {
        try read { db in
            var head = try Self.logHead(db)
            if let treeSize {
                guard treeSize <= head.size else { throw LogError.checkpointLargerThanLog(checkpoint: treeSize, log: head.size) }
                head = Checkpoint(origin: head.origin, size: treeSize,
                                  root: try Merkle.root(of: 0..<treeSize) { range, body in try Self.leaves(range, db, body) })
            }
            var found: [(Int, LogEvent, [LogHash])] = []
            let rows = try Row.fetchAll(db, sql: "SELECT seq, kind, number FROM log_events WHERE claim_id = ? AND seq < ? ORDER BY seq",
                                        arguments: [id.rawValue, head.size])
            guard !rows.isEmpty else { throw StoreError.unknownClaim(id.rawValue) }
            for row in rows {
                let seq = try row.decode(Int.self, forColumn: "seq")
                guard let event = try Self.event(kind: row.decode(forColumn: "kind"), claim: id, number: row.decode(forColumn: "number"), db) else {
                    throw StoreError.sqlite("log event \(seq) names a row that is not there; `claims verify` checks the file")
                }
                let proof = try Merkle.inclusionProof(index: seq, size: head.size) { range, body in try Self.leaves(range, db, body) }
                found.append((seq, event, proof))
            }
            return (head, found)
        }
    }

    /// The event a log row names, read from its own table.
    static func event(kind: String, claim: ClaimID, number: Int64, _ db: Database) throws -> LogEvent? {
        switch LogEvent.Kind(rawValue: kind) {
        case .version?:
            return try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(Rows.versionColumns) FROM \(Rows.versionJoin) WHERE v.claim_id = ? AND v.version = ?
                """), arguments: [claim.rawValue, number]).map { .version(try Rows.claimVersion($0)) }
        case .forecast?:
            return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM forecasts WHERE id = ? AND claim_id = ?"),
                                    arguments: [number, claim.rawValue]).map { .forecast(claim: claim, try Rows.forecast($0)) }
        case .resolution?:
            return try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(Rows.resolutionColumns) FROM resolutions r WHERE r.claim_id = ? AND r.revision = ?
                """), arguments: [claim.rawValue, number]).flatMap(Rows.resolution).map { .resolution(claim: claim, $0) }
        case nil:
            return nil
        }
    }

    /// Streams every event in log order, read from its own table, with its stored leaf.
    public func logEvents(_ body: (_ seq: Int, _ event: LogEvent?, _ storedLeaf: LogHash?) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, kind, claim_id, number, leaf FROM log_events ORDER BY seq")
            while let row = try cursor.next() {
                let claim = try? ClaimID(row.decode(String.self, forColumn: "claim_id"))
                let event = try claim.flatMap { try Self.event(kind: row.decode(forColumn: "kind"), claim: $0, number: row.decode(forColumn: "number"), db) }
                try body(try row.decode(forColumn: "seq"), event, LogHash(bytes: Array(try row.decode(Data.self, forColumn: "leaf"))))
            }
        }
    }

    /// Puts every event of a database made before the log into it, in the order recorded
    /// (versions, then forecasts, then resolutions at one moment): run once, by migration 0004.
    static func backfillLog(_ db: Database) throws {
        let log = try LogAppender(db)
        guard log.frontier.size == 0 else { return }
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT recorded_at, 0 AS rank, claim_id, version AS number FROM claim_versions
            UNION ALL SELECT recorded_at, 1, claim_id, id FROM forecasts
            UNION ALL SELECT recorded_at, 2, claim_id, revision FROM resolutions
            ORDER BY recorded_at, rank, claim_id, number
            """)
        while let row = try cursor.next() {
            let kind: LogEvent.Kind = switch try row.decode(Int.self, forColumn: "rank") { case 0: .version; case 1: .forecast; default: .resolution }
            let claim = try ClaimID(row.decode(String.self, forColumn: "claim_id"))
            let number = try row.decode(Int64.self, forColumn: "number")
            guard let event = try event(kind: kind.rawValue, claim: claim, number: number, db) else { continue }
            log.append(kind: kind, claim: claim, number: number, recordedAt: event.recordedAt, leaf: Merkle.leafHash(event))
            if log.frontier.size % 4096 == 0 { try log.insert(db) }
        }
        try log.save(db)
    }
}
