import Foundation
import Testing

/// Claims logged in error: withdrawn in a new version (never due, never scored, listed only when
/// asked for), restored in another, their history kept; and the import's warning about a claim
/// that looks like one already logged.
@Suite struct WithdrawTests {
    func sample() -> Workspace {
        let w = Workspace()
        _ = w.add("Agents work a whole day", ["--id", "day", "--window-end", "2026-06-30", "--probability", "70%"])
        _ = w.add("Agents work a whole day, logged again", ["--id", "day-again", "--window-end", "2026-06-30", "--probability", "70%"])
        _ = w.add("Models win a Nobel prize", ["--id", "nobel", "--window-end", "2027-12-31"])
        #expect(w.run(["resolve", "day-again", "--outcome", "true", "--settled-on", "2026-06-01"]).code == 0)
        return w
    }

    func ids(_ w: Workspace, _ args: [String]) throws -> [String] {
        try #require(try w.json(args) as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    @Test func aWithdrawnClaimIsNeverDueNeverScoredAndListedOnlyWhenAskedFor() throws {
        let w = sample()
        let before = try #require(try w.json(["scorecard"]) as? [String: Any])
        #expect((before["groups"] as? [[String: Any]])?.first?["scored"] as? Int == 1)
        let r = w.run(["withdraw", "day-again", "--reason", "logged twice", "--successor", "day"])
        #expect(r.code == 0 && r.out.contains("day-again withdrawn (version 2); its successor is day"), "\(r.err)")

        #expect(try ids(w, ["list"]) == ["day", "nobel"])
        #expect(try ids(w, ["list", "--status", "withdrawn"]) == ["day-again"])
        #expect(try ids(w, ["due", "--today", "2026-11-23"]) == ["day"])
        let after = try #require(try w.json(["scorecard"]) as? [String: Any])
        #expect((after["groups"] as? [[String: Any]])?.first?["scored"] as? Int ?? 0 == 0)
        let shown = try #require(try w.json(["show", "day-again"]) as? [String: Any])
        #expect(shown["status"] as? String == "withdrawn")
        #expect((shown["withdrawn"] as? [String: Any])?["reason"] as? String == "logged twice")
        #expect((shown["withdrawn"] as? [String: Any])?["successor"] as? String == "day")
        #expect(w.run(["show", "day-again"]).out.contains("withdrawn"))
        let history = w.run(["history", "day-again"]).out
        #expect(history.contains("withdrawn: logged twice") && history.contains("logged twice (succeeded by day)"), "\(history)")
        #expect(w.run(["verify"]).code == 0)

        let restored = w.run(["restore", "day-again", "--reason", "not a duplicate after all"])
        #expect(restored.code == 0 && restored.out.contains("day-again restored (version 3)"))
        #expect(try ids(w, ["list"]) == ["day", "day-again", "nobel"])
        let again = try #require(try w.json(["scorecard"]) as? [String: Any])
        #expect((again["groups"] as? [[String: Any]])?.first?["scored"] as? Int == 1)
        #expect(w.run(["verify"]).code == 0)
    }

    @Test func mistakesAreRefusedAndWriteNothing() {
        let w = sample()
        let before = w.databaseBytes
        #expect(w.run(["restore", "day", "--reason", "x"]).err.contains("the claim is not withdrawn"))
        #expect(w.run(["withdraw", "day", "--reason", "x", "--successor", "day"]).err.contains("cannot succeed itself"))
        #expect(w.run(["withdraw", "day", "--reason", "x", "--successor", "nope"]).err.contains("nope"))
        #expect(w.run(["withdraw", "day"]).code == 64)
        #expect(w.databaseBytes == before)
        #expect(w.run(["withdraw", "day", "--reason", "typo"]).code == 0)
        #expect(w.run(["withdraw", "day", "--reason", "again"]).err.contains("withdrawn already (typo)"))
    }

