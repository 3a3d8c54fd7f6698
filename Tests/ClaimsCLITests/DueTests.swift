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

/// `due --ics`: a calendar that a strict parser (PyPI's icalendar, installed by .ci/run) reads.
@Suite struct DueCalendarTests {
    @Test func theCalendarHoldsEveryClaimWithoutAnOutcomeAndParses() throws {
        let w = DueTests().sample()
        let long = "Models, agents; and \\ tools work a whole day unattended — 模型能独立工作一整天 — " + String(repeating: "and more ", count: 12)
        _ = w.add(long, ["--id", "long", "--window", "next year", "--said-on", "2025-10-23", "--criteria", "A published eval; a whole day, unattended",
                         "--tag", "agents", "--tag", "ai, safety", "--source", "talk", "--source-kind", "talk", "--source-url", "https://example.org/talk?a=1&b=2"])
        _ = w.add("No window at all", ["--id", "nowin"])
        let file = w.folder.appendingPathComponent("due.ics")
        let r = w.run(["due", "--ics", file.path, "--today", "2026-11-23"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("jan"))  // the list is printed as well
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))

        let script = Workspace.repositoryRoot.appendingPathComponent("Tests/Reference/check_ics.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, file.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let json = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "check_ics.py (pip install icalendar if it is missing): \(problems)")
        let events = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        // Open and due claims with a window; not the resolved one, not the one without a window.
        #expect(Set(events.compactMap { $0["uid"] as? String }) == ["jan@claims", "jun@claims", "dec@claims", "far@claims", "long@claims"])
        let ev = try #require(events.first { $0["uid"] as? String == "long@claims" })
        #expect(ev["start"] as? String == "2026-12-31" && ev["end"] as? String == "2027-01-01")
        #expect(ev["summary"] as? String == "Due: " + long.trimmingCharacters(in: .whitespaces))
        let description = try #require(ev["description"] as? String)
        #expect(description.contains("Claim long: Models, agents; and \\ tools") && description.contains("True if: A published eval; a whole day, unattended"))
        #expect(description.contains("claims resolve long --outcome"))
        #expect(ev["categories"] as? [String] == ["agents", "ai, safety"])
        #expect(ev["url"] as? String == "https://example.org/talk?a=1&b=2")
    }

    @Test func aDashSendsTheCalendarToStandardOutputAlone() {
        let r = DueTests().sample().run(["due", "--ics", "-", "--today", "2026-11-23"])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("BEGIN:VCALENDAR\r\n") && r.out.contains("UID:far@claims\r\n") && !r.out.contains("UID:done@claims"))
    }

    @Test func aMissingFolderIsAnErrorAndNothingIsWritten() {
        let w = DueTests().sample()
        let r = w.run(["due", "--ics", w.folder.appendingPathComponent("no/such/dir/x.ics").path])
        #expect(r.code == 1 && r.err.contains("does not exist"))
    }
}
