import ClaimsCore
@testable import ClaimsStore
import Foundation
import Testing

@Suite struct QueryTests {
    /// Five claims: two by Julian (one due, one open), one by Matt resolved true, one by Matt
    /// resolved false, one with no window.
    func sample(_ backend: Backend) throws -> (any ClaimStore, [String: ClaimID]) {
        let db = try backend.store()
        var ids: [String: ClaimID] = [:]
        let t = change("2025-11-01T00:00:00Z")
        ids["mid"] = try db.add(NewClaim(id: try ClaimID("mid"), content: content("All-day agents by mid-2026", windowEnd: "2026-06-30", tags: ["agents"])), change: t)
        ids["late"] = try db.add(NewClaim(id: try ClaimID("late"), content: content("Experts matched late 2026", windowEnd: "2026-12-31", windowStart: "2026-09-01", tags: ["gdpval"])), change: t)
        ids["win"] = try db.add(NewClaim(id: try ClaimID("win"), content: content("Rain in May", claimant: "Matt Turck", windowEnd: "2026-05-31", probability: 0.8)), change: t)
        ids["loss"] = try db.add(NewClaim(id: try ClaimID("loss"), content: content("Snow in June", claimant: "Matt Turck", windowEnd: "2026-06-30", probability: 0.6, tags: ["agents"])), change: t)
        ids["open"] = try db.add(NewClaim(id: try ClaimID("open"), content: content("The paradigm will get there")), change: t)
        try db.resolve(ids["win"]!, Resolution(outcome: .true, settledOn: day("2026-05-31")), change: change("2026-06-01T00:00:00Z"))
        try db.resolve(ids["loss"]!, Resolution(outcome: .false, settledOn: day("2026-06-30")), change: change("2026-07-01T00:00:00Z"))
        return (db, ids)
    }

    func ids(_ list: [ClaimSummary]) -> [String] { list.map(\.id.rawValue) }

    @Test(arguments: Backend.allCases) func filtersSelectTheRightClaims(_ backend: Backend) throws {
        let (db, _) = try sample(backend)
        #expect(ids(try db.list(ClaimFilter(claimant: "matt turck"), at: now)) == ["win", "loss"])
        #expect(ids(try db.list(ClaimFilter(tag: "agents"), at: now)) == ["loss", "mid"])
        #expect(ids(try db.list(ClaimFilter(status: .due), at: now)) == ["mid"])
        #expect(ids(try db.list(ClaimFilter(status: .open), at: now)) == ["late", "open"])
        #expect(ids(try db.list(ClaimFilter(status: .resolved), at: now)) == ["win", "loss"])
        #expect(ids(try db.list(ClaimFilter(dueOnOrBefore: day("2026-06-30")), at: now)) == ["win", "loss", "mid"])
        #expect(ids(try db.list(ClaimFilter(dueOnOrAfter: day("2026-07-01")), at: now)) == ["late"])
        #expect(ids(try db.list(ClaimFilter(text: "EXPERTS"), at: now)) == ["late"])
        #expect(ids(try db.list(ClaimFilter(limit: 2), at: now)) == ["win", "loss"])
    }

    /// With a limit, listings pick their claims by key first and fetch the columns after: the
    /// result is the unlimited listing cut at the limit, in every order, with every filter, at
    /// the present and at a past moment, and whichever way the plan finds the rows.
    /// A word is found in text whose letters go beyond ASCII ("cafe" in "Café", "strasse" in
    /// "Straße", "fin" in "ﬁn") now and at a past moment alike: the scan at a past moment once
    /// looked for the folded word in the text as written, and missed these silently.
    @Test(arguments: Backend.allCases) func aSearchFoldsLettersBeyondASCIIAtEveryMoment(_ backend: Backend) throws {
        let db = try backend.store()
        let texts = ["Le Café sera autonome", "A cafe near the Straße", "The ﬁnal model", "Plain ASCII text about a cafe"]
        for (i, text) in texts.enumerated() {
            try db.add(NewClaim(id: try ClaimID("t\(i)"), content: content(text, windowEnd: "2027-01-01")), change: change("2025-11-01T00:00:00Z"))
        }
        let past = ReadPoint(asOf: try Timestamp(parsing: "2025-12-01T00:00:00Z"), today: day("2026-11-23"))
        for point in [now, past] {
            let expected: [(String, [String])] = [("cafe", ["t0", "t1", "t3"]), ("café", ["t0", "t1", "t3"]), ("CAF*", ["t0", "t1", "t3"]),
                                                  ("strasse", TextQuery.tokens("Straße") == ["strasse"] ? ["t1"] : []),
                                                  ("straße", ["t1"]), ("plain", ["t3"]), ("zebra", [])]
            for (query, claims) in expected {
                let found = ids(try db.list(ClaimFilter(text: query), at: point, order: .id))
                let rule = texts.indices.filter { (try? TextQuery(parsing: query))?.matches([texts[$0]]) == true }.map { "t\($0)" }
                #expect(found == rule, "\(query) at \(point)")
                #expect(found == claims, "\(query) at \(point)")
            }
        }
    }

