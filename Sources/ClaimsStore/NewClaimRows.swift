import ClaimsCore
import Foundation
import GRDB
// GRDB's module for the system SQLite, reached through GRDB: declaring its GRDBSQLite product as
// a dependency of ours makes SwiftPM build GRDB's dynamic library too, which cannot be linked
// with --static-swift-stdlib.
import GRDBSQLite

/// A value for one column of a row to insert, bound straight to SQLite (GRDB's arguments box
/// every value; on the import path that cost more than SQLite's own work).
enum Cell {
    case null, integer(Int64), real(Double), text(String)

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

/// A table rows are added to: its name, its columns, and the INSERT statements for one row and
/// for a full batch, made once.
final class TableShape: Sendable {
    let table: String
    let columns: [String]
    let oneRow: String
    let fullBatch: String

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
        oneRow = Self.sql(table, columns, rows: 1)
        fullBatch = Self.sql(table, columns, rows: PendingRows.rowsPerStatement)
    }

    func sql(rows: Int) -> String {
        rows == 1 ? oneRow : rows == PendingRows.rowsPerStatement ? fullBatch : Self.sql(table, columns, rows: rows)
    }

    static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }

    static let claims = TableShape("claims", ["id", "created_at"])
    static let versions = TableShape("claim_versions", [
        "claim_id", "version", "recorded_at", "author", "reason", "statement", "claimant", "said_on", "source_id", "quote",
        "location", "criteria", "window_start", "window_end", "window_phrase", "window_rule", "confidence_words",
        "stated_probability", "notes", "prev_digest", "digest",
    ])
    static let tags = TableShape("claim_tags", ["claim_id", "version", "tag"])
    static let translations = TableShape("claim_translations", ["claim_id", "version", "language", "statement", "quote", "location"])
    static let forecasts = TableShape("forecasts", ["claim_id", "forecaster", "probability", "made_on", "note", "recorded_at", "author"])
    static let resolutions = TableShape("resolutions", [
        "claim_id", "revision", "outcome", "settled_on", "evidence", "note", "recorded_at", "author", "prev_digest", "digest",
    ])
}

/// Rows to add to one table, written by INSERT statements of up to `rowsPerStatement` rows each.
/// One statement of many rows spares SQLite part of its per-statement work (binding, the
/// statement journal, the triggers' set-up): an import writes new claims this way.
struct PendingRows {
    static let rowsPerStatement = 32

    let shape: TableShape
    private(set) var values: [Cell] = []

    init(_ shape: TableShape) { self.shape = shape }

    mutating func add(_ row: Cell...) {
        assert(row.count == shape.columns.count, "\(shape.table): \(row.count) values for \(shape.columns.count) columns")
        values += row
    }

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

/// The rows of claims and of their new versions, forecasts and resolutions, with their digests:
/// every write of the store goes through here, one event at a time or a batch of new claims.
struct NewClaimRows {
    private var claims = PendingRows(.claims)
    private var versions = PendingRows(.versions)
    private var tags = PendingRows(.tags)
    private var translations = PendingRows(.translations)
    private var forecasts = PendingRows(.forecasts)
    private var resolutions = PendingRows(.resolutions)
    /// How many new claims are pending.
    private(set) var newClaims = 0

    /// The digests a new claim's events get: its first version's, and its resolution's.
    struct FirstDigests: Sendable {
        let version: String
        let resolution: String?

        init(_ claim: NewClaim, id: ClaimID, change: Change) {
            version = HashChain.versionDigest(NewClaimRows.firstVersion(claim, id: id, change: change), prev: "")
            resolution = NewClaimRows.firstResolution(claim, change: change).map { [version] in
                HashChain.resolutionDigest(claim: id, $0, prev: version)
            }
        }

        /// For many claims at once, on every core (the digests are pure work; writing is not).
        static func of(_ claims: [(NewClaim, ClaimID)], change: Change) -> [FirstDigests] {
            claims.concurrentMap(perWorker: 500) { FirstDigests($0, id: $1, change: change) }
        }
    }

