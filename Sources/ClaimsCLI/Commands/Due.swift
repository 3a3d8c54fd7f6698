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
                """)

        @Option(help: ArgumentHelp("Also list claims due within this span: a number and d, w, m or y.", valueName: "span"), transform: Parse.span)
        var within: Span?

        @Option(help: "At most this many claims (the most overdue).")
        var limit: Int?

        @Flag(name: .customLong("exit-code"), help: "Exit with 1 when any claim is listed (due or, with --within, due soon), 0 when none is.")
        var exitCode = false

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
            let claims = try database.openForReading().due(filter, at: point, horizon: within?.end(after: point.today))
            try printClaims(claims, format: output.format, today: point.today) {
                var table = TextTable(["ID", "WINDOW END", "WHEN", "CLAIMANT", "STATEMENT"])
                table.styles[2] = { s in s.hasPrefix("overdue") ? Style().red(s) : Style().yellow(s) }
                for c in claims {
                    // A due list holds only claims with a window.
                    guard let end = c.content.window?.end else { continue }
                    table.add([c.id.rawValue, end.description, DueText.when(end, today: point.today),
                               c.content.claimant.value, c.content.statement.value])
                }
                return table
            }
            if exitCode && !claims.isEmpty { throw ExitCode.failure }
        }

    }
}
