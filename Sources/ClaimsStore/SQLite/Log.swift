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
    /// Events appended and not yet written: what each is, and its leaf.
    private var pending: [(kind: LogEvent.Kind, claim: ClaimID, number: Int64, leaf: LogHash)] = []
    private var changed = false
    static let eventsPerBatch = 4096

    /// The log as its head row holds it: `frontierBytes` the roots of the perfect subtrees,
    /// largest first; `lastRecordedAt` "" before the first event. `where` names the backend in
    /// the message when the head is damaged.
    init(size: Int, frontierBytes: [UInt8], lastRecordedAt: String) throws {
        guard let frontier = Frontier(size: size, bytes: frontierBytes) else {
            throw StoreError.damagedLogHead
        }
        self.frontier = frontier
        self.lastRecordedAt = lastRecordedAt
        lastMoment = lastRecordedAt.isEmpty ? nil : try Timestamp.parse(stored: lastRecordedAt)
    }

    convenience init(_ db: Database) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, frontier, last_recorded_at FROM log_head WHERE id = 1"))
        else { throw StoreError.damagedLogHead }
        try self.init(size: row.decode(Int.self, forColumn: "size"), frontierBytes: Array(row.decode(Data.self, forColumn: "frontier")),
                      lastRecordedAt: row.decode(String.self, forColumn: "last_recorded_at"))
    }

    /// `change`, recorded no earlier than the log's last event.
    func change(_ change: Change) throws -> Change {
        guard let lastMoment else { return change }
        return change.notBefore(lastMoment)
    }

    /// Appends an event whose leaf hash is `leaf` (computed from `LogEvent.leafData`).
    func append(kind: LogEvent.Kind, claim: ClaimID, number: Int64, recordedAt: Timestamp, leaf: LogHash) {
        pending.append((kind, claim, number, leaf))
        frontier.append(leaf)
        if lastMoment.map({ recordedAt > $0 }) ?? true {
            lastMoment = recordedAt
            lastRecordedAt = recordedAt.description
        }
        changed = true
    }

    /// The pending events as log rows, batches of up to 4,096, and forgets them: written after
    /// the rows they name.
    func takeBatches() -> [TableRows.LogBatch] {
        guard !pending.isEmpty else { return [] }
        var batches: [TableRows.LogBatch] = []
        var first = frontier.size - pending.count
        for start in stride(from: 0, to: pending.count, by: Self.eventsPerBatch) {
            let chunk = pending[start ..< min(start + Self.eventsPerBatch, pending.count)]
            var leaves = [UInt8]()
            leaves.reserveCapacity(32 * chunk.count)
            var events = "["
            for (i, e) in chunk.enumerated() {
                e.leaf.withUnsafeBytes { leaves.append(contentsOf: $0) }
                if i > 0 { events += "," }
                // Claim ids are slugs: nothing in them needs escaping in JSON.
                events += "[\"\(e.kind.rawValue)\",\"\(e.claim.rawValue)\",\(e.number)]"
            }
            batches.append(.init(firstSeq: Int64(first), count: chunk.count, leaves: leaves, events: events + "]"))
            first += chunk.count
        }
        pending.removeAll(keepingCapacity: true)
        return batches
    }

    /// Whether the head has moved since it was loaded or last saved; `markSaved` says it was saved.
    var headChanged: Bool { changed }
    func markSaved() { changed = false }

    /// Writes the pending events (after the rows they name).
    func insert(_ db: Database) throws {
        var rows = PendingRows(TableRows.log)
        for batch in takeBatches() { rows.add(batch) }
        try rows.insert(db)
    }

    func save(_ db: Database) throws {
        try insert(db)
        guard changed else { return }
        try db.cachedStatement(sql: "UPDATE log_head SET size = ?, frontier = ?, last_recorded_at = ? WHERE id = 1")
            .execute(arguments: [frontier.size, Data(frontier.bytes), lastRecordedAt])
        changed = false
    }
}

/// The rows of the sources a transaction has looked up, found by key and then compared whole:
/// hashing every field of a source for each claim of an import cost more than the comparison.
struct SourceRows {
    private var byKey: [String: [(source: Source, id: Int64)]] = [:]

    subscript(source: Source) -> Int64? {
        get { byKey[source.key]?.first { $0.source == source }?.id }
        set {
            guard let newValue, self[source] == nil else { return }
            byKey[source.key, default: []].append((source, newValue))
        }
    }
}

