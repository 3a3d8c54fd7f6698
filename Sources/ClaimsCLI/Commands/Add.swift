import ArgumentParser
import ClaimsCore
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

        @Argument(help: "The claim, as a statement that will turn out true or false.")
        var statement: String

        @OptionGroup var fields: ClaimFieldOptions

        @Option(help: "The claim's id (default: a new random id). 1 to 128 of a-z 0-9 . _ -")
        var id: String?

        @Option(name: .customLong("tag"), help: "A tag; repeat for more.")
        var tags: [String] = []

        @Option(help: "Why it is logged (kept with the first version).")
        var reason: String = "logged with claims add"

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if fields.claimant == nil { throw ValidationError("Missing --claimant: say who made the claim.") }
        }

        func run() throws {
            let rt = Runtime.current
            let statementText = try checked("statement") { try NonEmptyText(statement, field: "the statement") }
            let claimant = try checked("--claimant") { try NonEmptyText(fields.claimant ?? "", field: "the claimant") }
            let id = try self.id.map { text in try checked("--id") { try ClaimID(text) } }
            let saidOn = try fields.saidOn.map { t in try checked("--said-on") { try Day(t) } } ?? rt.today
            var content = ClaimContent(statement: statementText, claimant: claimant, saidOn: saidOn, tags: tags)
            let why = try checked("--reason") { try NonEmptyText(reason, field: "the reason") }
            // Check every flag before the database is opened (or created).
            var trial = content
            try fields.apply(to: &trial, db: nil)
            let db = try database.openForWriting()
            try fields.apply(to: &content, db: db)
            let newID = try db.add(NewClaim(id: id, content: content),
                                   change: author.change(why.value))
            rt.print(newID.rawValue)
        }
    }
}
