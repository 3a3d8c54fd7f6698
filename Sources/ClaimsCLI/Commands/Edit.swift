import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a claim's fields; the change is a new version, with its reason.",
            discussion: """
                Only the fields given change. The earlier versions stay, and `claims history ID` shows \
                them with what changed. A change that changes nothing is refused.

                Example:
                  claims edit 7k2m --criteria "METR 50% time horizon of at least 8 hours" \\
                    --reason "criteria named the benchmark"
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @OptionGroup var fields: ClaimFieldOptions

        @Option(help: "The new statement.", transform: Parse.text("the statement"))
        var statement: NonEmptyText?

        @Option(name: .customLong("add-tag"), help: "Add a tag; repeat for more.")
        var addTags: [String] = []

        @Option(name: .customLong("remove-tag"), help: "Remove a tag; repeat for more.")
        var removeTags: [String] = []

        @Option(name: .customLong("clear"), help: "Remove a field's value; repeat for more.")
        var clear: [ClaimField] = []

        @Option(help: "Why the claim changes (required).", transform: Parse.text("the reason"))
        var reason: NonEmptyText

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        /// The change: the fields cleared, then those given (a field both cleared and given is set).
        func change() throws -> ClaimChange {
            var c = fields.change
            if let statement { c.statement = statement }
            for field in clear { c = try c.clearing(field) }
            c.tags.remove = removeTags
            c.tags.add = addTags
            return c
        }

        func run() throws {
            let rt = Runtime.current
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            let version = try db.edit(claimID, try change(), change: author.change(reason.value))
            rt.print("\(claimID) is now at version \(version.info.version)")
        }
    }
}

/// `--clear` takes the fields a change can clear.
extension ClaimField: ExpressibleByArgument {
    public init?(argument: String) {
        guard let field = ClaimField(rawValue: argument), ClaimField.clearable.contains(field) else { return nil }
        self = field
    }

    public static var allValueStrings: [String] { clearable.map(\.rawValue) }
}
