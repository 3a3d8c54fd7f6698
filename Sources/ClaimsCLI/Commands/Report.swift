import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsLog
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write one self-contained HTML page: scorecards, calibration, people, timeline, due, open and resolved claims.",
            discussion: """
                The page has no scripts and no external assets: it reads offline and prints. It shows \
                the claimants, and the forecasters when others forecast too, ranked by Brier score \
                among those with at least 10 scored forecasts (fewer make a rank that is noise; they \
                are folded into a count when the list is long); the calibration chart (SVG: the \
                diagonal, each bin's observed frequency with its 95% Wilson interval, points sized by \
                count); the best and worst ranked side by side; a section per person (their line, \
                their calibration, their claims with every forecast on them); a timeline of windows \
                coloured by outcome; the due, open and window-less claims; and each resolved claim \
                with its quote, criteria, evidence links and forecasts. Withdrawn claims are left out. \
                All text from the database is escaped; only http(s) evidence becomes a link. Lists \
                stop at --limit rows, and a last section says what was left out, so that a page made \
                from a million claims still opens in seconds.

                scripts/render-report.sh renders a report to PNG with headless Chromium, to look at it.
                """)

        @Option(help: ArgumentHelp("The HTML file to write (- for standard output).", valueName: "path"))
        var out: String = "report.html"

        @Option(help: "The title at the top of the page.")
        var title: String = "Claims report"

        @Option(help: "At most this many rows in each list (timeline, due, resolved).")
        var limit: Int = 150

        @OptionGroup var filters: FilterOptions
        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var key: KeyOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() throws {
            let rt = Runtime.current
            let point = readPoint.readPoint()
            let db = try database.openForReading()
            let filter = filters.filter
            let card = try db.scorecard(filter, at: point, use: .claimant, by: .claimant, options: ScoringOptions())
            var limited = filter
            limited.limit = limit
            var resolvedFilter = limited
            resolvedFilter.status = .resolved
            let dueAll = card.overall.due
            let resolvedAll = card.overall.outcomes.values.reduce(0, +)
            let horizon = point.today.adding(days: 60)
            let due = try db.due(limited, at: point, horizon: horizon)
            // Counted by the same rule as the list they head.
            let dueTotal = try db.count(filter.due(today: point.today, horizon: horizon), at: point)
            var windowed = filter
            windowed.hasWindow = true
            let withWindow = try db.count(windowed, at: point)
            var report = HTMLReport(
                title: title, generated: Timestamp(rt.now()).description, point: point,
                totals: (card.overall.units, resolvedAll, dueAll), card: card,
                timeline: try db.nearestWindows(filter, at: point, limit: limit),
                timelineTotal: withWindow, due: due, dueTotal: dueTotal,
                resolved: try db.list(resolvedFilter, at: point, order: .recentlySettled), resolvedTotal: resolvedAll)
            report.limit = limit
            // Everyone's forecasts, ranked like the claimants, when there are any.
            let forecasterCard = try db.scorecard(filter, at: point, use: .forecasters, by: .forecaster, options: ScoringOptions())
            if !forecasterCard.groups.isEmpty && forecasterCard.groups.map(\.key) != card.groups.map(\.key) { report.forecasterCard = forecasterCard }
            var openFilter = limited
            openFilter.status = .open
            openFilter.hasWindow = true
            report.open = try db.list(openFilter, at: point, order: .windowEnd)
            var bare = limited
            bare.hasWindow = false
            bare.unresolved = true
            report.unwindowed = try db.list(bare, at: point, order: .id)
            bare.limit = nil
            report.unwindowedTotal = try db.count(bare, at: point)
            // The scorecard counted every open claim already, those without a window among them.
            report.openTotal = card.overall.open - report.unwindowedTotal
            var withdrawn = filter
            withdrawn.status = .withdrawn
            report.withdrawnTotal = try db.count(withdrawn, at: point)
            // A section for each ranked claimant, then those with the most claims, up to a dozen.
            let (ranked, _) = Ranking.rank(card.groups)
            let rest = card.groups.filter { g in !ranked.contains { $0.key == g.key } }.sorted { ($0.summary.units, $1.key) > ($1.summary.units, $0.key) }
            let chosen = Array((ranked + rest).prefix(min(12, limit)))
            report.peopleTotal = card.groups.count
            report.people = try chosen.map { name, summary in
                var mine = filter
                mine.claimant = name
                mine.limit = 20
                let claims = try db.list(mine, at: point, order: .windowEnd)
                return HTMLReport.PersonView(name: name, summary: summary, claims: claims, claimsTotal: summary.units)
            }
            // The forecasts on every claim the page lists.
            var listed = Set<ClaimID>()
            for c in report.resolved + report.open + report.unwindowed + report.people.flatMap(\.claims) where listed.insert(c.id).inserted {
                if let state = try db.state(c.id, at: point), !state.forecasts.isEmpty { report.forecasts[c.id] = state.forecasts }
            }
            let signing = try key.load()
            report.checkpoint = (try db.logHead().note(signedBy: signing), signing != nil)
            try Exporter.write(report.render(), to: rt.resolve(path: out), shown: out)
            if out != "-" { rt.print("wrote \(out)") }
        }
    }
}
