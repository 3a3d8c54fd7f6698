import ClaimsCore
import Foundation
import Testing

/// The rules of a change to a claim, without a database: each field kept, set or cleared.
@Suite struct ClaimChangeTests {
    func day(_ s: String) throws -> Day { try Day(s) }
    func base() throws -> ClaimContent {
        ClaimContent(statement: try NonEmptyText("Agents work a whole day", field: "s"),
                     claimant: try NonEmptyText("Julian Schrittwieser", field: "c"), saidOn: try day("2025-10-23"),
                     source: try Source(key: "mad", kind: .podcast, title: "The MAD Podcast", url: "https://example.org"),
                     quote: "next year", window: try TimePhrases.window("next year", anchor: try day("2025-10-23")),
                     confidence: Confidence(words: "maybe", stated: try Probability(0.6)), tags: ["agents"], notes: "n")
    }
    let noSources: ClaimChange.SourceLookup = { _ in nil }

    @Test func anEmptyChangeChangesNothing() throws {
        let c = try base()
        #expect(try ClaimChange().applied(to: c, sources: noSources) == c)
    }

    @Test func aNewSaidOnReadsAPhraseWindowAgain() throws {
        let moved = try ClaimChange(saidOn: day("2026-02-01")).applied(to: base(), sources: noSources)
        #expect(moved.window?.start == (try day("2027-01-01")))
        #expect(moved.window?.end == (try day("2027-12-31")))
        // A window set by dates has no rule, and is not read again.
        var byHand = try base()
        byHand.window = try DueWindow(start: day("2025-10-23"), end: day("2026-06-30"))
        let kept = try ClaimChange(saidOn: day("2026-02-01")).applied(to: byHand, sources: noSources)
        #expect(kept.window == byHand.window)
    }

