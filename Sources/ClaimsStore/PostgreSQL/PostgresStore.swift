import ClaimsCore
import ClaimsLog
import Foundation
import PostgresNIO

/// The PostgreSQL store: the one owner of its connection. It checks the database (its own,
/// not another application's, and not newer than this program), brings it up to date, and
/// offers the whole operations of `ClaimStore`, each one transaction.
///
/// Many writers on many machines: every write transaction first locks the log's head row
/// (`SELECT … FOR UPDATE`), so writes are applied one after another, each reading the state the
/// one before it left; versions, forecast numbers and log events never skip or repeat. Reads
/// take no lock.
public final class PostgresStore: ClaimStore, @unchecked Sendable {
    public let url: PostgresURL
    let session: PostgresSession

    /// How many versions a search's words may be in before a listing with a limit tests claims
    /// in its order rather than gathering them through the index of words (see
    /// `PostgresListing.WordPath`); tests lower it to take the second path on a few claims.
    var commonWordVersions = 2000

    /// The migrations this program knows (schema/postgres/), in order.
    static var migrations: [SchemaMigration] { PostgresSchema.migrations }

    public init(url text: String, mode: ClaimsDatabase.OpenMode) throws {
        url = try PostgresURL(text)
        session = try PostgresSession(url)
        try prepare(mode: mode, migrations: Self.migrations)
    }

    /// A store on a database brought only up to `migrations` (the first of those this program
    /// knows): for tests of a database an earlier version made.
    init(url text: String, mode: ClaimsDatabase.OpenMode, migrations: [SchemaMigration]) throws {
        url = try PostgresURL(text)
        session = try PostgresSession(url)
        try prepare(mode: mode, migrations: migrations)
    }

    /// Checks what the database holds and applies the migrations it lacks, under an advisory lock
    /// (several processes may start on a new database at once).
    private func prepare(mode: ClaimsDatabase.OpenMode, migrations: [SchemaMigration]) throws {
        let known = migrations.map(\.identifier)
        let applied = try appliedMigrations()
        if applied == nil {
            if try tableCount() > 0 { throw StoreError.notAClaimsDatabase(path: url.description) }
            guard mode == .createIfMissing else { throw StoreError.databaseMissing(path: url.description) }
        }
        let unknown = (applied ?? []).filter { !known.contains($0) }
        guard unknown.isEmpty else { throw StoreError.newerSchema(path: url.description, unknownMigrations: unknown) }
        guard (applied ?? []).count < known.count else { return }
        do {
            try migrate(migrations)
        } catch StoreError.notPermitted(let reason) where applied != nil {
            let missing = known.filter { !(applied ?? []).contains($0) }
            throw StoreError.migrationNeedsOwner(path: url.description, migrations: missing, reason: reason)
        }
    }

    /// Applies the migrations the database lacks, in one transaction.
    private func migrate(_ migrations: [SchemaMigration]) throws {
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            let done = try appliedMigrations() ?? []
            if done.isEmpty, try tableCount() > 0 { throw StoreError.notAClaimsDatabase(path: url.description) }
            for migration in migrations where !done.contains(migration.identifier) {
                // A migration is several statements: run as one, through PL/pgSQL's EXECUTE
                // (the extended protocol takes one statement at a time).
                try session.execute(PostgresQuery(unsafeSQL: """
                    DO $claims_migration$ BEGIN EXECUTE $claims_sql$\(migration.sql)$claims_sql$; END $claims_migration$
                    """))
                try session.execute("INSERT INTO claims_migrations (identifier) VALUES (\(migration.identifier))")
            }
        }
    }

    static let migrationLock: Int64 = 0x636C_6169_6D73 // "claims"

    /// The migrations recorded, or nil when the database has no claims_migrations table.
    private func appliedMigrations() throws -> [String]? {
        let present = try session.rows("SELECT to_regclass('claims_migrations') IS NOT NULL AS present")
        guard try present.first?.decode(Bool.self) == true else { return nil }
        return try session.rows("SELECT identifier FROM claims_migrations ORDER BY identifier").map { try $0.decode(String.self) }
    }

    /// How many tables and views the connection's schema holds.
    private func tableCount() throws -> Int {
        try session.rows("""
            SELECT count(*)::int8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
            """).first?.decode(Int.self) ?? 0
    }

    public func close() { session.close() }

    // MARK: Transactions

    /// A read: one transaction, REPEATABLE READ, so that a read of several queries sees one state.
    @discardableResult
    func read<T>(_ body: () throws -> T) throws -> T {
        try session.transaction("REPEATABLE READ", readOnly: true, body)
    }

    /// A write that appends to the log: the log's head is locked first and saved before commit.
    func logged<T>(_ body: (PostgresTarget) throws -> T) throws -> T {
        try session.transaction {
            let target = try PostgresTarget(session)
            let result = try body(target)
            try target.save()
            return result
        }
    }
}

/// PostgreSQL's `WriteTarget`: the transaction's log (its head locked), and the numbers it gives
/// sources and forecasts. Rows are inserted by multi-row INSERTs with bound parameters.
final class PostgresTarget: WriteTarget {
    let session: PostgresSession
    let log: LogAppender
    private var sources = SourceRows()
    private var nextForecast: Int64?
    private var nextSource: Int64?

    init(_ session: PostgresSession) throws {
        self.session = session
        guard let row = try session.rows("SELECT size, frontier, last_recorded_at FROM log_head WHERE id = 1 FOR UPDATE").first else {
            throw StoreError.damagedLogHead
        }
        let (size, frontier, last) = try row.decode((Int, ByteBuffer, String).self)
        log = try LogAppender(size: size, frontierBytes: Array(buffer: frontier), lastRecordedAt: last)
    }

