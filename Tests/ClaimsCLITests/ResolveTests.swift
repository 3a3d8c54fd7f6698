import Foundation
import Testing

@Suite struct ResolveTests {
    @Test func resolvingAgainAmendsAndKeepsTheEarlierRevision() throws {
        let w = Workspace()
        let id = w.add("Agents work all day", ["--window-end", "2026-06-30"])
        let first = w.run(["resolve", id, "--outcome", "false", "--settled-on", "2026-06-30", "--evidence", "https://metr.org/a", "--note", "5h"])
        #expect(first.code == 0 && first.out.contains("resolved false"))
        let second = w.run(["resolve", id, "--outcome", "partial", "--settled-on", "2026-07-02", "--note", "8h on some tasks"])
        #expect(second.code == 0 && second.out.contains("amended") && second.out.contains("revision 2"))
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        let resolution = try #require(claim["resolution"] as? [String: Any])
        #expect(resolution["outcome"] as? String == "partial" && resolution["revision"] as? Int == 2)
        let events = try #require(try w.json(["history", id]) as? [[String: Any]])
        #expect(events.compactMap { $0["kind"] as? String } == ["version", "resolution", "resolution"])
    }

    @Test func badOutcomesAndDatesAreRefused() {
        let w = Workspace()
        let id = w.add("Agents work all day")
        let r = w.run(["resolve", id, "--outcome", "maybe"])
        // The choices are listed, the synonyms read by --outcome among them.
        #expect(r.code == 64 && r.err.contains("Please provide one of the following") && r.err.contains("- annulled") && r.err.contains("- yes"), "\(r.err)")
        #expect(w.run(["resolve", id, "--outcome", "true", "--settled-on", "2026-13-01"]).err.contains("not a valid date"))
    }
}