    @Test func windowDatesTakeWhatIsMissingFromTheCurrentWindowThenTheSaidOnDate() throws {
        let c = try base()
        let onlyEnd = try ClaimChange(window: .set(.dates(start: nil, end: day("2027-06-30"), phrase: nil))).applied(to: c, sources: noSources)
        #expect(onlyEnd.window?.start == c.window?.start)
        #expect(onlyEnd.window?.phrase == "next year" && onlyEnd.window?.rule == nil)
        var bare = c
        bare.window = nil
        let fresh = try ClaimChange(window: .set(.dates(start: nil, end: day("2027-06-30"), phrase: nil))).applied(to: bare, sources: noSources)
        #expect(fresh.window?.start == c.saidOn)
        #expect(throws: DomainError.invalidField(.windowEnd, .windowWithoutEnd)) {
            try ClaimChange(window: .set(.dates(start: day("2026-01-01"), end: nil, phrase: nil))).applied(to: bare, sources: noSources)
        }
        #expect(throws: DomainError.invalidField(.windowStart, .windowEndsBeforeStart(start: try day("2028-01-01"), end: try day("2027-06-30")))) {
            try ClaimChange(window: .set(.dates(start: day("2028-01-01"), end: day("2027-06-30"), phrase: nil))).applied(to: c, sources: noSources)
        }
        #expect(throws: DomainError.invalidField(.window, .vagueTime("in the coming years"))) {
            try ClaimChange(window: .set(.phrase("in the coming years"))).applied(to: c, sources: noSources)
        }
    }

    @Test func aBareSourceKeyIsTheSourceAsLastDescribed() throws {
        let other = try Source(key: "blog", kind: .post, title: "A post")
        let lookup: ClaimChange.SourceLookup = { $0 == "blog" ? other : nil }
        #expect(try ClaimChange(source: .set(.existing(key: "blog"))).applied(to: base(), sources: lookup).source == other)
        #expect(throws: DomainError.invalidField(.source, .unknownSourceKey("nope"))) {
            try ClaimChange(source: .set(.existing(key: "nope"))).applied(to: base(), sources: lookup)
        }
        // Describing the current source's key changes the fields given and keeps the rest.
        let d = SourceDescription(key: "mad", publisher: "FirstMark")
        let s = try ClaimChange(source: .set(.described(d))).applied(to: base(), sources: lookup).source
        #expect(s?.title == "The MAD Podcast" && s?.publisher == "FirstMark" && s?.kind == .podcast)
        // A new key starts from nothing: its kind is `other` unless given.
        let n = try ClaimChange(source: .set(.described(SourceDescription(key: "new", title: "T")))).applied(to: base(), sources: lookup).source
        #expect(n?.kind == .other && n?.url == nil)
        #expect(try ClaimChange(source: .clear).applied(to: base(), sources: lookup).source == nil)
    }

    @Test func confidenceWordsAndStatedProbabilities() throws {
        let c = try base()
        // Words alone: the number they state, if any, is the stated probability.
        let words = try ClaimChange(confidence: .set("3 in 4")).applied(to: c, sources: noSources)
        #expect(words.confidence.stated == (try Probability(0.75)))
        // Words with a probability: the probability given wins.
        let both = try ClaimChange(probability: .set(Probability(0.9)), confidence: .set("likely")).applied(to: c, sources: noSources)
        let p09 = try Probability(0.9), p06 = try Probability(0.6)
        #expect(both.confidence.stated == p09 && both.confidence.words == "likely")
        let noP = try ClaimChange(probability: .clear).applied(to: c, sources: noSources)
        #expect(noP.confidence.stated == nil && noP.confidence.words == "maybe")
        let noWords = try ClaimChange(confidence: .clear).applied(to: c, sources: noSources)
        #expect(noWords.confidence.words == nil && noWords.confidence.stated == p06)
    }

    @Test func textsTagsAndTranslations() throws {
        var c = try base()
        c.setTranslations([try Translation(language: "zh", statement: "智能体")])
        let changed = try ClaimChange(quote: .clear, criteria: .set("  METR ≥ 8h  "), tags: TagChange(remove: ["agents"], add: ["metr", "metr"]),
                                      notes: .set("   "), clearTranslations: true).applied(to: c, sources: noSources)
        #expect(changed.quote == nil && changed.criteria == "METR ≥ 8h" && changed.notes == nil)
        #expect(changed.tags == ["metr"] && changed.translations.isEmpty)
        let reset = try ClaimChange(tags: TagChange(removeAll: true, add: ["x"])).applied(to: c, sources: noSources)
        #expect(reset.tags == ["x"])
    }

    @Test func aNewClaimNeedsStatementAndClaimantAndDefaultsItsDate() throws {
        let today = try day("2026-11-23")
        #expect(throws: DomainError.invalidField(.claimant, .emptyText(field: "the claimant"))) {
            try ClaimChange(statement: NonEmptyText("s", field: "s")).newContent(defaultSaidOn: today, sources: noSources)
        }
        let fields = ClaimChange(statement: try NonEmptyText("s", field: "s"), claimant: try NonEmptyText("c", field: "c"),
                                 window: .set(.phrase("next year")), tags: TagChange(add: ["a"]))
        let content = try fields.newContent(defaultSaidOn: today, sources: noSources)
        #expect(content.saidOn == today && content.tags == ["a"])
        #expect(content.window?.end == (try day("2027-12-31")))
        // Checked without a database, a source named by its key alone is taken to exist.
        var withKey = fields
        withKey.source = .set(.existing(key: "mad"))
        try withKey.validateNew(defaultSaidOn: today)
        #expect(throws: DomainError.invalidField(.source, .unknownSourceKey("mad"))) {
            try withKey.newContent(defaultSaidOn: today, sources: noSources)
        }
    }

    @Test func importPlansAddOnlyWhatIsNew() throws {
        let c = try base()
        let f = Forecast(forecaster: try NonEmptyText("Ann", field: "f"), probability: try Probability(0.3), madeOn: try day("2025-11-01"))
        let g = Forecast(forecaster: try NonEmptyText("Bo", field: "f"), probability: try Probability(0.4), madeOn: try day("2025-11-01"))
        let r = Resolution(outcome: .false, settledOn: try day("2026-12-31"))
        let same = ImportOutcome.plan(NewClaim(content: c, forecasts: [f], resolution: r), current: c, recordedForecasts: [f], currentResolution: r)
        #expect(same.newContent == nil && same.newForecasts.isEmpty && same.newResolution == nil)
        #expect(same.outcome(try ClaimID("x")).kind == .unchanged)
        var edited = c
        edited.notes = "changed"
        let plan = ImportOutcome.plan(NewClaim(content: edited, forecasts: [f, g], resolution: r), current: c, recordedForecasts: [f],
                                      currentResolution: nil)
        #expect(plan.newContent == edited && plan.changes.map(\.field) == ["notes"])
        #expect(plan.newForecasts == [g] && plan.newResolution == r)
        let outcome = plan.outcome(try ClaimID("x"))
        #expect(outcome.kind == .changed && outcome.forecastsAdded == 1 && outcome.resolutionRecorded)
        // A file without a resolution never removes the recorded one.
        #expect(ImportOutcome.plan(NewClaim(content: c), current: c, recordedForecasts: [], currentResolution: r).newResolution == nil)
    }

    @Test func historyEventsSayWhatEachEventChanged() throws {
        let c = try base()
        var c2 = c
        c2.criteria = "METR"
        let info = { (n: Int, at: String) in VersionInfo(version: n, recordedAt: try Timestamp(parsing: at), author: "a", reason: "r\(n)") }
        let id = try ClaimID("x")
        let r1 = Resolution(outcome: .false, settledOn: try day("2026-12-31"))
        let r2 = Resolution(outcome: .true, settledOn: try day("2026-12-31"), evidence: ["https://e.org"])
        let history = ClaimHistory(
            versions: [ClaimVersion(id: id, info: try info(1, "2025-11-01"), content: c), ClaimVersion(id: id, info: try info(2, "2025-12-01"), content: c2)],
            forecasts: [RecordedForecast(forecast: Forecast(forecaster: try NonEmptyText("Ann", field: "f"), probability: try Probability(0.3),
                                                            madeOn: try day("2025-11-15")), recordedAt: try Timestamp(parsing: "2025-11-15"), author: "a")],
            resolutions: [ResolutionRevision(revision: 1, resolution: r1, recordedAt: try Timestamp(parsing: "2027-01-02"), author: "a"),
                          ResolutionRevision(revision: 2, resolution: r2, recordedAt: try Timestamp(parsing: "2027-01-03"), author: "a")])
        let events = history.events
        #expect(events.map(\.kind) == [.version, .forecast, .version, .resolution, .resolution])
        #expect(events[2].changes == [FieldChange(field: "criteria", old: nil, new: "METR")])
        #expect(events[1].changes.map(\.field) == ["forecaster", "probability", "made_on"])
        #expect(events[4].reason == "amended")
        #expect(events[4].changes == [FieldChange(field: "outcome", old: "false", new: "true"),
                                      FieldChange(field: "evidence", old: nil, new: "https://e.org")])
    }
}

