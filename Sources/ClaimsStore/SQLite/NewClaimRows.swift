import ClaimsCore
import ClaimsLog
import Foundation
import GRDB
// GRDB's module for the system SQLite, reached through GRDB: declaring its GRDBSQLite product as
// a dependency of ours makes SwiftPM build GRDB's dynamic library too, which cannot be linked
// with --static-swift-stdlib.
import GRDBSQLite

/// A value for one column of a row to insert, bound straight to SQLite (GRDB's arguments box
/// every value; on the import path that cost more than SQLite's own work).
enum Cell {
    case null, integer(Int64), real(Double), text(String), blob([UInt8])

    init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: Int64?) { self = value.map(Cell.integer) ?? .null }
    init(_ value: Double?) { self = value.map(Cell.real) ?? .null }

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(to statement: OpaquePointer, at index: Int32) {
        switch self {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let v): sqlite3_bind_int64(statement, index, v)
        case .real(let v): sqlite3_bind_double(statement, index, v)
        case .blob(let bytes):
            bytes.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32(bytes.count), Cell.transient) }
        case .text(var v):
            v.withUTF8 { bytes in
                // A null pointer would bind NULL, not "" (the first version's prev_digest is "").
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    sqlite3_bind_text(statement, index, "", 0, Cell.transient)
                    return
                }
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Cell.transient)
                }
            }
        }
    }
}

/// A table rows are added to: its name and its columns, each named with the value it takes from
/// a row, so that a value cannot land in another column; and the INSERT statements for one row
/// and for a full batch, made once.
final class TableShape<Row>: Sendable {
    let table: String
    let columns: [(name: String, cell: @Sendable (Row) -> Cell)]
    let oneRow: String
    let fullBatch: String

    let verb: String

    init(_ table: String, _ columns: [(name: String, cell: @Sendable (Row) -> Cell)], verb: String = "INSERT INTO") {
        self.table = table
        self.columns = columns
        self.verb = verb
        oneRow = Self.sql(verb, table, columns.map(\.name), rows: 1)
        fullBatch = Self.sql(verb, table, columns.map(\.name), rows: PendingRows<Row>.rowsPerStatement)
    }

    func sql(rows: Int) -> String {
        rows == 1 ? oneRow : rows == PendingRows<Row>.rowsPerStatement ? fullBatch : Self.sql(verb, table, columns.map(\.name), rows: rows)
    }

    static func sql(_ verb: String, _ table: String, _ columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "\(verb) \(table) (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }
}

/// The rows the store writes, one type per history table.
enum TableRows {
    struct Claim { let id: ClaimID; let createdAt: Timestamp }
    struct Version {
        let id: ClaimID; let number: Int; let change: Change; let content: ClaimContent; let sourceID: Int64?
        let prev: String; let digest: String
    }
    struct Tag { let id: ClaimID; let number: Int; let tag: String }
    struct Translation { let id: ClaimID; let number: Int; let translation: ClaimsCore.Translation }
    struct Forecast { let rowID: Int64; let id: ClaimID; let forecast: ClaimsCore.Forecast; let change: Change }
    struct Resolution { let id: ClaimID; let revision: ResolutionRevision; let prev: String; let digest: String }
    struct LogBatch { let firstSeq: Int64; let count: Int; let leaves: [UInt8]; let events: String }
    /// What an import was given for a claim, and the claim's state just after.
    struct ImportMark { let id: ClaimID; let input: [UInt8]; let version: Int; let revision: Int?; let forecasts: Int }

    static let claims = TableShape<Claim>("claims", [
        ("id", { .text($0.id.rawValue) }),
        ("created_at", { .text($0.createdAt.description) }),
    ])
    static let versions = TableShape<Version>("claim_versions", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("version", { Cell($0.number) }),
        ("recorded_at", { .text($0.change.at.description) }),
        ("author", { .text($0.change.author) }),
        ("reason", { .text($0.change.reason) }),
        ("statement", { .text($0.content.statement.value) }),
        ("claimant", { .text($0.content.claimant.value) }),
        ("said_on", { .text($0.content.saidOn.description) }),
        ("source_id", { Cell($0.sourceID) }),
        ("quote", { Cell($0.content.quote) }),
        ("location", { Cell($0.content.location) }),
        ("criteria", { Cell($0.content.criteria) }),
        ("window_start", { Cell($0.content.window?.start.description) }),
        ("window_end", { Cell($0.content.window?.end.description) }),
        ("window_phrase", { Cell($0.content.window?.phrase) }),
        ("window_rule", { Cell($0.content.window?.rule) }),
        ("confidence_words", { Cell($0.content.confidence.words) }),
        ("stated_probability", { Cell($0.content.confidence.stated?.value) }),
        ("notes", { Cell($0.content.notes) }),
        ("withdrawn", { Cell($0.content.withdrawal?.reason.value) }),
        ("successor", { Cell($0.content.withdrawal?.successor?.rawValue) }),
        ("prev_digest", { .text($0.prev) }),
        ("digest", { .text($0.digest) }),
    ])
    /// A version's words for PostgreSQL's index of words (schema/postgres: claim_words).
    struct Words {
        let id: ClaimID; let number: Int; let words: String?
        /// The most the index holds of one version: longer words, or more words, and the version
        /// is left out of the index (NULL), to be read by every search.
        static let longestWord = 1000, mostBytes = 200_000