    @Test(arguments: Backend.allCases) func aLimitCutsTheSameListing(_ backend: Backend) throws {
        let db = try backend.store()
        var rng = SplitMix64(seed: 5)
        for i in 0..<60 {
            let end = day("2026-01-01").adding(days: Int(rng.next() % 500))
            let tags = ["agents", "chips", "policy"].filter { _ in rng.next() % 2 == 0 }
            let id = try ClaimID(String(format: "c%03d", i))
            let source = i % 5 == 0 ? nil : try Source(key: "s\(i % 4)", kind: .podcast, title: "Episode \(i % 4)")
            try db.add(NewClaim(id: id, content: content("Claim \(i)", claimant: i % 3 == 0 ? "Matt Turck" : "Julian Schrittwieser",
                                                        windowEnd: i % 7 == 0 ? nil : end.description, tags: tags, source: source)),
                       change: change(String(format: "2025-11-01T00:00:%02dZ", i)))
            if i % 4 == 0 && i % 7 != 0 {
                try db.resolve(id, Resolution(outcome: i % 8 == 0 ? .true : .false, settledOn: end), change: change("2026-07-01T00:00:00Z"))
            }
            // Later versions move some windows and sources: a past moment lists them as they were.
            if i % 6 == 0 {
                let later = content("Claim \(i)", claimant: i % 3 == 0 ? "Matt Turck" : "Julian Schrittwieser",
                                    windowEnd: end.adding(days: 200).description, tags: tags,
                                    source: try Source(key: "s9", kind: .post, title: "Later post"))
                _ = try db.sync([NewClaim(id: id, content: later)], change: change("2026-08-01T00:00:00Z"))
            }
            // A few withdrawn, one of them resolved.
            if i % 9 == 4 {
                var withdrawal = ClaimChange()
                withdrawal.withdrawal = .set(Withdrawal(reason: try NonEmptyText("Logged twice", field: "withdrawn"), successor: nil))
                try db.edit(id, withdrawal, change: change("2026-07-10T00:00:00Z"))
            }
        }
        let filters = [ClaimFilter(), ClaimFilter(tag: "chips"), ClaimFilter(claimant: "matt turck"), ClaimFilter(status: .open),
                       ClaimFilter(status: .due), ClaimFilter(dueOnOrAfter: day("2026-06-01")), ClaimFilter(tag: "agents", status: .resolved),
                       ClaimFilter(dueOnOrBefore: day("2026-03-01")), ClaimFilter(text: "claim 1"), ClaimFilter(claimant: "Julian Schrittwieser", status: .due),
                       ClaimFilter(source: "s1"), ClaimFilter(source: "episode 2", status: .open), ClaimFilter(source: "s9"),
                       ClaimFilter(dueOnOrBefore: day("2026-09-01"), dueOnOrAfter: day("2026-04-01")), ClaimFilter(status: .withdrawn),
                       { var f = ClaimFilter(); f.includesWithdrawn = true; return f }(), ClaimFilter(claimant: "MATT TURCK", status: .withdrawn)]
        let past = ReadPoint(asOf: at("2026-07-15T00:00:00Z"), today: day("2026-07-15"))
        // Before the last claims were recorded: some claims did not exist yet.
        let early = ReadPoint(asOf: at("2025-11-01T00:00:40Z"), today: day("2025-11-01"))
        for point in [now, past, early] {
            var every = ClaimFilter()
            every.includesWithdrawn = true
            let everything = try db.list(every, at: point, order: .id)
            for filter in filters {
                for order in [ListOrder.windowEnd, .windowEndDescending, .id, .recentlySettled] {
                    let all = ids(try db.list(filter, at: point, order: order))
                    // The store selects what the domain's filter means (the status rule included),
                    // less what the order needs (a window to sort by, an outcome).
                    let meant = everything.filter { c in
                        filter.matches(c, today: point.today)
                            && (order != .windowEndDescending || c.content.window != nil)
                            && (order != .recentlySettled || c.resolution != nil)
                    }
                    #expect(Set(all) == Set(ids(meant)), "\(filter) \(order) \(point)")
                    var lines: [ClaimLine] = []
                    try db.eachLine(filter, at: point, order: order) { lines.append($0) }
                    #expect(lines == (try db.list(filter, at: point, order: order)).map(\.line), "\(filter) \(order) \(point)")
                    #expect(try db.count(filter, at: point) == everything.filter { filter.matches($0, today: point.today) }.count, "\(filter)")
                    for limit in [0, 1, 5, 17] {
                        var limited = filter
                        limited.limit = limit
                        let listed = try db.list(limited, at: point, order: order)
                        #expect(ids(listed) == Array(all.prefix(limit)), "\(filter) \(order) \(limit) \(point)")
                        // A table's lines, read from their own columns, are the claims' lines.
                        var lines: [ClaimLine] = []
                        try db.eachLine(limited, at: point, order: order) { lines.append($0) }
                        #expect(lines == listed.map(\.line), "\(filter) \(order) \(limit) \(point)")
                        // A tag or a source is found either from its own index or by walking the
                        // window ends; a bounded window end through its index or by reading
                        // every claim: each way gives the same claims.
                        guard let db = db as? ClaimsDatabase else { continue }
                        for variant in 0..<4 {
                            var plan = try db.read { try ListingPlan(limited, order: order, at: point, $0) }
                            switch variant {
                            case 0: plan.tagFirst.toggle()
                            case 1: plan.sourceFirst.toggle()
                            case 2: plan.fewExisted.toggle()
                            default: plan.narrowWindowRange.toggle()
                            }
                            let other = try db.read { try ClaimsDatabase.summaries(Listing(limited, plan: plan, order: order, at: point), $0) }
                            #expect(ids(other) == Array(all.prefix(limit)), "\(filter) \(order) \(limit) \(point) \(plan)")
                        }
                    }
                }
            }
        }
    }

