import ClaimsCore
import Foundation

/// The JSON form of a claim, as printed by `list`, `due` and `show` with `--format json`.
/// Fields are documented in cli-docs/README.md; absent values are `null`, never left out.
public struct ClaimJSON: Encodable {
    public let summary: ClaimSummary
    public let today: Day
    public var forecasts: [RecordedForecast]? = nil
    public var digest: String? = nil

    public init(summary: ClaimSummary, today: Day, forecasts: [RecordedForecast]? = nil, digest: String? = nil) {
        self.summary = summary
        self.today = today
        self.forecasts = forecasts
        self.digest = digest
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let content = summary.content
        try c.encode(summary.id.rawValue, forKey: .id)
        try c.encode(content.statement.value, forKey: .statement)
        try c.encode(content.claimant.value, forKey: .claimant)
        try c.encode(content.saidOn, forKey: .said_on)
        try c.encode(content.source.map(SourceJSON.init), forKey: .source)
        try c.encode(content.quote, forKey: .quote)
        try c.encode(content.location, forKey: .location)
        try c.encode(content.criteria, forKey: .criteria)
        try c.encode(content.window.map(WindowJSON.init), forKey: .window)
        try c.encode(ConfidenceJSON(content.confidence), forKey: .confidence)
        try c.encode(content.tags, forKey: .tags)
        try c.encode(content.notes, forKey: .notes)
        try c.encode(content.translations.map(TranslationJSON.init), forKey: .translations)
        try c.encode(summary.status(on: today).rawValue, forKey: .status)
        try c.encode(content.withdrawal.map { ["reason": $0.reason.value, "successor": $0.successor?.rawValue] }, forKey: .withdrawn)
        try c.encode(summary.current.info.version, forKey: .version)
        try c.encode(summary.current.info.recordedAt, forKey: .recorded_at)
        try c.encode(summary.firstRecordedAt, forKey: .first_recorded_at)
        try c.encode(summary.resolution.map(ResolutionJSON.init), forKey: .resolution)
        if let forecasts { try c.encode(forecasts.map(ForecastJSON.init), forKey: .forecasts) }
        if let digest { try c.encode(digest, forKey: .digest) }
    }

    public enum Key: String, CodingKey {
        case id, statement, claimant, said_on, source, quote, location, criteria, window, confidence, tags,
             notes, translations, status, withdrawn, version, recorded_at, first_recorded_at, resolution, forecasts, digest
    }
}

public struct SourceJSON: Encodable {
    public let key: String, kind: String, title: String?, url: String?, publisher: String?
    public let published_on: Day?, language: String?, people: [String]
    public init(_ s: Source) {
        key = s.key; kind = s.kind.rawValue; title = s.title; url = s.url; publisher = s.publisher
        published_on = s.publishedOn; language = s.language; people = s.people
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(key, forKey: .key); try c.encode(kind, forKey: .kind); try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url); try c.encode(publisher, forKey: .publisher)
        try c.encode(published_on, forKey: .published_on); try c.encode(language, forKey: .language)
        try c.encode(people, forKey: .people)
    }
    public enum K: String, CodingKey { case key, kind, title, url, publisher, published_on, language, people }
}

public struct TranslationJSON: Encodable {
    public let t: Translation
    public init(_ t: Translation) { self.t = t }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(t.language, forKey: .language); try c.encode(t.statement, forKey: .statement)
        try c.encode(t.quote, forKey: .quote); try c.encode(t.location, forKey: .location)
    }
    public enum K: String, CodingKey { case language, statement, quote, location }
}

public struct WindowJSON: Encodable {
    public let start: Day, end: Day, phrase: String?, rule: String?
    public init(_ w: DueWindow) { start = w.start; end = w.end; phrase = w.phrase; rule = w.rule }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        try c.encode(phrase, forKey: .phrase); try c.encode(rule, forKey: .rule)
    }
    public enum K: String, CodingKey { case start, end, phrase, rule }
}

