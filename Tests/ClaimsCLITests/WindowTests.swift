import Foundation
import Testing

@Suite struct WindowTests {
    @Test func windowPrintsEachPhraseWithItsRule() throws {
        let w = Workspace()
        let r = w.run(["window", "by 2027", "明年一季度", "within 18 months", "--said-on", "2025-10-23"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines[1].contains("2025-10-23  2027-12-31  deadline-year"))
        #expect(lines[2].contains("2026-01-01  2026-03-31  quarter"))
        #expect(lines[3].contains("2025-10-23  2027-04-22  within"))
        let json = try #require(try w.json(["window", "late 2026", "--said-on", "2025-10-23"]) as? [[String: Any]])
        #expect(json.first?["start"] as? String == "2026-09-01" && json.first?["rule"] as? String == "part-of-year")
    }

    @Test func vagueAndUnreadablePhrasesAreErrors() {
        let r = Workspace().run(["window", "in the coming years", "未来几年", "whenever", "--said-on", "2025-10-23"])
        #expect(r.code == 1)
        #expect(r.err.contains("'in the coming years' is too vague to give a window"))
        #expect(r.err.contains("'未来几年' is too vague"))
        #expect(r.err.contains("cannot read 'whenever' as a time"))
    }

    @Test func addAndEditReadPhrasesFromTheSaidOnDate() throws {
        let w = Workspace()
        let id = w.add("Experts matched", ["--window", "late 2026", "--confidence", "highly likely"])
        var claim = try #require(try w.json(["show", id]) as? [String: Any])
        var window = try #require(claim["window"] as? [String: Any])
        #expect(window["start"] as? String == "2026-09-01" && window["end"] as? String == "2026-12-31")
        #expect(window["phrase"] as? String == "late 2026" && window["rule"] as? String == "part-of-year")
        let inferred = try #require((claim["confidence"] as? [String: Any])?["inferred"] as? [String: Any])
        #expect(inferred["band"] as? String == "very likely" && inferred["low"] as? Double == 0.8 && inferred["high"] as? Double == 0.95)
        #expect((claim["confidence"] as? [String: Any])?["stated_probability"] is NSNull)
        // A window read from words follows a corrected date.
        #expect(w.run(["edit", id, "--said-on", "2026-10-23", "--reason", "wrong date"]).code == 0)
        claim = try #require(try w.json(["show", id]) as? [String: Any])
        window = try #require(claim["window"] as? [String: Any])
        #expect(window["start"] as? String == "2026-10-23" && window["end"] as? String == "2026-12-31")
        #expect(w.run(["edit", id, "--window", "by 2027, 2028", "--reason", "the later quote"]).code == 0)
        claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect((claim["window"] as? [String: Any])?["end"] as? String == "2028-12-31")
    }

    @Test func addRefusesVaguePhrasesAndMixedForms() {
        let w = Workspace()
        let vague = w.run(["add", "x", "--claimant", "a", "--said-on", "2025-10-23", "--window", "in the coming years"])
        // Refused while the command line is checked, before any database is opened: a usage error (64).
        #expect(vague.code == 64 && vague.err.contains("--window: 'in the coming years' is too vague"))
        let past = w.run(["add", "x", "--claimant", "a", "--said-on", "2025-10-23", "--window", "2016"])
        #expect(past.code == 64 && past.err.contains("before the claim was made"))
        let both = w.run(["add", "x", "--claimant", "a", "--window", "2027", "--window-end", "2027-12-31"])
        #expect(both.code == 64 && both.err.contains("either in words (--window) or as dates"))
        #expect(!w.databaseExists)
    }

    @Test func statedNumbersInTheWordsAreKeptAsStated() throws {
        let w = Workspace()
        let id = w.add("x", ["--confidence", "I'd say 3 in 4"])
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect((claim["confidence"] as? [String: Any])?["stated_probability"] as? Double == 0.75)
    }

    @Test func claimFilesTakePhrasesAndRefuseVagueOnes() throws {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("s.yaml")
        try "source: {kind: post, date: 2025-10-23}\nclaimant: A\nclaims:\n  - id: a\n    statement: x\n    window: 到2027年\n  - id: b\n    statement: y\n    window: {phrase: late 2026}\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(w.run(["import", file.path]).code == 0)
        let a = try #require(try w.json(["show", "a"]) as? [String: Any])
        #expect((a["window"] as? [String: Any])?["end"] as? String == "2027-12-31")
        #expect((a["window"] as? [String: Any])?["rule"] as? String == "deadline-year")
        let out = w.folder.appendingPathComponent("out")
        #expect(w.run(["export", out.path]).code == 0)
        let text = try String(contentsOf: out.appendingPathComponent("s.yaml"), encoding: .utf8)
        #expect(text.contains("    window: 到2027年\n") && text.contains("    window: late 2026\n"))
        try "source: {kind: post, date: 2025-10-23}\nclaimant: A\nclaims:\n  - id: a\n    statement: x\n    window: in the coming years\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(w.run(["import", file.path]).err.contains("s.yaml:6:13: 'in the coming years' is too vague"))
    }
}

/// Inputs that once trapped (exit 132) in the time grammar and the calendar arithmetic.
@Suite struct WindowOverflowTests {
    @Test(arguments: ["within 7975 years", "within 9223372036854775807 months", "within 9223372036854775807 days",
                      "in 99999999999 weeks"])
    func hugeSpansAreRefused(_ phrase: String) {
        let r = Workspace().run(["window", phrase, "--said-on", "2025-10-23"])
        #expect(r.code == 1 && r.err.contains("cannot read '\(phrase)'"), "\(r.err)")
    }

    @Test func aSaidOnDateOutsideTheGrammarsYearsIsRefused() {
        let w = Workspace()
        let r = w.run(["add", "x", "--claimant", "a", "--said-on", "9999-06-01", "--window", "next year"])
        #expect(r.code == 64 && r.err.contains("from a said-on date in the years 1900 to 2999"), "\(r.err)")
        #expect(!w.databaseExists)
        let dates = w.run(["add", "x", "--claimant", "a", "--said-on", "9999-06-01", "--window-end", "9999-12-31"])
        #expect(dates.code == 0, "\(dates.err)")
        #expect(w.run(["window", "next year", "--said-on", "0001-01-01"]).code == 1)
    }

    @Test func aSpanPastAThousandYearsIsRefused() {
        let w = Workspace()
        _ = w.add("x")
        #expect(w.run(["due", "--within", "1000y"]).code == 0)
        let r = w.run(["due", "--within", "100000y"])
        #expect(r.code == 64 && r.err.contains("at most 1000 years"), "\(r.err)")
    }
}