    /// Names and titles beyond ASCII, which the database's own lower() may read otherwise than
    /// the domain's rule: a table's lines name the same claims as the listing, on each backend.
    @Test(arguments: Backend.allCases) func linesFollowTheRulesForTextBeyondASCII(_ backend: Backend) throws {
        let db = try backend.store()
        let titles = ["Cafe\u{301} Society", "İstanbul Daily", "Straße Radio", "ÉMILE's podcast", "Plain Title"]
        let claimants = ["Émile Zola", "İlker", "STRASSE", "émile zola", "Ana"]
        for (i, title) in titles.enumerated() {
            let source = try Source(key: "k\(i)", kind: .podcast, title: title)
            try db.add(NewClaim(id: try ClaimID("c\(i)"), content: content("Claim \(i)", claimant: claimants[i], windowEnd: "2026-06-30",
                                                                      source: source)),
                       change: change("2026-01-01T00:00:0\(i)Z"))
        }
        for source in [nil, "cafe", "café", "istanbul", "i\u{307}stanbul", "straße", "strasse", "émile", "ÉMILE", "k1", "title"] {
            for claimant in [nil, "émile zola", "ÉMILE ZOLA", "ilker", "i\u{307}lker", "strasse", "straße"] {
                let filter = ClaimFilter(claimant: claimant, source: source)
                var lines: [ClaimLine] = []
                try db.eachLine(filter, at: now, order: .windowEnd) { lines.append($0) }
                #expect(lines == (try db.list(filter, at: now)).map(\.line), "\(filter)")
            }
        }
    }

