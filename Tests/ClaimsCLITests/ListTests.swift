@testable import ClaimsCLI
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation
import Testing

@Suite struct ListTests {
    func sample() -> Workspace {
        let w = Workspace()
        _ = w.add("All-day agents by mid-2026", ["--id", "mid", "--window-end", "2026-06-30", "--tag", "agents"])
        _ = w.add("Experts matched in late 2026", ["--id", "late", "--window-start", "2026-09-01", "--window-end", "2026-12-31", "--tag", "gdpval"])
        let r = w.run(["add", "Rain, \"heavy\" rain, in May", "--id", "rain", "--claimant", "Matt Turck", "--said-on", "2025-10-23",
                       "--window-end", "2026-05-31", "--probability", "0.8", "--quote", "明年会下雨"], now: "2026-01-01T00:00:00Z")
        #expect(r.code == 0)
        #expect(w.run(["resolve", "rain", "--outcome", "true", "--settled-on", "2026-05-31"], now: "2026-06-01T00:00:00Z").code == 0)
        return w
    }

    @Test func theTableListsEveryClaimByWindowEnd() {
        let r = sample().run(["list"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("ID") && lines[0].contains("STATEMENT"))
        #expect(lines[1].hasPrefix("rain") && lines[1].contains("true"))
        #expect(lines[2].hasPrefix("mid") && lines[2].contains("due"))
        #expect(lines[3].hasPrefix("late") && lines[3].contains("open"))
        #expect(!r.out.contains("\u{1B}["))
    }

    /// A statement with line breaks (of any kind) stays on its row of the table.
    /// JSON and CSV are printed a claim at a time: the same bytes as the whole array encoded
    /// at once, for none, one and several claims.
    @Test func streamedJSONIsTheWholeArray() throws {
        let w = sample()
        let db = try ClaimsDatabase(path: w.dbPath, mode: .readOnly)
        let today = try Day("2026-11-23")
        for limit in [0, 1, 3] {
            let claims = try db.list(ClaimFilter(limit: limit), at: ReadPoint(today: today))
            let r = w.run(["list", "--format", "json", "--limit", String(limit), "--today", "2026-11-23"])
            #expect(r.out == (try jsonText(claims.map { ClaimJSON(summary: $0, today: today) })) + "\n")
            let csv = w.run(["list", "--format", "csv", "--limit", String(limit), "--today", "2026-11-23"])
            var whole = CSVWriter(header: ClaimCSV.header)
            for c in claims { whole.add(ClaimCSV.row(c, today: today)) }
            #expect(csv.out == whole.text)
        }
    }

    @Test func lineBreaksInACellBecomeSpaces() {
        let w = Workspace()
        _ = w.add("First line\nsecond line\r\nthird\u{2028}fourth", ["--id", "lines"])
        let r = w.run(["list"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("First line second line third fourth"))
    }

    @Test(arguments: [
        (["--claimant", "matt turck"], ["rain"]),
        (["--tag", "agents"], ["mid"]),
        (["--status", "due"], ["mid"]),
        (["--status", "open"], ["late"]),
        (["--status", "resolved"], ["rain"]),
        (["--due-before", "2026-06-30"], ["rain", "mid"]),
        (["--due-after", "2026-07-01"], ["late"]),
        (["--search", "EXPERTS"], ["late"]),
        (["--search", "明年"], ["rain"]),
        (["--limit", "1"], ["rain"]),
        (["--as-of", "2025-12-31"], []),
    ])
    func filters(_ arguments: [String], _ expected: [String]) throws {
        let list = try #require(try sample().json(["list"] + arguments) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == expected)
    }

    @Test func jsonHasTheDocumentedFieldsWithNulls() throws {
        let list = try #require(try sample().json(["list", "--status", "due"]) as? [[String: Any]])
        let claim = try #require(list.first)
        #expect(Set(claim.keys) == ["id", "statement", "claimant", "said_on", "source", "quote", "location", "criteria", "window",
                                    "confidence", "tags", "notes", "translations", "status", "withdrawn", "version", "recorded_at", "first_recorded_at", "resolution"])
        #expect(claim["status"] as? String == "due")
        #expect(claim["resolution"] is NSNull && claim["source"] is NSNull)
    }

    @Test func csvQuotesWhatNeedsQuotingAndKeepsNonASCII() {
        let r = sample().run(["list", "--format", "csv", "--claimant", "Matt Turck"])
        let lines = r.out.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,statement,claimant,said_on,"))
        #expect(lines[1].hasPrefix("rain,\"Rain, \"\"heavy\"\" rain, in May\",Matt Turck,2025-10-23,"))
        #expect(lines[1].contains("明年会下雨"))
        #expect(lines[1].contains(",resolved,true,2026-05-31,"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNO_COLOR() {
        let w = sample()
        #expect(w.run(["list"], terminal: true).out.contains("\u{1B}["))
        #expect(!w.run(["list"], environment: ["NO_COLOR": "1"], terminal: true).out.contains("\u{1B}["))
    }

    @Test func aMissingDatabaseIsAClearErrorAndIsNotCreated() {
        let w = Workspace()
        let r = w.run(["list"])
        #expect(r.code == 1)
        #expect(r.err.contains("no database at \(w.dbPath)"))
        #expect(!w.databaseExists)
    }

