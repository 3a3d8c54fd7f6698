import Foundation
import Testing

@Suite struct ReportTests {
    func report(_ w: Workspace, _ args: [String] = []) throws -> String {
        let out = w.folder.appendingPathComponent("report.html")
        let r = w.run(["report", "--out", out.path] + args)
        #expect(r.code == 0, "\(r.err)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    @Test func theReportHasEverySectionAndNoExternalAssets() throws {
        let w = Workspace()
        _ = w.add("Models work a whole day", ["--id", "day", "--window", "next year", "--confidence", "maybe", "--criteria", "METR ≥ 8h",
                                              "--quote", "next year, maybe the models will work on their own"])
        _ = w.add("Due already", ["--id", "due", "--window-end", "2026-06-30"])
        _ = w.add("Nobel by 2028", ["--id", "nobel", "--window", "by 2027, 2028", "--probability", "0.97", "--criteria", "A Nobel-level discovery"])
        #expect(w.run(["resolve", "nobel", "--outcome", "false", "--settled-on", "2026-10-01", "--evidence", "https://example.org/nobel", "--note", "not yet"]).code == 0)
        let html = try report(w)
        for part in ["<!doctype html>", "id=\"scorecard\"", "id=\"calibration\"", "<svg class=\"calibration\"", "class=\"diagonal\"",
                     "class=\"interval\"", "id=\"timeline\"", "<svg class=\"timeline\"", "id=\"due\"", "overdue 146 days",
                     "id=\"resolved\"", "Nobel by 2028", "Criteria:", "<a href=\"https://example.org/nobel\">", "@media print",
                     "id=\"checkpoint\"", "<pre class=\"checkpoint\">claims.log/", "claims verify --checkpoint FILE"] {
            #expect(html.contains(part), "missing \(part)")
        }
        for asset in ["<script", "<link", "src=", "@import", "url("] { #expect(!html.contains(asset), "has \(asset)") }
    }

    @Test func everyPieceOfUserTextIsEscaped() throws {
        let w = Workspace()
        let r = w.run(["add", "<script>alert(1)</script>", "--id", "x", "--claimant", "<b>M</b>", "--said-on", "2025-01-01",
                       "--window-end", "2025-06-30", "--quote", "\"q\" & <i>", "--criteria", "<style>body{}</style>", "--probability", "0.9"])
        #expect(r.code == 0)
        #expect(w.run(["resolve", "x", "--outcome", "false", "--settled-on", "2025-06-30", "--evidence", "javascript:alert(2)",
                       "--evidence", "https://e.org/?a=1&b=<2>", "--note", "<img src=x onerror=alert(3)>"]).code == 0)
        let html = try report(w, ["--title", "<h1>T</h1>"])
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;M&lt;/b&gt;") && html.contains("&quot;q&quot; &amp; &lt;i&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(3)&gt;") && html.contains("&lt;h1&gt;T&lt;/h1&gt;"))
        #expect(html.contains("<span class=\"url\">javascript:alert(2)</span>"))
        #expect(html.contains("href=\"https://e.org/?a=1&amp;b=&lt;2&gt;\""))
        for raw in ["<script", "<b>M", "<i>", "<img", "<h1>T", "href=\"javascript"] { #expect(!html.contains(raw), "raw \(raw)") }
    }

    @Test func longListsAreCutAndSaySo() throws {
        let w = Workspace()
        for i in 0..<5 { _ = w.add("Claim \(i)", ["--id", "c\(i)", "--window-end", "2026-0\(i + 1)-01"]) }
        let html = try report(w, ["--limit", "2"])
        #expect(html.contains("Showing the 2 windows that end nearest today, of 5."))
        #expect(html.contains("Showing the 2 most overdue of 5."))
    }

    @Test func anEmptyDatabaseGivesAnEmptyReport() throws {
        let w = Workspace()
        _ = w.add("Open, no window", [])
        let html = try report(w)
        #expect(html.contains("No resolved claims with a probability yet.") && html.contains("Nothing is due."))
    }
}

@Suite struct ReportCountTests {
    /// Every count in the report agrees with the table under it.
    @Test func theDueCountsAgreeWithTheDueTable() throws {
        let w = Workspace()
        _ = w.add("Overdue one", ["--window-end", "2026-06-30"])
        _ = w.add("Overdue two", ["--window-end", "2026-10-31"])
        _ = w.add("Due soon", ["--window-end", "2026-12-15"])
        _ = w.add("Far off", ["--window-end", "2028-12-31"])
        let out = w.folder.appendingPathComponent("r.html")
        #expect(w.run(["report", "--out", out.path]).code == 0)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("2 overdue (the window ended without an outcome)"))
        #expect(html.contains("2 overdue and 1 due in the next 60 days."))
        let section = try #require(html.components(separatedBy: "id=\"due\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(section.components(separatedBy: "<tr class=").count - 1 == 3)
    }
}

/// The report's people: ranked among those with enough scored forecasts, folded when many, a
/// section each, every forecast shown on its claim, open and window-less claims listed with
/// counts that agree, and a last section that says what the page leaves out.
@Suite struct ReportPeopleTests {
    func html(_ w: Workspace, _ args: [String] = []) throws -> String {
        let out = w.folder.appendingPathComponent("r.html")
        let r = w.run(["report", "--out", out.path] + args)
        #expect(r.code == 0, "\(r.err)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    func section(_ html: String, _ id: String) throws -> String {
        try #require(html.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.components(separatedBy: "</section>").first)
    }

