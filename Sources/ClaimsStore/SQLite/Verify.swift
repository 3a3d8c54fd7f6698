import ClaimsCore
import ClaimsLog
import Foundation
import GRDB

/// A break found by `verify`: where, and what is wrong.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    public let claim: String
    /// "version 2", "resolution 1", or "" for the claim as a whole.
    public let event: String
    public let problem: String
    public var description: String { event.isEmpty ? "\(claim): \(problem)" : "\(claim) \(event): \(problem)" }
}

public struct VerifyReport: Sendable {
    public var claims = 0
    public var events = 0
    public var breaks: [ChainBreak] = []
    /// `PRAGMA integrity_check` lines other than "ok".
    public var integrity: [String] = []
    /// `PRAGMA foreign_key_check` rows, as text.
    public var foreignKeys: [String] = []
    /// What is wrong with the log: a leaf that does not match its event, an event missing from
    /// the log or in it twice, a head that disagrees; the first problem names its event.
    public var log: [String] = []
    /// Triggers missing, added or changed since they were shipped.
    public var triggers: [String] = []
    /// The log's size and its root, recomputed from the events themselves.
    public var logSize = 0
    public var logRoot = Merkle.emptyRoot
    /// What the engine's own checks found, when clean, in words: SQLite's integrity and
    /// foreign-key checks; PostgreSQL checks both as it writes.
    public var engineChecks = "integrity_check ok; foreign_key_check ok"
    public var isClean: Bool { breaks.isEmpty && integrity.isEmpty && foreignKeys.isEmpty && log.isEmpty && triggers.isEmpty }
}

extension ClaimsDatabase {
    /// The digest of the claim's last event: what a person publishes to prove the claim, as it
    /// stands, was logged before a moment.
    public func digest(_ id: ClaimID) throws -> String? {
        try read { db in
            let d = try Self.chainTail(id, db)
            return d.isEmpty ? nil : d
        }
    }

    /// Checks every claim's hash chain (each digest recomputed from its content; the events
    /// linked one after another from the first to the last, with no gap and no fork), and
    /// SQLite's integrity_check and foreign_key_check.
    public func verify() throws -> VerifyReport {
        try read { db in
            var report = VerifyReport()
            report.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            report.foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                let table = try row.decode(String?.self, forColumn: "table") ?? "?"
                let rowid = try row.decode(Int64?.self, forColumn: "rowid") ?? 0
                let parent = try row.decode(String?.self, forColumn: "parent") ?? "?"
                return "\(table) row \(rowid) refers to a missing \(parent)"
            }
            // claim_heads, the index of the present, must agree with the history.
            for id in try String.fetchAll(db, sql: """
                SELECT c.id FROM claims c LEFT JOIN claim_heads h ON h.claim_id = c.id
                WHERE h.claim_id IS NULL
                   OR h.version IS NOT (SELECT max(version) FROM claim_versions WHERE claim_id = c.id)
                   OR h.revision IS NOT (SELECT max(revision) FROM resolutions WHERE claim_id = c.id)
                """) {
                report.breaks.append(ChainBreak(claim: id, event: "", problem: "the index of its current version (claim_heads) disagrees with its history"))
            }
            // A claim is created with its first version.
            for id in try String.fetchAll(db, sql: """
                SELECT c.id FROM claims c LEFT JOIN claim_versions v ON v.claim_id = c.id AND v.version = 1
                WHERE v.recorded_at IS NOT c.created_at
                """) {
                report.breaks.append(ChainBreak(claim: id, event: "", problem: "its created_at is not the time its first version was recorded"))
            }
            report.triggers = try Self.triggerChanges(db)
            try Self.verifyLog(&report, db)
            let ids = try String.fetchCursor(db, sql: "SELECT id FROM claims ORDER BY id")
            while let raw = try ids.next() {
                report.claims += 1
                let id = try ClaimID(raw)
                // (event, stored prev, stored digest, whether the digest matches the content given
                // the stored prev: over its log leaf, or in the first form for events before the log)
                var events: [(name: String, prev: String, digest: String, intact: Bool)] = []
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(Rows.versionColumns), v.prev_digest, v.digest FROM \(Rows.versionJoin) WHERE v.claim_id = ? ORDER BY v.version
                    """), arguments: [raw]) {
                    let version = try Rows.claimVersion(row)
                    let prev = try row.decode(String.self, forColumn: "prev_digest")
                    let digest = try row.decode(String.self, forColumn: "digest")
                    let intact = ChainCheck.intact(version, prev: prev, digest: digest)
                    events.append(("version \(version.info.version)", prev, digest, intact))
                }
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(Rows.resolutionColumns), r.prev_digest, r.digest FROM resolutions r WHERE r.claim_id = ? ORDER BY r.revision
                    """), arguments: [raw]) {
                    guard let revision = try Rows.resolution(row) else { continue }
                    let prev = try row.decode(String.self, forColumn: "prev_digest")
                    let digest = try row.decode(String.self, forColumn: "digest")
                    let intact = ChainCheck.intact(revision, claim: id, prev: prev, digest: digest)
                    events.append(("resolution \(revision.revision)", prev, digest, intact))
                }
                report.events += events.count
                report.breaks += ChainCheck.breaks(claim: raw, events)
            }
            return report
        }
    }
}

