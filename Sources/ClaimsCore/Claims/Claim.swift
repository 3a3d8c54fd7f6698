import Foundation

/// The content of one version of a claim: everything a person records about it, save its
/// forecasts and resolution, which have histories of their own.
public struct ClaimContent: Hashable, Sendable, Codable {
    public var statement: NonEmptyText
    public var claimant: NonEmptyText
    public var saidOn: Day
    public var source: Source?
    // Text fields are kept cleaned (trimmed; empty is nil) however they are set, so that the
    // content digested is the content read back.
    public var quote: String? { didSet { quote = cleaned(quote) } }
    public var location: String? { didSet { location = cleaned(location) } }
    public var criteria: String? { didSet { criteria = cleaned(criteria) } }
    public var window: DueWindow?
    public var confidence: Confidence
    /// Sorted, without duplicates or empty tags.
    public private(set) var tags: [String]
    /// What the other fields cannot say.
    public var notes: String? { didSet { notes = cleaned(notes) } }
    /// At most one per language, sorted by language.
    public private(set) var translations: [Translation]
    /// Set when the claim was taken back (logged in error, or renamed): never due, never scored.
    public var withdrawal: Withdrawal?

    public init(statement: NonEmptyText, claimant: NonEmptyText, saidOn: Day, source: Source? = nil,
                quote: String? = nil, location: String? = nil, criteria: String? = nil,
                window: DueWindow? = nil, confidence: Confidence = .none, tags: [String] = [],
                notes: String? = nil, translations: [Translation] = [], withdrawal: Withdrawal? = nil) {
        self.statement = statement
        self.claimant = claimant
        self.saidOn = saidOn
        self.source = source
        self.quote = cleaned(quote)
        self.location = cleaned(location)
        self.criteria = cleaned(criteria)
        self.window = window
        self.confidence = confidence
        self.tags = ClaimContent.normalize(tags: tags)
        self.notes = cleaned(notes)
        self.translations = ClaimContent.normalize(translations: translations)
        self.withdrawal = withdrawal
    }

    public mutating func setTranslations(_ translations: [Translation]) {
        self.translations = ClaimContent.normalize(translations: translations)
    }

    /// One per language (the last given wins), sorted by language.
    public static func normalize(translations: [Translation]) -> [Translation] {
        var byLanguage: [String: Translation] = [:]
        for t in translations { byLanguage[t.language] = t }
        return byLanguage.sorted { $0.key < $1.key }.map(\.value)
    }

    public mutating func setTags(_ tags: [String]) { self.tags = ClaimContent.normalize(tags: tags) }

    public static func normalize(tags: [String]) -> [String] {
        Array(Set(tags.compactMap { cleaned($0) })).sorted()
    }