/// Which probability a scorecard scores, and which forecast counts: the domain's rules, fed by
/// hand (the store only streams these facts).
@Suite struct ScoringRuleTests {
    func facts(stated: Double? = nil, words: String? = nil, start: String? = "2025-10-23", end: String? = "2026-06-30",
               outcome: Outcome? = nil, settled: String? = nil, tags: [String] = []) throws -> ScoringFacts {
        ScoringFacts(claimID: "c", claimant: "Julian", saidOn: try Day("2025-10-23"), windowStart: try start.map { try Day($0) },
                     windowEnd: try end.map { try Day($0) }, stated: stated, confidenceWords: words, sourceKey: nil, outcome: outcome,
                     settledOn: try settled.map { try Day($0) }, tags: tags)
    }
    let today = try! Day("2026-11-23")

    @Test func theClaimantsProbabilityIsStatedElseInferred() throws {
        var claimant = ClaimantProbabilities(use: .claimant)
        let both = claimant.unit(try facts(stated: 0.7, words: "extremely likely", outcome: .true), today: today)
        #expect(both.probability == 0.7 && both.kind == .stated)
        let words = claimant.unit(try facts(words: "extremely likely", outcome: .true), today: today)
        #expect(words.kind == .inferred && words.probability == EstimativeLanguage.Band.almostCertain.midpoint)
        let flat = claimant.unit(try facts(outcome: .true), today: today)
        #expect(flat.probability == nil && flat.isFlat)
        // Asked for stated only: words without a number are left out, not a flat assertion.
        var stated = ClaimantProbabilities(use: .stated)
        let left = stated.unit(try facts(words: "likely", outcome: .false), today: today)
        #expect(left.probability == nil && !left.isFlat)
        var inferred = ClaimantProbabilities(use: .inferred)
        let number = inferred.unit(try facts(stated: 0.2, outcome: .false), today: today)
        #expect(number.probability == nil && !number.isFlat)
    }

