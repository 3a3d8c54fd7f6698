import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "List claims whose window has ended without an outcome, most overdue first.",
            discussion: """
                With --within, also the claims whose window ends within that span from today \
                (30d, 6w, 3m, 1y). Each row says how overdue the claim is, or how soon it is due.

                --exit-code exits 1 when anything is listed, for a reminder from cron:
                  0 9 * * 1  cd ~/tracker && claims due --within 7d --exit-code || echo "claims are due"

                --ics FILE writes an iCalendar file (RFC 5545) with one all-day event per claim \
                without an outcome, on the last day of its window, whether it is due yet or not \
                (the filters apply; --within and --limit do not). Its events carry the claim's id, \
                statement and criteria; calendar apps import it, or subscribe to it when it is \
                served from a web folder, and a crontab line keeps it fresh:
                  0 6 * * *  cd ~/tracker && claims due --ics ~/public/claims.ics
                With --ics -, the calendar goes to standard output instead of the list.
                """)

        @Option(help: ArgumentHelp("Also list claims due within this span: a number and d, w, m or y.", valueName: "span"), transform: Parse.span)
        var within: Span?

        @Option(help: "At most this many claims (the most overdue).")
        var limit: Int?

        @Flag(name: .customLong("exit-code"), help: "Exit with 1 when any claim is listed (due or, with --within, due soon), 0 when none is.")
        var exitCode = false

        @Option(help: ArgumentHelp("Also write every claim without an outcome as an event on its window's last day, to this iCalendar file ('-' for standard output).", valueName: "file"))
        var ics: String?

        @OptionGroup var filters: FilterOptions
        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() throws {
            let point = readPoint.readPoint()
            var filter = filters.filter
            filter.limit = limit
            let store = try database.openForReading()
            if let ics {
                var open = filters.filter
                open.status = nil
                open.unresolved = true
                open.hasWindow = true
                let calendar = ClaimCalendar.render(try store.list(open, at: point, order: .windowEnd), now: Runtime.current.now())
                try Exporter.write(calendar, to: Runtime.current.resolve(path: ics), shown: ics)
                if ics == "-" { return }
            }
            var table = TextTable(["ID", "WINDOW END", "WHEN", "CLAIMANT", "STATEMENT"])
            table.styles[2] = { s in s.hasPrefix("overdue") ? Style().red(s) : Style().yellow(s) }
            table.shorter[0] = { shortestUniquePrefix($0, in: store) }
            let horizon = within?.end(after: point.today)
            let count = try printClaims(format: output.format, today: point.today, { try store.eachDue(filter, at: point, horizon: horizon, $0) },
                                        lines: { try store.eachDueLine(filter, at: point, horizon: horizon, $0) }, table: table) { line in
                // A due list holds only claims with a window.
                guard let end = line.windowEnd else { return nil }
                return [line.id.rawValue, end.description, DueText.when(end, today: point.today), line.claimant, line.statement]
            }
            if exitCode && count > 0 { throw ExitCode.failure }
        }

    }
}
