import ClaimsCore
import Foundation
import GRDB

/// Reading domain values back from rows. The schema's CHECKs make these conversions total;
/// a failure here means the file was changed behind the tool's back.
enum Rows {
    /// Columns of a claim version joined with its source and tags (`tags` is a JSON array).
    static let versionColumns = versionColumns(withdrawals: "v.withdrawn, v.successor")
    /// The same, for migration 0004's code, which runs before 0005 adds the withdrawal columns.
    static let versionColumnsBefore0005 = versionColumns(withdrawals: "NULL AS withdrawn, NULL AS successor")

    private static func versionColumns(withdrawals: String) -> String { """
        v.claim_id, v.version, v.recorded_at, v.author, v.reason, v.statement, v.claimant, v.said_on,
        v.quote, v.location, v.criteria, v.window_start, v.window_end, v.window_phrase, v.window_rule,
        v.confidence_words, v.stated_probability, v.notes, \(withdrawals),
        s.key AS source_key, s.kind AS source_kind, s.title AS source_title, s.url AS source_url,
        s.publisher AS source_publisher, s.published_on AS source_published_on,
        s.language AS source_language, s.people AS source_people,
        (SELECT json_group_array(tag) FROM (SELECT tag FROM claim_tags t
            WHERE t.claim_id = v.claim_id AND t.version = v.version ORDER BY tag)) AS tags,
        (SELECT json_group_array(json_object('language', language, 'statement', statement, 'quote', quote,
            'location', location)) FROM (SELECT * FROM claim_translations tr
            WHERE tr.claim_id = v.claim_id AND tr.version = v.version ORDER BY language)) AS translations
        """
    }

    static let versionJoin = "claim_versions v LEFT JOIN sources s ON s.id = v.source_id"

    static func timestamp(_ row: Row, _ column: String) throws -> Timestamp {
        try Timestamp.parse(stored: row.decode(forColumn: column))
    }

    /// A day as both stores keep it (YYYY-MM-DD text); nil for NULL.
    static func day(_ text: String?) throws -> Day? {
        guard let text else { return nil }
        return try Day.parse(text) ?? Day(text)
    }

    static func day(_ row: Row, _ column: String) throws -> Day? { try day(row.decode(String?.self, forColumn: column)) }

    static func day(_ row: Row, at index: Int) throws -> Day? { try day(row.decode(String?.self, atIndex: index)) }

    /// A date the schema declares NOT NULL; a NULL means the file was changed behind our back.
    static func requiredDay(_ row: Row, _ column: String) throws -> Day {
        guard let day = try day(row, column) else { throw StoreError.sqlite("\(column) is NULL in a row where the schema requires a date") }
        return day
    }

    static func summary(_ row: Row) throws -> ClaimSummary {
        ClaimSummary(current: try claimVersion(row), firstRecordedAt: try timestamp(row, "created_at"), resolution: try resolution(row))
    }

