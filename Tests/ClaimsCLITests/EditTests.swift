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
        #expect(bad.code == 1 && bad.err.contains("'150%' is not a probability"))
        #expect(w.databaseBytes == before)
    }
}
