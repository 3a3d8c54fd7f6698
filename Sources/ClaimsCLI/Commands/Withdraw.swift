import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Take back a claim logged in error: never due, never scored, its history kept.",
            discussion: """
                Withdrawing records a new version that says why. A withdrawn claim is left out of \
                `list`, `due`, scorecards, the report and the calendar, and is listed only with \
                `list --status withdrawn`; `show` and `history` still show it, and `claims restore` \
                takes the withdrawal back. Nothing is deleted: the log keeps every version.

                An id cannot be renamed in place. To rename one, add the claim under its new id \
                (or import it), then withdraw the old one with a pointer to its successor:
                  claims withdraw draft-003 --successor schrittwieser-2026-whole-day --reason "renamed"

                An outcome already recorded stays recorded, but is not scored while the claim is \
                withdrawn.
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @Option(help: "Why the claim is taken back (required): logged twice, not a forecast, renamed …", transform: Parse.text("the reason"))
        var reason: NonEmptyText

        @Option(help: ArgumentHelp("The claim that replaces this one, when it was renamed or logged again.", valueName: "id"))
        var successor: String?

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            let next = try successor.map { try db.matchID($0) }
            if next == claimID { throw DomainError.successorIsItself }
            var change = ClaimChange()
            change.withdrawal = .set(Withdrawal(reason: reason, successor: next))
            let version = try db.edit(claimID, change, change: author.change("withdrawn: " + reason.value))
            Runtime.current.print("\(claimID) withdrawn (version \(version.info.version))" + (next.map { "; its successor is \($0)" } ?? ""))
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Take back a withdrawal: the claim is listed, due and scored again.",
            discussion: """
                Restoring records a new version without the withdrawal; both stay in `claims history`.

                Example:
                  claims restore 7k2m --reason "withdrawn by mistake"
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @Option(help: "Why the claim is restored (required).", transform: Parse.text("the reason"))
        var reason: NonEmptyText

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            var change = ClaimChange()
            change.withdrawal = .clear
            let version = try db.edit(claimID, change, change: author.change("restored: " + reason.value))
            Runtime.current.print("\(claimID) restored (version \(version.info.version))")
        }
    }
}