/// What `verify` finds wrong in one claim's hash chain, on any backend: each event as stored
/// (its name, stored prev and digest, and whether the digest matches its content).
enum ChainCheck {
    typealias Event = (name: String, prev: String, digest: String, intact: Bool)

    static func breaks(claim raw: String, _ events: [Event]) -> [ChainBreak] {
        var breaks: [ChainBreak] = []
        for e in events where !e.intact {
            breaks.append(ChainBreak(claim: raw, event: e.name, problem: "its digest does not match its content: it was changed after it was recorded"))
        }
        let digests = Set(events.map(\.digest))
        let firsts = events.filter { $0.prev.isEmpty }
        if firsts.count != 1 {
            breaks.append(ChainBreak(claim: raw, event: "", problem: "the chain has \(firsts.count) first events (\(firsts.map(\.name).joined(separator: ", "))): it must have one"))
        }
        for e in events where !e.prev.isEmpty && !digests.contains(e.prev) {
            breaks.append(ChainBreak(claim: raw, event: e.name, problem: "it follows an event that is not in the history (prev \(e.prev.prefix(12))…): an earlier event was changed or removed"))
        }
        var seen: [String: String] = [:]
        for e in events where !e.prev.isEmpty {
            if let other = seen[e.prev] {
                breaks.append(ChainBreak(claim: raw, event: e.name, problem: "it and \(other) both follow the same event: the chain forks"))
            }
            seen[e.prev] = e.name
        }
        return breaks
    }

    /// Whether a version's stored digest matches it: over its log leaf, or in the first form for
    /// events before the log.
    static func intact(_ version: ClaimVersion, prev: String, digest: String) -> Bool {
        digest == HashChain.chainDigest(prev: prev, leaf: Merkle.leafHash(.version(version)))
            || (version.content.withdrawal == nil && digest == HashChain.versionDigest(version, prev: prev))
    }

    static func intact(_ revision: ResolutionRevision, claim id: ClaimID, prev: String, digest: String) -> Bool {
        digest == HashChain.chainDigest(prev: prev, leaf: Merkle.leafHash(.resolution(claim: id, revision)))
            || digest == HashChain.resolutionDigest(claim: id, revision, prev: prev)
    }
}

/// The log recomputed from its events in order, on any backend: `add` each event the log names
/// (nil when its row is gone), then compare the head. Memory stays flat: the tree is folded as it
/// is read.
struct LogCheck {
    private(set) var frontier = Frontier()
    private var lastTime = ""
    private(set) var problems: [String] = []

    mutating func problem(_ text: String) { if problems.count < 50 { problems.append(text) } }