    @Test func withdrawalsTravelThroughClaimFilesAndJSONLinesAndCSVKeepsThem() throws {
        let w = sample()
        #expect(w.run(["withdraw", "day-again", "--reason", "logged twice", "--successor", "day"]).code == 0)
        #expect(w.run(["withdraw", "nobel", "--reason", "not a forecast"]).code == 0)
        let folder = w.folder.appendingPathComponent("out")
        #expect(w.run(["export", folder.path]).code == 0)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains("    withdrawn:\n      reason: logged twice\n      successor: day\n"), "\(text)")
        #expect(text.contains("    withdrawn: not a forecast\n"))
        let other = Workspace()
        #expect(other.run(["import", folder.path]).code == 0)
        #expect(try ids(other, ["list", "--status", "withdrawn"]) == ["day-again", "nobel"])
        #expect(other.run(["import", folder.path]).out.contains("0 added, 0 changed, 3 unchanged"))

        let jsonl = w.folder.appendingPathComponent("all.jsonl")
        #expect(w.run(["export", jsonl.path, "--format", "jsonl"]).code == 0)
        let third = Workspace()
        #expect(third.run(["import", jsonl.path]).code == 0)
        #expect(try ids(third, ["list", "--status", "withdrawn"]) == ["day-again", "nobel"])

        // CSV cannot say a claim is withdrawn: re-importing one keeps the withdrawal.
        let csv = w.folder.appendingPathComponent("all.csv")
        #expect(w.run(["export", csv.path, "--format", "csv"]).code == 0)
        #expect(w.run(["import", csv.path]).out.contains("0 added, 0 changed, 3 unchanged"))
        #expect(try ids(w, ["list", "--status", "withdrawn"]) == ["day-again", "nobel"])
    }

    /// A text many claims share (a template) gives a bounded number of warnings, fast: it once
    /// built every pair of them.
    @Test func aSharedTemplateGivesAFewWarningsNotEveryPair() throws {
        let w = Workspace()
        let lines = (0..<3000).map { i in
            "{\"id\":\"t\(i)\",\"statement\":\"Template claim number \(i) will happen\",\"claimant\":\"A\",\"said_on\":\"2025-01-01\",\"quote\":\"The same quote that every one of these claims carries.\"}"
        }
        let file = w.folder.appendingPathComponent("t.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let start = Date()
        let r = w.run(["import", file.path])
        #expect(r.code == 0 && r.out.contains("3000 added"))
        #expect(r.err.components(separatedBy: "warning: ").count - 1 == 21, "\(r.err.prefix(300))")
        #expect(r.err.contains("warning: 2979 more claims have the statement or quote of another"))
        #expect(Date().timeIntervalSince(start) < 30)
        // Re-importing them reads nothing more: they are known.
        #expect(w.run(["import", file.path]).err.isEmpty)
    }

    @Test func importWarnsAboutAClaimThatLooksLikeOneAlreadyLogged() throws {
        let w = Workspace()
        let en = w.folder.appendingPathComponent("en.yaml"), zh = w.folder.appendingPathComponent("zh.yaml")
        try """
            source: {key: talk-en, kind: talk, date: 2025-10-23}
            claimant: Julian
            claims:
              - id: en-whole-day
                statement: Models will work on their own for a whole day next year.
                quote: In a year from now the models will work on their own for a whole day.
            """.write(to: en, atomically: true, encoding: .utf8)
        try """
            source: {key: talk-zh, kind: talk, date: 2025-10-23, language: zh}
            claimant: Julian
            claims:
              - id: zh-whole-day
                statement: 明年模型将能独立工作一整天。
                quote: 一年后，模型将能独立工作一整天。
                translations:
                  en:
                    quote: "In a year from now the models will work on their own for a whole day."
            """.write(to: zh, atomically: true, encoding: .utf8)
        #expect(w.run(["import", en.path]).err.isEmpty)
        let dry = w.run(["import", zh.path, "--dry-run"])
        #expect(dry.err.contains("warning: zh-whole-day has the same quote as en-whole-day (source talk-en)"), "\(dry.err)")
        let r = w.run(["import", zh.path])
        #expect(r.code == 0 && r.err.contains("claims withdraw zh-whole-day --successor en-whole-day"))
        // A claim is not like itself: re-importing the English file says nothing of it alone.
        #expect(!w.run(["import", en.path]).err.contains("en-whole-day has the same quote as en-whole-day"))
        // Once one is withdrawn, the warning stops.
        #expect(w.run(["withdraw", "zh-whole-day", "--successor", "en-whole-day", "--reason", "logged twice"]).code == 0)
        #expect(w.run(["import", en.path]).err.isEmpty)
    }
}
