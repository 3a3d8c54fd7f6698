import ClaimsCore
@testable import ClaimsStore
import Foundation
import Testing

/// An import keeps a mark per claim (migration 0008): the digest of what it was given and the
/// state it left the claim in. Given the same again, onto the same state, the claim is
/// unchanged without being read; any other change to the claim makes the mark match nothing.
@Suite struct ImportMarksTests {
    func claims() throws -> [NewClaim] {
        try (0..<6).map { i in
            var c = NewClaim(id: try ClaimID("m\(i)"), content: content("Marked claim \(i)", windowEnd: "2026-06-30"))
            if i % 2 == 0 { c.forecasts = [Forecast(forecaster: try NonEmptyText("Ann", field: "f"), probability: try Probability(0.4), madeOn: day("2025-11-01"))] }
            if i == 3 { c.resolution = Resolution(outcome: .true, settledOn: day("2026-06-30")) }
            return c
        }
    }

    func marked(_ db: ClaimsDatabase, _ claims: [NewClaim]) throws -> [Int] {
        let part = ImportPart(claims: claims, change: change("2026-01-01T00:00:00Z"))
        return try db.read { try ClaimsDatabase.unchangedSinceMarked(part, $0) }.sorted()
    }

    @Test func aSecondImportOfTheSameClaimsFindsThemByTheirMarks() throws {
        let db = try newDatabase()
        let all = try claims()
        #expect(try db.sync(all, change: change("2025-12-01T00:00:00Z")).map(\.kind) == Array(repeating: .added, count: 6))
        #expect(try marked(db, all) == [0, 1, 2, 3, 4, 5])
        #expect(try db.sync(all, change: change("2025-12-02T00:00:00Z")).map(\.kind) == Array(repeating: .unchanged, count: 6))
        // A claim given differently is not marked, and is compared field by field.
        var changed = all
        changed[1].content.criteria = "A public record says so."
        changed[2].forecasts.append(Forecast(forecaster: try NonEmptyText("Bo", field: "f"), probability: try Probability(0.7), madeOn: day("2025-11-02")))
        #expect(try marked(db, changed) == [0, 3, 4, 5])
        let outcomes = try db.sync(changed, change: change("2025-12-03T00:00:00Z"))
        #expect(outcomes.map(\.kind) == [.unchanged, .changed, .changed, .unchanged, .unchanged, .unchanged])
        #expect(outcomes[2].forecastsAdded == 1)
        // The marks now describe the new state: the same file again is found unchanged by them.
        #expect(try marked(db, changed) == [0, 1, 2, 3, 4, 5])
        #expect(try marked(db, all) == [0, 3, 4, 5])
    }

    /// Any change made outside an import leaves the mark describing a past state: the next
    /// import compares the claim, and finds what the file says against what was done since.
    @Test func aChangeMadeOutsideAnImportUnmarksTheClaim() throws {
        let db = try newDatabase()
        let all = try claims()
        _ = try db.sync(all, change: change("2025-12-01T00:00:00Z"))
        try db.edit(try ClaimID("m0"), ClaimChange(statement: try NonEmptyText("Edited by hand", field: "s")), change: change("2025-12-02T00:00:00Z"))
        try db.addForecast(try ClaimID("m1"), Forecast(forecaster: try NonEmptyText("Cy", field: "f"), probability: try Probability(0.2), madeOn: day("2025-12-02")), change: change("2025-12-02T00:00:01Z"))
        try db.resolve(try ClaimID("m2"), Resolution(outcome: .false, settledOn: day("2026-06-30")), change: change("2026-07-01T00:00:00Z"))
        try db.resolve(try ClaimID("m3"), Resolution(outcome: .false, settledOn: day("2026-06-30")), change: change("2026-07-01T00:00:01Z"))
        #expect(try marked(db, all) == [4, 5])
        let outcomes = try db.sync(all, change: change("2026-07-02T00:00:00Z"))
        // m0: the file's statement again, a new version. m1: the hand-made forecast stays, the
        // file's claim has nothing more. m2: the file has no outcome; the recorded one stays.
        // m3: the file's outcome differs from the one recorded by hand: a new revision.
        #expect(outcomes.map(\.kind) == [.changed, .unchanged, .unchanged, .changed, .unchanged, .unchanged])
        #expect(try db.state(try ClaimID("m0"), at: now)?.content.statement.value == "Marked claim 0")
        #expect(try db.state(try ClaimID("m3"), at: now)?.resolution?.resolution.outcome == .true)
        #expect(try marked(db, all) == [0, 1, 2, 3, 4, 5])
    }

    /// What the file left out (CSV's kept parts) is part of what the import was given.
    @Test func theInputCoversEveryField() throws {
        let base = try claims()[0]
        var variants: [NewClaim] = [base]
        var v = base; v.kept = [.quote]; variants.append(v)
        v = base; v.content.quote = "a quote"; variants.append(v)
        v = base; v.content.notes = "明年"; variants.append(v)
        v = base; v.content.withdrawal = Withdrawal(reason: try NonEmptyText("twice", field: "r"), successor: nil); variants.append(v)
        v = base; v.forecasts = []; variants.append(v)
        v = base; v.resolution = Resolution(outcome: .partial, settledOn: day("2026-06-30")); variants.append(v)
        v = base; v.resolution = Resolution(outcome: .partial, settledOn: day("2026-06-30"), evidence: ["https://example.org"]); variants.append(v)
        v = base; v.content = content("Marked claim 0", windowEnd: "2026-06-30", tags: ["a"]); variants.append(v)
        v = base; v.id = try ClaimID("other"); variants.append(v)
        #expect(Set(variants.map(\.inputData)).count == variants.count)
    }

    /// A part that names one claim twice (a tracker's file may) ends where its last mention
    /// says, every time it is imported: marks are not used for such a claim.
    @Test func aClaimNamedTwiceInOnePartEndsAsItsLastMention() throws {
        let db = try newDatabase()
        let id = try ClaimID("twice")
        let a = NewClaim(id: id, content: content("First wording of the claim", windowEnd: "2026-06-30"))
        let b = NewClaim(id: id, content: content("Second wording of the claim", windowEnd: "2026-06-30"))
        for (n, moment) in ["2025-12-01T00:00:00Z", "2025-12-02T00:00:00Z", "2025-12-03T00:00:00Z"].enumerated() {
            _ = try db.sync([a, b], change: change(moment))
            #expect(try db.state(id, at: now)?.content.statement.value == "Second wording of the claim", "import \(n + 1)")
        }
        #expect(try marked(db, [a, b]) == [])
    }
}
