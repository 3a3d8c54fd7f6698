import Foundation
import Testing

@Suite struct DueTests {
    func sample() -> Workspace {
        let w = Workspace()
        _ = w.add("Ended in January", ["--id", "jan", "--window-end", "2026-01-31"])
        _ = w.add("Ended in June", ["--id", "jun", "--window-end", "2026-06-30"])
        _ = w.add("Ends in December", ["--id", "dec", "--window-end", "2026-12-31"])
        _ = w.add("Ends in 2028", ["--id", "far", "--window-end", "2028-12-31"])
        _ = w.add("Resolved early", ["--id", "done", "--window-end", "2026-03-31"])
        #expect(w.run(["resolve", "done", "--outcome", "true", "--settled-on", "2026-02-01"]).code == 0)
        return w
    }

    @Test func dueListsMostOverdueFirstAndSaysHowOverdue() {
        let r = sample().run(["due", "--today", "2026-11-23"])
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("jan") && lines[1].contains("overdue 296 days"))
        #expect(lines[2].hasPrefix("jun") && lines[2].contains("overdue 146 days"))
    }

    @Test func withinAddsWhatIsDueSoon() throws {
        let list = try #require(try sample().json(["due", "--within", "60d", "--today", "2026-11-23"]) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["jan", "jun", "dec"])
        #expect(list.map { $0["status"] as? String } == ["due", "due", "open"])
        let r = sample().run(["due", "--within", "60d", "--today", "2026-11-23"])
        #expect(r.out.contains("due in 38 days"))
    }

    @Test func dueAsOfAnEarlierMoment() throws {
        // "done" was resolved on 2026-11-23 (the harness's now): on 2026-07-15 it was still due.
        let list = try #require(try sample().json(["due", "--as-of", "2026-07-15"]) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["jan", "done", "jun"])
    }

    @Test func aBadSpanIsRefused() {
        let r = sample().run(["due", "--within", "soon"])
        // A value that does not parse is a usage error (64), named with its flag by the parser.
        #expect(r.code == 64 && r.err.contains("'--within <span>'") && r.err.contains("'soon' is not a span of time"))
    }
}
