import ClaimsCore
import Foundation
import PostgresNIO

/// Reading domain values back from PostgreSQL rows, by column name; the same columns as SQLite's
/// `Rows` reads (the schema's CHECKs make the conversions total).
struct PostgresColumns {
    let cells: [PostgresCell]
    /// Each column's position by name: the same for every row of a query, so a stream of rows
    /// builds it once (`Index`).
    let positions: [String: Int]

    init(_ row: PostgresRow) {
        cells = Array(row)
        positions = Self.positions(of: cells)
    }

    init(_ row: PostgresRow, _ shared: inout [String: Int]?) {
        cells = Array(row)
        if shared == nil { shared = Self.positions(of: cells) }
        positions = shared ?? [:]
    }

    static func positions(of cells: [PostgresCell]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (i, cell) in cells.enumerated() where positions[cell.columnName] == nil { positions[cell.columnName] = i }
        return positions
    }

    /// The cell of the column `name`; a name the row lacks is an error.
    func cell(_ name: String) throws -> PostgresCell {
        guard let i = positions[name], i < cells.count else { throw StoreError.postgres("a query's rows lack the column \(name)") }
        return cells[i]
    }

    func text(_ name: String) throws -> String? { try cell(name).decode(String?.self) }
    func required(_ name: String) throws -> String { try PostgresRead.required(text(name), name) }
    func int(_ name: String) throws -> Int? { try cell(name).decode(Int?.self) }
    func double(_ name: String) throws -> Double? { try cell(name).decode(Double?.self) }
    func day(_ name: String) throws -> Day? { try Rows.day(text(name)) }
    func requiredDay(_ name: String) throws -> Day { try PostgresRead.required(day(name), name, "date") }
    func timestamp(_ name: String) throws -> Timestamp { try Timestamp.parse(stored: required(name)) }
}

/// A row's cells read in order, each decoded on its own: for the narrow reads, whose columns are
/// listed beside the code that reads them. Quicker than PostgresNIO's decoding of a tuple, and
/// than copying the cells to look them up by name (`PostgresColumns`).
struct PostgresCellReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    private mutating func next() throws -> PostgresCell {
        guard let cell = cells.next() else { throw StoreError.postgres("a row has fewer columns than its query names") }
        return cell
    }

    mutating func text() throws -> String? { try next().decode(String?.self) }
    mutating func double() throws -> Double? { try next().decode(Double?.self) }
    mutating func required(_ name: String) throws -> String { try PostgresRead.required(text(), name) }
    mutating func day() throws -> Day? { try Rows.day(text()) }
    mutating func requiredDay(_ name: String) throws -> Day { try PostgresRead.required(day(), name, "date") }
}

enum PostgresRead {
    /// `value` of the column `name`, which the schema declares NOT NULL: a NULL means the
    /// database was changed behind the program's back.
    static func required<T>(_ value: T?, _ name: String, _ kind: String = "value") throws -> T {
        guard let value else { throw StoreError.postgres("\(name) is NULL in a row where the schema requires a \(kind)") }
        return value
    }

    /// The columns of a claim's line (`ClaimLine`): its version's, and its resolution's outcome.
    static let lineColumns = "v.claim_id, v.claimant, v.statement, v.window_start, v.window_end, v.withdrawn, r.outcome"

    /// A line from `lineColumns`, read in order (the cells after them are left to the caller).
    static func line(_ cells: inout PostgresCellReader) throws -> ClaimLine {
        let id = try ClaimID(cells.required("claim_id")), claimant = try cells.required("claimant")
        let statement = try cells.required("statement")
        let start = try cells.day(), end = try cells.day()
        let withdrawn = try cells.text() != nil
        let outcome = try cells.text().map(Outcome.init(parsing:))
        return ClaimLine(id: id, claimant: claimant, statement: statement, windowStart: start, windowEnd: end,
                         outcome: outcome, withdrawn: withdrawn)
    }

    /// The columns of a claim version with its source, tags and translations (as JSON text): the
    /// same names as SQLite's `Rows.versionColumns`.
    static let versionColumns = lightVersionColumns + """
        ,
        (SELECT coalesce(json_agg(t.tag ORDER BY t.tag COLLATE "C"), '[]')::text FROM claim_tags t
            WHERE t.claim_id = v.claim_id AND t.version = v.version) AS tags,
        (SELECT coalesce(json_agg(json_build_object('language', tr.language, 'statement', tr.statement, 'quote', tr.quote,
            'location', tr.location) ORDER BY tr.language), '[]')::text FROM claim_translations tr
            WHERE tr.claim_id = v.claim_id AND tr.version = v.version) AS translations
        """
    /// The same without the tags and translations, which a listing of many claims reads a few
    /// hundred claims at a time (`ClaimExtras`).
    static let lightVersionColumns = """
        v.claim_id, v.version, v.recorded_at, v.author, v.reason, v.statement, v.claimant, v.said_on,
        v.quote, v.location, v.criteria, v.window_start, v.window_end, v.window_phrase, v.window_rule,
        v.confidence_words, v.stated_probability, v.notes, v.withdrawn, v.successor,
        s.key AS source_key, s.kind AS source_kind, s.title AS source_title, s.url AS source_url,
        s.publisher AS source_publisher, s.published_on AS source_published_on,
        s.language AS source_language, s.people AS source_people
        """
    static let versionJoin = "claim_versions v LEFT JOIN sources s ON s.id = v.source_id"
    static let resolutionColumns = "r.revision, r.outcome, r.settled_on, r.evidence, r.note, r.recorded_at AS r_recorded_at, r.author AS r_author"

