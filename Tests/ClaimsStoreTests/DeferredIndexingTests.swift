import ClaimsCore
@testable import ClaimsStore
import Foundation
import GRDB
import Testing

/// A large import builds four indexes and the full-text index at its end (`DeferredIndexing`):
/// the database it leaves is the one the row-by-row import leaves, schema and all.
@Suite struct DeferredIndexingTests {
    func claims(_ range: Range<Int>, wording: String = "measurable") throws -> [NewClaim] {
        try range.map { i in
            NewClaim(id: try ClaimID(String(format: "d%04d", i)),
                     content: content("Claim \(i) is \(wording) by 2027", claimant: "Speaker \(i % 7)", windowEnd: "2027-0\(1 + i % 9)-01",
                                      tags: i % 3 == 0 ? ["agents"] : [], source: i % 4 == 0 ? nil : try Source(key: "s\(i % 5)", kind: .podcast, title: "Episode \(i % 5)")))
        }
    }

    func schema(_ db: ClaimsDatabase) throws -> [String] {
        try db.read { try String.fetchAll($0, sql: "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_schema ORDER BY name") }
    }

    func sync(_ db: ClaimsDatabase, _ claims: [NewClaim], deferring: Bool, at moment: String) throws -> [ImportOutcome.Kind] {
        var parts = [ImportPart(claims: Array(claims.prefix(claims.count / 2)), change: change(moment)),
                     ImportPart(claims: Array(claims.dropFirst(claims.count / 2)), change: change(moment))].makeIterator()
        var kinds: [ImportOutcome.Kind] = []
        try db.sync(dryRun: false, deferIndexing: deferring, expectedClaims: claims.count, reading: { parts.next() },
                    outcomes: { kinds += $0.map(\.kind) })
        return kinds
    }

    @Test func theDatabaseLeftIsTheSame() throws {
        let rowByRow = try newDatabase(), deferred = try newDatabase()
        let schemaBefore = try schema(rowByRow)
        // Some claims first, then an import that adds many and rewords some of those.
        for db in [rowByRow, deferred] { _ = try db.sync(try claims(0..<30), change: change("2025-11-01T00:00:00Z")) }
        let incoming = try claims(20..<300, wording: "plainly measurable")
        let kindsRowByRow = try sync(rowByRow, incoming, deferring: false, at: "2025-11-02T00:00:00Z")
        let kindsDeferred = try sync(deferred, incoming, deferring: true, at: "2025-11-02T00:00:00Z")
        #expect(kindsRowByRow == kindsDeferred)
        #expect(try schema(deferred) == schemaBefore)
        #expect(try schema(rowByRow) == schemaBefore)
        for db in [rowByRow, deferred] {
            let report = try db.verify()
            #expect(report.breaks.isEmpty && report.integrity.isEmpty && report.foreignKeys.isEmpty && report.log.isEmpty && report.triggers.isEmpty)
        }
        let filters = [ClaimFilter(text: "plainly"), ClaimFilter(text: "measurable"), ClaimFilter(text: "claim 25"), ClaimFilter(claimant: "speaker 3"),
                       ClaimFilter(source: "s2"), ClaimFilter(dueOnOrBefore: day("2027-03-01")), ClaimFilter(tag: "agents", limit: 5)]
        for filter in filters {
            let a = try rowByRow.list(filter, at: now).map(\.id), b = try deferred.list(filter, at: now).map(\.id)
            #expect(a == b, "\(filter)")
        }
        // The old wording of the reworded claims is no longer found; the claims kept as they were are.
        #expect(Set(try deferred.list(ClaimFilter(text: "\"is measurable\""), at: now).map(\.id.rawValue)) == Set((0..<20).map { String(format: "d%04d", $0) }))
        // The trigger is back: a later edit is found by the search at once.
        try deferred.edit(try ClaimID("d0001"), ClaimChange(statement: try NonEmptyText("Zebras will vote", field: "s")), change: change("2025-11-03T00:00:00Z"))
        #expect(try deferred.list(ClaimFilter(text: "zebras"), at: now).map(\.id.rawValue) == ["d0001"])
    }

    /// A failed import leaves the indexes and the trigger as they were.
    @Test func aFailedImportLeavesTheIndexes() throws {
        let db = try newDatabase()
        let before = try schema(db)
        var parts = [ImportPart(claims: try claims(0..<50), change: change("2025-11-01T00:00:00Z"))].makeIterator()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.sync(dryRun: false, deferIndexing: true, expectedClaims: 100, reading: {
                guard let part = parts.next() else { throw Stop() }
                return part
            }, outcomes: { _ in })
        }
        #expect(try schema(db) == before)
        #expect(try db.list(ClaimFilter(), at: now).isEmpty)
    }

    @Test func onlyALargeImportIntoASmallDatabaseDefers() throws {
        let db = try newDatabase()
        let answers = try db.read { d in
            [try DeferredIndexing.pays(expectedClaims: 20_000, d), try DeferredIndexing.pays(expectedClaims: 19_999, d),
             try DeferredIndexing.pays(expectedClaims: nil, d)]
        }
        #expect(answers == [true, false, false])
        // At least twice what the database holds.
        _ = try db.sync(try claims(0..<10_001), change: change("2025-11-01T00:00:00Z"))
        #expect(try db.read { try !DeferredIndexing.pays(expectedClaims: 20_001, $0) })
        #expect(try db.read { try DeferredIndexing.pays(expectedClaims: 20_002, $0) })
    }

    /// A dry run with the indexes built at the end leaves the database as it was.
    @Test func aDryRunLeavesEverything() throws {
        let db = try newDatabase()
        _ = try db.sync(try claims(0..<10), change: change("2025-11-01T00:00:00Z"))
        let before = try schema(db)
        var parts = [ImportPart(claims: try claims(5..<200, wording: "newly"), change: change("2025-11-02T00:00:00Z"))].makeIterator()
        var kinds: [ImportOutcome.Kind] = []
        try db.sync(dryRun: true, deferIndexing: true, expectedClaims: 195, reading: { parts.next() }, outcomes: { kinds += $0.map(\.kind) })
        #expect(kinds.filter { $0 == .added }.count == 190 && kinds.filter { $0 == .changed }.count == 5)
        #expect(try schema(db) == before)
        #expect(try db.list(ClaimFilter(), at: now).count == 10)
        #expect(try db.list(ClaimFilter(text: "newly"), at: now).isEmpty)
        #expect(try db.list(ClaimFilter(text: "measurable"), at: now).count == 10)
    }
}