public struct ConfidenceJSON: Encodable {
    public let words: String?, stated_probability: Double?, inferred: Confidence.Inferred?
    public init(_ c: Confidence) { words = c.words; stated_probability = c.stated?.value; inferred = c.inferred }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(words, forKey: .words); try c.encode(stated_probability, forKey: .stated_probability)
        try c.encode(inferred.map(InferredJSON.init), forKey: .inferred)
    }
    public enum K: String, CodingKey { case words, stated_probability, inferred }
}

/// A probability read from words: always marked as inferred, never confused with a stated one.
public struct InferredJSON: Encodable {
    public let i: Confidence.Inferred
    public init(_ i: Confidence.Inferred) { self.i = i }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(i.band.rawValue, forKey: .band); try c.encode(i.low, forKey: .low); try c.encode(i.high, forKey: .high)
        try c.encode(i.midpoint, forKey: .midpoint); try c.encode(i.qualifier, forKey: .qualifier)
    }
    public enum K: String, CodingKey { case band, low, high, midpoint, qualifier }
}

public struct ResolutionJSON: Encodable {
    public let r: ResolutionRevision
    public init(_ r: ResolutionRevision) { self.r = r }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(r.resolution.outcome.rawValue, forKey: .outcome)
        try c.encode(r.resolution.settledOn, forKey: .settled_on)
        try c.encode(r.resolution.evidence, forKey: .evidence)
        try c.encode(r.resolution.note, forKey: .note)
        try c.encode(r.revision, forKey: .revision)
        try c.encode(r.recordedAt, forKey: .recorded_at)
        try c.encode(r.author, forKey: .author)
    }
    public enum K: String, CodingKey { case outcome, settled_on, evidence, note, revision, recorded_at, author }
}

public struct ForecastJSON: Encodable {
    public let f: RecordedForecast
    public init(_ f: RecordedForecast) { self.f = f }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(f.forecast.forecaster.value, forKey: .forecaster)
        try c.encode(f.forecast.probability.value, forKey: .probability)
        try c.encode(f.forecast.madeOn, forKey: .made_on)
        try c.encode(f.forecast.note, forKey: .note)
        try c.encode(f.recordedAt, forKey: .recorded_at)
        try c.encode(f.author, forKey: .author)
    }
    public enum K: String, CodingKey { case forecaster, probability, made_on, note, recorded_at, author }
}

/// The CSV columns of a claim, in order (documented in cli-docs/README.md).
public enum ClaimCSV {
    public static let header = ["id", "statement", "claimant", "said_on", "source_key", "source_title", "source_url",
                         "quote", "location", "criteria", "window_start", "window_end", "window_phrase",
                         "window_rule", "confidence_words", "stated_probability", "inferred_band", "inferred_probability",
                         "tags", "notes", "status", "outcome", "settled_on",
                         "version", "recorded_at"]

    public static func row(_ s: ClaimSummary, today: Day) -> [String] {
        let c = s.content
        return [s.id.rawValue, c.statement.value, c.claimant.value, c.saidOn.description, c.source?.key ?? "",
                c.source?.title ?? "", c.source?.url ?? "", c.quote ?? "", c.location ?? "", c.criteria ?? "",
                c.window?.start.description ?? "", c.window?.end.description ?? "", c.window?.phrase ?? "",
                c.window?.rule ?? "", c.confidence.words ?? "", c.confidence.stated?.description ?? "",
                c.confidence.inferred?.band.rawValue ?? "", c.confidence.inferred.map { "\($0.midpoint)" } ?? "",
                c.tags.joined(separator: ";"),
                c.notes ?? "", s.status(on: today).rawValue, s.resolution?.resolution.outcome.rawValue ?? "",
                s.resolution?.resolution.settledOn.description ?? "", String(s.current.info.version),
                s.current.info.recordedAt.description]
    }
}

