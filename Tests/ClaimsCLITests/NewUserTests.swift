import Foundation
import Testing

/// Items of "what a new user hits" done so far, each with its test.
@Suite struct NewUserTests {
    @Test func aNamedDatabaseInAMissingFolderIsRefused() {
        let w = Workspace()
        let missing = w.folder.appendingPathComponent("no/such/dir/x.sqlite").path
        let r = w.run(["add", "s", "--claimant", "a", "--said-on", "2025-01-01", "--db", missing])
        #expect(r.code == 1 && r.err.contains("does not exist"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("no").path))
        // The default folder is still made.
        let d = w.run(["add", "s", "--claimant", "a", "--said-on", "2025-01-01"], environment: ["CLAIMS_DB": ""])
        #expect(d.code == 0, "\(d.err)")
        #expect(FileManager.default.fileExists(atPath: w.folder.appendingPathComponent(".claims/claims.sqlite").path))
    }

    @Test func dueCanExitNonZeroForCron() {
        let w = Workspace()
        _ = w.add("Far", ["--window-end", "2030-12-31"])
        #expect(w.run(["due", "--exit-code"]).code == 0)
        _ = w.add("Past", ["--window-end", "2026-01-31"])
        let r = w.run(["due", "--exit-code"])
        #expect(r.code == 1 && r.out.contains("Past"))
    }

    @Test(arguments: [("yes", "true"), ("n", "false"), ("1", "true"), ("0", "false"), ("Y", "true"), ("annulled", "annulled")])
    func outcomesAreReadAsPeopleWriteThem(_ word: String, _ outcome: String) throws {
        let w = Workspace()
        let id = w.add("A claim", ["--window-end", "2026-01-31"])
        let r = w.run(["resolve", id, "--outcome", word, "--settled-on", "2026-01-31"])
        #expect(r.code == 0 && r.out.contains("resolved \(outcome)"), "\(r.out)\(r.err)")
        #expect(w.run(["resolve", id, "--outcome", "maybe"]).code == 64)
    }

    @Test func groupingByForecasterScoresTheForecasters() throws {
        let w = Workspace()
        let id = w.add("A claim", ["--window-end", "2026-06-30"])
        #expect(w.run(["forecast", id, "--probability", "30%", "--forecaster", "Ann", "--on", "2025-11-01"], now: "2025-11-02T00:00:00Z").code == 0)
        #expect(w.run(["resolve", id, "--outcome", "false", "--settled-on", "2026-06-30"]).code == 0)
        let card = try #require(try w.json(["scorecard", "--by", "forecaster"]) as? [String: Any])
        #expect(card["probabilities"] as? String == "forecasters")
        #expect((card["groups"] as? [[String: Any]])?.first?["group"] as? String == "Ann")
        #expect(w.run(["scorecard", "--by", "forecaster", "--use", "stated"]).code == 64)
    }

    @Test func calibrationBinEdgesReadBackExactly() throws {
        let w = Workspace()
        let id = w.add("A claim", ["--window-end", "2026-06-30", "--probability", "0.35"])
        #expect(w.run(["resolve", id, "--outcome", "true", "--settled-on", "2026-06-30"]).code == 0)
        let csv = w.run(["scorecard", "--format", "json"]).out
        #expect(csv.contains("0.3") && !csv.contains("0.30000000000000004") && !csv.contains("0.7000000000000001"), "\(csv)")
    }
}

@Suite struct CommandLineTests {
    @Test func aStatementBeginningWithADashNeedsTheSeparator() {
        let w = Workspace()
        let r = w.run(["add", "- dash start", "--claimant", "x", "--said-on", "2025-01-01"])
        #expect(r.code == 64 && r.err.contains("put -- before it") && r.out.isEmpty, "\(r.out)\(r.err)")
        #expect(!w.databaseExists)
        let ok = w.run(["add", "--claimant", "x", "--said-on", "2025-01-01", "--", "- dash start"])
        #expect(ok.code == 0, "\(ok.err)")
    }

    @Test func aMistypedCommandSuggestsTheNearest() {
        let r = Workspace().run(["lst"])
        #expect(r.code == 64 && r.err.contains("did you mean 'list'?"), "\(r.err)")
        #expect(Workspace().run(["help", "list"]).code == 0)
    }

    @Test func anEmptyJSONListIsTwoCharacters() {
        let w = Workspace()
        _ = w.add("x")
        #expect(w.run(["list", "--status", "resolved", "--format", "json"]).out == "[]\n")
    }
}