    @Test(arguments: Backend.allCases) func dueListsUnresolvedEndedWindowsMostOverdueFirst(_ backend: Backend) throws {
        let (db, _) = try sample(backend)
        try db.add(NewClaim(id: try ClaimID("older"), content: content("Older", windowEnd: "2026-01-31")), change: change("2025-11-02T00:00:00Z"))
        #expect(ids(try db.due(ClaimFilter(), at: now)) == ["older", "mid"])
        #expect(ids(try db.due(ClaimFilter(), at: now, horizon: day("2026-12-31"))) == ["older", "mid", "late"])
        #expect(ids(try db.due(ClaimFilter(), at: ReadPoint(today: day("2026-06-30")))) == ["older"])
        #expect(ids(try db.due(ClaimFilter(), at: ReadPoint(today: day("2026-07-01")))) == ["older", "mid"])
    }

    @Test(arguments: Backend.allCases) func scorecardCountsAndScoresPerClaimant(_ backend: Backend) throws {
        let (db, _) = try sample(backend)
        let card = try db.scorecard(ClaimFilter(), at: now, use: .claimant, by: .claimant, options: ScoringOptions())
        #expect(card.groups.map(\.key) == ["Julian Schrittwieser", "Matt Turck"])
        let julian = card.groups[0].summary, matt = card.groups[1].summary
        #expect(julian.units == 3 && julian.due == 1 && julian.open == 2 && julian.brier == nil)
        #expect(matt.units == 2 && matt.outcomes[.true] == 1 && matt.outcomes[.false] == 1 && matt.kinds[.stated] == 2)
        // ((0.8 − 1)² + (0.6 − 0)²) / 2 = (0.04 + 0.36) / 2 = 0.2
        #expect(abs(try #require(matt.brier) - 0.2) < 1e-12)
        let before = try db.scorecard(ClaimFilter(), at: ReadPoint(asOf: at("2026-06-15"), today: day("2026-06-15")), use: .claimant,
                                      by: .claimant, options: ScoringOptions())
        #expect(before.groups[1].summary.scored == 1)
    }

    @Test(arguments: Backend.allCases) func forecastersAreScoredOnTheirLastForecastBeforeTheWindowOpened(_ backend: Backend) throws {
        let (db, ids) = try sample(backend)
        let ann = try NonEmptyText("Ann", field: "f")
        // "win": window 2025-10-23 … 2026-05-31, resolved true on 2026-05-31. Its outcome is
        // recorded already, so Ann's forecasts come as reported ones (from her spreadsheet).
        try db.addForecast(ids["win"]!, Forecast(forecaster: ann, probability: try Probability(0.2), madeOn: day("2025-10-23"), reportedSource: "Ann's spreadsheet"), change: change("2025-11-01T00:00:00Z"))
        try db.addForecast(ids["win"]!, Forecast(forecaster: ann, probability: try Probability(0.4), madeOn: day("2025-10-23"), reportedSource: "Ann's spreadsheet"), change: change("2025-11-01T00:00:00Z"))
        try db.addForecast(ids["win"]!, Forecast(forecaster: ann, probability: try Probability(0.9), madeOn: day("2026-03-01"), reportedSource: "Ann's spreadsheet"), change: change("2026-03-01T00:00:00Z"))
        // A forecast made after the outcome was settled is excluded and counted.
        let bob = try NonEmptyText("Bob", field: "f")
        // (On a resolved claim it can only be added as a reported forecast, naming its source.)
        try db.addForecast(ids["loss"]!, Forecast(forecaster: bob, probability: try Probability(0.01), madeOn: day("2026-07-02"),
                                                  reportedSource: "a post of 2026-07-02"), change: change("2026-07-02T00:00:00Z"))
        let card = try db.scorecard(ClaimFilter(), at: now, use: .forecasters, by: .forecaster, options: ScoringOptions())
        #expect(card.groups.map(\.key) == ["Ann", "Bob"])
        // Ann's last forecast made on or before the window opened (2025-10-23) is 0.4: (0.4 − 1)² = 0.36.
        #expect(abs(try #require(card.groups[0].summary.brier) - 0.36) < 1e-12)
        #expect(card.groups[1].summary.scored == 0 && card.groups[1].summary.excludedAfterOutcome == 1)
        let latest = try db.scorecard(ClaimFilter(), at: now, use: .forecasters, pick: .latest, by: .forecaster, options: ScoringOptions())
        #expect(abs(try #require(latest.groups[0].summary.brier) - 0.01) < 1e-12)
    }