        init(id: ClaimID, number: Int, content: ClaimContent) {
            self.id = id
            self.number = number
            let words = content.searchedWords
            let joined = words.joined(separator: " ")
            self.words = words.contains { $0.utf8.count > Self.longestWord } || joined.utf8.count > Self.mostBytes ? nil : joined
        }
    }

    static let words = TableShape<Words>("claim_words", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("version", { Cell($0.number) }),
        ("words", { Cell($0.words) }),
    ])
    static let tags = TableShape<Tag>("claim_tags", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("version", { Cell($0.number) }),
        ("tag", { .text($0.tag) }),
    ])
    static let translations = TableShape<Translation>("claim_translations", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("version", { Cell($0.number) }),
        ("language", { .text($0.translation.language) }),
        ("statement", { Cell($0.translation.statement) }),
        ("quote", { Cell($0.translation.quote) }),
        ("location", { Cell($0.translation.location) }),
    ])
    static let forecasts = TableShape<Forecast>("forecasts", [
        ("id", { .integer($0.rowID) }),
        ("claim_id", { .text($0.id.rawValue) }),
        ("forecaster", { .text($0.forecast.forecaster.value) }),
        ("probability", { .real($0.forecast.probability.value) }),
        ("made_on", { .text($0.forecast.madeOn.description) }),
        ("note", { Cell($0.forecast.note) }),
        ("reported_source", { Cell($0.forecast.reportedSource) }),
        ("recorded_at", { .text($0.change.at.description) }),
        ("author", { .text($0.change.author) }),
    ])
    static let resolutions = TableShape<Resolution>("resolutions", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("revision", { Cell($0.revision.revision) }),
        ("outcome", { .text($0.revision.resolution.outcome.rawValue) }),
        ("settled_on", { .text($0.revision.resolution.settledOn.description) }),
        ("evidence", { .text(Rows.jsonArray($0.revision.resolution.evidence)) }),
        ("note", { Cell($0.revision.resolution.note) }),
        ("recorded_at", { .text($0.revision.recordedAt.description) }),
        ("author", { .text($0.revision.author) }),
        ("prev_digest", { .text($0.prev) }),
        ("digest", { .text($0.digest) }),
    ])
    /// A cache, not history: a claim's row is replaced by each import of it.
    static let importMarks = TableShape<ImportMark>("import_marks", [
        ("claim_id", { .text($0.id.rawValue) }),
        ("input", { .blob($0.input) }),
        ("version", { Cell($0.version) }),
        ("revision", { Cell($0.revision.map(Int64.init)) }),
        ("forecasts", { Cell($0.forecasts) }),
    ], verb: "INSERT OR REPLACE INTO")
    static let log = TableShape<LogBatch>("log_batches", [
        ("first_seq", { .integer($0.firstSeq) }),
        ("count", { Cell($0.count) }),
        ("leaves", { .blob($0.leaves) }),
        ("events", { .text($0.events) }),
    ])
}

/// How many rows one INSERT statement writes at the most.
enum InsertBatch {
    static let rows = 32
}

/// Rows to add to one table, written by INSERT statements of up to `rowsPerStatement` rows each.
/// One statement of many rows spares SQLite part of its per-statement work (binding, the
/// statement journal, the triggers' set-up): an import writes new claims this way.
struct PendingRows<Row> {
    static var rowsPerStatement: Int { InsertBatch.rows }

    let shape: TableShape<Row>
    private(set) var values: [Cell] = []

    init(_ shape: TableShape<Row>) { self.shape = shape }

    mutating func add(_ row: Row) {
        for column in shape.columns { values.append(column.cell(row)) }
    }

    mutating func removeAll() { values.removeAll(keepingCapacity: true) }

