import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Log a claim and print its id.",
            discussion: """
                Dates are ISO 8601 (YYYY-MM-DD). With only --window-end, the window starts on the \
                date the claim was made: "by the end of 2026" is --window-end 2026-12-31.

                Example:
                  claims add "Models will work autonomously for a whole day" \\
                    --claimant "Julian Schrittwieser" --said-on 2025-10-23 \\
                    --window-start 2026-01-01 --window-end 2026-12-31 --window-phrase "next year" \\
                    --confidence "maybe" --tag ai --tag agents
                """)

        @Argument(help: "The claim, as a statement that will turn out true or false.", transform: Parse.text("the statement"))
        var statement: NonEmptyText

        @OptionGroup var fields: ClaimFieldOptions

        @Option(help: "The claim's id (default: a new random id). 1 to 128 of a-z 0-9 . _ -", transform: Parse.claimID)
        var id: ClaimID?

        @Option(name: .customLong("tag"), help: "A tag; repeat for more.")
        var tags: [String] = []

        @Option(help: "Why it is logged (kept with the first version).")
        var reason: String = "logged with claims add"

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        /// The new claim's fields, as a change applied to nothing.
        var change: ClaimChange {
            var c = fields.change
            c.statement = statement
            c.tags.add = tags
            return c
        }

        func validate() throws {
            if fields.claimant == nil { throw ValidationError("Missing --claimant: say who made the claim.") }
            if (try? NonEmptyText(reason, field: "the reason")) == nil { throw ValidationError("--reason: the reason is empty: give it some text.") }
            // Every field that can be checked before the database is opened (or created).
            do {
                try change.validateNew(defaultSaidOn: Runtime.current.today)
            } catch let error as DomainError {
                throw ValidationError(error.namingFlag.localizedDescription)
            }
        }

        func run() throws {
            let rt = Runtime.current
            let db = try database.openForWriting()
            let newID = try db.add(change, id: id, defaultSaidOn: rt.today, change: author.change(reason))
            rt.print(newID.rawValue)
        }
    }
}