    static func firstVersion(_ claim: NewClaim, id: ClaimID, change: Change) -> ClaimVersion {
        ClaimVersion(id: id, info: VersionInfo(version: 1, recordedAt: change.at, author: change.author, reason: change.reason),
                     content: claim.content)
    }

    static func firstResolution(_ claim: NewClaim, change: Change) -> ResolutionRevision? {
        claim.resolution.map { ResolutionRevision(revision: 1, resolution: $0, recordedAt: change.at, author: change.author) }
    }

    /// A claim whose id is known to be free: its row, first version, forecasts and resolution.
    /// Nothing needs reading back: the version is number 1 and starts the chain; the resolution
    /// is revision 1 and follows the version. Its source is looked up (or added) now. `digests`
    /// are its events' digests when already computed.
    mutating func add(_ claim: NewClaim, id: ClaimID, change: Change, digests: FirstDigests? = nil,
                      sources: ClaimsDatabase.SourceCache?, _ db: Database) throws {
        let sourceID = try claim.content.source.map { try ClaimsDatabase.sourceRowID($0, cache: sources, db) }
        let digests = digests ?? FirstDigests(claim, id: id, change: change)
        claims.add(.text(id.rawValue), .text(change.at.description))
        addVersion(id: id, number: 1, content: claim.content, change: change, sourceID: sourceID, prev: "", digest: digests.version)
        for forecast in claim.forecasts { addForecast(id: id, forecast, change: change) }
        if let resolution = Self.firstResolution(claim, change: change) {
            addResolution(id: id, resolution, prev: digests.version, digest: digests.resolution)
        }
        newClaims += 1
    }

    /// A version after the event whose digest is `prev`; returns its own digest (`digest`, when
    /// the caller computed it).
    @discardableResult
    mutating func addVersion(id: ClaimID, number: Int, content c: ClaimContent, change: Change, sourceID: Int64?, prev: String,
                             digest: String? = nil) -> String {
        let digest = digest ?? HashChain.versionDigest(ClaimVersion(id: id, info: VersionInfo(version: number, recordedAt: change.at,
                                                                                               author: change.author, reason: change.reason),
                                                                    content: c), prev: prev)
        versions.add(
            .text(id.rawValue), Cell(number), .text(change.at.description), .text(change.author), .text(change.reason),
            .text(c.statement.value), .text(c.claimant.value), .text(c.saidOn.description), Cell(sourceID), Cell(c.quote),
            Cell(c.location), Cell(c.criteria), Cell(c.window?.start.description), Cell(c.window?.end.description),
            Cell(c.window?.phrase), Cell(c.window?.rule), Cell(c.confidence.words), Cell(c.confidence.stated?.value),
            Cell(c.notes), .text(prev), .text(digest))
        for tag in c.tags { tags.add(.text(id.rawValue), Cell(number), .text(tag)) }
        for t in c.translations {
            translations.add(.text(id.rawValue), Cell(number), .text(t.language), Cell(t.statement), Cell(t.quote), Cell(t.location))
        }
        return digest
    }

    mutating func addForecast(id: ClaimID, _ f: Forecast, change: Change) {
        forecasts.add(.text(id.rawValue), .text(f.forecaster.value), .real(f.probability.value), .text(f.madeOn.description), Cell(f.note),
                      .text(change.at.description), .text(change.author))
    }

    mutating func addResolution(id: ClaimID, _ revision: ResolutionRevision, prev: String, digest: String? = nil) {
        let r = revision.resolution
        resolutions.add(.text(id.rawValue), Cell(revision.revision), .text(r.outcome.rawValue), .text(r.settledOn.description),
                        .text(Rows.jsonArray(r.evidence)), Cell(r.note), .text(revision.recordedAt.description), .text(revision.author),
                        .text(prev), .text(digest ?? HashChain.resolutionDigest(claim: id, revision, prev: prev)))
    }

    /// Writes every pending row, parents before children (claims, versions, their tags and
    /// translations, forecasts, resolutions), and forgets them.
    mutating func insert(_ db: Database) throws {
        try claims.insert(db)
        try versions.insert(db)
        try tags.insert(db)
        try translations.insert(db)
        try forecasts.insert(db)
        try resolutions.insert(db)
        newClaims = 0
    }
}