    /// `good` forecasts near the truth, `poor` far from it: 12 resolved claims each; `few` has 3.
    func people() throws -> Workspace {
        let w = Workspace()
        var lines: [String] = []
        func claim(_ id: String, _ who: String, _ p: Double, _ outcome: String) {
            lines.append("{\"id\":\"\(id)\",\"statement\":\"\(who) forecast \(id)\",\"claimant\":\"\(who)\",\"said_on\":\"2025-01-01\",\"window\":{\"end\":\"2025-12-31\"},\"confidence\":{\"stated_probability\":\(p)},\"resolution\":{\"outcome\":\"\(outcome)\",\"settled_on\":\"2026-01-05\"}}")
        }
        for i in 0..<12 {
            claim("g\(i)", "Good", i % 2 == 0 ? 0.9 : 0.1, i % 2 == 0 ? "true" : "false")
            claim("p\(i)", "Poor", i % 2 == 0 ? 0.9 : 0.1, i % 2 == 0 ? "false" : "true")
            claim("m\(i)", "Middling", 0.6, i % 3 == 0 ? "false" : "true")
        }
        for i in 0..<3 { claim("f\(i)", "Few", 0.7, "true") }
        lines.append("{\"id\":\"open-one\",\"statement\":\"Still open\",\"claimant\":\"Few\",\"said_on\":\"2025-01-01\",\"window\":{\"end\":\"2030-12-31\"}}")
        lines.append("{\"id\":\"no-window\",\"statement\":\"Never due\",\"claimant\":\"Few\",\"said_on\":\"2025-01-01\"}")
        let file = w.folder.appendingPathComponent("p.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(w.run(["import", file.path]).code == 0)
        #expect(w.run(["forecast", "open-one", "--probability", "25%", "--forecaster", "Ann", "--on", "2026-01-10"]).code == 0)
        #expect(w.run(["add", "Logged by mistake", "--id", "oops", "--claimant", "Few", "--said-on", "2025-01-01"]).code == 0)
        #expect(w.run(["withdraw", "oops", "--reason", "logged twice"]).code == 0)
        return w
    }

    @Test func peopleAreRankedBySkillAndEachHasASection() throws {
        let w = try people()
        let page = try html(w)
        let scorecard = try section(page, "scorecard")
        // Ranked by Brier: Good, Middling, Poor; Few (3 scored) unranked, listed with a dash.
        let order = ["Good", "Middling", "Poor", "Few"].map { scorecard.range(of: ">\($0)</a>")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(scorecard)")
        #expect(scorecard.contains("<tr><td>1</td><td><a href=\"#person-good\">Good</a>") && scorecard.contains("<tr><td>–</td><td><a href=\"#person-few\">Few</a>"))
        let compare = try section(page, "compare")
        #expect(compare.contains("Best Brier scores") && compare.contains(">Good</a>: Brier") && compare.contains(">Poor</a>: Brier"))
        let people = try section(page, "people")
        for name in ["good", "poor", "middling", "few"] { #expect(people.contains("id=\"person-\(name)\"")) }
        #expect(people.contains("aria-label=\"Calibration of Good\""))
        // Other people's forecasts, on the claim.
        #expect(people.contains("Forecasts: Ann 25% (2026-01-10)"))
        #expect(try section(page, "forecasters").contains(">Ann</a>"))
    }

    @Test func openAndWindowlessClaimsAreListedAndTheCountsAgree() throws {
        let w = try people()
        let page = try html(w)
        let open = try section(page, "open")
        #expect(open.contains("1 open: no outcome") && open.components(separatedBy: "<li>").count - 1 == 1 && open.contains("Still open"))
        let bare = try section(page, "no-window")
        #expect(bare.contains("1 claim has no window") && bare.contains("Never due") && bare.components(separatedBy: "<li>").count - 1 == 1)
        let left = try section(page, "left-out")
        #expect(left.contains("1 withdrawn claims (logged in error)"))
        #expect(!page.contains("Logged by mistake"))
    }

    @Test func atScaleSmallGroupsAreFoldedAndListsStopAtTheLimit() throws {
        let w = try people()
        var lines: [String] = []
        for i in 0..<40 {
            lines.append("{\"id\":\"s\(i)\",\"statement\":\"One-off \(i)\",\"claimant\":\"Person \(i)\",\"said_on\":\"2025-01-01\",\"window\":{\"end\":\"2025-12-31\"},\"confidence\":{\"stated_probability\":0.8},\"resolution\":{\"outcome\":\"true\",\"settled_on\":\"2026-01-05\"}}")
        }
        let file = w.folder.appendingPathComponent("many.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(w.run(["import", file.path]).code == 0)
        let page = try html(w, ["--limit", "10"])
        let scorecard = try section(page, "scorecard")
        #expect(scorecard.contains("41 claimants with fewer than 10 scored forecasts each (45 claims, 43 scored forecasts between them) are not ranked or listed"), "\(scorecard)")
        #expect(!scorecard.contains("Person 7"))
        let left = try section(page, "left-out")
        #expect(left.contains("41 claimants with fewer than 10 scored forecasts are not ranked or listed"))
        #expect(left.contains("A section for each of 34 more claimants."))
        let resolved = try section(page, "resolved")
        #expect(resolved.components(separatedBy: "<article class=\"claim\">").count - 1 == 10)
    }
}