/// What one write transaction shares: the sources it has looked up, the log it appends to and
/// the next forecast id (forecasts are numbered as they are added, so that their log events can
/// name them).
final class WriteContext {
    var sources = SourceRows()
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
        guard !range.isEmpty else { return }
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT first_seq, count, leaves FROM log_batches
            WHERE first_seq < ?2 AND first_seq >= ifnull((SELECT max(first_seq) FROM log_batches WHERE first_seq <= ?1), 0)
            ORDER BY first_seq
            """), arguments: [range.lowerBound, range.upperBound])
        var expected = range.lowerBound
        while let row = try cursor.next() {
            let first = try row.decode(Int.self, forColumn: "first_seq"), count = try row.decode(Int.self, forColumn: "count")
            let blob = try row.decode(Data.self, forColumn: "leaves")
            guard first <= expected, blob.count == 32 * count else {
                throw StoreError.sqlite("log event \(expected) is missing or damaged; `claims verify` checks the file")
            }
            var i = expected - first
            while i < count && expected < range.upperBound {
                guard let leaf = LogHash(bytes: Array(blob[blob.startIndex + 32 * i ..< blob.startIndex + 32 * i + 32])) else { break }
                try body(leaf)
                expected += 1
                i += 1
            }
        }
        guard expected == range.upperBound else { throw StoreError.sqlite("the log ends at event \(expected), before \(range.upperBound)") }
    }

    /// Every event the log names, in order: its number, what it is, and its stored leaf.
    static func loggedEvents(_ db: Database, _ body: (_ seq: Int, _ kind: String, _ claim: String, _ number: Int64, _ leaf: LogHash?) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT first_seq, count, leaves, events FROM log_batches ORDER BY first_seq")
        while let row = try cursor.next() {
            let first = try row.decode(Int.self, forColumn: "first_seq")
            let blob = try row.decode(Data.self, forColumn: "leaves")
            let events = try row.decode(String.self, forColumn: "events")
            guard let list = try? JSONSerialization.jsonObject(with: Data(events.utf8)) as? [[Any]] else {
                throw StoreError.sqlite("log batch \(first) does not say what its events are; `claims verify` checks the file")
            }
            for (i, e) in list.enumerated() {
                let leaf = blob.count >= 32 * (i + 1) ? LogHash(bytes: Array(blob[blob.startIndex + 32 * i ..< blob.startIndex + 32 * i + 32])) : nil
                try body(first + i, e.first as? String ?? "", e.count > 1 ? e[1] as? String ?? "" : "",
                         e.count > 2 ? (e[2] as? NSNumber)?.int64Value ?? 0 : 0, leaf)
            }
        }
    }

    public func consistencyProof(from size: Int) throws -> (head: Checkpoint, proof: [LogHash]) {
        try read { db in
            let head = try Self.logHead(db)
            guard size <= head.size else { throw LogError.checkpointLargerThanLog(checkpoint: size, log: head.size) }
            let proof = try Merkle.consistencyProof(first: size, second: head.size) { range, body in try Self.leaves(range, db, body) }
            return (head, proof)
        }
    }

    /// The log events of a claim, each with its inclusion proof in the log as it stands.
    public func inclusionProofs(_ id: ClaimID, treeSize: Int?) throws -> (head: Checkpoint, events: [(seq: Int, event: LogEvent, proof: [LogHash])]) {
        try read { db in
            try InclusionProofs.of(head: Self.logHead(db), treeSize: treeSize, leaves: { range, body in try Self.leaves(range, db, body) }) { size in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT b.first_seq + CAST(e.key AS INTEGER) AS seq, e.value ->> 0 AS kind, e.value ->> 2 AS number
                    FROM log_batches b, json_each(b.events) e
                    WHERE e.value ->> 1 = ? AND b.first_seq + CAST(e.key AS INTEGER) < ? ORDER BY seq
                    """, arguments: [id.rawValue, size])
                guard !rows.isEmpty else { throw StoreError.unknownClaim(id.rawValue) }
                return try rows.map { row in
                    let seq = try row.decode(Int.self, forColumn: "seq")
                    guard let event = try Self.event(kind: row.decode(forColumn: "kind"), claim: id, number: row.decode(forColumn: "number"), db) else {
                        throw StoreError.sqlite("log event \(seq) names a row that is not there; `claims verify` checks the file")
                    }
                    return (seq, event)
                }
            }
        }
    }

    /// The event a log row names, read from its own table.
    /// (`before0005`: for migration 0004, which runs before the withdrawal columns exist.)
    static func event(kind: String, claim: ClaimID, number: Int64, _ db: Database, before0005: Bool = false) throws -> LogEvent? {
        switch LogEvent.Kind(rawValue: kind) {
        case .version?:
            return try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(before0005 ? Rows.versionColumnsBefore0005 : Rows.versionColumns) FROM \(Rows.versionJoin) WHERE v.claim_id = ? AND v.version = ?
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
            try Self.loggedEvents(db) { seq, kind, claim, number, leaf in
                let id = try? ClaimID(claim)
                try body(seq, try id.flatMap { try Self.event(kind: kind, claim: $0, number: number, db) }, leaf)
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
            guard let event = try event(kind: kind.rawValue, claim: claim, number: number, db, before0005: true) else { continue }
            log.append(kind: kind, claim: claim, number: number, recordedAt: event.recordedAt, leaf: Merkle.leafHash(event))
            if log.frontier.size % 4096 == 0 { try log.insert(db) }
        }
        try log.save(db)
    }
}
