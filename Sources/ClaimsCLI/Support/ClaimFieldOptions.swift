import ArgumentParser
import ClaimsCore
import ClaimsStore
import Foundation

/// The fields of a claim as flags, shared by `add` (which needs the claimant) and `edit`
/// (which changes only the fields given).
struct ClaimFieldOptions: ParsableArguments {
    @Option(help: "Who made the claim (the speaker).")
    var claimant: String?

    @Option(name: .customLong("said-on"), help: ArgumentHelp("The date the claim was made (YYYY-MM-DD).", valueName: "date"))
    var saidOn: String?

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

    @Option(name: .customLong("published-on"), help: ArgumentHelp("The source's publication date.", valueName: "date"))
    var publishedOn: String?

    @Option(help: "The verbatim quote.")
    var quote: String?

    @Option(help: "Where the quote is in the source: a timestamp like 00:12:34, a paragraph or a line.")
    var location: String?

    @Option(help: "Resolution criteria a third party could check.")
    var criteria: String?

    @Option(help: ArgumentHelp("When it is due, in words: \"late 2026\", \"by 2027\", \"within 18 months\", \"到2027年\"; read from the said-on date. `claims window` shows how a phrase reads.", valueName: "phrase"))
    var window: String?

    @Option(name: .customLong("window-start"), help: ArgumentHelp("First day of the due window, with --window-end instead of --window (default: the said-on date).", valueName: "date"))
    var windowStart: String?

    @Option(name: .customLong("window-end"), help: ArgumentHelp("Last day of the due window.", valueName: "date"))
    var windowEnd: String?

    @Option(name: .customLong("window-phrase"), help: "The words the window came from, as spoken (\"late 2026\").")
    var windowPhrase: String?

    @Option(help: ArgumentHelp("The probability the claimant stated: 0.7 or 70%.", valueName: "p"))
    var probability: String?

    @Option(help: ArgumentHelp("The claimant's confidence words, as spoken (\"extremely likely\").", valueName: "words"))
    var confidence: String?

    @Option(help: "A note: what the other fields cannot say (\"the host summarises the guest's blog post\").")
    var notes: String?

    var sourceFlagsGiven: Bool {
        sourceKind != nil || sourceTitle != nil || sourceURL != nil || publisher != nil || publishedOn != nil
    }

    /// The source the flags describe: nil when none is named; the last description of a key
    /// when only `--source KEY` is given; else a new description (kind defaults to `other`).
    /// With no database (a check before opening one), a bare key is not looked up.
    func resolvedSource(in db: ClaimsDatabase?, base: Source?) throws -> Source?? {
        guard source != nil || sourceFlagsGiven else { return .none }
        if let key = source, !sourceFlagsGiven {
            guard let db else { return .none }
            if let existing = try db.latestSource(key: key) { return .some(existing) }
            throw CLIError.invalidOption(option: "--source", message: "no source has the key '\(key)': describe it with --source-kind, --source-title, --source-url, --publisher or --published-on.")
        }
        let previous = base?.key == source || source == nil ? base : nil
        let published = try publishedOn.map { t in try checked("--published-on") { try Day(t) } } ?? previous?.publishedOn
        return .some(try checked("--source") {
            try Source(key: source ?? previous?.key, kind: sourceKind ?? previous?.kind ?? .other,
                       title: sourceTitle ?? previous?.title, url: sourceURL ?? previous?.url,
                       publisher: publisher ?? previous?.publisher, publishedOn: published,
                       language: previous?.language, people: previous?.people ?? [])
        })
    }

    /// Applies every flag given to `content`. Pass no database to check the flags before opening one.
    func apply(to content: inout ClaimContent, db: ClaimsDatabase?) throws {
        if let v = claimant { content.claimant = try checked("--claimant") { try NonEmptyText(v, field: "the claimant") } }
        if let v = saidOn {
            content.saidOn = try checked("--said-on") { try Day(v) }
            // A window read from words is read again from the new date.
            if window == nil, windowStart == nil, windowEnd == nil, let w = content.window, w.rule != nil, let phrase = w.phrase {
                content.window = try checked("--said-on") { try TimePhrases.window(phrase, anchor: content.saidOn) }
            }
        }
        if let s = try resolvedSource(in: db, base: content.source) { content.source = s }
        if let v = quote { content.quote = cleaned(v) }
        if let v = location { content.location = cleaned(v) }
        if let v = criteria { content.criteria = cleaned(v) }
        if let phrase = window {
            guard windowStart == nil, windowEnd == nil, windowPhrase == nil else {
                throw CLIError.invalidOption(option: "--window", message: "give the window either in words (--window) or as dates (--window-start, --window-end, --window-phrase), not both.")
            }
            content.window = try checked("--window") { try TimePhrases.window(phrase, anchor: content.saidOn) }
        } else if windowStart != nil || windowEnd != nil || windowPhrase != nil {
            let start = try windowStart.map { t in try checked("--window-start") { try Day(t) } }
            let end = try windowEnd.map { t in try checked("--window-end") { try Day(t) } }
            guard let end = end ?? content.window?.end else {
                throw CLIError.invalidOption(option: "--window-end", message: "a window needs its last day: give --window-end YYYY-MM-DD.")
            }
            let first = start ?? content.window?.start ?? content.saidOn
            content.window = try checked("--window-start") {
                // A window set by hand has no reading rule (rules come from phrases read by the tool).
                try DueWindow(start: first, end: end, phrase: windowPhrase ?? content.window?.phrase)
            }
        }
        if let v = probability {
            content.confidence = Confidence(words: content.confidence.words,
                                            stated: try checked("--probability") { try Probability(parsing: v) })
        }
        if let v = confidence {
            // Words that state a number ("3 in 4") give the stated probability, unless --probability did.
            content.confidence = Confidence.reading(words: v, stated: probability == nil ? nil : content.confidence.stated)
        }
        if let v = notes { content.notes = cleaned(v) }
    }
}