    func save() throws {
        var log = PendingRows(TableRows.log)
        for batch in self.log.takeBatches() { log.add(batch) }
        try insert(&log)
        guard self.log.headChanged else { return }
        try session.execute("""
            UPDATE log_head SET size = \(self.log.frontier.size), frontier = \(ByteBuffer(bytes: self.log.frontier.bytes)),
                   last_recorded_at = \(self.log.lastRecordedAt) WHERE id = 1
            """)
        self.log.markSaved()
    }

    func nextForecastID() throws -> Int64 {
        let id = try nextForecast ?? (session.rows("SELECT coalesce(max(id), 0)::int8 + 1 FROM forecasts").first?.decode(Int64.self) ?? 1)
        nextForecast = id + 1
        return id
    }

    func sourceRowID(_ source: Source) throws -> Int64 {
        if let id = sources[source] { return id }
        let people = Rows.jsonArray(source.people)
        if let row = try session.rows("""
            SELECT id FROM sources WHERE key = \(source.key) AND kind = \(source.kind.rawValue)
              AND coalesce(title, '') = \(source.title ?? "") AND coalesce(url, '') = \(source.url ?? "")
              AND coalesce(publisher, '') = \(source.publisher ?? "") AND coalesce(published_on, '') = \(source.publishedOn?.description ?? "")
              AND coalesce(language, '') = \(source.language ?? "") AND people::text = \(people)
            """).first {
            let id = try row.decode(Int64.self)
            sources[source] = id
            return id
        }
        let id = try nextSource ?? (session.rows("SELECT coalesce(max(id), 0)::int8 + 1 FROM sources").first?.decode(Int64.self) ?? 1)
        nextSource = id + 1
        try session.execute("""
            INSERT INTO sources (id, key, kind, title, url, publisher, published_on, language, people)
            VALUES (\(id), \(source.key), \(source.kind.rawValue), \(source.title), \(source.url), \(source.publisher),
                    \(source.publishedOn?.description), \(source.language), \(people))
            """)
        sources[source] = id
        return id
    }

    /// Each statement is a round trip to the server: a few hundred claims a batch.
    var newClaimsPerBatch: Int { 500 }

    /// Searches find their candidates through claim_words.
    var writesWords: Bool { true }

    func insert<Row>(_ rows: inout PendingRows<Row>) throws {
        try PostgresRows.insert(rows.shape, rows.values, session)
        rows.removeAll()
    }
}

/// Rows of a `TableShape` inserted into PostgreSQL: the same columns, and the same values, as on
/// SQLite.
enum PostgresRows {
    /// At most this many rows an INSERT: up to 1,000, within PostgreSQL's 65,535 parameters.
    static func rowsPerStatement(width: Int) -> Int { max(1, min(1000, 60000 / max(1, width))) }

    static func insert<Row>(_ shape: TableShape<Row>, _ values: [Cell], _ session: PostgresSession) throws {
        let width = shape.columns.count
        guard width > 0, !values.isEmpty else { return }
        let rows = values.count / width
        let (table, conflict) = shape.postgresTarget
        // A few rows (one event's), or rows that replace a taken key (which COPY cannot): an
        // INSERT. Many plain rows (an import's batch): COPY, a megabyte or so at a time.
        guard conflict.isEmpty, rows >= copyFromRows else {
            return try insertStatements(shape, values, rows: rows, width: width, table: table, conflict: conflict, session)
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1 << 16)
        for r in 0..<rows {
            CopyText.append(values[(r * width)..<((r + 1) * width)], to: &buffer)
            if buffer.readableBytes >= 1 << 20 {
                try session.copy(buffer, into: table, columns: shape.columns.map(\.name))
                buffer = ByteBuffer()
            }
        }
        if buffer.readableBytes > 0 { try session.copy(buffer, into: table, columns: shape.columns.map(\.name)) }
    }

    /// From this many rows on, COPY (below, its exchange costs more than an INSERT's).
    static let copyFromRows = 16

    /// Multi-row INSERTs, sent without waiting for them (as COPY).
    static func insertStatements<Row>(_ shape: TableShape<Row>, _ values: [Cell], rows: Int, width: Int, table: String,
                                      conflict: String, _ session: PostgresSession) throws {
        var first = 0
        while first < rows {
            let count = min(rowsPerStatement(width: width), rows - first)
            var sql = "INSERT INTO \(table) (\(shape.columns.map(\.name).joined(separator: ", "))) VALUES "
            var binds = PostgresBindings(capacity: count * width)
            for r in 0..<count {
                sql += r == 0 ? "(" : ",("
                for c in 0..<width {
                    let n = r * width + c + 1
                    sql += c == 0 ? "$\(n)" : ",$\(n)"
                    values[(first + r) * width + c].bind(into: &binds)
                }
                sql += ")"
            }
            try session.executeLater(PostgresQuery(unsafeSQL: sql + conflict, binds: binds))
            first += count
        }
    }
}

extension TableShape {
    /// The table, and what an insert does on a taken key: nothing special, but for the import
    /// marks, a cache whose row is replaced (SQLite's INSERT OR REPLACE).
    var postgresTarget: (table: String, conflict: String) {
        guard verb.contains("REPLACE") else { return (table, "") }
        let key = columns[0].name
        let rest = columns.dropFirst().map { "\($0.name) = excluded.\($0.name)" }.joined(separator: ", ")
        return (table, " ON CONFLICT (\(key)) DO UPDATE SET \(rest)")
    }
}

extension Cell {
    func bind(into binds: inout PostgresBindings) {
        switch self {
        case .null: binds.appendNull()
        case .integer(let v): binds.append(v)
        case .real(let v): binds.append(v)
        case .text(let v): binds.append(v)
        case .blob(let v): binds.append(ByteBuffer(bytes: v))
        }
    }
}
