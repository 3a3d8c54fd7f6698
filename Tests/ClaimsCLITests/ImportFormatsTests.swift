@testable import ClaimsCLI
@testable import ClaimsFormats
import ClaimsGeneration
import Foundation
import Testing

/// `claims import` and `claims export` with CSV, JSON Lines and AI-tracker files, on the real
/// ForecastBench data in Tests/Fixtures/forecastbench (CC BY-SA 4.0, Forecasting Research Institute).
@Suite struct ImportFormatsTests {
    static let forecastBench = Workspace.repositoryRoot
        .appendingPathComponent("Tests/Fixtures/forecastbench/forecastbench_market_freeze_resolved_all_rounds.csv")
    static let firstRound = forecastBench.deletingLastPathComponent().appendingPathComponent("forecastbench_market_freeze_resolved_first_round.csv")
    static let map = "id=id+round,said_on=round,window_end=deadline,stated_probability=probability,claimant=source,settled_on=resolved_at,location=source_url,source_title=source"

    func importForecastBench(_ w: Workspace, file: URL = forecastBench) -> Run {
        w.run(["import", file.path, "--map", Self.map])
    }

    @Test
    func forecastBenchCSVImportsEveryRowWithItsValues() throws {
        let w = Workspace()
        let r = importForecastBench(w)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("imported 1 file: 2015 added, 0 changed, 0 unchanged"))
        let claim = try #require(try w.json(["show", "infer-1285-2024-07-21"]) as? [String: Any])
        #expect(claim["statement"] as? String == "Will a JCPOA participant country begin the process of imposing “snapback” sanctions on Iran by 31 December 2024?")
        #expect(claim["claimant"] as? String == "infer")
        #expect((claim["confidence"] as? [String: Any])?["stated_probability"] as? Double == 0.018600000000000002)
        #expect((claim["window"] as? [String: Any])?["end"] as? String == "2025-01-01")
        #expect((claim["resolution"] as? [String: Any])?["outcome"] as? String == "false")
        #expect(claim["location"] as? String == "https://www.infer-pub.com/questions/1285")
        // A statement with commas and quotes, kept whole.
        let quoted = try #require(try w.json(["list", "--search", "uranium enriched to 90%"]) as? [[String: Any]])
        #expect(quoted.first?["statement"] as? String == "By 31 December 2024, will uranium enriched to 90% or more be discovered in an Iranian facility, according to the IAEA?")
        // Brier per platform, checked against the same sum done in Python over the CSV
        // (mean of (probability − outcome)² per source): infer 0.07877224769662922,
        // metaculus 0.13975199571584535, over 178 and 308 rows.
        let card = try #require(try w.json(["scorecard"]) as? [String: Any])
        let rows = try #require(card["groups"] as? [[String: Any]])
        let infer = try #require(rows.first { $0["group"] as? String == "infer" })
        #expect(infer["scored"] as? Int == 178)
        #expect(abs((infer["brier"] as? Double ?? 0) - 0.07877224769662922) < 1e-12)
        let metaculus = try #require(rows.first { $0["group"] as? String == "metaculus" })
        #expect(abs((metaculus["brier"] as? Double ?? 0) - 0.13975199571584535) < 1e-12)
        #expect(rows.map { $0["claims"] as? Int ?? 0 }.reduce(0, +) == 2015)
        #expect(importForecastBench(w).out.contains("0 added, 0 changed, 2015 unchanged"))
    }

    @Test
    func forecastBenchThroughJSONLinesAndCSVKeepsEveryClaim() throws {
        let w = Workspace()
        #expect(importForecastBench(w, file: Self.firstRound).code == 0)
        let jsonl = w.folder.appendingPathComponent("all.jsonl"), csv = w.folder.appendingPathComponent("all.csv")
        #expect(w.run(["export", jsonl.path, "--format", "jsonl"]).code == 0)
        #expect(w.run(["export", csv.path, "--format", "csv"]).code == 0)
        let lines = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1152)
        for file in [jsonl, csv] {
            let other = Workspace()
            let r = other.run(["import", file.path])
            #expect(r.out.contains("1152 added"), "\(file.lastPathComponent): \(r.err)")
            // The same figures; sums may differ in the last place when rows come in another order.
            let mine = try #require((try w.json(["scorecard"]) as? [String: Any])?["groups"] as? [[String: Any]])
            let theirs = try #require((try other.json(["scorecard"]) as? [String: Any])?["groups"] as? [[String: Any]])
            #expect(mine.map { $0["group"] as? String } == theirs.map { $0["group"] as? String })
            for (a, b) in zip(mine, theirs) {
                #expect(a["claims"] as? Int == b["claims"] as? Int && a["scored"] as? Int == b["scored"] as? Int)
                #expect(abs((a["brier"] as? Double ?? 0) - (b["brier"] as? Double ?? 1)) < 1e-12)
            }
            let a = try #require(try w.json(["show", "infer-1285-2024-07-21"]) as? [String: Any])
            let b = try #require(try other.json(["show", "infer-1285-2024-07-21"]) as? [String: Any])
            for key in ["statement", "claimant", "said_on", "window", "confidence", "resolution", "location"] where key != "resolution" {
                #expect(canonical(a[key]) == canonical(b[key]), "\(file.lastPathComponent): \(key)")
            }
        }
        // Exporting what was imported from JSON Lines gives the same JSON Lines.
        let again = Workspace()
        #expect(again.run(["import", jsonl.path]).code == 0)
        let jsonl2 = again.folder.appendingPathComponent("again.jsonl")
        #expect(again.run(["export", jsonl2.path, "--format", "jsonl"]).code == 0)
        #expect(try stripRecordingTimes(Data(contentsOf: jsonl)) == (try stripRecordingTimes(Data(contentsOf: jsonl2))))
    }

    func canonical(_ value: Any?) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    /// The recording times and authors differ between two databases; everything else must not.
    func stripRecordingTimes(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\"(recorded_at|first_recorded_at)\":\"[^\"]*\"", with: "", options: .regularExpression)
    }

    @Test func csvMistakesNameTheLineAndTheField() {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("bad.csv")
        try! "statement,claimant,said_on,stated_probability\n\"ok, fine\",Ann,2025-01-01,0.5\nsecond,Ann,2025-02-30,0.5\nthird,Ann,2025-01-01,150%\n\"multi\nline\",,2025-01-01,\n".write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["import", file.path])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.csv:3: said_on: '2025-02-30' is not a valid date"))
        #expect(r.err.contains("bad.csv:4: stated_probability: '150%' is not a probability"))
        #expect(r.err.contains("bad.csv:5: claimant: missing"))
        #expect(!w.databaseExists)
    }

    @Test func mapAndDefaultAreChecked() {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("q.csv")
        try! "question,p,made\nRain tomorrow?,70%,2025-01-01\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(w.run(["import", file.path, "--map", "statment=question"]).err.contains("'statment' is not a field: did you mean 'statement'?"))
        #expect(w.run(["import", file.path, "--map", "statement=quest"]).err.contains("has no column 'quest'; its columns are question, p, made"))
        let ok = w.run(["import", file.path, "--map", "statement=question,stated_probability=p,said_on=made", "--default", "claimant=Ann"])
        #expect(ok.code == 0, "\(ok.err)")
        let again = w.run(["import", file.path, "--map", "statement=question,stated_probability=p,said_on=made", "--default", "claimant=Ann"])
        #expect(again.out.contains("0 added, 0 changed, 1 unchanged"), "ids derived from the content are stable")
    }

    /// A large file is read on every core; claims keep their order and problems their lines,
    /// wherever the runs of lines are cut.
    @Test func aLargeJSONLinesFileReadInParallelKeepsOrderAndLines() {
        var lines = (0..<9000).map { i in
            #"{"id": "c\#(i)", "statement": "Claim \#(i)", "claimant": "Ann", "said_on": "2025-01-01"}"#
        }
        lines[6001] = "not json"
        lines[8500] = #"{"id": "c17", "statement": "again", "claimant": "Ann", "said_on": "2025-01-01"}"#
        lines[4444] = "   "
        let (claims, issues) = JSONLines.claims(Data(lines.joined(separator: "\n").utf8), path: "big.jsonl")
        #expect(claims.count == 8997)
        #expect(claims.map(\.id!.rawValue) == (0..<9000).filter { ![6001, 8500, 4444].contains($0) }.map { "c\($0)" })
        #expect(issues.map(\.line) == [6002, 8501])
        #expect(issues.last?.message == "the id 'c17' is used twice (first on line 18)")
    }

    @Test func jsonLinesMistakesNameTheLine() {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("c.jsonl")
        try! """
            {"id": "a", "statement": "x", "claimant": "Ann", "said_on": "2025-01-01"}
            {"id": "b", "statement": "y", "claimant": "Ann", "said_on": "2025-01-01", "windo": {"end": "2026-01-01"}}
            not json
            {"id": "a", "statement": "z", "claimant": "Ann", "said_on": "2025-01-01"}
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["import", file.path])
        #expect(r.err.contains("c.jsonl:2: unknown key 'windo' (did you mean 'window'?)"))
        #expect(r.err.contains("c.jsonl:3: not valid JSON"))
        #expect(r.err.contains("c.jsonl:4: the id 'a' is used twice (first on line 1)"))
    }

    static let tracker = """
        prediction_date: 2024-03-15
        source_name: Sam Altman
        source_url: https://example.org/altman-interview
        prediction_text: |
          AGI will arrive before the end of this decade.
        deadline: 2029-12-31
        deadline_fuzzy: "by end of the decade"
        category: agi
        source_type: interview
        conflict_of_interest: true
        status: pending
        notes: Said on stage.
        skip_post: true
        """

    @Test func aiTrackerFilesImportAndExport() throws {
        let w = Workspace()
        let folder = w.folder.appendingPathComponent("predictions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.tracker.write(to: folder.appendingPathComponent("2024-03-15-sam-altman-agi.yaml"), atomically: true, encoding: .utf8)
        #expect(w.run(["import", folder.path]).code == 0)
        let claim = try #require(try w.json(["show", "2024-03-15-sam-altman-agi"]) as? [String: Any])
        #expect(claim["claimant"] as? String == "Sam Altman" && claim["said_on"] as? String == "2024-03-15")
        #expect(claim["statement"] as? String == "AGI will arrive before the end of this decade.")
        #expect(claim["tags"] as? [String] == ["agi", "conflict-of-interest"])
        #expect((claim["window"] as? [String: Any])?["phrase"] as? String == "by end of the decade")
        #expect((claim["source"] as? [String: Any])?["kind"] as? String == "interview")
        let out = w.folder.appendingPathComponent("out")
        #expect(w.run(["export", out.path, "--format", "ai-tracker", "--today", "2026-11-23"]).code == 0)
        let text = try String(contentsOf: out.appendingPathComponent("2024-03-15-sam-altman-agi.yaml"), encoding: .utf8)
        #expect(text == """
            prediction_date: 2024-03-15
            source_name: Sam Altman
            source_url: https://example.org/altman-interview
            prediction_text: AGI will arrive before the end of this decade.
            deadline: 2029-12-31
            deadline_fuzzy: by end of the decade
            category: agi
            source_type: interview
            conflict_of_interest: true
            status: pending
            notes: Said on stage.

            """)
        let bad = w.folder.appendingPathComponent("bad.yaml")
        try "prediction_date: 2024-01-01\nsource_nam: X\nprediction_text: y\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(w.run(["import", bad.path]).err.contains("bad.yaml:2:1: unknown key 'source_nam': did you mean 'source_name'?"))
    }
}

@Suite struct JSONValueTests {
    @Test func readsWhatJSONSerializationReadsAndNumbersExactly() throws {
        let text = #"{"a": [1, -2.5e3, 0.018600000000000002, true, false, null], "b": "q\"\\\/\n\u00e9\ud83d\ude00明", "c": {}, "d": []}"#
        let v = try JSONValue.parse(Data(text.utf8))
        guard case .object(let o) = v, case .array(let a)? = o["a"], case .string(let b)? = o["b"] else { Issue.record("shape"); return }
        #expect(a == [.number(1), .number(-2500), .number(0.018600000000000002), .bool(true), .bool(false), .null])
        #expect(b == "q\"\\/\né😀明")
        #expect(o["c"] == .object([:]) && o["d"] == .array([]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"unterminated", "tru", "{\"a\":1} x", "\"\\x\"", "\"\u{01}\""])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONValue.Failure.self) { try JSONValue.parse(Data(text.utf8)) }
    }
}
