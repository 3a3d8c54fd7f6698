import ClaimsCore
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
    public var isClean: Bool { breaks.isEmpty && integrity.isEmpty && foreignKeys.isEmpty }
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
            let ids = try String.fetchCursor(db, sql: "SELECT id FROM claims ORDER BY id")
            while let raw = try ids.next() {
                report.claims += 1
                let id = try ClaimID(raw)
                // (event, stored prev, stored digest, recomputed digest given the stored prev)
                var events: [(name: String, prev: String, digest: String, recomputed: String)] = []
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(Rows.versionColumns), v.prev_digest, v.digest FROM \(Rows.versionJoin) WHERE v.claim_id = ? ORDER BY v.version
                    """), arguments: [raw]) {
                    let version = try Rows.claimVersion(row)
                    let prev = try row.decode(String.self, forColumn: "prev_digest")
                    events.append(("version \(version.info.version)", prev, try row.decode(String.self, forColumn: "digest"), HashChain.versionDigest(version, prev: prev)))
                }
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(Rows.resolutionColumns), r.prev_digest, r.digest FROM resolutions r WHERE r.claim_id = ? ORDER BY r.revision
                    """), arguments: [raw]) {
                    guard let revision = try Rows.resolution(row) else { continue }
                    let prev = try row.decode(String.self, forColumn: "prev_digest")
                    events.append(("resolution \(revision.revision)", prev, try row.decode(String.self, forColumn: "digest"), HashChain.resolutionDigest(claim: id, revision, prev: prev)))
                }
                report.events += events.count
                for e in events where e.digest != e.recomputed {
                    report.breaks.append(ChainBreak(claim: raw, event: e.name, problem: "its digest does not match its content: it was changed after it was recorded"))
                }
                let digests = Set(events.map(\.digest))
                let firsts = events.filter { $0.prev.isEmpty }
                if firsts.count != 1 {
                    report.breaks.append(ChainBreak(claim: raw, event: "", problem: "the chain has \(firsts.count) first events (\(firsts.map(\.name).joined(separator: ", "))): it must have one"))
                }
                for e in events where !e.prev.isEmpty && !digests.contains(e.prev) {
                    report.breaks.append(ChainBreak(claim: raw, event: e.name, problem: "it follows an event that is not in the history (prev \(e.prev.prefix(12))…): an earlier event was changed or removed"))
                }
                var seen: [String: String] = [:]
                for e in events where !e.prev.isEmpty {
                    if let other = seen[e.prev] {
                        report.breaks.append(ChainBreak(claim: raw, event: e.name, problem: "it and \(other) both follow the same event: the chain forks"))
                    }
                    seen[e.prev] = e.name
                }
            }
            return report
        }
    }
}