@Suite struct StandardStreamsTests {
    @Test(.enabled(if: EndToEndTests.binary != nil))
    func importReadsStandardInput() throws {
        let w = Workspace()
        let line = #"{"id":"piped","statement":"Piped in","claimant":"P","said_on":"2025-01-01"}"#
        let r = try ClaimsProcess.run(["import", "-", "--format", "jsonl"], db: w.dbPath, input: line + "\n")
        #expect(r.code == 0 && r.out.contains("1 added"), "\(r.out)\(r.err)")
        #expect(try ClaimsProcess.ids(w.dbPath) == ["piped"])
        // A device is named for what it is, not a "permission" problem.
        let device = w.run(["import", "/dev/null"])
        #expect(device.code == 1 && device.err.contains("it is a device"), "\(device.err)")
    }

    @Test func reportAndExportWriteToStandardOutputAndRefuseAFolder() throws {
        let w = Workspace()
        _ = w.add("x")
        let r = w.run(["report", "--out", "-"])
        #expect(r.code == 0 && r.out.hasPrefix("<!doctype html>"), "\(r.err)")
        let folder = w.run(["export", w.folder.path, "--format", "csv"])
        #expect(folder.code == 1 && folder.err.contains("it is a folder"), "\(folder.err)")
        let missing = w.run(["report", "--out", w.folder.appendingPathComponent("no/such/r.html").path])
        #expect(missing.code == 1 && missing.err.contains("does not exist"), "\(missing.err)")
    }
}

@Suite struct DeepJSONTests {
    /// 140 KB of `[` once overflowed the stack (exit 139).
    @Test func aDeeplyNestedLineIsRefusedNotACrash() throws {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("deep.jsonl")
        try (String(repeating: "[", count: 140_000) + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["import", file.path])
        #expect(r.code == 1 && r.err.contains("deep.jsonl:1: the line nests arrays or objects more than 64 deep"), "\(r.err.prefix(300))")
        #expect(!w.databaseExists)
    }
}

@Suite struct CSVRoundTripTests {
    /// Export to CSV and import it back: nothing changes. A column CSV lacks (translations, a
    /// source's language and people, the rule that read a window) and an empty cell keep what the
    /// database holds; a tag holding ';' and evidence holding a space survive in a JSON array.
    @Test func aCSVRoundTripChangesNothing() throws {
        let w = Workspace()
        #expect(w.run(["import", Workspace.repositoryRoot.appendingPathComponent("claims").path]).code == 0)
        let id = w.add("Semi;colon", ["--window", "next year", "--tag", "a;b", "--tag", "plain", "--notes", "kept"])
        #expect(w.run(["resolve", id, "--outcome", "true", "--settled-on", "2026-01-05", "--evidence", "a report (p. 3)"],
                      now: "2026-01-06T00:00:00Z").code == 0)
        let file = w.folder.appendingPathComponent("all.csv").path
        #expect(w.run(["export", file, "--format", "csv"]).code == 0)
        let r = w.run(["import", file], now: "2026-11-24T00:00:00Z")
        #expect(r.code == 0 && r.out.contains(" 0 added, 0 changed"), "\(r.out)\(r.err)")
        // Empty cells keep: a CSV that gives only the statement and who said it changes nothing.
        let thin = w.folder.appendingPathComponent("thin.csv")
        try "id,statement,claimant,said_on\n\(id),Semi;colon,Julian Schrittwieser,2025-10-23\n".write(to: thin, atomically: true, encoding: .utf8)
        let t = w.run(["import", thin.path], now: "2026-11-24T00:00:00Z")
        #expect(t.code == 0 && t.out.contains("0 changed"), "\(t.out)\(t.err)")
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(claim["tags"] as? [String] == ["a;b", "plain"] && claim["notes"] as? String == "kept")
    }
}

@Suite struct DryRunTests {
    @Test func aDryRunWithoutADatabaseCreatesNone() {
        let w = Workspace()
        let r = w.run(["import", Workspace.repositoryRoot.appendingPathComponent("claims").path, "--dry-run"])
        #expect(r.code == 0 && r.out.contains("would import 1 file: 13 added"), "\(r.out)\(r.err)")
        #expect(!w.databaseExists)
    }
}

@Suite struct ClaimantSuggestionTests {
    @Test func aClaimantWithNoExactMatchGetsTheNearNames() {
        let w = Workspace()
        _ = w.add("x")
        let r = w.run(["list", "--claimant", "julian"])
        #expect(r.code == 0 && r.out == "no claims match\n" && r.err.contains("near: 'Julian Schrittwieser'"), "\(r.out)\(r.err)")
        #expect(w.run(["list", "--claimant", "zzzz"]).err.isEmpty)
    }
}
