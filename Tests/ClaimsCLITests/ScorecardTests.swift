import Foundation
import Testing

@Suite struct ScorecardTests {
    @Test func scorecardPerClaimant() throws {
        let w = Workspace()
        for (id, p, outcome) in [("a", "0.9", "true"), ("b", "0.7", "false"), ("c", "", "true"), ("d", "0.5", "annulled"), ("e", "0.5", "partial")] {
            _ = w.add("Claim \(id)", ["--id", id, "--window-end", "2026-06-30"] + (p.isEmpty ? [] : ["--probability", p]))
            #expect(w.run(["resolve", id, "--outcome", outcome, "--settled-on", "2026-06-30"]).code == 0)
        }
        _ = w.add("Still open", ["--window-end", "2027-06-30"])
        let rows = try #require(try w.json(["scorecard"]) as? [[String: Any]])
        let row = try #require(rows.first)
        #expect(row["claimant"] as? String == "Julian Schrittwieser")
        #expect(row["claims"] as? Int == 6 && row["open"] as? Int == 1)
        #expect(row["outcomes"] as? [String: Int] == ["true": 2, "false": 1, "partial": 1, "annulled": 1])
        // Brier over a (0.9, true) and b (0.7, false): (0.01 + 0.49) / 2 = 0.25.
        #expect(abs((row["brier"] as? Double ?? -1) - 0.25) < 1e-12)
        #expect(row["brier_n"] as? Int == 2 && row["brier_scale"] as? String == "0-1")
        #expect(abs((row["hit_rate"] as? Double ?? -1) - 2.0 / 3.0) < 1e-12)
        let table = w.run(["scorecard"]).out
        #expect(table.contains("BRIER (0–1)") && table.contains("0.250") && table.contains("67% (21–94%)"))
        #expect(table.contains("Brier: 0 = perfect … 1 = worst"))
    }

    @Test func scorecardAsOfAndWithFilters() throws {
        let w = Workspace()
        _ = w.add("x", ["--id", "x", "--probability", "0.8", "--tag", "a"])
        #expect(w.run(["resolve", "x", "--outcome", "true", "--settled-on", "2026-05-01"], now: "2026-05-02T00:00:00Z").code == 0)
        let then = try #require(try w.json(["scorecard", "--as-of", "2026-05-01"]) as? [[String: Any]])
        #expect(then.first?["brier"] is NSNull)
        #expect((try w.json(["scorecard", "--tag", "b"]) as? [Any])?.isEmpty == true)
    }
}