    /// The fields that differ from `earlier`, by name, as text.
    public func changes(since earlier: ClaimContent) -> [FieldChange] {
        let old = earlier.fieldTexts(), new = fieldTexts()
        var names = new.map(\.field)
        for f in old where !names.contains(f.field) { names.append(f.field) }
        let oldValues = Dictionary(old.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        let newValues = Dictionary(new.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        return names.compactMap { name in
            let o = oldValues[name] ?? nil, n = newValues[name] ?? nil
            return o == n ? nil : FieldChange(field: name, old: o, new: n)
        }
    }

    /// Every field as display text, in a fixed order.
    public func fieldTexts() -> [(field: String, value: String?)] {
        [
            ("statement", statement.value),
            ("claimant", claimant.value),
            ("said_on", saidOn.description),
            ("source", source.map(Self.describe)),
            ("quote", quote),
            ("location", location),
            ("criteria", criteria),
            ("window", window.map { "\($0.start) … \($0.end)" }),
            ("window_phrase", window?.phrase),
            ("window_rule", window?.rule),
            ("confidence_words", confidence.words),
            ("stated_probability", confidence.stated?.description),
            ("tags", tags.isEmpty ? nil : tags.joined(separator: ", ")),
            ("notes", notes),
            ("withdrawn", withdrawal?.description),
        ] + translations.map { t in
            ("translation \(t.language)", [t.statement, t.quote.map { "“\($0)”" }, t.location].compactMap { $0 }.joined(separator: " | "))
        }
    }

    static func describe(_ s: Source) -> String {
        var parts = [s.key, s.kind.rawValue]
        if let t = s.title { parts.append(t) }
        if let p = s.publisher { parts.append(p) }
        if let d = s.publishedOn { parts.append(d.description) }
        if let u = s.url { parts.append(u) }
        if let l = s.language { parts.append("language \(l)") }
        if !s.people.isEmpty { parts.append("people " + s.people.joined(separator: ", ")) }
        return parts.joined(separator: " | ")
    }
}

/// Why a claim was taken back, and the claim that replaces it, if one does (a renamed id).
public struct Withdrawal: Hashable, Sendable, Codable {
    public let reason: NonEmptyText
    public let successor: ClaimID?

    public init(reason: NonEmptyText, successor: ClaimID? = nil) {
        self.reason = reason
        self.successor = successor
    }

    /// "logged twice (succeeded by other-id)".
    public var description: String {
        guard let successor else { return reason.value }
        return "\(reason.value) (succeeded by \(successor.rawValue))"
    }
}

/// A claim's statement, quote and location in another language.
public struct Translation: Hashable, Sendable, Codable {
    /// A language tag such as `zh`, `zh-Hans` or `de`.
    public let language: String
    public let statement: String?
    public let quote: String?
    public let location: String?

    public init(language: String, statement: String? = nil, quote: String? = nil, location: String? = nil) throws {
        let tag = language.trimmingCharacters(in: .whitespaces)
        guard (2...35).contains(tag.unicodeScalars.count),
              tag.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else { throw DomainError.invalidLanguage(language) }
        guard cleaned(statement) != nil || cleaned(quote) != nil else { throw DomainError.emptyText(field: "the translation (\(tag))") }
        self.language = tag
        self.statement = cleaned(statement)
        self.quote = cleaned(quote)
        self.location = cleaned(location)
    }
}

public struct FieldChange: Hashable, Sendable, Codable {
    public let field: String
    public let old: String?
    public let new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// Who recorded a change, when, and why.
public struct VersionInfo: Hashable, Sendable, Codable {
    public let version: Int
    public let recordedAt: Timestamp
    public let author: String
    public let reason: String

    public init(version: Int, recordedAt: Timestamp, author: String, reason: String) {
        self.version = version
        self.recordedAt = recordedAt
        self.author = author
        self.reason = reason
    }
}

public struct ClaimVersion: Hashable, Sendable, Codable {
    public let id: ClaimID
    public let info: VersionInfo
    public let content: ClaimContent

    public init(id: ClaimID, info: VersionInfo, content: ClaimContent) {
        self.id = id
        self.info = info
        self.content = content
    }
}

/// A forecast on a claim by anyone: the claimant's own stated probability is kept on the claim,
/// later ones (by the person logging it, or others) here.
public struct Forecast: Hashable, Sendable, Codable {
    public let forecaster: NonEmptyText
    public let probability: Probability
    public let madeOn: Day
    public let note: String?
    /// Where a forecast recorded after its claim's outcome was known comes from (an article, an
    /// archive): such a forecast is *reported*, dated only by what that source says.
    public let reportedSource: String?

    public init(forecaster: NonEmptyText, probability: Probability, madeOn: Day, note: String? = nil, reportedSource: String? = nil) {
        self.forecaster = forecaster
        self.probability = probability
        self.madeOn = madeOn
        self.note = cleaned(note)
        self.reportedSource = cleaned(reportedSource)
    }
}

public struct RecordedForecast: Hashable, Sendable, Codable {
    public let forecast: Forecast
    public let recordedAt: Timestamp
    public let author: String

    public init(forecast: Forecast, recordedAt: Timestamp, author: String) {
        self.forecast = forecast
        self.recordedAt = recordedAt
        self.author = author
    }
}

public enum Outcome: String, CaseIterable, Sendable, Codable {
    case `true`, `false`, partial, annulled

    public init(parsing text: String) throws {
        guard let o = Outcome(rawValue: text.lowercased()) else {
            throw DomainError.unknownValue(field: "outcome", value: text, allowed: Outcome.allCases.map(\.rawValue))
        }
        self = o
    }

    /// An outcome as people and other tools write it: `true`, `false`, `partial`, `annulled`,
    /// and `yes`/`no`, `y`/`n`, `1`/`0` and a few more (CSV files, the command line).
    public init(reading text: String) throws {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes", "y", "correct", "resolved-true": self = .true
        case "false", "0", "no", "n", "incorrect", "resolved-false": self = .false
        case "partial", "partly", "0.5": self = .partial
        case "annulled", "annul", "void", "ambiguous", "n/a", "cancelled": self = .annulled
        default:
            throw DomainError.unknownValue(field: "outcome", value: text, allowed: ["true", "false", "partial", "annulled", "yes", "no", "y", "n", "1", "0"])
        }
    }
}

/// How the world settled a claim.
public struct Resolution: Hashable, Sendable, Codable {
    public let outcome: Outcome
    /// The date the world settled it (not when it was recorded).
    public let settledOn: Day
    public let evidence: [String]
    public let note: String?

    public init(outcome: Outcome, settledOn: Day, evidence: [String] = [], note: String? = nil) {
        self.outcome = outcome
        self.settledOn = settledOn
        self.evidence = evidence.compactMap { cleaned($0) }
        self.note = cleaned(note)
    }
}

public struct ResolutionRevision: Hashable, Sendable, Codable {
    public let revision: Int
    public let resolution: Resolution
    public let recordedAt: Timestamp
    public let author: String

    public init(revision: Int, resolution: Resolution, recordedAt: Timestamp, author: String) {
        self.revision = revision
        self.resolution = resolution
        self.recordedAt = recordedAt
        self.author = author
    }
}

public enum ClaimStatus: String, CaseIterable, Sendable, Codable {
    /// Not resolved, and its window has not ended (or it has no window).
    case open
    /// Not resolved, and its window ended before today.
    case due
    /// It has an outcome (annulled included).
    case resolved
    /// Taken back (logged in error, or renamed): never due, never scored, listed only when asked for.
    case withdrawn
}

/// What is known about a claim at a moment: its latest version, forecasts and resolution.
public struct ClaimState: Hashable, Sendable {
    public let current: ClaimVersion
    public let firstRecordedAt: Timestamp
    public let forecasts: [RecordedForecast]
    public let resolution: ResolutionRevision?
    /// The digest of the claim's last recorded event (see HashChain), where known.
    public var digest: String?

    public init(current: ClaimVersion, firstRecordedAt: Timestamp, forecasts: [RecordedForecast],
                resolution: ResolutionRevision?) {
        self.current = current
        self.firstRecordedAt = firstRecordedAt
        self.forecasts = forecasts
        self.resolution = resolution
    }

    public var id: ClaimID { current.id }
    public var content: ClaimContent { current.content }

    public func status(on today: Day) -> ClaimStatus {
        ClaimStatus(window: content.window, resolved: resolution != nil, withdrawn: content.withdrawal != nil, on: today)
    }
}

extension ClaimStatus {
    /// The status rule, the one place it is written (the store's SQL filters restate it, and a
    /// test holds them to it): withdrawn when taken back; else resolved when it has an outcome;
    /// else due when its window ended before `today`; else open.
    public init(window: DueWindow?, resolved: Bool, withdrawn: Bool = false, on today: Day) {
        self.init(windowEnd: window?.end, resolved: resolved, withdrawn: withdrawn, on: today)
    }

    /// The rule itself, for a window known by its last day.
    public init(windowEnd: Day?, resolved: Bool, withdrawn: Bool = false, on today: Day) {
        if withdrawn { self = .withdrawn }
        else if resolved { self = .resolved }
        else if let windowEnd, windowEnd < today { self = .due }
        else { self = .open }
    }
}
