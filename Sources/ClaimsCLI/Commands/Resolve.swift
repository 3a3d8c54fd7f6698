import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Record how a claim turned out, with evidence; resolving again amends it.",
            discussion: """
                Outcomes: true, false, partial (part came true), annulled (it could not be resolved, \
                or its condition failed: counted, never scored). An amendment is a new revision; the \
                earlier ones stay in `claims history`.

                Example:
                  claims resolve 7k2m --outcome false --settled-on 2026-12-31 \\
                    --evidence https://metr.org/ --note "best 50% horizon was 5h"
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @Option(help: "How it turned out.")
        var outcome: Outcome

        @Option(name: .customLong("settled-on"), help: ArgumentHelp("The day the world settled it (default: today).", valueName: "date"),
                transform: Parse.day)
        var settledOn: Day?

        @Option(name: .customLong("evidence"), help: ArgumentHelp("A URL (or citation) that shows the outcome; repeat for more.", valueName: "url"))
        var evidence: [String] = []

        @Option(help: "A note on the outcome.")
        var note: String?

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let day = settledOn ?? rt.today
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            let revision = try db.resolve(claimID, Resolution(outcome: outcome, settledOn: day, evidence: evidence, note: note),
                                          change: author.change("resolve"))
            if revision.revision == 1 {
                rt.print("\(claimID) resolved \(outcome.rawValue) (settled \(day))")
            } else {
                rt.print("\(claimID) resolution amended to \(outcome.rawValue) (revision \(revision.revision); earlier revisions kept)")
            }
        }
    }
}