    @Test(arguments: Backend.allCases) func groupingByTagHorizonAndYear(_ backend: Backend) throws {
        let (db, _) = try sample(backend)
        let tags = try db.scorecard(ClaimFilter(), at: now, use: .claimant, by: .tag, options: ScoringOptions())
        #expect(tags.groups.map(\.key) == ["(no tag)", "agents", "gdpval"])
        #expect(tags.groups[1].summary.units == 2)
        let horizon = try db.scorecard(ClaimFilter(), at: now, use: .claimant, by: .horizon, options: ScoringOptions())
        #expect(horizon.groups.map(\.key) == ["6–12 months", "1–2 years", "no window"])
        let year = try db.scorecard(ClaimFilter(), at: now, use: .claimant, by: .year, options: ScoringOptions())
        #expect(year.groups.map(\.key) == ["(no window)", "2026"])
    }
}

@Suite struct SyncTests {
    @Test(arguments: Backend.allCases) func syncIsIdempotentAndAChangedFieldMakesOneVersion(_ backend: Backend) throws {
        let db = try backend.store()
        let id = try ClaimID("a")
        var claim = NewClaim(id: id, content: content("It will rain", windowEnd: "2026-01-01"),
                             forecasts: [Forecast(forecaster: try NonEmptyText("Ann", field: "f"), probability: try Probability(0.3), madeOn: day("2025-11-01"))])
        #expect(try db.sync([claim], change: change("2025-11-01T00:00:00Z")).map(\.kind) == [.added])
        #expect(try db.sync([claim], change: change("2025-11-02T00:00:00Z")).map(\.kind) == [.unchanged])
        claim.content.criteria = "Rain gauge in Vienna above 1 mm"
        let outcome = try db.sync([claim], change: change("2025-11-03T00:00:00Z", reason: "import claims/a.yaml"))
        #expect(outcome[0].kind == .changed)
        #expect(outcome[0].changes == [FieldChange(field: "criteria", old: nil, new: "Rain gauge in Vienna above 1 mm")])
        let history = try db.history(id)
        #expect(history.versions.count == 2)
        #expect(history.versions[1].info.reason == "import claims/a.yaml")
        #expect(history.forecasts.count == 1)
    }

    @Test(arguments: Backend.allCases) func aDryRunChangesNothing(_ backend: Backend) throws {
        let db = try backend.store()
        let claim = NewClaim(id: try ClaimID("a"), content: content("It will rain"))
        #expect(try db.sync([claim], change: change("2025-11-01T00:00:00Z"), dryRun: true).map(\.kind) == [.added])
        #expect(try db.list(ClaimFilter(), at: now).isEmpty)
    }

    @Test func aFailingClaimRollsBackTheWholeSync() throws {
        let db = try newDatabase()
        let good = NewClaim(id: try ClaimID("good"), content: content("Fine"))
        // The domain cannot build a claim the schema refuses, so a test trigger refuses one.
        try db.add(NewClaim(id: try ClaimID("taken"), content: content("Taken")), change: change("2025-11-01T00:00:00Z"))
        try db.unsafeExecute("CREATE TRIGGER refuse_bad BEFORE INSERT ON claims WHEN NEW.id = 'bad' BEGIN SELECT RAISE(ABORT, 'bad id'); END")
        let bad = NewClaim(id: try ClaimID("bad"), content: content("Bad"))
        #expect(throws: StoreError.self) { try db.sync([good, bad], change: change("2025-11-02T00:00:00Z")) }
        #expect(ids(try db.list(ClaimFilter(), at: now)) == ["taken"])
    }

    func ids(_ list: [ClaimSummary]) -> [String] { list.map(\.id.rawValue) }
}
