import Foundation
import Testing

@Suite struct ShowTests {
    @Test func showPrintsEveryFieldForecastsAndResolution() {
        let w = Workspace()
        let id = w.add("Models will work a whole day", ["--window-end", "2026-12-31", "--confidence", "maybe",
                                                        "--criteria", "METR 50% horizon ≥ 8h", "--quote", "明年"])
        #expect(w.run(["forecast", id, "--probability", "30%", "--forecaster", "Ann", "--on", "2026-01-02"]).code == 0)
        #expect(w.run(["resolve", id, "--outcome", "false", "--settled-on", "2026-12-31", "--evidence", "https://metr.org/x"]).code == 0)
        let r = w.run(["show", String(id.prefix(4))])
        #expect(r.code == 0)
        for text in [id, "Models will work a whole day", "Julian Schrittwieser", "2025-10-23 … 2026-12-31", "\"maybe\"",
                     "METR 50% horizon ≥ 8h", "“明年”", "Ann: 0.3 on 2026-01-02", "false, settled 2026-12-31", "https://metr.org/x"] {
            #expect(r.out.contains(text), "missing \(text) in:\n\(r.out)")
        }
    }

    @Test func showAsOfAnswersFromThatMoment() throws {
        let w = Workspace()
        let id = w.add("First wording", now: "2026-01-10T00:00:00Z")
        #expect(w.run(["edit", id, "--statement", "Second wording", "--reason", "clearer"], now: "2026-02-10T00:00:00Z").code == 0)
        let then = try #require(try w.json(["show", id, "--as-of", "2026-01-31"]) as? [String: Any])
        #expect(then["statement"] as? String == "First wording" && then["version"] as? Int == 1)
        let later = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(later["statement"] as? String == "Second wording" && later["version"] as? Int == 2)
        let before = w.run(["show", id, "--as-of", "2026-01-01"])
        #expect(before.code == 1 && before.err.contains("was not recorded yet"))
    }

    @Test func unknownAndAmbiguousIDsAreClearErrors() {
        let w = Workspace()
        _ = w.add("a", ["--id", "abc1"])
        _ = w.add("b", ["--id", "abc2"])
        let unknown = w.run(["show", "zzz"])
        #expect(unknown.code == 1 && unknown.err.contains("no claim has the id or id prefix 'zzz'"))
        let ambiguous = w.run(["show", "abc"])
        #expect(ambiguous.code == 1 && ambiguous.err.contains("matches several claims (abc1, abc2)"))
    }
}
