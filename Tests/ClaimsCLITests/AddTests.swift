import Foundation
import Testing

@Suite struct AddTests {
    @Test func addPrintsANewIDAndStoresEveryField() throws {
        let w = Workspace()
        let id = w.add("Models will work on their own for a whole day", [
            "--window-start", "2026-01-01", "--window-end", "2026-12-31", "--window-phrase", "next year",
            "--confidence", "maybe", "--tag", "agents", "--tag", "ai", "--quote", "next year, maybe…",
            "--location", "00:12:34", "--criteria", "METR 50% horizon ≥ 8h", "--source-kind", "podcast",
            "--source-title", "The MAD Podcast", "--source-url", "https://www.youtube.com/watch?v=gTlxCrsUcFM",
            "--publisher", "Matt Turck", "--published-on", "2025-10-23",
        ])
        #expect(id.count == 10)
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(claim["statement"] as? String == "Models will work on their own for a whole day")
        #expect(claim["claimant"] as? String == "Julian Schrittwieser")
        #expect(claim["said_on"] as? String == "2025-10-23")
        #expect(claim["location"] as? String == "00:12:34")
        #expect(claim["tags"] as? [String] == ["agents", "ai"])
        let window = try #require(claim["window"] as? [String: Any])
        #expect(window["start"] as? String == "2026-01-01" && window["end"] as? String == "2026-12-31" && window["phrase"] as? String == "next year")
        let source = try #require(claim["source"] as? [String: Any])
        #expect(source["kind"] as? String == "podcast" && source["key"] as? String == "the-mad-podcast-2025-10-23")
        #expect((claim["confidence"] as? [String: Any])?["words"] as? String == "maybe")
        #expect(claim["version"] as? Int == 1)
    }

    @Test func aGivenIDIsKeptAndAWindowEndAloneStartsOnTheSaidOnDate() throws {
        let w = Workspace()
        #expect(w.add("By the end of 2026", ["--id", "eoy-2026", "--window-end", "2026-12-31", "--probability", "70%"]) == "eoy-2026")
        let claim = try #require(try w.json(["show", "eoy-2026"]) as? [String: Any])
        #expect((claim["window"] as? [String: Any])?["start"] as? String == "2025-10-23")
        #expect((claim["confidence"] as? [String: Any])?["stated_probability"] as? Double == 0.7)
    }

    @Test(arguments: [
        (["add", "", "--claimant", "x"], "the statement is empty"),
        (["add", "   ", "--claimant", "x"], "the statement is empty"),
        (["add", "s", "--claimant", "x", "--said-on", "2026-02-30"], "'2026-02-30' is not a valid date"),
        (["add", "s", "--claimant", "x", "--probability", "1.5"], "'1.5' is not a probability"),
        (["add", "s", "--claimant", "x", "--probability=-0.1"], "'-0.1' is not a probability"),
        (["add", "s", "--claimant", "x", "--window-start", "2027-01-01", "--window-end", "2026-01-01"], "ends (2026-01-01) before it starts (2027-01-01)"),
        (["add", "s", "--claimant", "x", "--window-start", "2027-01-01"], "a window needs its last day"),
        (["add", "s", "--claimant", "x", "--id", "Bad ID"], "'Bad ID' is not a valid claim id"),
        (["add", "s", "--claimant", "  "], "the claimant is empty"),
        (["add", "s", "--claimant", "x", "--source", "nope"], "no source has the key 'nope'"),
    ])
    func invalidInputIsRefusedAndNothingIsWritten(_ arguments: [String], _ message: String) {
        let w = Workspace()
        let r = w.run(arguments)
        // Values are checked as the command line is read, before any database is opened: a bad
        // one is a usage error (64) that names its flag. Only a source key, which must be looked
        // up, is refused by the store (1).
        #expect(r.code == (arguments.contains("--source") ? 1 : 64))
        #expect(r.err.contains(message), "stderr was: \(r.err)")
        #expect(r.out.isEmpty)
        if arguments.contains("--source") {
            // The source is looked up in the database, which is created (empty) first.
            #expect(w.run(["list"]).out == "no claims match\n")
        } else {
            #expect(!w.databaseExists)
        }
    }

    @Test func aMissingClaimantIsAUsageError() {
        let r = Workspace().run(["add", "s"])
        #expect(r.code == 64)
        #expect(r.err.contains("Missing --claimant"))
    }

    @Test func anExistingIDIsRefusedAndTheDatabaseIsUnchanged() {
        let w = Workspace()
        _ = w.add("First", ["--id", "x1"])
        let before = w.databaseBytes
        let r = w.run(["add", "Second", "--claimant", "y", "--id", "x1"])
        #expect(r.code == 1 && r.err.contains("a claim with the id 'x1' exists already"))
        #expect(w.databaseBytes == before)
    }

    @Test func theSourceCanBeReusedByKey() throws {
        let w = Workspace()
        _ = w.add("One", ["--source", "mad", "--source-kind", "podcast", "--source-title", "MAD"])
        let id = w.add("Two", ["--source", "mad"])
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect((claim["source"] as? [String: Any])?["title"] as? String == "MAD")
    }

    @Test func theDatabaseIsDBElseCLAIMS_DBElseTheDefault() {
        let w = Workspace()
        let explicit = w.folder.appendingPathComponent("explicit.sqlite").path
        #expect(w.run(["add", "s", "--claimant", "x", "--db", explicit]).code == 0)
        #expect(FileManager.default.fileExists(atPath: explicit))
        #expect(w.run(["add", "s", "--claimant", "x"], environment: ["CLAIMS_DB": ""]).code == 0)
        #expect(FileManager.default.fileExists(atPath: w.folder.appendingPathComponent(".claims/claims.sqlite").path))
    }
}
