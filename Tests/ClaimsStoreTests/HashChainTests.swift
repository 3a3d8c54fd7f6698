import ClaimsCore
import ClaimsLog
@testable import ClaimsStore
import Foundation
import Testing

@Suite struct HashChainTests {
    /// A claim with two versions and two resolution revisions: a chain of four events.
    func sample() throws -> (ClaimsDatabase, ClaimID) {
        let db = try newDatabase()
        let id = try db.add(NewClaim(id: try ClaimID("c"), content: content("Agents work a whole day", windowEnd: "2026-12-31")),
                            change: change("2025-11-01T00:00:00Z"))
        try db.edit(id, ClaimChange(criteria: .set("METR ≥ 8 h")), change: change("2025-12-01T00:00:00Z"))
        try db.resolve(id, Resolution(outcome: .false, settledOn: day("2026-12-31")), change: change("2027-01-02T00:00:00Z"))
        try db.resolve(id, Resolution(outcome: .partial, settledOn: day("2026-12-31")), change: change("2027-01-03T00:00:00Z"))
        return (db, id)
    }

    @Test func aCleanHistoryVerifies() throws {
        let (db, _) = try sample()
        let report = try db.verify()
        #expect(report.isClean && report.claims == 1 && report.events == 4)
    }

    @Test func eachEventFollowsTheOneBefore() throws {
        let (db, id) = try sample()
        let versions = try db.unsafeFetchStrings("SELECT prev_digest || ' ' || digest FROM claim_versions ORDER BY version")
        let resolutions = try db.unsafeFetchStrings("SELECT prev_digest || ' ' || digest FROM resolutions ORDER BY revision")
        let chain = (versions + resolutions).map { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        #expect(chain[0][0] == "")
        for i in 1..<chain.count { #expect(chain[i][0] == chain[i - 1][1]) }
        #expect(try db.digest(id) == chain.last![1])
        // The digest as of a moment is the last event recorded by then.
        #expect(try db.state(id, at: ReadPoint(asOf: at("2025-12-15"), today: day("2025-12-15")))?.digest == chain[1][1])
    }

    @Test func changingARowBehindTheToolsBackIsCaught() throws {
        let (db, _) = try sample()
        try db.unsafeExecute("DROP TRIGGER claim_versions_refuse_update")
        try db.unsafeExecute("UPDATE claim_versions SET statement = 'Agents work an hour' WHERE version = 1")
        let report = try db.verify()
        #expect(report.breaks == [ChainBreak(claim: "c", event: "version 1", problem: "its digest does not match its content: it was changed after it was recorded")])
    }

    @Test func recomputingTheChangedDigestBreaksTheNextLink() throws {
        let (db, id) = try sample()
        // An attacker who changes the outcome and recomputes that row's digest.
        let row = try #require(try db.history(id).resolutions.first)
        let forged = ResolutionRevision(revision: 1, resolution: Resolution(outcome: .true, settledOn: row.resolution.settledOn),
                                        recordedAt: row.recordedAt, author: row.author)
        let prev = try #require(try db.unsafeFetchStrings("SELECT prev_digest FROM resolutions WHERE revision = 1").first)
        let digest = HashChain.resolutionDigest(claim: id, forged, prev: prev)
        try db.unsafeExecute("DROP TRIGGER resolutions_refuse_update")
        try db.unsafeExecute("UPDATE resolutions SET outcome = 'true', digest = '\(digest)' WHERE revision = 1")
        let report = try db.verify()
        #expect(report.breaks.map(\.event) == ["resolution 2"])
        #expect(report.breaks.first?.problem.contains("follows an event that is not in the history") == true)
    }

    @Test func deletingAnEventIsCaught() throws {
        let (db, _) = try sample()
        try db.unsafeExecute("DROP TRIGGER resolutions_refuse_delete")
        try db.unsafeExecute("DELETE FROM resolutions WHERE revision = 1")
        #expect(try db.verify().breaks.map(\.event) == ["resolution 2"])
    }

    @Test func integrityAndForeignKeyChecksAreReported() throws {
        let (db, _) = try sample()
        try db.unsafeExecute("PRAGMA foreign_keys = OFF")
        try db.unsafeExecute("DROP TRIGGER forecasts_refuse_update")
        try db.unsafeExecute("INSERT INTO forecasts (claim_id, forecaster, probability, made_on, recorded_at, author) VALUES ('ghost', 'A', 0.5, '2026-01-01', '2026-01-01T00:00:00.000Z', 'x')")
        let report = try db.verify()
        #expect(report.foreignKeys.count == 1 && report.foreignKeys[0].contains("forecasts"))
        #expect(!report.isClean)
    }
}

@Suite struct FastPathTests {
    /// The hand-written encoder writes exactly what JSONEncoder writes (the stored form is read back by both).
    @Test(arguments: [[], ["a"], ["https://example.org/a?b=1&c=2", "明年", "quote \" and \\ back", "line\nbreak\ttab\u{01}"], ["/", ""]])
    func jsonArrayMatchesJSONEncoder(_ values: [String]) throws {
        #expect(Rows.jsonArray(values) == String(decoding: try JSONEncoder().encode(values), as: UTF8.self))
    }
}
