import Foundation
import Testing

@Suite struct EditTests {
    @Test func editAppendsAVersionWithItsReason() throws {
        let w = Workspace()
        let id = w.add("Agents work all day", ["--tag", "agents", "--probability", "0.6"])
        let r = w.run(["edit", id, "--criteria", "METR ≥ 8h", "--add-tag", "metr", "--remove-tag", "agents",
                       "--clear", "probability", "--reason", "named the benchmark"])
        #expect(r.code == 0 && r.out.contains("version 2"))
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(claim["criteria"] as? String == "METR ≥ 8h")
        #expect(claim["tags"] as? [String] == ["metr"])
        #expect((claim["confidence"] as? [String: Any])?["stated_probability"] is NSNull)
        let events = try #require(try w.json(["history", id]) as? [[String: Any]])
        #expect(events.count == 2)
        #expect(events[1]["reason"] as? String == "named the benchmark")
        #expect(events[1]["author"] as? String == "tester")
    }

    @Test func editNeedsAReasonAndAChange() {
        let w = Workspace()
        let id = w.add("Agents work all day")
        #expect(w.run(["edit", id, "--criteria", "x"]).code == 64)
        let before = w.databaseBytes
        let same = w.run(["edit", id, "--statement", "Agents work all day", "--reason", "noop"])
        #expect(same.code == 1 && same.err.contains("nothing to change"))
        let bad = w.run(["edit", id, "--probability", "150%", "--reason", "typo"])
        // A value that does not parse is a usage error (64), reported by the parser with its flag.
        #expect(bad.code == 64 && bad.err.contains("'150%' is not a probability") && bad.err.contains("--probability"))
        #expect(w.databaseBytes == before)
    }
}

/// The crashes the design review found (issue: one home for each rule), as tests.
@Suite struct EditReentrancyTests {
    /// `edit --source KEY` reuses a source another claim logged. It once aborted with "Database
    /// methods are not reentrant" (exit 132): the flags looked the source up from inside the
    /// store's own write transaction. The store now applies the whole change itself.
    @Test func editReusesAnotherClaimsSourceByItsKey() throws {
        let w = Workspace()
        _ = w.add("Agents work all day", ["--source", "mad-podcast", "--source-kind", "podcast",
                                          "--source-title", "The MAD Podcast", "--source-url", "https://example.org/mad"])
        let b = w.add("Models win a Nobel prize")
        let r = w.run(["edit", b, "--source", "mad-podcast", "--reason", "same interview"])
        #expect(r.code == 0, "\(r.err)")
        let claim = try #require(try w.json(["show", b]) as? [String: Any])
        let source = try #require(claim["source"] as? [String: Any])
        #expect(source["key"] as? String == "mad-podcast")
        #expect(source["title"] as? String == "The MAD Podcast")
        #expect(source["url"] as? String == "https://example.org/mad")
        // A source flag with the key changes that one field and keeps the rest.
        let again = w.run(["edit", b, "--source", "mad-podcast", "--publisher", "FirstMark", "--reason", "publisher"])
        #expect(again.code == 0, "\(again.err)")
        let edited = try #require(try w.json(["show", b]) as? [String: Any])
        #expect((edited["source"] as? [String: Any])?["publisher"] as? String == "FirstMark")
        #expect((edited["source"] as? [String: Any])?["title"] as? String == "The MAD Podcast")
        // An unknown key is refused, naming the flag, and nothing is written.
        let before = w.databaseBytes
        let unknown = w.run(["edit", b, "--source", "no-such-source", "--reason", "typo"])
        #expect(unknown.code == 1 && unknown.err.contains("--source: no source has the key 'no-such-source'"), "\(unknown.err)")
        #expect(w.databaseBytes == before)
    }

    /// `extract --claimant " "` once aborted on a `try!` (exit 132): drafts were assembled outside
    /// the domain's validation. A blank claimant is now refused as the command line is read.
    @Test func extractRefusesABlankClaimant() throws {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("talk.txt")
        try ">> I think next year the models will work on their own for a whole day.\n".write(to: file, atomically: true, encoding: .utf8)
        let blank = w.run(["extract", file.path, "--said-on", "2025-10-23", "--claimant", " "])
        #expect(blank.code == 64 && blank.err.contains("the claimant is empty"), "\(blank.err)")
        let named = w.run(["extract", file.path, "--said-on", "2025-10-23", "--claimant", "Julian Schrittwieser"])
        #expect(named.code == 0, "\(named.err)")
        #expect(named.out.contains("claimant: Julian Schrittwieser"))
    }
}