    static func stringArray(_ json: String?) throws -> [String] {
        guard let json, json != "[]" else { return [] }
        return try JSONStrings.parse(json) ?? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    /// A JSON array of strings, as JSONEncoder writes it (slashes escaped), without its cost.
    static func jsonArray(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(",") }
            out.append("\"")
            for s in v.unicodeScalars {
                switch s {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "/": out.append("\\/")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case "\u{08}": out.append("\\b")
                case "\u{0C}": out.append("\\f")
                default:
                    if s.value < 0x20 {
                        let hex = String(s.value, radix: 16)
                        out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    } else {
                        out.unicodeScalars.append(s)
                    }
                }
            }
            out.append("\"")
        }
        return out + "]"
    }

    private struct TranslationRow: Decodable {
        let language: String
        let statement: String?, quote: String?, location: String?
    }

    static func translations(_ json: String?) throws -> [Translation] {
        guard let json, json != "[]" else { return [] }
        return try JSONDecoder().decode([TranslationRow].self, from: Data(json.utf8)).map {
            try Translation(language: $0.language, statement: $0.statement, quote: $0.quote, location: $0.location)
        }
    }

    /// The source of a row that names its columns `source_…`, or nil when it has none.
    static func source(_ row: Row) throws -> Source? {
        guard let key = try row.decode(String?.self, forColumn: "source_key") else { return nil }
        return try Source(
            key: key, kind: SourceKind(parsing: row.decode(forColumn: "source_kind")), title: row.decode(forColumn: "source_title"),
            url: row.decode(forColumn: "source_url"), publisher: row.decode(forColumn: "source_publisher"),
            publishedOn: day(row, "source_published_on"), language: row.decode(forColumn: "source_language"),
            people: stringArray(row.decode(forColumn: "source_people")))
    }

    static func claimVersion(_ row: Row) throws -> ClaimVersion {
        let source = try Rows.source(row)
        var window: DueWindow?
        if let start = try day(row, "window_start"), let end = try day(row, "window_end") {
            window = try DueWindow(start: start, end: end, phrase: row.decode(forColumn: "window_phrase"), rule: row.decode(forColumn: "window_rule"))
        }
        let stated = try row.decode(Double?.self, forColumn: "stated_probability")
        let content = try ClaimContent(
            statement: try NonEmptyText(row.decode(forColumn: "statement"), field: "statement"),
            claimant: try NonEmptyText(row.decode(forColumn: "claimant"), field: "claimant"),
            saidOn: try requiredDay(row, "said_on"),
            source: source, quote: row.decode(forColumn: "quote"), location: row.decode(forColumn: "location"), criteria: row.decode(forColumn: "criteria"),
            window: window,
            confidence: Confidence(words: row.decode(forColumn: "confidence_words"), stated: try stated.map(Probability.init)),
            tags: try stringArray(row.decode(forColumn: "tags")), notes: row.decode(forColumn: "notes"),
            translations: try translations(row.decode(forColumn: "translations")),
            withdrawal: try withdrawal(row))
        let info = try VersionInfo(version: row.decode(forColumn: "version"), recordedAt: try timestamp(row, "recorded_at"),
                               author: row.decode(forColumn: "author"), reason: row.decode(forColumn: "reason"))
        return ClaimVersion(id: try ClaimID(row.decode(forColumn: "claim_id")), info: info, content: content)
    }

    /// The columns of a claim's line (`ClaimLine`): its version's, and its resolution's outcome.
    static let lineColumns = "v.claim_id, v.claimant, v.statement, v.window_start, v.window_end, v.withdrawn, r.outcome"

    /// A line from `lineColumns`, read by position.
    static func line(_ row: Row) throws -> ClaimLine {
        ClaimLine(id: try ClaimID(row.decode(String.self, atIndex: 0)), claimant: try row.decode(String.self, atIndex: 1),
                  statement: try row.decode(String.self, atIndex: 2), windowStart: try day(row, at: 3), windowEnd: try day(row, at: 4),
                  outcome: try row.decode(String?.self, atIndex: 6).map(Outcome.init(parsing:)),
                  withdrawn: try row.decode(String?.self, atIndex: 5) != nil)
    }

    static func withdrawal(_ row: Row) throws -> Withdrawal? {
        guard let reason = try row.decode(String?.self, forColumn: "withdrawn") else { return nil }
        let successor = try row.decode(String?.self, forColumn: "successor")
        return Withdrawal(reason: try NonEmptyText(reason, field: "withdrawn"), successor: try successor.map { try ClaimID($0) })
    }

    static let resolutionColumns = "r.revision, r.outcome, r.settled_on, r.evidence, r.note, r.recorded_at AS r_recorded_at, r.author AS r_author"

    static func resolution(_ row: Row) throws -> ResolutionRevision? {
        guard let revision = try row.decode(Int?.self, forColumn: "revision") else { return nil }
        let resolution = try Resolution(outcome: try Outcome(parsing: row.decode(forColumn: "outcome")),
                                    settledOn: try requiredDay(row, "settled_on"),
                                    evidence: try stringArray(row.decode(forColumn: "evidence")), note: row.decode(forColumn: "note"))
        return try ResolutionRevision(revision: revision, resolution: resolution,
                                  recordedAt: try timestamp(row, "r_recorded_at"), author: row.decode(forColumn: "r_author"))
    }

    static func forecast(_ row: Row) throws -> RecordedForecast {
        let forecast = try Forecast(forecaster: try NonEmptyText(row.decode(forColumn: "forecaster"), field: "forecaster"),
                                probability: try Probability(row.decode(forColumn: "probability")),
                                madeOn: try requiredDay(row, "made_on"), note: row.decode(forColumn: "note"),
                                reportedSource: row.decode(forColumn: "reported_source"))
        return try RecordedForecast(forecast: forecast, recordedAt: try timestamp(row, "recorded_at"), author: row.decode(forColumn: "author"))
    }
}

/// Reads a JSON array of strings (the tags, people and evidence columns) straight from its
/// bytes: JSONDecoder costs several microseconds a call, and listings make four calls a row.
/// Returns nil for anything else, which the caller hands to JSONDecoder.
enum JSONStrings {
    static func parse(_ json: String) -> [String]? {
        var json = json
        return json.withUTF8 { b -> [String]? in
            var i = 0, out: [String] = []
            func skipSpace() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; skipSpace(); return i == b.count ? out : nil }
            while true {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                guard let bytes = JSONString.unescape(b, from: &i) else { return nil }
                out.append(String(decoding: bytes, as: UTF8.self))
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                guard b[i] == UInt8(ascii: "]") else { return nil }
                i += 1
                skipSpace()
                return i == b.count ? out : nil
            }
        }
    }
}
