import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// The fields of a claim as flags, shared by `add` and `edit`. Each value is parsed into its
/// domain type as the command line is read (a bad one is a usage error that names its flag);
/// together they make one `ClaimChange`, which the domain applies.
struct ClaimFieldOptions: ParsableArguments {
    @Option(help: "Who made the claim (the speaker).", transform: Parse.text("the claimant"))
    var claimant: NonEmptyText?

    @Option(name: .customLong("said-on"), help: ArgumentHelp("The date the claim was made (YYYY-MM-DD).", valueName: "date"),
            transform: Parse.day)
    var saidOn: Day?

    @Option(help: "The source's key: reuses that source as last described, unless other source flags are given.")
    var source: String?

    @Option(name: .customLong("source-kind"), help: "The kind of source.")
    var sourceKind: SourceKind?

    @Option(name: .customLong("source-title"), help: "The source's title.")
    var sourceTitle: String?

    @Option(name: .customLong("source-url"), help: "The source's URL.")
    var sourceURL: String?

    @Option(help: "The source's publisher or show.")
    var publisher: String?

    @Option(name: .customLong("published-on"), help: ArgumentHelp("The source's publication date.", valueName: "date"),
            transform: Parse.day)
    var publishedOn: Day?

    @Option(help: "The verbatim quote.")
    var quote: String?

    @Option(help: "Where the quote is in the source: a timestamp like 00:12:34, a paragraph or a line.")
    var location: String?

    @Option(help: "Resolution criteria a third party could check.")
    var criteria: String?

    @Option(help: ArgumentHelp("When it is due, in words: \"late 2026\", \"by 2027\", \"within 18 months\", \"到2027年\"; read from the said-on date. `claims window` shows how a phrase reads.", valueName: "phrase"))
    var window: String?

    @Option(name: .customLong("window-start"), help: ArgumentHelp("First day of the due window, with --window-end instead of --window (default: the said-on date).", valueName: "date"),
            transform: Parse.day)
    var windowStart: Day?

    @Option(name: .customLong("window-end"), help: ArgumentHelp("Last day of the due window.", valueName: "date"),
            transform: Parse.day)
    var windowEnd: Day?

    @Option(name: .customLong("window-phrase"), help: "The words the window came from, as spoken (\"late 2026\").")
    var windowPhrase: String?

    @Option(help: ArgumentHelp("The probability the claimant stated: 0.7 or 70%.", valueName: "p"), transform: Parse.probability)
    var probability: Probability?

    @Option(help: ArgumentHelp("The claimant's confidence words, as spoken (\"extremely likely\").", valueName: "words"))
    var confidence: String?

    @Option(help: "A note: what the other fields cannot say (\"the host summarises the guest's blog post\").")
    var notes: String?

    func validate() throws {
        if window != nil, windowStart != nil || windowEnd != nil || windowPhrase != nil {
            throw ValidationError("--window: give the window either in words (--window) or as dates (--window-start, --window-end, --window-phrase), not both.")
        }
    }

    /// The change these flags make.
    var change: ClaimChange {
        var c = ClaimChange(claimant: claimant, saidOn: saidOn)
        let described = SourceDescription(key: source, kind: sourceKind, title: sourceTitle, url: sourceURL,
                                          publisher: publisher, publishedOn: publishedOn)
        if described != SourceDescription(key: source) { c.source = .set(.described(described)) }
        else if let key = source { c.source = .set(.existing(key: key)) }
        if let quote { c.quote = .set(quote) }
        if let location { c.location = .set(location) }
        if let criteria { c.criteria = .set(criteria) }
        if let window { c.window = .set(.phrase(window)) }
        else if windowStart != nil || windowEnd != nil || windowPhrase != nil {
            c.window = .set(.dates(start: windowStart, end: windowEnd, phrase: windowPhrase))
        }
        if let probability { c.probability = .set(probability) }
        if let confidence { c.confidence = .set(confidence) }
        if let notes { c.notes = .set(notes) }
        return c
    }

    /// The flag that sets a field, for errors.
    static func flag(_ field: ClaimField) -> String {
        switch field {
        case .statement: return "statement"
        case .tags: return "--tag"
        case .translations: return "--clear"
        default: return "--" + field.rawValue
        }
    }
}

/// Parsers for option values: each makes a domain value or throws the domain's error, which
/// ArgumentParser reports with the flag.
enum Parse {
    static func day(_ text: String) throws -> Day { try Day(text) }
    static func probability(_ text: String) throws -> Probability { try Probability(parsing: text) }
    static func claimID(_ text: String) throws -> ClaimID { try ClaimID(text) }
    static func span(_ text: String) throws -> Span { try Span(parsing: text) }
    static func moment(_ text: String) throws -> Timestamp { try Timestamp(parsing: text) }
    static func text(_ field: String) -> @Sendable (String) throws -> NonEmptyText {
        { try NonEmptyText($0, field: field) }
    }
}

extension DomainError {
    /// A refused field as a command-line error that names the flag.
    var namingFlag: Error {
        guard case .invalidField(let field, let error) = self else { return self }
        return CLIError.invalidOption(option: ClaimFieldOptions.flag(field), message: error.errorDescription ?? "\(error)")
    }
}