    /// How many rows are pending.
    var count: Int { shape.columns.isEmpty ? 0 : values.count / shape.columns.count }

    /// Inserts every pending row, in order, and forgets them.
    mutating func insert(_ db: Database) throws {
        guard !values.isEmpty else { return }
        let width = shape.columns.count, rows = values.count / width
        var first = 0
        while first < rows {
            let count = min(Self.rowsPerStatement, rows - first)
            let statement = try db.cachedStatement(sql: shape.sql(rows: count))
            // GRDB resets the statement and marks it bound; the values are then bound here, and
            // GRDB runs it (keeping its account of the transaction).
            statement.setUncheckedArguments(StatementArguments())
            for (offset, cell) in values[first * width ..< (first + count) * width].enumerated() {
                cell.bind(to: statement.sqliteStatement, at: Int32(offset + 1))
            }
            try statement.execute()
            first += count
        }
        values.removeAll(keepingCapacity: true)
    }
}

/// Where a write transaction's rows go, on one backend: the log it appends to, the numbers it
/// gives sources and forecasts, and how rows are inserted. `NewClaimRows` writes through it, so
/// that what a write records (its rows, digests and log events, in order) has one home for both
/// backends.
protocol WriteTarget {
    var log: LogAppender { get }
    /// The row of `source`, added if no row describes it so.
    func sourceRowID(_ source: Source) throws -> Int64
    /// The number of the next forecast.
    func nextForecastID() throws -> Int64
    /// Inserts every pending row, in order, and forgets them.
    func insert<Row>(_ rows: inout PendingRows<Row>) throws
    /// How many new claims an import holds before writing them.
    var newClaimsPerBatch: Int { get }
    /// Whether each version's words are written for an index of words (PostgreSQL's; SQLite's
    /// full-text index is kept by triggers).
    var writesWords: Bool { get }
}

/// SQLite's target: the transaction's context and its connection.
struct SQLiteTarget: WriteTarget {
    let context: WriteContext
    let db: Database
    init(_ context: WriteContext, _ db: Database) { self.context = context; self.db = db }
    var log: LogAppender { context.log }
    func sourceRowID(_ source: Source) throws -> Int64 { try ClaimsDatabase.sourceRowID(source, context: context, db) }
    func nextForecastID() throws -> Int64 { try context.forecastID(db) }
    func insert<Row>(_ rows: inout PendingRows<Row>) throws { try rows.insert(db) }
    var newClaimsPerBatch: Int { InsertBatch.rows }
    var writesWords: Bool { false }
}

/// The rows of claims and of their new versions, forecasts and resolutions, with their digests
/// and their events in the log: every write of the store goes through here, one event at a time
/// or a batch of new claims.
struct NewClaimRows {
    private var claims = PendingRows(TableRows.claims)
    private var versions = PendingRows(TableRows.versions)
    private var tags = PendingRows(TableRows.tags)
    private var translations = PendingRows(TableRows.translations)
    private var words = PendingRows(TableRows.words)
    private var forecasts = PendingRows(TableRows.forecasts)
    private var resolutions = PendingRows(TableRows.resolutions)
    let target: any WriteTarget
    /// How many new claims are pending.
    private(set) var newClaims = 0

    init(_ target: any WriteTarget) { self.target = target }

    /// What a new claim's events hash to: its first version's and its resolution's digests (the
    /// per-claim chain), and the log leaves of its version, forecasts and resolution.
    struct FirstDigests: Sendable {
        let version: String
        let resolution: String?
        let versionLeaf: LogHash
        let forecastLeaves: [LogHash]
        let resolutionLeaf: LogHash?

        init(_ claim: NewClaim, id: ClaimID, change: Change) {
            let first = claim.firstVersion(id: id, change: change)
            versionLeaf = Merkle.leafHash(.version(first))
            version = HashChain.chainDigest(prev: "", leaf: versionLeaf)
            let revision = claim.firstResolution(change: change)
            forecastLeaves = claim.forecasts.map {
                Merkle.leafHash(.forecast(claim: id, RecordedForecast(forecast: $0, recordedAt: change.at, author: change.author)))
            }
            resolutionLeaf = revision.map { Merkle.leafHash(.resolution(claim: id, $0)) }
            resolution = resolutionLeaf.map { [version] in HashChain.chainDigest(prev: version, leaf: $0) }
        }

        /// For many claims at once, on every core (the digests are pure work; writing is not).
        static func of(_ claims: [(NewClaim, ClaimID)], change: Change) -> [FirstDigests] {
            claims.concurrentMap(perWorker: 500) { FirstDigests($0, id: $1, change: change) }
        }
    }

