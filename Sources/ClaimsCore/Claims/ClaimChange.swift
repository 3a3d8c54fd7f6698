import Foundation

/// What a change does to one field: leave it, set it, or clear it.
public enum Edit<Value: Sendable & Equatable>: Sendable, Equatable {
    case keep
    case set(Value)
    case clear
}

/// The fields of a claim a change names, for errors that say which one was wrong.
public enum ClaimField: String, CaseIterable, Sendable {
    case statement, claimant, saidOn = "said-on", source, quote, location, criteria
    case window, windowStart = "window-start", windowEnd = "window-end"
    case probability, confidence, tags, notes, translations

    /// The fields a change can clear, in the order they are listed.
    public static let clearable: [ClaimField] = [.source, .quote, .location, .criteria, .window, .probability, .confidence,
                                                  .tags, .notes, .translations]
}

/// A source as a change describes it: the fields given. Those not given are taken from the
/// claim's current source when the key is the same (or not given).
public struct SourceDescription: Sendable, Equatable {
    public var key: String?
    public var kind: SourceKind?
    public var title: String?
    public var url: String?
    public var publisher: String?
    public var publishedOn: Day?

    public init(key: String? = nil, kind: SourceKind? = nil, title: String? = nil, url: String? = nil,
                publisher: String? = nil, publishedOn: Day? = nil) {
        self.key = key
        self.kind = kind
        self.title = title
        self.url = url
        self.publisher = publisher
        self.publishedOn = publishedOn
    }

    /// The source this describes, completed from `previous` where the key allows.
    func source(after previous: Source?) throws -> Source {
        let base = previous?.key == key || key == nil ? previous : nil
        // The one default of a described source: a kind not given (and not known) is `other`.
        return try Source(key: key ?? base?.key, kind: kind ?? base?.kind ?? .other,
                          title: title ?? base?.title, url: url ?? base?.url, publisher: publisher ?? base?.publisher,
                          publishedOn: publishedOn ?? base?.publishedOn, language: base?.language, people: base?.people ?? [])
    }
}

/// Which source a change gives a claim.
public enum SourceChoice: Sendable, Equatable {
    /// The source with this key, as last described in the database.
    case existing(key: String)
    /// A source described by the change.
    case described(SourceDescription)
}

/// How a change gives a claim its window.
public enum WindowChoice: Sendable, Equatable {
    /// Read from words, from the said-on date ("late 2026", "到2027年").
    case phrase(String)
    /// Set by hand. A start not given is the current window's start, else the said-on date; an
    /// end not given is the current window's end (there must be one).
    case dates(start: Day?, end: Day?, phrase: String?)
}

/// Tags a change adds or removes. Removal comes before addition.
public struct TagChange: Sendable, Equatable {
    public var removeAll: Bool
    public var remove: [String]
    public var add: [String]

    public init(removeAll: Bool = false, remove: [String] = [], add: [String] = []) {
        self.removeAll = removeAll
        self.remove = remove
        self.add = add
    }

    public var isEmpty: Bool { !removeAll && remove.isEmpty && add.isEmpty }
}

/// A change to a claim's fields, or the fields of a new claim: each field is kept, set or
/// cleared. Applying it is the one place where the rules of a change live: a window read from
/// words is read again when the said-on date changes; a bare source key takes that source as
/// last described; confidence words that state a number give the stated probability.
public struct ClaimChange: Sendable, Equatable {
    public var statement: NonEmptyText?
    public var claimant: NonEmptyText?
    public var saidOn: Day?
    public var source: Edit<SourceChoice> = .keep
    public var quote: Edit<String> = .keep
    public var location: Edit<String> = .keep
    public var criteria: Edit<String> = .keep
    public var window: Edit<WindowChoice> = .keep
    /// The probability the claimant stated.
    public var probability: Edit<Probability> = .keep
    /// The claimant's confidence words, as spoken.
    public var confidence: Edit<String> = .keep
    public var tags = TagChange()
    public var notes: Edit<String> = .keep
    /// Translations cannot be set one by one here (claim files carry them); only cleared.
    public var clearTranslations = false
    /// Withdraw the claim (set) or restore it (clear).
    public var withdrawal: Edit<Withdrawal> = .keep

    public init(statement: NonEmptyText? = nil, claimant: NonEmptyText? = nil, saidOn: Day? = nil,
                source: Edit<SourceChoice> = .keep, quote: Edit<String> = .keep, location: Edit<String> = .keep,
                criteria: Edit<String> = .keep, window: Edit<WindowChoice> = .keep, probability: Edit<Probability> = .keep,
                confidence: Edit<String> = .keep, tags: TagChange = TagChange(), notes: Edit<String> = .keep,
                clearTranslations: Bool = false) {
        self.statement = statement
        self.claimant = claimant
        self.saidOn = saidOn
        self.source = source
        self.quote = quote
        self.location = location
        self.criteria = criteria
        self.window = window
        self.probability = probability
        self.confidence = confidence
        self.tags = tags
        self.notes = notes
        self.clearTranslations = clearTranslations
    }

