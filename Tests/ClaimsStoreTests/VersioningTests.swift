import ClaimsCore
import ClaimsStore
import Foundation
import Testing

@Suite struct VersioningTests {
    @Test(arguments: Backend.allCases) func editsAppendVersionsAndTheLatestIsCurrent(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try db.add(NewClaim(content: content("Models work a whole day", windowEnd: "2026-12-31")), change: change("2025-11-01T00:00:00Z"))
        try db.edit(id, ClaimChange(criteria: .set("METR 50% horizon of 8 hours")), change: change("2025-12-01T00:00:00Z", reason: "criteria"))
        try db.edit(id, ClaimChange(tags: TagChange(removeAll: true, add: ["agents"])), change: change("2026-01-15T00:00:00Z", reason: "tags"))
        let history = try db.history(id)
        #expect(history.versions.map(\.info.version) == [1, 2, 3])
        #expect(history.versions.map(\.info.reason) == ["test", "criteria", "tags"])
        let state = try #require(try db.state(id, at: now))
        #expect(state.current.info.version == 3)
        #expect(state.content.criteria == "METR 50% horizon of 8 hours")
        #expect(state.content.tags == ["agents"])
        #expect(history.versions[0].content.criteria == nil)
    }

    @Test(arguments: Backend.allCases) func anEditThatChangesNothingIsRefused(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try db.add(NewClaim(content: content("It will rain")), change: change("2025-11-01T00:00:00Z"))
        #expect(throws: StoreError.nothingChanged(id.rawValue)) { try db.edit(id, ClaimChange(), change: change("2025-11-02T00:00:00Z")) }
        #expect(try db.history(id).versions.count == 1)
    }

    @Test(arguments: Backend.allCases) func readsAsOfAMomentSeeWhatWasHeldThen(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try db.add(NewClaim(content: content("Version one", windowEnd: "2026-06-30")), change: change("2026-01-10T12:00:00Z"))
        try db.edit(id, ClaimChange(statement: try NonEmptyText("Version two", field: "s")), change: change("2026-02-10T12:00:00Z"))
        try db.resolve(id, Resolution(outcome: .false, settledOn: day("2026-06-30")), change: change("2026-07-05T00:00:00Z"))
        try db.resolve(id, Resolution(outcome: .true, settledOn: day("2026-06-30"), note: "corrected"), change: change("2026-07-20T00:00:00Z"))

        func asOf(_ moment: String) throws -> ClaimState? {
            try db.state(id, at: ReadPoint(asOf: at(moment), today: day("2026-11-23")))
        }
        #expect(try asOf("2026-01-09") == nil)
        #expect(try asOf("2026-01-31")?.content.statement.value == "Version one")
        #expect(try asOf("2026-02-10T12:00:00Z")?.content.statement.value == "Version two")
        #expect(try asOf("2026-07-01")?.resolution == nil)
        #expect(try asOf("2026-07-10")?.resolution?.resolution.outcome == .false)
        #expect(try asOf("2026-07-31")?.resolution?.resolution.outcome == .true)
        #expect(try asOf("2026-07-31")?.resolution?.revision == 2)

        let listedThen = try db.list(ClaimFilter(), at: ReadPoint(asOf: at("2026-01-31"), today: day("2026-01-31")))
        #expect(listedThen.map(\.content.statement.value) == ["Version one"])
        #expect(try db.list(ClaimFilter(), at: ReadPoint(asOf: at("2025-12-31"), today: day("2025-12-31"))).isEmpty)
        let dueThen = try db.due(ClaimFilter(), at: ReadPoint(asOf: at("2026-07-03"), today: day("2026-07-03")))
        #expect(dueThen.map(\.id) == [id])
    }

    @Test(arguments: Backend.allCases) func resolvingAgainAmendsAndKeepsEveryRevision(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try db.add(NewClaim(content: content("It will rain")), change: change("2025-11-01T00:00:00Z"))
        let first = try db.resolve(id, Resolution(outcome: .false, settledOn: day("2026-01-01"), evidence: ["https://a.example"]), change: change("2026-01-02T00:00:00Z"))
        let second = try db.resolve(id, Resolution(outcome: .partial, settledOn: day("2026-01-01")), change: change("2026-01-03T00:00:00Z"))
        #expect(first.revision == 1 && second.revision == 2)
        let history = try db.history(id)
        #expect(history.resolutions.map(\.resolution.outcome) == [.false, .partial])
        #expect(history.resolutions[0].resolution.evidence == ["https://a.example"])
    }

    @Test(arguments: Backend.allCases) func timesNeverRunBackwardsWithinAClaim(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try db.add(NewClaim(content: content("It will rain")), change: change("2026-01-10T00:00:00Z"))
        let v2 = try db.edit(id, ClaimChange(quote: .set("q")), change: change("2026-01-01T00:00:00Z"))
        #expect(v2.info.recordedAt == at("2026-01-10T00:00:00Z"))
    }

    @Test(arguments: Backend.allCases) func unknownClaimsAreErrors(_ backend: Backend) throws {
        let db = try backend.store()
        let ghost = try ClaimID("ghost")
        #expect(throws: StoreError.unknownClaim("ghost")) { try db.edit(ghost, ClaimChange(quote: .set("q")), change: change("2026-01-01T00:00:00Z")) }
        #expect(throws: StoreError.unknownClaim("ghost")) { try db.resolve(ghost, Resolution(outcome: .true, settledOn: day("2026-01-01")), change: change("2026-01-01T00:00:00Z")) }
        #expect(throws: StoreError.unknownClaim("ghost")) { try db.history(ghost) }
    }

    @Test(arguments: Backend.allCases) func addingAnExistingIDIsRefused(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try ClaimID("rain")
        try db.add(NewClaim(id: id, content: content("It will rain")), change: change("2026-01-01T00:00:00Z"))
        #expect(throws: StoreError.claimExists("rain")) { try db.add(NewClaim(id: id, content: content("Other")), change: change("2026-01-01T00:00:00Z")) }
    }

    @Test(arguments: Backend.allCases) func idsMatchByUniquePrefix(_ backend: Backend) throws {
        let db = try backend.store()
        for id in ["abc1", "abc2", "xyz"] {
            try db.add(NewClaim(id: try ClaimID(id), content: content(id)), change: change("2026-01-01T00:00:00Z"))
        }
        #expect(try db.matchID("xy").rawValue == "xyz")
        #expect(try db.matchID("ABC1").rawValue == "abc1")
        #expect(throws: StoreError.ambiguousClaim(prefix: "abc", matches: ["abc1", "abc2"])) { try db.matchID("abc") }
        #expect(throws: StoreError.unknownClaim("q")) { try db.matchID("q") }
        #expect(throws: StoreError.unknownClaim("a*")) { try db.matchID("a*") }
    }

    @Test func sourcesAreSharedAndRedescribedByKey() throws {
        let db = try newDatabase()
        let s1 = try Source(key: "mad", kind: .podcast, title: "MAD")
        try db.add(NewClaim(content: content("a", source: s1)), change: change("2026-01-01T00:00:00Z"))
        try db.add(NewClaim(content: content("b", source: s1)), change: change("2026-01-01T00:00:00Z"))
        #expect(try db.unsafeFetchStrings("SELECT count(*) FROM sources") == ["1"])
        let s2 = try Source(key: "mad", kind: .podcast, title: "The MAD Podcast")
        try db.add(NewClaim(content: content("c", source: s2)), change: change("2026-01-02T00:00:00Z"))
        #expect(try db.latestSource(key: "mad") == s2)
        #expect(try db.list(ClaimFilter(source: "mad"), at: now).count == 3)
    }
}
