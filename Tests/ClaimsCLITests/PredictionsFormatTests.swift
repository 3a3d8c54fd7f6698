import Foundation
import Testing

/// The `predictions.yaml` of public trackers (Tests/Fixtures/predictions/predictions.yaml is a
/// sample of our own in that shape): read, written back, and read again with nothing changed.
@Suite struct PredictionsFormatTests {
    static let sample = Workspace.repositoryRoot.appendingPathComponent("Tests/Fixtures/predictions/predictions.yaml")

    @Test func aTrackersFileImportsWithOutcomesWindowsAndWhatHasNoPlaceKeptInNotes() throws {
        let w = Workspace()
        let r = w.run(["import", Self.sample.path])
        #expect(r.code == 0 && r.out.contains("5 added"), "\(r.err)")
        // The tracker's date and our reading of the words disagree: said, never settled silently.
        #expect(r.err.contains("predictions.yaml:47:21: 'by late 2026' said on 2025-03-01 reads as 2025-03-01 … 2026-12-31, but predicted_date is 2026-06-30"), "\(r.err)")
        #expect(r.err.contains("'within a few years' is too vague") && r.err.contains("The window ends on predicted_date, 2028-12-31"))
        #expect(r.err.contains("cannot read 'after 2030'") && r.err.contains("The claim has no window until one is set."))

        let ada = try #require(try w.json(["show", "ada-agents-whole-day"]) as? [String: Any])
        #expect(ada["statement"] as? String == "By the middle of next year, agents will work a whole day without help.")
        #expect(ada["claimant"] as? String == "Ada Example" && ada["said_on"] as? String == "2025-10-23")
        #expect((ada["window"] as? [String: Any])?["end"] as? String == "2026-06-30")
        #expect((ada["window"] as? [String: Any])?["phrase"] as? String == "by the middle of next year")
        #expect((ada["resolution"] as? [String: Any])?["outcome"] as? String == "false")
        #expect((ada["resolution"] as? [String: Any])?["evidence"] as? [String] == ["https://example.org/evals/2026-07 (2026-07-10): best model ran 5 hours unattended"])
        #expect(ada["tags"] as? [String] == ["agents", "autonomy", "theme:agents"])
        let notes = try #require(ada["notes"] as? String)
        #expect(notes.contains("Said twice in the episode.") && notes.contains("Archived at: https://archive.example.org/podcast/12")
                && notes.contains("Tracker's predicted date: 2026-06-30"))
        #expect((ada["source"] as? [String: Any])?["url"] as? String == "https://example.org/podcast/12")
        let nobel = try #require(try w.json(["show", "ada-nobel"]) as? [String: Any])
        #expect((nobel["confidence"] as? [String: Any])?["stated_probability"] as? Double == 0.7)
        func outcome(_ id: String) throws -> String? {
            ((try w.json(["show", id]) as? [String: Any])?["resolution"] as? [String: Any])?["outcome"] as? String
        }
        #expect(try outcome("bo-robots") == "annulled" && outcome("bo-compute") == "true")
        let cy = try #require(try w.json(["show", "cy-translation"]) as? [String: Any])
        #expect(cy["window"] is NSNull && cy["resolution"] is NSNull)
    }

    @Test func exportedAndImportedAgainNothingChanges() throws {
        let w = Workspace()
        #expect(w.run(["import", Self.sample.path]).code == 0)
        let out = w.folder.appendingPathComponent("out.yaml")
        #expect(w.run(["export", out.path, "--format", "predictions"]).code == 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix("meta:\n") && text.contains("predictions:\n  - id: ada-agents-whole-day\n    theme: agents\n"))
        #expect(text.contains("    archive_url: https://archive.example.org/podcast/12\n"))
        #expect(text.contains("    status: missed\n    resolved_date: 2026-07-15\n"))
        #expect(text.contains("      - url: https://example.org/evals/2026-07\n        date: 2026-07-10\n        note: best model ran 5 hours unattended\n"))
        #expect(text.contains("    predicted_date: 2026-06-30\n    status: achieved\n"), "the tracker's own date is written back")
        #expect(!text.contains("Archived at:") && !text.contains("Tracker's predicted date"))
        let again = w.run(["import", out.path])
        #expect(again.out.contains("0 added, 0 changed, 5 unchanged"), "\(again.out) \(again.err)")
        let fresh = Workspace()
        #expect(fresh.run(["import", out.path]).out.contains("5 added"))
        let theirs = (try fresh.json(["show", "ada-agents-whole-day"]) as? [String: Any])?["notes"] as? String
        let mine = (try w.json(["show", "ada-agents-whole-day"]) as? [String: Any])?["notes"] as? String
        #expect(theirs != nil && theirs == mine)
    }

    @Test func aBadFileIsRefusedAtItsLinesAndNothingIsWritten() throws {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("bad.yaml")
        try """
            meta: {title: x}
            predictions:
              - id: a
                quote: Something will happen by 2027.
                speaker: A
                date_said: 2025-01-01
                status: won
              - id: b
                quote: Another thing.
                speaker: B
                date_said: 2025-01-01
                status: achieved
                horizon: by 2027
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["import", file.path])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.yaml:7:13: status: 'won' is not a status") || r.err.contains("bad.yaml:7:13: 'won' is not a status"), "\(r.err)")
        #expect(r.err.contains("bad.yaml:13:5: unknown key 'horizon'"), "\(r.err)")
        #expect(r.err.contains("missing 'resolved_date'"), "\(r.err)")
        #expect(!w.databaseExists)
    }
}