    @Test func statusFollowsTheOneRule() throws {
        var p = ClaimantProbabilities(use: .claimant)
        #expect(p.unit(try facts(end: "2026-11-22"), today: today).status == .due)
        #expect(p.unit(try facts(end: "2026-11-23"), today: today).status == .open)
        #expect(p.unit(try facts(end: nil), today: today).status == .open)
        #expect(p.unit(try facts(end: "2026-11-22", outcome: .annulled), today: today).status == .resolved)
    }

    @Test func theLastForecastMadeByTheDayTheWindowOpenedCounts() throws {
        let f = try facts(start: "2026-01-01", outcome: .false, settled: "2026-06-30")
        var choice = ForecastChoice(pick: .windowOpen, facts: f, forecaster: "Ann")
        choice.consider(probability: 0.2, madeOn: try Day("2025-11-01"))
        choice.consider(probability: 0.4, madeOn: try Day("2026-01-01"))
        choice.consider(probability: 0.9, madeOn: try Day("2026-03-01"))
        #expect(choice.row(today: today).unit.probability == 0.4)
        var latest = ForecastChoice(pick: .latest, facts: f, forecaster: "Ann")
        latest.consider(probability: 0.4, madeOn: try Day("2026-01-01"))
        latest.consider(probability: 0.9, madeOn: try Day("2026-03-01"))
        latest.consider(probability: 0.0, madeOn: try Day("2026-06-30"))
        #expect(latest.row(today: today).unit.probability == 0.9)
        #expect(latest.row(today: today).forecaster == "Ann" && latest.row(today: today).claimant == "Julian")
        // Only forecasts made on or after the outcome was settled: excluded, and counted.
        var late = ForecastChoice(pick: .latest, facts: f, forecaster: "Bo")
        late.consider(probability: 0.0, madeOn: try Day("2026-07-01"))
        let unit = late.row(today: today).unit
        #expect(unit.probability == nil && unit.madeAfterOutcome && !unit.isFlat)
        var a = ScoreAccumulator()
        a.add(unit)
        #expect(a.summary.excludedAfterOutcome == 1 && a.summary.scored == 0)
    }

    @Test func groupsAreKeyedAndOrdered() throws {
        var builder = ScorecardBuilder(grouping: .horizon, options: ScoringOptions())
        var p = ClaimantProbabilities(use: .claimant)
        for end in ["2028-01-01", "2026-01-01", "2026-08-01", nil] {
            let f = try facts(stated: 0.5, end: end, outcome: .true)
            builder.add(ScoreRow(f, unit: p.unit(f, today: today)))
        }
        let card = builder.scorecard
        #expect(card.groups.map(\.key) == [Horizon.underSixMonths, .sixToTwelveMonths, .overTwoYears, .none].map(\.rawValue))
        #expect(card.overall.units == 4)
        let row = ScoreRow(try facts(tags: ["b", "a"]), unit: ScoringUnit(status: .open, outcome: nil))
        #expect(row.keys(.tag) == ["b", "a"] && row.keys(.source) == ["(no source)"] && row.keys(.year) == ["2026"])
        #expect(ScoreRow(try facts(), unit: ScoringUnit(status: .open, outcome: nil)).keys(.none).isEmpty)
    }
}