    mutating func add(seq: Int, kind: String, claim raw: String, number: Int64, stored: LogHash?, event: LogEvent?) {
        if seq != frontier.size {
            problem("log event \(frontier.size) is missing (the next is \(seq)): an event was removed from the log")
        }
        guard let event else {
            problem("log event \(seq) (\(raw) \(kind) \(number)) names an event that is not there: it was removed")
            frontier.append(LogHash.sha256([]))
            return
        }
        let leaf = Merkle.leafHash(event)
        if stored != leaf {
            problem("log event \(seq) (\(event.name)) does not match its leaf: the event was changed after it was recorded")
        }
        let time = event.recordedAt.description
        if time < lastTime { problem("log event \(seq) (\(event.name)) was recorded at \(time), before the event before it (\(lastTime))") }
        lastTime = max(lastTime, time)
        frontier.append(leaf)
    }

    /// The counts of rows and of logged events of each kind must agree.
    mutating func compare(what: String, rows: Int, logged: Int) {
        if rows != logged {
            problem("the database holds \(rows) of each \(what) events but the log \(logged): events were added or removed behind the log's back")
        }
    }
}

extension ClaimsDatabase {
    /// The triggers a database of this version has, by name, from its migrations run on an
    /// empty database in memory.
    static let shippedTriggers: Result<[String: String], Error> = Result {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").map {
                (try $0.decode(String.self, forColumn: "name"), try $0.decode(String.self, forColumn: "sql"))
            })
        }
    }

    /// Every trigger missing, added or changed, against those shipped.
    static func triggerChanges(_ db: Database) throws -> [String] {
        let shipped = try shippedTriggers.get()
        var found: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            found[try row.decode(String.self, forColumn: "name")] = try row.decode(String?.self, forColumn: "sql") ?? ""
        }
        var problems: [String] = []
        for (name, sql) in shipped.sorted(by: { $0.key < $1.key }) {
            if let mine = found[name] {
                if mine != sql { problems.append("the trigger \(name) is not as shipped: it was changed") }
            } else {
                problems.append("the trigger \(name) is missing: history is no longer protected from that change")
            }
        }
        for name in found.keys.sorted() where shipped[name] == nil { problems.append("the trigger \(name) was not shipped") }
        return problems
    }

    /// Recomputes every log leaf from the event it names, in order, and checks that every event
    /// is in the log once, that times never run back, and that the stored head agrees. Memory
    /// stays flat: the tree is folded as it is read.
    static func verifyLog(_ report: inout VerifyReport, _ db: Database) throws {
        var check = LogCheck()
        try loggedEvents(db) { seq, kind, raw, number, stored in
            let found = try (try? ClaimID(raw)).flatMap { try Self.event(kind: kind, claim: $0, number: number, db) }
            check.add(seq: seq, kind: kind, claim: raw, number: number, stored: stored, event: found)
        }
        report.logSize = check.frontier.size
        report.logRoot = check.frontier.root
        // Every event is in the log once.
        for row in try Row.fetchAll(db, sql: """
            WITH logged AS (SELECT e.value ->> 0 AS kind FROM log_batches b, json_each(b.events) e)
            SELECT 'claim version' AS what, (SELECT count(*) FROM claim_versions) AS rows, (SELECT count(*) FROM logged WHERE kind = 'version') AS logged
            UNION ALL SELECT 'forecast', (SELECT count(*) FROM forecasts), (SELECT count(*) FROM logged WHERE kind = 'forecast')
            UNION ALL SELECT 'resolution revision', (SELECT count(*) FROM resolutions), (SELECT count(*) FROM logged WHERE kind = 'resolution')
            """) {
            check.compare(what: try row.decode(String.self, forColumn: "what"), rows: try row.decode(Int.self, forColumn: "rows"),
                          logged: try row.decode(Int.self, forColumn: "logged"))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT e.value ->> 0 AS kind, e.value ->> 1 AS claim_id, e.value ->> 2 AS number
            FROM log_batches b, json_each(b.events) e GROUP BY e.value HAVING count(*) > 1 LIMIT 10
            """) {
            check.problem("the log holds \(try row.decode(String.self, forColumn: "claim_id")) \(try row.decode(String.self, forColumn: "kind")) \(try row.decode(Int.self, forColumn: "number")) more than once")
        }
        let head = try LogAppender(db)
        if head.frontier != check.frontier { check.problem("the log's head (log_head) disagrees with its events") }
        report.log = check.problems
    }
}
