import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List claims, with filters; ordered by the end of their window.",
            discussion: """
                Status: open (not resolved, window not ended or no window), due (not resolved, \
                window ended before today), resolved (has an outcome, annulled included).
                """)

        @OptionGroup var filters: FilterOptions

        @Option(help: "Only claims with this status.")
        var status: ClaimStatus?

        @Option(name: .customLong("due-before"), help: ArgumentHelp("Only claims whose window ends on or before this day.", valueName: "date"), transform: Parse.day)
        var dueBefore: Day?

        @Option(name: .customLong("due-after"), help: ArgumentHelp("Only claims whose window ends on or after this day.", valueName: "date"), transform: Parse.day)
        var dueAfter: Day?

        @Option(help: "At most this many claims.")
        var limit: Int?

        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        }

        func run() throws {
            var filter = filters.filter
            filter.status = status
            filter.dueOnOrBefore = dueBefore
            filter.dueOnOrAfter = dueAfter
            filter.limit = limit
            let point = readPoint.readPoint()
            let db = try database.openForReading()
            var table = TextTable(["ID", "DUE", "STATUS", "CLAIMANT", "STATEMENT"])
            table.styles[2] = { s in s == "due" ? Style().red(s) : s == "true" ? Style().green(s) : s }
            table.shorter[0] = { shortestUniquePrefix($0, in: db) }
            let count = try printClaims(format: output.format, today: point.today, { try db.eachSummary(filter, at: point, order: .windowEnd, $0) },
                                        lines: { try db.eachLine(filter, at: point, order: .windowEnd, $0) }, table: table) { line in
                [line.id.rawValue, windowText(line), statusCell(line, today: point.today), line.claimant, line.statement]
            }
            // No claim by that claimant: say which names are near (on standard error, so that
            // scripts reading the output see the empty list they asked for).
            if count == 0, let name = filter.claimant {
                let near = try db.claimants(near: name)
                if !near.isEmpty {
                    Runtime.current.printError("no claimant is named '\(name)'; near: " + near.map { "'\($0)'" }.joined(separator: ", "))
                }
            }
        }
    }
}