    @Test func badFilterValuesAreRefused() {
        let w = sample()
        #expect(w.run(["list", "--status", "pending"]).code == 64)
        let r = w.run(["list", "--due-before", "2026-02-30"])
        // Like --status, a date that does not parse is a usage error (64) that names the flag.
        #expect(r.code == 64 && r.err.contains("'--due-before <date>'") && r.err.contains("'2026-02-30' is not a valid date"))
        #expect(w.run(["list", "--as-of", "yesterday"]).err.contains("'yesterday' is not a valid moment"))
    }
}

/// On a terminal too narrow for the table, the ID column shrinks to prefixes that still name
/// each claim alone, and statements wrap under themselves instead of being cut.
@Suite struct NarrowTerminalTests {
    @Test func idsShrinkToUniquePrefixesAndStatementsWrap() throws {
        let w = Workspace()
        let statement = "By mid-2026 AI agents will be able to work autonomously for a full working day, as the host summarised it."
        _ = w.add(statement, ["--id", "schrittwieser-2026-mid-all-day-agents", "--window-end", "2026-06-30"])
        _ = w.add("In 2026 AI will make scientific discoveries that people agree are super impressive.",
                  ["--id", "schrittwieser-2026-impressive-discoveries", "--window-end", "2026-12-31"])
        _ = w.add("A third claim with a short statement.", ["--id", "schrittwieser-2027-third", "--window-end", "2027-12-31"])
        // At 100 columns statements wrap beside the row; at 80 they go under it.
        for (command, columns) in [(["list"], 80), (["due", "--within", "3y"], 80), (["list"], 100), (["due", "--within", "3y"], 100)] {
            let r = w.run(command, environment: ["COLUMNS": "\(columns)", "NO_COLOR": "1"], terminal: true)
            let lines = r.out.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { $0.count <= columns }, "\(r.out)")
            #expect(!r.out.contains("it…") && !r.out.contains("the…"), "nothing is cut: \(r.out)")
            // Every word of the statement is there, in order, over several lines.
            let words = r.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains(statement), "\(r.out)")
            // The short ids are prefixes that `show` takes for the claim they stand for.
            let ids = lines.dropFirst().compactMap { $0.first == " " ? nil : $0.split(separator: " ").first.map(String.init) }
                .filter { $0.hasPrefix("schritt") }
            #expect(ids.count == 3 && ids.allSatisfy { $0.count < 25 })
            for id in ids {
                let shown = try #require(try w.json(["show", id]) as? [String: Any])
                #expect((shown["id"] as? String)?.hasPrefix(id) == true)
            }
        }
        // Wide enough, or not a terminal: the table is as it was.
        let wide = w.run(["list"], environment: ["COLUMNS": "300", "NO_COLOR": "1"], terminal: true)
        #expect(wide.out.contains("schrittwieser-2026-mid-all-day-agents") && wide.out.contains(statement))
        #expect(w.run(["list"]).out.contains(statement))
    }
}

/// `list --search` through the full-text index: words, phrases, prefixes, Chinese text, kept in
/// step with edits, and at a past moment by the same rule.
@Suite struct SearchTests {
    @Test func searchFindsWordsPhrasesAndPrefixesAndFollowsEdits() throws {
        let w = Workspace()
        _ = w.add("Agents will work a whole day on their own", ["--id", "day", "--criteria", "METR reports an 8-hour horizon"], now: "2026-01-01T00:00:00Z")
        _ = w.add("Models win a Nobel prize", ["--id", "nobel", "--notes", "Said twice, unattended"], now: "2026-01-01T00:00:00Z")
        _ = w.add("模型能独立工作一整天", ["--id", "zh"], now: "2026-01-01T00:00:00Z")
        func ids(_ args: [String]) throws -> [String] {
            try #require(try w.json(["list"] + args) as? [[String: Any]]).compactMap { $0["id"] as? String }.sorted()
        }
        #expect(try ids(["--search", "whole"]) == ["day"])
        #expect(try ids(["--search", "\"whole day\""]) == ["day"])
        #expect(try ids(["--search", "metr horizon"]) == ["day"])            // criteria
        #expect(try ids(["--search", "unattended"]) == ["nobel"])            // notes
        #expect(try ids(["--search", "nob*"]) == ["nobel"])
        #expect(try ids(["--search", "age"]) == [])                          // a word, not a piece of one
        #expect(try ids(["--search", "一整天"]) == ["zh"])
        #expect(try ids(["--search", "absentword", "--limit", "50"]) == [])
        #expect(w.run(["edit", "day", "--statement", "Agents will run for a week", "--reason", "reworded"], now: "2026-02-01T00:00:00Z").code == 0)
        #expect(try ids(["--search", "whole"]) == [])
        #expect(try ids(["--search", "week"]) == ["day"])
        // At a past moment, the claim as it stood then.
        #expect(try ids(["--search", "whole", "--as-of", "2026-01-15"]) == ["day"])
        #expect(try ids(["--search", "week", "--as-of", "2026-01-15"]) == [])
        let bad = w.run(["list", "--search", "\"unclosed"])
        #expect(bad.code == 64 && bad.err.contains("is not a search: a quote opens a phrase that is never closed"))
    }
}
