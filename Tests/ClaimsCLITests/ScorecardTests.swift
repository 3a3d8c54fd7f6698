import Foundation
import Testing

@Suite struct ScorecardTests {
    func overall(_ w: Workspace, _ args: [String] = []) throws -> [String: Any] {
        let card = try #require(try w.json(["scorecard"] + args) as? [String: Any])
        return try #require(card["overall"] as? [String: Any])
    }

    @Test func scorecardPerClaimantSaysWhatItUsed() throws {
        let w = Workspace()
        for (id, p, outcome) in [("a", "0.9", "true"), ("b", "0.7", "false"), ("c", "", "true"), ("d", "0.5", "annulled"), ("e", "0.5", "partial")] {
            _ = w.add("Claim \(id)", ["--id", id, "--window-end", "2026-06-30"] + (p.isEmpty ? [] : ["--probability", p]))
            #expect(w.run(["resolve", id, "--outcome", outcome, "--settled-on", "2026-06-30"]).code == 0)
        }
        _ = w.add("Worded", ["--id", "f", "--window-end", "2026-06-30", "--confidence", "extremely likely"])
        #expect(w.run(["resolve", "f", "--outcome", "true", "--settled-on", "2026-06-30"]).code == 0)
        _ = w.add("Still open", ["--window-end", "2027-06-30"])
        let card = try #require(try w.json(["scorecard"]) as? [String: Any])
        #expect(card["probabilities"] as? String == "claimant" && card["brier_scale"] as? String == "0-1")
        let row = try #require((card["groups"] as? [[String: Any]])?.first)
        #expect(row["group"] as? String == "Julian Schrittwieser")
        #expect(row["claims"] as? Int == 7 && row["open"] as? Int == 1)
        #expect(row["outcomes"] as? [String: Int] == ["true": 3, "false": 1, "partial": 1, "annulled": 1])
        #expect(row["probability_kinds"] as? [String: Int] == ["stated": 2, "inferred": 1, "forecast": 0])
        // Brier over a (0.9, true), b (0.7, false), f (0.97 inferred, true): (0.01 + 0.49 + 0.0009) / 3.
        #expect(abs((row["brier"] as? Double ?? -1) - (0.01 + 0.49 + 0.0009) / 3) < 1e-12)
        #expect(row["hit_rate"] as? Int == 1 && row["flat_assertions"] as? Int == 1)
        #expect(row["small"] as? Bool == true)
        let stated = try overall(w, ["--use", "stated"])
        #expect(stated["scored"] as? Int == 2 && stated["without_asked_probability"] as? Int == 1)
        let half = try overall(w, ["--partial", "half"])
        #expect(half["scored"] as? Int == 4)
        let table = w.run(["scorecard"]).out
        for part in ["BRIER (0–1)", "Probabilities: the claimants' probabilities: stated, else inferred", "Calibration, all 3 scored forecasts",
                     "Decomposition over 3 distinct forecast values", "* fewer than 10 scored", "[0.90, 1.00]"] {
            #expect(table.contains(part), "missing \(part)")
        }
        #expect(w.run(["scorecard", "--brier-scale", "2"]).out.contains("BRIER (0–2)"))
        #expect(w.run(["scorecard", "--format", "markdown"]).out.contains("| GROUP | CLAIMS |"))
        #expect(w.run(["scorecard", "--format", "csv"]).out.hasPrefix("group,claims,open,due,true,false,partial,annulled,scored,stated,inferred"))
        #expect(w.run(["scorecard", "--bins", "0"]).code == 64)
    }

    @Test func scorecardAsOfAndWithFilters() throws {
        let w = Workspace()
        _ = w.add("x", ["--id", "x", "--probability", "0.8", "--tag", "a"])
        #expect(w.run(["resolve", "x", "--outcome", "true", "--settled-on", "2026-05-01"], now: "2026-05-02T00:00:00Z").code == 0)
        #expect(try overall(w, ["--as-of", "2026-05-01"])["brier"] is NSNull)
        #expect(try overall(w, ["--tag", "b"])["claims"] as? Int == 0)
        let byTag = try #require(try w.json(["scorecard", "--by", "tag"]) as? [String: Any])
        #expect((byTag["groups"] as? [[String: Any]])?.map { $0["group"] as? String } == ["a"])
    }
}