    static func source(_ c: PostgresColumns) throws -> Source? {
        guard let key = try c.text("source_key") else { return nil }
        return try Source(key: key, kind: SourceKind(parsing: c.required("source_kind")), title: c.text("source_title"),
                          url: c.text("source_url"), publisher: c.text("source_publisher"), publishedOn: c.day("source_published_on"),
                          language: c.text("source_language"), people: Rows.stringArray(c.text("source_people")))
    }

    /// A claim version's tags and translations, when read apart from its row.
    struct Extras { var tags: [String] = []; var translations: [Translation] = [] }

    static func claimVersion(_ c: PostgresColumns, extras: Extras? = nil) throws -> ClaimVersion {
        var window: DueWindow?
        if let start = try c.day("window_start"), let end = try c.day("window_end") {
            window = try DueWindow(start: start, end: end, phrase: c.text("window_phrase"), rule: c.text("window_rule"))
        }
        var withdrawal: Withdrawal?
        if let reason = try c.text("withdrawn") {
            withdrawal = Withdrawal(reason: try NonEmptyText(reason, field: "withdrawn"), successor: try c.text("successor").map { try ClaimID($0) })
        }
        let content = try ClaimContent(
            statement: NonEmptyText(c.required("statement"), field: "statement"),
            claimant: NonEmptyText(c.required("claimant"), field: "claimant"),
            saidOn: c.requiredDay("said_on"), source: source(c), quote: c.text("quote"), location: c.text("location"),
            criteria: c.text("criteria"), window: window,
            confidence: Confidence(words: c.text("confidence_words"), stated: c.double("stated_probability").map(Probability.init)),
            tags: extras?.tags ?? Rows.stringArray(c.text("tags")), notes: c.text("notes"),
            translations: extras?.translations ?? Rows.translations(c.text("translations")),
            withdrawal: withdrawal)
        guard let number = try c.int("version") else { throw StoreError.postgres("a claim version has no number") }
        let info = try VersionInfo(version: number, recordedAt: c.timestamp("recorded_at"), author: c.required("author"),
                                   reason: c.required("reason"))
        return ClaimVersion(id: try ClaimID(c.required("claim_id")), info: info, content: content)
    }

    static func resolution(_ c: PostgresColumns) throws -> ResolutionRevision? {
        guard let revision = try c.int("revision") else { return nil }
        let resolution = try Resolution(outcome: Outcome(parsing: c.required("outcome")), settledOn: c.requiredDay("settled_on"),
                                        evidence: Rows.stringArray(c.text("evidence")), note: c.text("note"))
        return try ResolutionRevision(revision: revision, resolution: resolution, recordedAt: c.timestamp("r_recorded_at"),
                                      author: c.required("r_author"))
    }

    static let forecastColumns = "f.id, f.claim_id, f.forecaster, f.probability, f.made_on, f.note, f.reported_source, f.recorded_at, f.author"

    static func forecast(_ c: PostgresColumns) throws -> RecordedForecast {
        guard let probability = try c.double("probability") else { throw StoreError.postgres("a forecast has no probability") }
        let forecast = try Forecast(forecaster: NonEmptyText(c.required("forecaster"), field: "forecaster"),
                                    probability: Probability(probability), madeOn: c.requiredDay("made_on"), note: c.text("note"),
                                    reportedSource: c.text("reported_source"))
        return try RecordedForecast(forecast: forecast, recordedAt: c.timestamp("recorded_at"), author: c.required("author"))
    }

    static func summary(_ c: PostgresColumns, extras: Extras? = nil) throws -> ClaimSummary {
        ClaimSummary(current: try claimVersion(c, extras: extras), firstRecordedAt: try c.timestamp("created_at"), resolution: try resolution(c))
    }

    /// The tags and translations of the versions `keys` names (claim id and version), in two
    /// queries.
    static func extras(_ keys: [(String, Int)], _ session: PostgresSession) throws -> [String: Extras] {
        func key(_ id: String, _ version: Int) -> String { "\(id)#\(version)" }
        let wanted = Set(keys.map { key($0.0, $0.1) })
        let ids = Array(Set(keys.map(\.0)))
        var found: [String: Extras] = [:]
        // By claim (the primary keys' first column), all versions; the ones asked for kept.
        for row in try session.rows("""
            SELECT claim_id, version::int8, tag FROM claim_tags WHERE claim_id = ANY(\(ids))
            ORDER BY claim_id, version, tag COLLATE "C"
            """) {
            let (id, version, tag) = try row.decode((String, Int, String).self)
            let k = key(id, version)
            if wanted.contains(k) { found[k, default: Extras()].tags.append(tag) }
        }
        for row in try session.rows("""
            SELECT claim_id, version::int8, language, statement, quote, location FROM claim_translations
            WHERE claim_id = ANY(\(ids)) ORDER BY claim_id, version, language
            """) {
            let (id, version, language, statement, quote, location) = try row.decode((String, Int, String, String?, String?, String?).self)
            let k = key(id, version)
            guard wanted.contains(k) else { continue }
            found[k, default: Extras()].translations.append(try Translation(language: language, statement: statement, quote: quote, location: location))
        }
        return found
    }

    static func extrasKey(_ c: PostgresColumns) throws -> String {
        "\(try c.required("claim_id"))#\(try c.int("version") ?? 0)"
    }
}
