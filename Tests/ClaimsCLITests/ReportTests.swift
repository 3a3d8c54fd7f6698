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