/// The scorecard on ForecastBench's 2,015 resolved forecasts against scikit-learn.
///
/// Reference figures computed by Tests/Reference/sklearn_forecastbench.py with scikit-learn 1.9.1
/// in a throwaway virtual environment (`python3 -m venv /tmp/skl && /tmp/skl/bin/pip install
/// scikit-learn && /tmp/skl/bin/python Tests/Reference/sklearn_forecastbench.py
/// Tests/Fixtures/forecastbench/forecastbench_market_freeze_resolved_all_rounds.csv`):
/// `brier_score_loss`, the base rate, and `calibration_curve(n_bins=10, strategy="uniform")`'s
/// per-bin counts and mean forecasts. scikit-learn's bins are right-closed ((0.1, 0.2]) and ours
/// left-closed ([0.1, 0.2)), so forecasts that sit exactly on an inner edge are moved per value,
/// from the bin scikit-learn put them in to the one ours does, before comparing.
@Suite struct ScorecardReferenceTests {
    static let brier = 0.09268692282160014
    static let baseRate = 0.284863523573201
    static let counts = [834, 233, 153, 121, 115, 88, 101, 112, 100, 158]
    static let means = [0.02873391136041241, 0.1458877842958095, 0.24469432905628402, 0.34493686911063737, 0.455139707013095,
                        0.5529731061041216, 0.6534298931171786, 0.7532030612496953, 0.8587859006933223, 0.9591621512127282]
    /// (value, how many forecasts have it, the bin calibration_curve put them in)
    static let edges: [(Double, Int, Int)] = [
        (0.1, 11, 0), (0.2, 10, 1), (0.3, 2, 2), (0.30000000000000004, 3, 2), (0.4, 7, 3), (0.5, 20, 4), (0.6, 1, 5),
        (0.6000000000000001, 7, 5), (0.7, 1, 6), (0.7000000000000001, 3, 6), (0.7999999999999999, 1, 7), (0.8, 6, 7), (0.9, 6, 8),
    ]

    @Test
    func brierBaseRateAndBinsEqualScikitLearn() throws {
        let w = Workspace()
        #expect(w.run(["import", ImportFormatsTests.forecastBench.path, "--map", ImportFormatsTests.map]).code == 0)
        let card = try #require(try w.json(["scorecard", "--by", "none"]) as? [String: Any])
        let all = try #require(card["overall"] as? [String: Any])
        #expect(all["scored"] as? Int == 2015)
        #expect(abs((all["brier"] as? Double ?? 0) - Self.brier) < 1e-9)
        #expect(abs((all["base_rate"] as? Double ?? 0) - Self.baseRate) < 1e-9)
        var counts = Self.counts.map(Double.init)
        var sums = zip(Self.counts, Self.means).map { Double($0) * $1 }
        for (value, n, theirs) in Self.edges {
            let ours = min(9, Int((value * 10).rounded(.down)))
            guard ours != theirs else { continue }
            counts[theirs] -= Double(n); sums[theirs] -= Double(n) * value
            counts[ours] += Double(n); sums[ours] += Double(n) * value
        }
        let bins = try #require(all["calibration"] as? [[String: Any]])
        #expect(bins.count == 10)
        for (k, bin) in bins.enumerated() {
            #expect(Double(bin["count"] as? Int ?? -1) == counts[k], "bin \(k) count")
            #expect(abs((bin["mean_forecast"] as? Double ?? 0) - sums[k] / counts[k]) < 1e-9, "bin \(k) mean")
        }
        let d = try #require(all["decomposition"] as? [String: Any])
        #expect(abs((d["brier"] as? Double ?? 0) - Self.brier) < 1e-9, "REL − RES + UNC = BS")
    }
}