    /// The same change, also clearing `field` unless it sets it (a field both cleared and set is
    /// set). Fields that cannot be cleared (`ClaimField.clearable` lists those that can) are refused.
    public func clearing(_ field: ClaimField) throws -> ClaimChange {
        var c = self
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
        case .statement, .claimant, .saidOn, .windowStart, .windowEnd:
            throw DomainError.invalidField(field, .notClearable(allowed: ClaimField.clearable.map(\.rawValue)))
        }
        return c
    }

    /// Looks up the latest description of a source by its key (nil when there is none).
    public typealias SourceLookup = (String) throws -> Source?

    /// `content` with this change applied. Errors are `DomainError.invalidField`, naming the field.
    public func applied(to content: ClaimContent, sources: SourceLookup) throws -> ClaimContent {
        var c = content
        if let statement { c.statement = statement }
        if let claimant { c.claimant = claimant }
        if let saidOn {
            c.saidOn = saidOn
            // A window read from words is read again from the new date.
            if window == .keep, let w = c.window, w.rule != nil, let phrase = w.phrase {
                c.window = try field(.saidOn) { try TimePhrases.window(phrase, anchor: saidOn) }
            }
        }
        switch source {
        case .keep: break
        case .clear: c.source = nil
        case .set(.existing(let key)):
            guard let found = try sources(key) else { throw DomainError.invalidField(.source, .unknownSourceKey(key)) }
            c.source = found
        case .set(.described(let d)): c.source = try field(.source) { try d.source(after: c.source) }
        }
        c.quote = quote.applied(to: c.quote)
        c.location = location.applied(to: c.location)
        c.criteria = criteria.applied(to: c.criteria)
        switch window {
        case .keep: break
        case .clear: c.window = nil
        case .set(.phrase(let phrase)):
            c.window = try field(.window) { try TimePhrases.window(phrase, anchor: c.saidOn) }
        case .set(.dates(let start, let end, let phrase)):
            guard let last = end ?? c.window?.end else { throw DomainError.invalidField(.windowEnd, .windowWithoutEnd) }
            // A window set by hand has no reading rule (rules come from phrases the tool read).
            c.window = try field(.windowStart) {
                try DueWindow(saidOn: c.saidOn, start: start ?? c.window?.start, end: last, phrase: phrase ?? c.window?.phrase)
            }
        }
        switch probability {
        case .keep: break
        case .clear: c.confidence = Confidence(words: c.confidence.words)
        case .set(let p): c.confidence = Confidence(words: c.confidence.words, stated: p)
        }
        switch confidence {
        case .keep: break
        case .clear: c.confidence = Confidence(stated: c.confidence.stated)
        case .set(let words):
            // Words that state a number ("3 in 4") give the stated probability, unless the change
            // states one itself.
            let stated: Probability? = if case .set(let p) = probability { p } else { nil }
            c.confidence = Confidence.reading(words: words, stated: stated)
        }
        if !tags.isEmpty {
            c.setTags((tags.removeAll ? [] : c.tags.filter { !tags.remove.contains($0) }) + tags.add)
        }
        c.notes = notes.applied(to: c.notes)
        if clearTranslations { c.setTranslations([]) }
        switch withdrawal {
        case .keep: break
        case .set(let w):
            if let current = c.withdrawal { throw DomainError.alreadyWithdrawn(current.description) }
            c.withdrawal = w
        case .clear:
            guard c.withdrawal != nil else { throw DomainError.notWithdrawn }
            c.withdrawal = nil
        }
        return c
    }

    /// A new claim's content: this change applied to nothing. It must name the statement and
    /// the claimant; the said-on date defaults to `defaultSaidOn` (today, for a claim logged now).
    public func newContent(defaultSaidOn: Day, sources: SourceLookup) throws -> ClaimContent {
        guard let statement else { throw DomainError.invalidField(.statement, .emptyText(field: "the statement")) }
        guard let claimant else { throw DomainError.invalidField(.claimant, .emptyText(field: "the claimant")) }
        var rest = self
        rest.saidOn = nil
        return try rest.applied(to: ClaimContent(statement: statement, claimant: claimant, saidOn: saidOn ?? defaultSaidOn),
                                sources: sources)
    }

    /// Checks every field that can be checked without a database: a source named only by its
    /// key is taken to exist.
    public func validateNew(defaultSaidOn: Day) throws {
        _ = try newContent(defaultSaidOn: defaultSaidOn) { key in try Source(key: key, kind: .other) }
    }

    private func field<T>(_ field: ClaimField, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DomainError { throw DomainError.invalidField(field, error) }
    }
}

extension Edit where Value == String {
    /// A text field after the edit: set text is cleaned (empty becomes nil).
    func applied(to value: String?) -> String? {
        switch self {
        case .keep: return value
        case .clear: return nil
        case .set(let text): return cleaned(text)
        }
    }
}
