import ClaimsCore
import Foundation
import Testing

@Suite struct ProbabilityTests {
    @Test(arguments: [("0.7", 0.7), ("70%", 0.7), ("0", 0.0), ("1", 1.0), ("100%", 1.0), (".25", 0.25), (" 5% ", 0.05)])
    func readsNumbersAndPercentages(_ text: String, _ expected: Double) throws {
        #expect(abs(try Probability(parsing: text).value - expected) < 1e-12)
    }

    @Test(arguments: ["1.5", "-0.1", "150%", "NaN", "nan", "inf", "", "%", "seventy", "0.5.1", "1e400"])
    func refusesWhatIsNotAProbability(_ text: String) {
        #expect(throws: DomainError.probabilityOutOfRange(text)) { try Probability(parsing: text) }
    }

    @Test func refusesNonFiniteAndOutOfRangeNumbers() {
        for value in [Double.nan, .infinity, -.infinity, -0.0001, 1.0001] {
            #expect(throws: DomainError.self) { try Probability(value) }
        }
    }
}

@Suite struct WindowAndTextTests {
    @Test func aWindowCannotEndBeforeItStarts() throws {
        let start = try Day("2027-01-01"), end = try Day("2026-12-31")
        #expect(throws: DomainError.windowEndsBeforeStart(start: start, end: end)) { try DueWindow(start: start, end: end) }
        let oneDay = try DueWindow(start: start, end: start, phrase: "  ")
        #expect(oneDay.phrase == nil)
    }

    /// The content digested when a claim is written is the content read back: its text fields
    /// are cleaned however they are set (a field set after `init` was once stored uncleaned, and
    /// read back cleaned, so its digest no longer matched).
    @Test func textFieldsAreCleanedWhenSetAfterInit() throws {
        var c = ClaimContent(statement: try NonEmptyText("A statement.", field: "statement"),
                             claimant: try NonEmptyText("Ana", field: "claimant"), saidOn: try Day("2026-01-01"))
        c.notes = "\t\\t "
        c.quote = "  a quote\n"
        c.criteria = " \n "
        c.location = "\r\n00:01:02"
        #expect(c.notes == "\\t")
        #expect(c.quote == "a quote")
        #expect(c.criteria == nil)
        #expect(c.location == "00:01:02")
        #expect(c == ClaimContent(statement: c.statement, claimant: c.claimant, saidOn: c.saidOn, quote: "a quote",
                                  location: "00:01:02", notes: "\\t"))
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func emptyTextIsRefused(_ text: String) {
        #expect(throws: DomainError.emptyText(field: "the statement")) { try NonEmptyText(text, field: "the statement") }
    }

    @Test func textIsTrimmed() throws {
        #expect(try NonEmptyText("  Models will work a whole day \n", field: "s").value == "Models will work a whole day")
    }

    @Test(arguments: ["a", "7k2m9x", "schrittwieser-2026-whole-day", "a.b_c-d", String(repeating: "x", count: 128)])
    func validIDs(_ text: String) throws { #expect(try ClaimID(text).rawValue == text) }

    @Test(arguments: ["", "-abc", "Abc", "a b", "a/b", "é", String(repeating: "x", count: 129), "a;DROP"])
    func invalidIDs(_ text: String) {
        #expect(throws: DomainError.invalidClaimID(text)) { try ClaimID(text) }
    }

    @Test func randomIDsAreValidAndDistinct() {
        let ids = (0..<2000).map { _ in ClaimID.random().rawValue }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 10 })
    }

    @Test func sourcesGetAKeyFromTheirTitleOrURL() throws {
        #expect(try Source(kind: .podcast, title: "The MAD Podcast!", publishedOn: Day("2025-10-23")).key == "the-mad-podcast-2025-10-23")
        #expect(try Source(kind: .video, url: "https://www.youtube.com/watch?v=gTlxCrsUcFM").key == "youtube-com-watch-v-gtlxcrsucfm")
        #expect(throws: DomainError.invalidSourceKey("Bad Key")) { try Source(key: "Bad Key", kind: .post) }
    }
}

@Suite struct ClaimContentTests {
    func content(_ statement: String = "It will rain", tags: [String] = []) throws -> ClaimContent {
        ClaimContent(statement: try NonEmptyText(statement, field: "statement"), claimant: try NonEmptyText("Ann", field: "claimant"),
                     saidOn: try Day("2025-10-23"), tags: tags)
    }

    @Test func tagsAreTrimmedSortedAndUnique() throws {
        #expect(try content(tags: ["b", " a ", "b", ""]).tags == ["a", "b"])
    }

    @Test func changesNameEachFieldThatDiffers() throws {
        let before = try content()
        var after = before
        after.statement = try NonEmptyText("It will snow", field: "s")
        after.confidence = Confidence(words: "likely", stated: try Probability(0.7))
        let changes = after.changes(since: before)
        #expect(changes.map(\.field) == ["statement", "confidence_words", "stated_probability"])
        #expect(changes[0] == FieldChange(field: "statement", old: "It will rain", new: "It will snow"))
        #expect(before.changes(since: before).isEmpty)
    }

    @Test func statusFollowsTheWindowAndTheResolution() throws {
        let window = try DueWindow(start: Day("2026-01-01"), end: Day("2026-06-30"))
        #expect(ClaimStatus(window: window, resolved: false, on: try Day("2026-06-30")) == .open)
        #expect(ClaimStatus(window: window, resolved: false, on: try Day("2026-07-01")) == .due)
        #expect(ClaimStatus(window: window, resolved: true, on: try Day("2026-07-01")) == .resolved)
        #expect(ClaimStatus(window: nil, resolved: false, on: try Day("2099-01-01")) == .open)
    }
}

@Suite struct ScoringTests {
    @Test func wilsonIntervalMatchesHandWorkedValues() throws {
        // 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416 = 0.71676, half-width 0.22650.
        let i = try #require(wilsonInterval(successes: 8, trials: 10))
        #expect(abs(i.lowerBound - 0.490_16) < 1e-4)
        #expect(abs(i.upperBound - 0.943_32) < 1e-4)
        let all = try #require(wilsonInterval(successes: 1, trials: 1))
        #expect(abs(all.lowerBound - 0.206_55) < 1e-4 && all.upperBound == 1)
        #expect(wilsonInterval(successes: 0, trials: 0) == nil)
    }
}

@Suite struct TrimTests {
    @Test(arguments: [("  a b  ", "a b"), ("a", "a"), ("\n\t明年 \u{3000}", "明年"), ("   ", ""), ("", ""), (" x", "x"), ("x\n", "x")])
    func trimsWhiteSpaceAtBothEnds(_ text: String, _ expected: String) {
        #expect(trimmed(text) == expected)
        #expect(trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
