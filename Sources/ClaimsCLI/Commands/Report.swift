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
            abstract: "Write one self-contained HTML page: scorecard, calibration chart, timeline, due claims, resolved claims.",
            discussion: """
                The page has no scripts and no external assets: it reads offline and prints. It shows \
                the scorecard per claimant with bars, the calibration chart (SVG: the diagonal, each \
                bin's observed frequency with its 95% Wilson interval, points sized by count), a \
                timeline of due windows coloured by outcome, the due and overdue claims, and each \
                resolved claim with its quote, criteria and evidence links. All text from the \
                database is escaped; only http(s) evidence becomes a link. Long lists are cut (the \
                page says so): --limit sets how many rows each list shows.

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
            let signing = try key.load()
            report.checkpoint = (try db.logHead().note(signedBy: signing), signing != nil)
            try Exporter.write(report.render(), to: rt.resolve(path: out), shown: out)
            if out != "-" { rt.print("wrote \(out)") }
        }
    }
}