    /// A claim whose id is known to be free: its row, first version, forecasts and resolution.
    /// Nothing needs reading back: the version is number 1 and starts the chain; the resolution
    /// is revision 1 and follows the version. Its source is looked up (or added) now. `digests`
    /// are its events' digests when already computed.
    mutating func add(_ claim: NewClaim, id: ClaimID, change: Change, digests: FirstDigests? = nil) throws {
        try claim.content.checkStorable()
        for f in claim.forecasts { try f.checkStorable() }
        try claim.resolution?.checkStorable()
        try change.checkStorable()
        let sourceID = try claim.content.source.map { try target.sourceRowID($0) }
        let digests = digests ?? FirstDigests(claim, id: id, change: change)
        claims.add(.init(id: id, createdAt: change.at))
        addVersion(id: id, number: 1, content: claim.content, change: change, sourceID: sourceID, prev: "", digest: digests.version,
                   leaf: digests.versionLeaf)
        for (forecast, leaf) in zip(claim.forecasts, digests.forecastLeaves) { try addForecast(id: id, forecast, change: change, leaf: leaf) }
        if let resolution = claim.firstResolution(change: change) {
            addResolution(id: id, resolution, prev: digests.version, digest: digests.resolution, leaf: digests.resolutionLeaf)
        }
        newClaims += 1
    }

    /// A version after the event whose digest is `prev`; returns its own digest (`digest`, when
    /// the caller computed it, as `leaf` its log leaf).
    @discardableResult
    mutating func addVersion(id: ClaimID, number: Int, content c: ClaimContent, change: Change, sourceID: Int64?, prev: String,
                             digest: String? = nil, leaf: LogHash? = nil) -> String {
        let version = ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: change.at, author: change.author,
                                                             reason: change.reason), content: c)
        let leaf = leaf ?? Merkle.leafHash(.version(version))
        let digest = digest ?? HashChain.chainDigest(prev: prev, leaf: leaf)
        versions.add(.init(id: id, number: number, change: change, content: c, sourceID: sourceID, prev: prev, digest: digest))
        for tag in c.tags { tags.add(.init(id: id, number: number, tag: tag)) }
        for t in c.translations { translations.add(.init(id: id, number: number, translation: t)) }
        if target.writesWords { words.add(.init(id: id, number: number, content: c)) }
        target.log.append(kind: .version, claim: id, number: Int64(number), recordedAt: change.at, leaf: leaf)
        return digest
    }

    mutating func addForecast(id: ClaimID, _ f: Forecast, change: Change, leaf: LogHash? = nil) throws {
        let rowID = try target.nextForecastID()
        forecasts.add(.init(rowID: rowID, id: id, forecast: f, change: change))
        let recorded = RecordedForecast(forecast: f, recordedAt: change.at, author: change.author)
        target.log.append(kind: .forecast, claim: id, number: rowID, recordedAt: change.at,
                           leaf: leaf ?? Merkle.leafHash(.forecast(claim: id, recorded)))
    }

    /// A resolution revision after the event whose digest is `prev`; returns its own digest.
    @discardableResult
    mutating func addResolution(id: ClaimID, _ revision: ResolutionRevision, prev: String, digest: String? = nil, leaf: LogHash? = nil) -> String {
        let leaf = leaf ?? Merkle.leafHash(.resolution(claim: id, revision))
        let digest = digest ?? HashChain.chainDigest(prev: prev, leaf: leaf)
        resolutions.add(.init(id: id, revision: revision, prev: prev, digest: digest))
        target.log.append(kind: .resolution, claim: id, number: Int64(revision.revision), recordedAt: revision.recordedAt, leaf: leaf)
        return digest
    }

    /// A claim's row, for a claim whose first version is added apart (`EventCopy`).
    mutating func addClaimRow(id: ClaimID, createdAt: Timestamp) {
        claims.add(.init(id: id, createdAt: createdAt))
    }

    /// How many rows are pending in all.
    var pendingRows: Int { versions.count + forecasts.count + resolutions.count }

    /// Writes every pending row, parents before children (claims, versions, their tags and
    /// translations and words, forecasts, resolutions, then their log events), and forgets them.
    mutating func insert() throws {
        try target.insert(&claims)
        try target.insert(&versions)
        try target.insert(&tags)
        try target.insert(&translations)
        try target.insert(&words)
        try target.insert(&forecasts)
        try target.insert(&resolutions)
        var log = PendingRows(TableRows.log)
        for batch in target.log.takeBatches() { log.add(batch) }
        try target.insert(&log)
        newClaims = 0
    }
}
