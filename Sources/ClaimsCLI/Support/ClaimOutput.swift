import ClaimsCore
import ClaimsStore
import Foundation

/// The JSON form of a claim, as printed by `list`, `due` and `show` with `--format json`.
/// Fields are documented in cli-docs/README.md; absent values are `null`, never left out.
struct ClaimJSON: Encodable {
    let summary: ClaimSummary
    let today: Day
    var forecasts: [RecordedForecast]? = nil
    var digest: String? = nil

    func encode(to encoder: Encoder) throws {
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
        try c.encode(summary.current.info.version, forKey: .version)
        try c.encode(summary.current.info.recordedAt, forKey: .recorded_at)
        try c.encode(summary.firstRecordedAt, forKey: .first_recorded_at)
        try c.encode(summary.resolution.map(ResolutionJSON.init), forKey: .resolution)
        if let forecasts { try c.encode(forecasts.map(ForecastJSON.init), forKey: .forecasts) }
        if let digest { try c.encode(digest, forKey: .digest) }
    }

    enum Key: String, CodingKey {
        case id, statement, claimant, said_on, source, quote, location, criteria, window, confidence, tags,
             notes, translations, status, version, recorded_at, first_recorded_at, resolution, forecasts, digest
    }
}

struct SourceJSON: Encodable {
    let key: String, kind: String, title: String?, url: String?, publisher: String?
    let published_on: Day?, language: String?, people: [String]
    init(_ s: Source) {
        key = s.key; kind = s.kind.rawValue; title = s.title; url = s.url; publisher = s.publisher
        published_on = s.publishedOn; language = s.language; people = s.people
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(key, forKey: .key); try c.encode(kind, forKey: .kind); try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url); try c.encode(publisher, forKey: .publisher)
        try c.encode(published_on, forKey: .published_on); try c.encode(language, forKey: .language)
        try c.encode(people, forKey: .people)
    }
    enum K: String, CodingKey { case key, kind, title, url, publisher, published_on, language, people }
}

struct TranslationJSON: Encodable {
    let t: Translation
    init(_ t: Translation) { self.t = t }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(t.language, forKey: .language); try c.encode(t.statement, forKey: .statement)
        try c.encode(t.quote, forKey: .quote); try c.encode(t.location, forKey: .location)
    }
    enum K: String, CodingKey { case language, statement, quote, location }
}

struct WindowJSON: Encodable {
    let start: Day, end: Day, phrase: String?, rule: String?
    init(_ w: DueWindow) { start = w.start; end = w.end; phrase = w.phrase; rule = w.rule }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
        try c.encode(phrase, forKey: .phrase); try c.encode(rule, forKey: .rule)
    }
    enum K: String, CodingKey { case start, end, phrase, rule }
}

struct ConfidenceJSON: Encodable {
    let words: String?, stated_probability: Double?, inferred: Confidence.Inferred?
    init(_ c: Confidence) { words = c.words; stated_probability = c.stated?.value; inferred = c.inferred }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(words, forKey: .words); try c.encode(stated_probability, forKey: .stated_probability)
        try c.encode(inferred.map(InferredJSON.init), forKey: .inferred)
    }
    enum K: String, CodingKey { case words, stated_probability, inferred }
}

/// A probability read from words: always marked as inferred, never confused with a stated one.
struct InferredJSON: Encodable {
    let i: Confidence.Inferred
    init(_ i: Confidence.Inferred) { self.i = i }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(i.band.rawValue, forKey: .band); try c.encode(i.low, forKey: .low); try c.encode(i.high, forKey: .high)
        try c.encode(i.midpoint, forKey: .midpoint); try c.encode(i.qualifier, forKey: .qualifier)
    }
    enum K: String, CodingKey { case band, low, high, midpoint, qualifier }
}

struct ResolutionJSON: Encodable {
    let r: ResolutionRevision
    init(_ r: ResolutionRevision) { self.r = r }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(r.resolution.outcome.rawValue, forKey: .outcome)
        try c.encode(r.resolution.settledOn, forKey: .settled_on)
        try c.encode(r.resolution.evidence, forKey: .evidence)
        try c.encode(r.resolution.note, forKey: .note)
        try c.encode(r.revision, forKey: .revision)
        try c.encode(r.recordedAt, forKey: .recorded_at)
        try c.encode(r.author, forKey: .author)
    }
    enum K: String, CodingKey { case outcome, settled_on, evidence, note, revision, recorded_at, author }
}

struct ForecastJSON: Encodable {
    let f: RecordedForecast
    init(_ f: RecordedForecast) { self.f = f }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(f.forecast.forecaster.value, forKey: .forecaster)
        try c.encode(f.forecast.probability.value, forKey: .probability)
        try c.encode(f.forecast.madeOn, forKey: .made_on)
        try c.encode(f.forecast.note, forKey: .note)
        try c.encode(f.recordedAt, forKey: .recorded_at)
        try c.encode(f.author, forKey: .author)
    }
    enum K: String, CodingKey { case forecaster, probability, made_on, note, recorded_at, author }
}

/// The CSV columns of a claim, in order (documented in cli-docs/README.md).
enum ClaimCSV {
    static let header = ["id", "statement", "claimant", "said_on", "source_key", "source_title", "source_url",
                         "quote", "location", "criteria", "window_start", "window_end", "window_phrase",
                         "window_rule", "confidence_words", "stated_probability", "inferred_band", "inferred_probability",
                         "tags", "notes", "status", "outcome", "settled_on",
                         "version", "recorded_at"]

    static func row(_ s: ClaimSummary, today: Day) -> [String] {
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

/// Prints claims in the chosen format; the table has the columns given.
func printClaims(_ claims: [ClaimSummary], format: OutputFormat, today: Day, table: () -> TextTable) throws {
    let rt = Runtime.current
    switch format {
    case .json:
        rt.print(try jsonText(claims.map { ClaimJSON(summary: $0, today: today) }))
    case .csv:
        var csv = CSVWriter(header: ClaimCSV.header)
        for claim in claims { csv.add(ClaimCSV.row(claim, today: today)) }
        rt.write(csv.text)
    case .table:
        if claims.isEmpty { rt.print("no claims match"); return }
        rt.print(table().render())
    }
}

func windowText(_ w: DueWindow?) -> String {
    guard let w else { return "" }
    return w.start == w.end ? w.end.description : "\(w.start) … \(w.end)"
}

func statusCell(_ s: ClaimSummary, today: Day) -> String {
    if let r = s.resolution { return r.resolution.outcome.rawValue }
    return s.status(on: today).rawValue
}
