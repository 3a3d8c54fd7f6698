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

        enum Field: String, ExpressibleByArgument, CaseIterable {
            case source, quote, location, criteria, window, probability, confidence, tags, notes, translations
        }

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
        var clear: [Field] = []

        @Option(help: "Why the claim changes (required).", transform: Parse.text("the reason"))
        var reason: NonEmptyText

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        /// The change: the fields cleared, then those given (a field both cleared and given is set).
        var change: ClaimChange {
            var c = fields.change
            if let statement { c.statement = statement }
            for field in clear {
                switch field {
                case .source: if c.source == .keep { c.source = .clear }
                case .quote: if c.quote == .keep { c.quote = .clear }
                case .location: if c.location == .keep { c.location = .clear }
                case .criteria: if c.criteria == .keep { c.criteria = .clear }
                case .window: if c.window == .keep { c.window = .clear }
                case .probability: if c.probability == .keep { c.probability = .clear }
                case .confidence: if c.confidence == .keep { c.confidence = .clear }
                case .tags: c.tags.removeAll = true
                case .notes: if c.notes == .keep { c.notes = .clear }
                case .translations: c.clearTranslations = true
                }
            }
            c.tags.remove = removeTags
            c.tags.add = addTags
            return c
        }

        func run() throws {
            let rt = Runtime.current
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            let version = try db.edit(claimID, change, change: author.change(reason.value))
            rt.print("\(claimID) is now at version \(version.info.version)")
        }
    }
}
