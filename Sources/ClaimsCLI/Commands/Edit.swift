import ArgumentParser
import ClaimsCore
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

        @Option(help: "The new statement.")
        var statement: String?

        @Option(name: .customLong("add-tag"), help: "Add a tag; repeat for more.")
        var addTags: [String] = []

        @Option(name: .customLong("remove-tag"), help: "Remove a tag; repeat for more.")
        var removeTags: [String] = []

        @Option(name: .customLong("clear"), help: "Remove a field's value; repeat for more.")
        var clear: [Field] = []

        @Option(help: "Why the claim changes (required).")
        var reason: String

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let why = try checked("--reason") { try NonEmptyText(reason, field: "the reason") }
            let newStatement = try statement.map { s in try checked("--statement") { try NonEmptyText(s, field: "the statement") } }
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            let version = try db.edit(claimID, change: author.change(why.value)) { old in
                var content = old
                for field in clear {
                    switch field {
                    case .source: content.source = nil
                    case .quote: content.quote = nil
                    case .location: content.location = nil
                    case .criteria: content.criteria = nil
                    case .window: content.window = nil
                    case .probability: content.confidence = Confidence(words: content.confidence.words)
                    case .confidence: content.confidence = Confidence(stated: content.confidence.stated)
                    case .tags: content.setTags([])
                    case .notes: content.notes = nil
                    case .translations: content.setTranslations([])
                    }
                }
                if let newStatement { content.statement = newStatement }
                try fields.apply(to: &content, db: db)
                content.setTags(content.tags.filter { !removeTags.contains($0) } + addTags)
                return content
            }
            rt.print("\(claimID) is now at version \(version.info.version)")
        }
    }
}
