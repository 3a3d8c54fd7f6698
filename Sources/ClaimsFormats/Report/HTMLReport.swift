import ClaimsCore
import Foundation

/// One self-contained HTML page: inline CSS and SVG, no scripts, no external assets, readable
/// offline and printable. Every piece of user text goes through `escape`.
public struct HTMLReport {
    public let title: String
    public let generated: String
    public let point: ReadPoint
    public let totals: (claims: Int, resolved: Int, due: Int)
    public let card: Scorecard
    public let timeline: [ClaimSummary]
    public let timelineTotal: Int
    public let due: [ClaimSummary]
    public let dueTotal: Int
    public let resolved: [ClaimSummary]
    public let resolvedTotal: Int
    /// The log's checkpoint as the report was made (signed when there was a key), and whether it is signed.
    public var checkpoint: (note: String, signed: Bool)?
    /// The scorecard by forecaster (everyone's forecasts), when anyone besides claimants forecast.
    public var forecasterCard: Scorecard?
    /// Open claims, soonest window end first, and how many there are.
    public var open: [ClaimSummary] = []
    public var openTotal = 0
    /// Claims without a window and without an outcome, and how many there are.
    public var unwindowed: [ClaimSummary] = []
    public var unwindowedTotal = 0
    /// A section for each of these people, and how many people there are in all.
    public var people: [PersonView] = []
    public var peopleTotal = 0
    /// Everyone's forecasts on the claims listed.
    public var forecasts: [ClaimID: [RecordedForecast]] = [:]
    /// Withdrawn claims, which the page leaves out.
    public var withdrawnTotal = 0
    /// The most rows a list or a table shows.
    public var limit = 150

    /// One person's part of the page: their scorecard line and calibration, and their claims.
    public struct PersonView {
        public let name: String
        public let summary: ScoreSummary
        public let claims: [ClaimSummary]
        public let claimsTotal: Int

        public init(name: String, summary: ScoreSummary, claims: [ClaimSummary], claimsTotal: Int) {
            self.name = name
            self.summary = summary
            self.claims = claims
            self.claimsTotal = claimsTotal
        }
    }

    public init(title: String, generated: String, point: ReadPoint, totals: (claims: Int, resolved: Int, due: Int),
                card: Scorecard, timeline: [ClaimSummary], timelineTotal: Int, due: [ClaimSummary], dueTotal: Int,
                resolved: [ClaimSummary], resolvedTotal: Int) {
        self.title = title
        self.generated = generated
        self.point = point
        self.totals = totals
        self.card = card
        self.timeline = timeline
        self.timelineTotal = timelineTotal
        self.due = due
        self.dueTotal = dueTotal
        self.resolved = resolved
        self.resolvedTotal = resolvedTotal
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A link only for http(s) URLs; anything else (javascript:, data:) is shown as text.
    public static func link(_ url: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return "<span class=\"url\">\(escape(url))</span>" }
        return "<a href=\"\(escape(url))\">\(escape(url))</a>"
    }


    /// A thin bar filled to `fraction` (0 … 1).
    public static func bar(_ fraction: Double, _ kind: String) -> String {
        "<div class=\"bar\"><span class=\"fill \(kind)\" style=\"width:\(Int((min(1, max(0, fraction)) * 100).rounded()))%\"></span></div>"
    }

    public func render() -> String {
        let e = Self.escape
        var h = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <header>
        <h1>\(e(title))</h1>
        <p class="meta">\(totals.claims) claims · \(totals.resolved) resolved · \(totals.due) overdue (the window ended without an outcome) · judged on \(point.today)\(point.asOf.map { " · as the database stood at \($0)" } ?? "") · generated \(e(generated))</p>
        </header>
        <nav><a href="#scorecard">Scorecard</a> <a href="#forecasters">Forecasters</a> <a href="#calibration">Calibration</a> <a href="#compare">Best and worst</a> <a href="#people">People</a> <a href="#timeline">Timeline</a> <a href="#due">Due</a> <a href="#open">Open</a> <a href="#no-window">No window</a> <a href="#resolved">Resolved</a> <a href="#left-out">Left out</a> <a href="#checkpoint">Checkpoint</a></nav>

        """
        h += rankedSection(id: "scorecard", title: "Scorecard by claimant", noun: "claimant", card: card)
        if let forecasterCard { h += rankedSection(id: "forecasters", title: "Scorecard by forecaster", noun: "forecaster", card: forecasterCard) }
        h += calibrationSection()
        h += compareSection()
        h += peopleSection()
        h += timelineSection()
        h += dueSection()
        h += openSection()
        h += unwindowedSection()
        h += resolvedSection()
        h += leftOutSection()
        h += checkpointSection()
        h += "<footer>Made by <code>claims report</code>. Brier scores on the 0–1 scale (0 is perfect); probabilities are the claimants' (stated, else inferred from their words); see docs/conventions.md in the claims repository.</footer>\n</body>\n</html>\n"
        return h
    }

    /// The log's checkpoint, and how a reader checks that nothing recorded before it was changed.
    public func checkpointSection() -> String {
        var h = "<section id=\"checkpoint\">\n<h2>Checkpoint</h2>\n"
        guard let checkpoint else { return h + "<p class=\"empty\">No checkpoint.</p>\n</section>\n" }
        h += "<p>Every claim version, forecast and outcome is a leaf of one Merkle tree, in the order recorded. This is its head as this report was made"
            + (checkpoint.signed ? ", signed:" : " (unsigned: anyone could have written it; <code>claims key generate</code> makes a key):") + "</p>\n"
        h += "<pre class=\"checkpoint\">\(Self.escape(checkpoint.note))</pre>\n"
        h += "<p class=\"note\">To check it later, save it to a file: <code>claims verify --checkpoint FILE --public-key KEY</code> proves that the log still holds, unchanged and in order, every event it held then (KEY is the log's public key, from <code>claims key public</code>). <code>claims prove ID</code> gives a proof that a claim's events are in the log, which <code>claims verify --proof FILE</code> or any program following schema/log.md can check without the database.</p>\n"
        return h + "</section>\n"
    }

    /// People ranked by Brier score among those with enough scored forecasts
    /// (`Ranking.minimumScored`); the others folded into one line that says how many and why.
    public func rankedSection(id: String, title: String, noun: String, card: Scorecard) -> String {
        let e = Self.escape
        var h = "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n"
        if card.groups.isEmpty { return h + "<p class=\"empty\">No claims.</p>\n</section>\n" }
        let (ranked, folded) = Ranking.rank(card.groups)
        let shown = ranked.prefix(limit)
        h += "<div class=\"wide\"><table class=\"score\"><thead><tr><th>#</th><th>\(e(noun.capitalized))</th><th>Scored</th><th>Brier (0–1)</th><th>Hit rate (flat assertions)</th><th>Claims</th><th>True</th><th>False</th><th>Partial</th><th>Annulled</th><th>Open / due</th></tr></thead><tbody>\n"
        for (rank, (name, s)) in shown.enumerated() { h += row("\(rank + 1)", name, s) }
        // Few enough people to list them all: those not ranked are listed too, unranked.
        let unranked = card.groups.filter { g in !ranked.contains { $0.key == g.key } }
        if ranked.count + unranked.count <= limit {
            for (name, s) in unranked { h += row("–", name, s) }
        } else if folded.people > 0 {
            h += "<tr class=\"folded\"><td>–</td><td colspan=\"10\">\(folded.people) \(noun)s with fewer than \(Ranking.minimumScored) scored forecasts each (\(folded.units) claims, \(folded.scored) scored forecasts between them) are not ranked or listed</td></tr>\n"
        }
        h += "</tbody></table></div>\n"
        h += "<p class=\"note\">Ranked by Brier score (lower is better; a constant 50% scores 0.25) among the \(noun)s with at least \(Ranking.minimumScored) scored forecasts: over fewer, a Brier score's standard error (about 0.25/√n) is as large as the gap between a good forecaster and a poor one, so a rank would be noise. Partial outcomes are counted and not scored; annulled ones are never scored.\(ranked.count > limit ? " Showing the first \(limit) of \(ranked.count) ranked." : "")</p>\n</section>\n"
        return h
    }

    func row(_ rank: String, _ name: String, _ s: ScoreSummary) -> String {
        let brierBar = s.brier.map { Self.bar($0, "brier") } ?? ""
        let hitBar = s.hitRate.map { Self.bar($0, "hit") } ?? ""
        let hit = s.hitRate.map { r in String(format: "%.0f%%", r * 100) + (s.hitRateInterval.map { String(format: " (%.0f–%.0f%%)", $0.lowerBound * 100, $0.upperBound * 100) } ?? "") + " of \(s.flatAssertions)" } ?? "–"
        let small = s.isSmall ? " <span class=\"small\" title=\"fewer than \(Ranking.minimumScored) scored\">small</span>" : ""
        return "<tr><td>\(rank)</td><td><a href=\"#\(Self.anchor(name))\">\(Self.escape(name))</a>\(small)</td><td>\(s.scored)</td><td>\(fixed(s.brier))\(brierBar)</td><td>\(hit)\(hitBar)</td><td>\(s.units)</td><td>\(s.outcomes[.true] ?? 0)</td><td>\(s.outcomes[.false] ?? 0)</td><td>\(s.outcomes[.partial] ?? 0)</td><td>\(s.outcomes[.annulled] ?? 0)</td><td>\(s.open) / \(s.due)</td></tr>\n"
    }

    /// An id for a person's section, from their name.
    public static func anchor(_ name: String) -> String {
        "person-" + String(name.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" })
    }

    public func calibrationSection() -> String {
        let bins = card.overall.calibration
        var h = "<section id=\"calibration\">\n<h2>Calibration</h2>\n"
        guard card.overall.scored > 0 else { return h + "<p class=\"empty\">No resolved claims with a probability yet.</p>\n</section>\n" }
        let svg = Self.calibrationSVG(bins, size: 360)
        h += "<div class=\"cal\">\(svg)<table class=\"bins\"><thead><tr><th>Bin</th><th>Count</th><th>Mean forecast</th><th>Observed</th><th>95% Wilson interval</th></tr></thead><tbody>\n"
        for b in bins {
            h += "<tr><td>[\(fixed(b.lower, 1)), \(fixed(b.upper, 1))\(b.includesUpper ? "]" : ")")</td><td>\(b.count)</td><td>\(fixed(b.meanForecast))</td><td>\(fixed(b.observed))</td><td>\(b.interval.map { "\(fixed($0.lowerBound)) – \(fixed($0.upperBound))" } ?? "–")</td></tr>\n"
        }
        h += "</tbody></table></div>\n"
        if let d = card.overall.decomposition {
            h += "<p class=\"note\">\(card.overall.scored) scored forecasts; Brier \(fixed(card.overall.brier)) = reliability \(fixed(d.reliability, 4)) − resolution \(fixed(d.resolution, 4)) + uncertainty \(fixed(d.uncertainty, 4)) (over \(d.distinctValues) distinct values). Points: each bin's observed frequency, sized by count, with its 95% Wilson interval; the dashed diagonal is perfect calibration.</p>\n"
        }
        return h + "</section>\n"
    }

    /// The calibration chart of `bins`: the diagonal, each bin's observed frequency (sized by
    /// count) with its 95% Wilson interval.
    public static func calibrationSVG(_ bins: [CalibrationBin], size: Double, label: String = "Calibration chart") -> String {
        let pad = size < 300 ? 30.0 : 44.0, maxCount = Double(bins.map(\.count).max() ?? 1)
        func x(_ p: Double) -> Double { pad + p * size }
        func y(_ p: Double) -> Double { pad + (1 - p) * size }
        var svg = "<svg class=\"calibration\" viewBox=\"0 0 \(Int(size + 2 * pad)) \(Int(size + 2 * pad))\" width=\"\(Int(size + 2 * pad))\" height=\"\(Int(size + 2 * pad))\" role=\"img\" aria-label=\"\(escape(label))\">\n"
        svg += "<rect x=\"\(x(0))\" y=\"\(y(1))\" width=\"\(size)\" height=\"\(size)\" class=\"plot\"/>\n"
        let step = size < 300 ? 5 : 1
        for k in stride(from: 0, through: 10, by: step) {
            let t = Double(k) / 10
            svg += "<line x1=\"\(x(t))\" y1=\"\(y(0))\" x2=\"\(x(t))\" y2=\"\(y(1))\" class=\"grid\"/><line x1=\"\(x(0))\" y1=\"\(y(t))\" x2=\"\(x(1))\" y2=\"\(y(t))\" class=\"grid\"/>\n"
            svg += "<text x=\"\(x(t))\" y=\"\(y(0) + 16)\" class=\"tick\" text-anchor=\"middle\">\(String(format: "%.1f", t))</text><text x=\"\(x(0) - 6)\" y=\"\(y(t) + 4)\" class=\"tick\" text-anchor=\"end\">\(String(format: "%.1f", t))</text>\n"
        }
        svg += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\" class=\"diagonal\"/>\n"
        for b in bins where b.count > 0 {
            guard let mean = b.meanForecast, let observed = b.observed else { continue }
            if let i = b.interval {
                svg += "<line x1=\"\(x(mean))\" y1=\"\(y(i.lowerBound))\" x2=\"\(x(mean))\" y2=\"\(y(i.upperBound))\" class=\"interval\"/>\n"
            }
            let r = (size < 300 ? 2 : 3) + (size < 300 ? 6 : 9) * (Double(b.count) / maxCount).squareRoot()
            svg += "<circle cx=\"\(x(mean))\" cy=\"\(y(observed))\" r=\"\(String(format: "%.1f", r))\" class=\"point\"><title>\(fixed(b.lower, 1))–\(fixed(b.upper, 1)): \(b.count) forecasts, mean \(fixed(mean)), observed \(fixed(observed))</title></circle>\n"
        }
        if size >= 300 {
            svg += "<text x=\"\(x(0.5))\" y=\"\(y(0) + 34)\" text-anchor=\"middle\" class=\"axis\">forecast probability (bin mean)</text>\n"
            svg += "<text transform=\"translate(12 \(y(0.5))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">observed frequency</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// The calibration of the best and the worst ranked claimants, side by side.
    public func compareSection() -> String {
        let e = Self.escape
        var h = "<section id=\"compare\">\n<h2>Best and worst calibrated</h2>\n"
        let (ranked, _) = Ranking.rank(card.groups)
        guard ranked.count >= 2 else {
            return h + "<p class=\"empty\">Fewer than two claimants have \(Ranking.minimumScored) scored forecasts: nothing to compare yet.</p>\n</section>\n"
        }
        let n = min(3, ranked.count / 2)
        let best = ranked.prefix(n), worst = ranked.suffix(n).reversed()
        for (label, group) in [("Best Brier scores", Array(best)), ("Worst Brier scores", Array(worst))] {
            h += "<h3>\(label)</h3>\n<div class=\"compare\">"
            for (name, s) in group {
                h += "<figure>\(Self.calibrationSVG(s.calibration, size: 200, label: "Calibration of " + name))<figcaption><a href=\"#\(Self.anchor(name))\">\(e(name))</a>: Brier \(fixed(s.brier)) over \(s.scored)</figcaption></figure>"
            }
            h += "</div>\n"
        }
        return h + "<p class=\"note\">Among the \(ranked.count) ranked claimants. A point above the diagonal: things said at that probability happened more often than said.</p>\n</section>\n"
    }

    /// A section per person: their scorecard line, their calibration, their claims with the forecasts on them.
    public func peopleSection() -> String {
        let e = Self.escape
        var h = "<section id=\"people\">\n<h2>People</h2>\n"
        guard !people.isEmpty else { return h + "<p class=\"empty\">No claims.</p>\n</section>\n" }
        for p in people {
            let s = p.summary
            h += "<article class=\"person\" id=\"\(Self.anchor(p.name))\"><h3>\(e(p.name))</h3>\n"
            var line = "\(s.units) claim\(s.units == 1 ? "" : "s") · \(s.outcomes[.true] ?? 0) true · \(s.outcomes[.false] ?? 0) false · \(s.open) open · \(s.due) due"
            if s.scored > 0 { line += " · Brier \(fixed(s.brier)) over \(s.scored) scored" }
            if let hit = s.hitRate { line += String(format: " · hit rate %.0f%% of %d flat assertions", hit * 100, s.flatAssertions) }
            if s.isSmall { line += " · small: fewer than \(Ranking.minimumScored) scored, not ranked" }
            h += "<p class=\"meta\">\(line)</p>\n<div class=\"cal\">"
            if s.scored > 0 { h += Self.calibrationSVG(s.calibration, size: 200, label: "Calibration of " + p.name) }
            h += "<ul class=\"claims\">"
            for c in p.claims {
                h += "<li><span class=\"tag \(Self.color(c, today: point.today))\">\(statusWord(c))</span> \(e(c.content.statement.value)) <code>\(e(c.id.rawValue))</code>\(windowText(c))\(forecastsText(c))</li>"
            }
            h += "</ul></div>\n"
            if p.claimsTotal > p.claims.count { h += "<p class=\"note\">\(p.claims.count) of \(p.claimsTotal) claims shown: <code>claims list --claimant \"\(e(p.name))\"</code> lists them all.</p>\n" }
            h += "</article>\n"
        }
        if peopleTotal > people.count {
            h += "<p class=\"note\">Sections for \(people.count) of \(peopleTotal) claimants: the ranked first, then those with the most claims.</p>\n"
        }
        return h + "</section>\n"
    }

    func statusWord(_ c: ClaimSummary) -> String { c.resolution?.resolution.outcome.rawValue ?? c.status(on: point.today).rawValue }

    func windowText(_ c: ClaimSummary) -> String {
        guard let w = c.content.window else { return " · no window" }
        return " · due \(w.start) … \(w.end)"
    }

    /// The forecasts on a claim, the claimant's own first: "Ann 30% (2025-11-01)".
    func forecastsText(_ c: ClaimSummary) -> String {
        var parts: [String] = []
        if let p = c.content.confidence.stated { parts.append("\(Self.escape(c.content.claimant.value)) \(Self.percent(p.value)) (stated)") }
        else if let i = c.content.confidence.inferred { parts.append("\(Self.escape(c.content.claimant.value)) ≈\(Self.percent(i.midpoint)) (inferred from “\(Self.escape(i.qualifier))”)") }
        for f in forecasts[c.id] ?? [] {
            parts.append("\(Self.escape(f.forecast.forecaster.value)) \(Self.percent(f.forecast.probability.value)) (\(f.forecast.madeOn))")
        }
        return parts.isEmpty ? "" : "<br><span class=\"forecasts\">Forecasts: " + parts.joined(separator: "; ") + "</span>"
    }

    static func percent(_ p: Double) -> String {
        let v = (p * 1000).rounded() / 10
        return (v == v.rounded() ? String(Int(v)) : String(v)) + "%"
    }

    public static func color(_ c: ClaimSummary, today: Day) -> String {
        if let o = c.resolution?.resolution.outcome { return "o-" + o.rawValue }
        return c.status(on: today) == .due ? "s-due" : "s-open"
    }

    public func timelineSection() -> String {
        var h = "<section id=\"timeline\">\n<h2>Timeline of due windows</h2>\n"
        guard !timeline.isEmpty else { return h + "<p class=\"empty\">No claims with a due window.</p>\n</section>\n" }
        let windows = timeline.compactMap(\.content.window)
        let first = min(windows.map(\.start).min() ?? point.today, point.today)
        let last = max(windows.map(\.end).max() ?? point.today, point.today)
        let span = Double(max(1, first.days(until: last)))
        let label = 300.0, width = 560.0, row = 18.0, top = 24.0
        func x(_ d: Day) -> Double { label + Double(first.days(until: d)) / span * width }
        let height = top + Double(timeline.count) * row + 8
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(Int(label + width + 10)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"Timeline\">\n"
        for y in first.year...last.year {
            guard let d = try? Day(year: y, month: 1, day: 1), d >= first else { continue }
            svg += "<line x1=\"\(x(d))\" y1=\"\(top - 6)\" x2=\"\(x(d))\" y2=\"\(height)\" class=\"grid\"/>"
            // A label that would run off the right edge goes on the line's left.
            let right = x(d) + 30 < label + width
            svg += "<text x=\"\(right ? x(d) + 3 : x(d) - 3)\" y=\"\(top - 10)\" class=\"tick\" text-anchor=\"\(right ? "start" : "end")\">\(y)</text>\n"
        }
        svg += "<line x1=\"\(x(point.today))\" y1=\"\(top - 6)\" x2=\"\(x(point.today))\" y2=\"\(height)\" class=\"today\"/><text x=\"\(x(point.today) + 3)\" y=\"\(height - 2)\" class=\"tick today-label\">today</text>\n"
        for (i, c) in timeline.enumerated() {
            guard let w = c.content.window else { continue }
            let y = top + Double(i) * row
            let text = truncate(c.content.claimant.value + ": " + c.content.statement.value, to: 48)
            svg += "<text x=\"4\" y=\"\(y + 12)\" class=\"label\">\(Self.escape(text))<title>\(Self.escape(c.content.statement.value))</title></text>\n"
            svg += "<rect x=\"\(x(w.start))\" y=\"\(y + 3)\" width=\"\(max(3, x(w.end) - x(w.start)))\" height=\"\(row - 6)\" rx=\"3\" class=\"\(Self.color(c, today: point.today))\"><title>\(Self.escape(c.id.rawValue)): \(w.start) … \(w.end)\(c.resolution.map { " — \($0.resolution.outcome.rawValue)" } ?? "")</title></rect>\n"
        }
        svg += "</svg>\n"
        h += "<div class=\"wide\">" + svg + "</div>"
        h += "<p class=\"legend\"><span class=\"key s-open\"></span>open <span class=\"key s-due\"></span>due <span class=\"key o-true\"></span>true <span class=\"key o-false\"></span>false <span class=\"key o-partial\"></span>partial <span class=\"key o-annulled\"></span>annulled</p>\n"
        if timelineTotal > timeline.count { h += "<p class=\"note\">Showing the \(timeline.count) windows that end nearest today, of \(timelineTotal).</p>\n" }
        return h + "</section>\n"
    }

    public func dueSection() -> String {
        let e = Self.escape
        var h = "<section id=\"due\">\n<h2>Due and overdue</h2>\n"
        guard !due.isEmpty else { return h + "<p class=\"empty\">Nothing is due.</p>\n</section>\n" }
        // The same counts as the header, by the same rule: overdue, then due within 60 days.
        let soon = dueTotal - totals.due
        h += "<p class=\"counts\">\(totals.due) overdue and \(soon) due in the next 60 days.</p>\n"
        h += "<div class=\"wide\"><table><thead><tr><th>Claim</th><th>Claimant</th><th>Window ends</th><th>When</th><th>Statement</th></tr></thead><tbody>\n"
        for c in due {
            guard let end = c.content.window?.end else { continue }
            let when = DueText.when(end, today: point.today)
            h += "<tr class=\"\(when.hasPrefix("overdue") ? "overdue" : "soon")\"><td><code>\(e(c.id.rawValue))</code></td><td>\(e(c.content.claimant.value))</td><td>\(end)</td><td>\(when)</td><td>\(e(c.content.statement.value))</td></tr>\n"
        }
        h += "</tbody></table></div>\n"
        if dueTotal > due.count { h += "<p class=\"note\">Showing the \(due.count) most overdue of \(dueTotal).</p>\n" }
        return h + "</section>\n"
    }

    /// A list of claims with their forecasts, and what was left out of it.
    func claimList(_ claims: [ClaimSummary], total: Int, empty: String, cut: String) -> String {
        let e = Self.escape
        guard !claims.isEmpty else { return "<p class=\"empty\">\(empty)</p>\n" }
        var h = "<ul class=\"claims\">"
        for c in claims {
            h += "<li>\(e(c.content.statement.value)) <code>\(e(c.id.rawValue))</code> · \(e(c.content.claimant.value))\(windowText(c))\(forecastsText(c))</li>"
        }
        h += "</ul>\n"
        if total > claims.count { h += "<p class=\"note\">Showing \(claims.count) of \(total): \(cut)</p>\n" }
        return h
    }

    public func openSection() -> String {
        "<section id=\"open\">\n<h2>Open claims</h2>\n<p class=\"counts\">\(openTotal) open: no outcome, and the window has not ended.</p>\n"
            + claimList(open, total: openTotal, empty: "No open claims.", cut: "those whose windows end soonest. <code>claims list --status open</code> lists them all.")
            + "</section>\n"
    }

    public func unwindowedSection() -> String {
        "<section id=\"no-window\">\n<h2>Claims without a window</h2>\n<p class=\"counts\">\(unwindowedTotal) \(unwindowedTotal == 1 ? "claim has" : "claims have") no window and no outcome: they never come due until someone gives them one (<code>claims edit ID --window …</code>).</p>\n"
            + claimList(unwindowed, total: unwindowedTotal, empty: "Every open claim has a window.", cut: "by id. <code>claims list --status open</code> lists them all.")
            + "</section>\n"
    }

    /// What the page does not show, and why.
    public func leftOutSection() -> String {
        var items: [String] = []
        let (ranked, folded) = Ranking.rank(card.groups)
        if card.groups.count > limit, folded.people > 0 {
            items.append("\(folded.people) claimants with fewer than \(Ranking.minimumScored) scored forecasts are not ranked or listed in the scorecard (a rank over so few would be noise).")
        }
        if ranked.count > limit { items.append("\(ranked.count - limit) ranked claimants below the first \(limit).") }
        if peopleTotal > people.count { items.append("A section for each of \(peopleTotal - people.count) more claimants.") }
        if timelineTotal > timeline.count { items.append("\(timelineTotal - timeline.count) windows on the timeline, farthest from today.") }
        if dueTotal > due.count { items.append("\(dueTotal - due.count) due claims, the least overdue.") }
        if openTotal > open.count { items.append("\(openTotal - open.count) open claims, whose windows end last.") }
        if unwindowedTotal > unwindowed.count { items.append("\(unwindowedTotal - unwindowed.count) claims without a window.") }
        if resolvedTotal > resolved.count { items.append("\(resolvedTotal - resolved.count) resolved claims, settled longest ago.") }
        if withdrawnTotal > 0 { items.append("\(withdrawnTotal) withdrawn claims (logged in error): never due and never scored; <code>claims list --status withdrawn</code> lists them.") }
        var h = "<section id=\"left-out\">\n<h2>What this page leaves out</h2>\n"
        if items.isEmpty { return h + "<p>Nothing: every claim that matches is on this page.</p>\n</section>\n" }
        h += "<p>Lists stop at \(limit) rows (<code>--limit</code>) so that the page stays quick to open at any size; the figures above count everything.</p>\n<ul>"
        h += items.map { "<li>\($0)</li>" }.joined() + "</ul>\n"
        return h + "</section>\n"
    }

    public func resolvedSection() -> String {
        let e = Self.escape
        var h = "<section id=\"resolved\">\n<h2>Resolved claims</h2>\n"
        guard !resolved.isEmpty else { return h + "<p class=\"empty\">No claim has an outcome yet.</p>\n</section>\n" }
        for c in resolved {
            guard let r = c.resolution?.resolution else { continue }
            let content = c.content
            h += "<article class=\"claim\"><h3><span class=\"outcome o-\(r.outcome.rawValue)\">\(r.outcome.rawValue)</span> \(e(content.statement.value))</h3>\n"
            var meta = "<code>\(e(c.id.rawValue))</code> · \(e(content.claimant.value)) · said \(content.saidOn)"
            if let w = content.window { meta += " · due \(w.start) … \(w.end)" + (w.phrase.map { " (“\(e($0))”)" } ?? "") }
            if let p = content.confidence.stated { meta += " · stated \(p)" }
            else if let i = content.confidence.inferred { meta += " · “\(e(i.qualifier))” ≈ \(i.band.rawValue) (inferred)" }
            meta += " · settled \(r.settledOn)"
            h += "<p class=\"meta\">\(meta)</p>\n"
            let moment = VideoMoment.link(url: content.source?.url, location: content.location).map { " " + Self.link($0) } ?? ""
            if let q = content.quote { h += "<blockquote>\(e(q))\(content.location.map { "<cite>\(e($0))\(moment)</cite>" } ?? "")</blockquote>\n" }
            if let crit = content.criteria { h += "<p><strong>Criteria:</strong> \(e(crit))</p>\n" }
            if let note = r.note { h += "<p><strong>Outcome:</strong> \(e(note))</p>\n" }
            if !r.evidence.isEmpty { h += "<ul class=\"evidence\">" + r.evidence.map { "<li>\(Self.link($0))</li>" }.joined() + "</ul>\n" }
            let f = forecastsText(c)
            if !f.isEmpty { h += "<p>" + f.replacingOccurrences(of: "<br>", with: "") + "</p>\n" }
            h += "</article>\n"
        }
        if resolvedTotal > resolved.count { h += "<p class=\"note\">Showing the \(resolved.count) most recently settled of \(resolvedTotal).</p>\n" }
        return h + "</section>\n"
    }

    public static let css = """
    :root{--ink:#1d2330;--muted:#5b6475;--line:#d8dce3;--bg:#fff;--open:#4a78c2;--due:#e07b28;--true:#2e8b57;--false:#c0392b;--partial:#d4ac0d;--annulled:#9aa0a6}
    *{box-sizing:border-box}body{font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg);max-width:1000px;margin:0 auto;padding:24px}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}h3{font-size:16px;margin:0 0 4px}
    .meta,.note,.legend,footer{color:var(--muted);font-size:13px}nav a{margin-right:14px;font-size:14px}
    table{border-collapse:collapse;width:100%;font-size:13.5px}th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}th{background:#f4f6f9}
    .bar{height:6px;background:#eef1f5;border-radius:3px;margin-top:3px;width:110px}.fill{display:block;height:6px;border-radius:3px}.fill.brier{background:var(--due)}.fill.hit{background:var(--true)}
    .small{font-size:11px;color:#fff;background:var(--muted);border-radius:3px;padding:0 4px}
    .cal{display:flex;gap:20px;align-items:flex-start;flex-wrap:wrap}.bins{width:auto;flex:1}
    svg text{font-family:inherit}.plot{fill:#fafbfc;stroke:var(--line)}.grid{stroke:#e6e9ee;stroke-width:1}.diagonal{stroke:var(--muted);stroke-dasharray:5 4;stroke-width:1.5}
    .interval{stroke:var(--open);stroke-width:2}.point{fill:var(--open);fill-opacity:.8;stroke:#fff}.tick{font-size:10px;fill:var(--muted)}.axis{font-size:12px;fill:var(--ink)}
    .timeline .label{font-size:11px;fill:var(--ink)}.today{stroke:var(--false);stroke-width:1.5;stroke-dasharray:3 3}.today-label{fill:var(--false)}
    .s-open{fill:var(--open);background:var(--open)}.s-due{fill:var(--due);background:var(--due)}.o-true{fill:var(--true);background:var(--true)}.o-false{fill:var(--false);background:var(--false)}.o-partial{fill:var(--partial);background:var(--partial)}.o-annulled{fill:var(--annulled);background:var(--annulled)}
    .key{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;vertical-align:middle}
    tr.overdue td:nth-child(4){color:var(--false);font-weight:600}
    .claim{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:12px 0;break-inside:avoid}
    .outcome{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px;text-transform:uppercase;margin-right:6px}
    blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--line);color:#333;font-style:italic}cite{display:block;font-size:12px;color:var(--muted);font-style:normal}
    .evidence{margin:4px 0;padding-left:18px;font-size:13px;word-break:break-all}code{font-size:12.5px}
    .empty{color:var(--muted);font-style:italic}
    .wide{overflow-x:auto}.wide table{min-width:640px}.wide svg.timeline{min-width:720px}.folded td{color:var(--muted);font-style:italic}
    .compare{display:flex;flex-wrap:wrap;gap:12px}.compare figure{margin:0}figcaption{font-size:12px;color:var(--muted);max-width:260px}
    .person{border-top:1px solid var(--line);padding-top:8px;margin-top:14px}.claims{margin:0;padding-left:18px;font-size:13.5px;flex:1;min-width:260px}.claims li{margin:3px 0}
    .tag{color:#fff;border-radius:3px;padding:0 5px;font-size:11px;text-transform:uppercase}.forecasts{color:var(--muted);font-size:12.5px}
    svg.calibration{max-width:100%;height:auto}
    @media (max-width:600px){body{padding:12px;font-size:14px}h1{font-size:21px}nav a{display:inline-block;margin:2px 10px 2px 0}.bar{width:60px}.timeline .label{font-size:14px}}
    @media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}h2{break-after:avoid}a{color:inherit}section{break-inside:auto}}
    """
}
