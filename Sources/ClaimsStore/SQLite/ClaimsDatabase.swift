import ClaimsCore
import ClaimsLog
import Foundation
import GRDB

/// The SQLite store: the one owner of the connection. It opens or creates the file, migrates
/// it, and offers the whole operations of `ClaimStore`, each one transaction (IMMEDIATE for writes).
///
/// One connection per process (a `DatabaseQueue`) in WAL mode: other processes read while one
/// writes, and SQLite's locks with a busy timeout order writers. WAL is set with a plain
/// `PRAGMA journal_mode = WAL`, which writes nothing to a file already in WAL mode; GRDB's own
/// WAL set-up creates and drops a table on every open, and a command that fails must leave the
/// file byte for byte as it was.
public final class ClaimsDatabase: Sendable {
    public enum OpenMode: Sendable {
        /// Create the file (and its folder) when missing.
        case createIfMissing
        /// Fail with `StoreError.databaseMissing` when there is no file.
        case mustExist
        /// As `mustExist`, for commands that only read, and nothing is ever written: a file whose
        /// schema is current is used through the one read-only connection that checked it; an
        /// older file is copied into memory and the copy migrated, so the file stays as it was.
        /// A file on a read-only mount, or in a folder where SQLite cannot make its `-shm` file,
        /// is read as immutable.
        case readOnly
    }

    public let path: String
    let pool: DatabaseQueue
    /// Whether reads go to a migrated copy in memory, the file having an older schema: each
    /// read then copies the file, until a command that writes migrates it.
    public let readsMigratedCopy: Bool
    /// How long to wait for another process's write to finish before giving up.
    public let busyTimeout: Double

    /// `createFolder`: with `.createIfMissing`, whether a missing folder may be made too (the
    /// default `.claims/`); otherwise a missing folder is refused, as a mistyped path would be.
    public init(path: String, mode: OpenMode, busyTimeout: Double = 10, createFolder: Bool = true) throws {
        self.busyTimeout = busyTimeout
        self.path = path
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "it is a directory")
        }
        if !exists {
            guard mode == .createIfMissing else { throw StoreError.databaseMissing(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            if !createFolder && !fm.fileExists(atPath: folder.path) {
                throw StoreError.cannotOpen(path: path, reason: "the folder \(folder.path) does not exist (create it first, or check the path)")
            }
            do {
                try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the folder \(folder.path)")
            }
        } else if !fm.isReadableFile(atPath: path) {
            throw StoreError.cannotOpen(path: path, reason: "the file is not readable")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "claims"
        config.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw StoreError.cannotOpen(path: path, reason: "SQLite could not switch the file to WAL mode")
                }
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Statement journals (what undoes one failed statement inside a transaction) in
            // memory: in temporary files, a bulk import wrote each page of them out dozens of times.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            // Check an existing file through a read-only connection first: opening a pool may
            // write (WAL set-up), and a file we refuse must be left byte for byte as it was.
            var checked: DatabaseQueue?
            var copied = false
            if exists {
                let queue = try ClaimsDatabase.inspect(path: path, busyTimeout: busyTimeout)
                if mode == .readOnly {
                    // A read never migrates the file: an older one is read from a migrated copy in memory.
                    if try queue.read(ClaimsDatabase.migrator.hasCompletedMigrations) { checked = queue } else {
                        checked = try Self.migratedCopy(of: queue)
                        copied = true
                    }
                } else {
                    try queue.close()
                }
            }
            readsMigratedCopy = copied
            if let checked {
                pool = checked
            } else {
                pool = try Self.openAndMigrate(path: path, configuration: config, busyTimeout: busyTimeout)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                throw StoreError.notAClaimsDatabase(path: path)
            }
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw StoreError.busy(path: path, seconds: busyTimeout)
            }
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Opens the file and brings it up to date. Several processes may create or migrate one file
    /// at once: each migration is one transaction, so a process that finds another's migration
    /// already done (a table that exists, a migration recorded twice) or the file busy waits a
    /// moment and looks again, within the busy timeout, like any other write.
    static func openAndMigrate(path: String, configuration: Configuration, busyTimeout: Double) throws -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var wait: UInt32 = 2_000
        var seen: Set<String> = []
        while true {
            do {
                let pool = try DatabaseQueue(path: path, configuration: configuration)
                let migrator = ClaimsDatabase.migrator
                if try !pool.read(migrator.hasCompletedMigrations) {
                    let before = try pool.read(migrator.appliedIdentifiers)
                    seen = before
                    try migrator.migrate(pool)
                    // 0003 rebuilt two history tables in an existing file: give the old tables'
                    // pages back (a file of 100,000 claims: 146 MB to 77 MB, in 0.4 s), once. If
                    // another process holds the file, the pages are left for SQLite to reuse.
                    if !before.isEmpty && !before.contains(Self.lighterHistory) { try? pool.vacuum() }
                }
                return pool
            } catch let error as DatabaseError where Date() < deadline
                && anotherProcessIsMigrating(error, path: path, configuration: configuration, seen: seen) {
                usleep(wait)
                wait = min(wait * 2, 100_000)
            }
        }
    }

    /// Whether `error` comes from another process creating or migrating the file: it holds the
    /// file, or it applied a migration since this one looked (a table that exists already, a
    /// migration recorded twice). Any other failure is reported at once.
    static func anotherProcessIsMigrating(_ error: DatabaseError, path: String, configuration: Configuration, seen: Set<String>) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return true
        case .SQLITE_CONSTRAINT, .SQLITE_ERROR:
            guard let queue = try? DatabaseQueue(path: path, configuration: configuration),
                  let now = try? queue.read(migrator.appliedIdentifiers) else { return false }
            return now != seen
        default: return false
        }
    }

    /// The migration that rebuilds claim_versions and resolutions (schema/0003_lighter_history.sql).
    static let lighterHistory = "0003_lighter_history"
    /// The migration that starts the verifiable log (schema/0004_verifiable_log.sql).
    static let verifiableLog = "0004_verifiable_log"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Schema.allMigrations {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
                // The events recorded before the log enter it in their recorded order: their
                // encoding is the program's, so this step of the migration is too.
                if migration.identifier == Self.verifiableLog { try Self.backfillLog(db) }
            }
        }
        return migrator
    }

    /// Refuses a file that is not a claims database, or one written by a newer version; returns
    /// the read-only connection that checked it.
    static func inspect(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "claims (read-only)"
        let queue: DatabaseQueue
        do {
            let plain = try DatabaseQueue(path: path, configuration: config)
            do {
                _ = try plain.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            } catch {
                try? plain.close()
                throw error
            }
            queue = plain
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            // A WAL file whose -shm cannot be made here (a read-only mount or folder): read it
            // as immutable, unless its write-ahead log holds changes that such a read would miss.
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            if wal > 0 {
                throw StoreError.cannotOpen(path: path, reason: "it is read-only here, and its write-ahead log (\(path)-wal) holds changes that a read-only open cannot see; open it once where it can be written, which folds them in")
            }
            queue = try DatabaseQueue(path: immutableURI(path), configuration: config)
        }
        do {
            let migrator = migrator
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw StoreError.notAClaimsDatabase(path: path)
                }
                if tables.contains("grdb_migrations") {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                    if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
                }
            }
        } catch {
            try? queue.close()
            throw error
        }
        return queue
    }

    /// An SQLite URI that opens `path` read-only and immutable (no locks, no -shm file).
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for ch in path.unicodeScalars {
            switch ch {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(ch)
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    /// A copy in memory of the file behind `queue`, migrated: what a read of an older file sees,
    /// while the file itself stays as it was.
    static func migratedCopy(of queue: DatabaseQueue) throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "claims (migrated copy)"
        let memory = try DatabaseQueue(configuration: config)
        try queue.backup(to: memory)
        try queue.close()
        try migrator.migrate(memory)
        return memory
    }

    // MARK: - Running operations

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw storeError(error)
        } catch let error as RowDecodingError {
            throw StoreError.sqlite("a stored value cannot be read (\(error)); `claims verify` checks the file")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw storeError(error)
        } catch let error as RowDecodingError {
            throw StoreError.sqlite("a stored value cannot be read (\(error)); `claims verify` checks the file")
        }
    }

    /// SQLite's errors as the store's: what was refused, a lock held too long, or a failure.
    func storeError(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_CONSTRAINT: return .rejected(error.message ?? "constraint failed")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: busyTimeout)
        default: return .sqlite(error.message ?? "\(error.resultCode)")
        }
    }
}

extension ClaimsDatabase: ClaimStore {}

/// How to run a raw statement; for tests and tools that check the schema's own defences.
extension ClaimsDatabase {
    public func unsafeExecute(_ sql: String) throws {
        try pool.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    /// Runs `body` in a write transaction, for tests that play an attacker with the tool's own code.
    func unsafeWrite(_ body: (Database) throws -> Void) throws {
        try pool.write(body)
    }

    public func unsafeFetchStrings(_ sql: String) throws -> [String] {
        try pool.read { try String.fetchAll($0, sql: sql) }
    }

    public var appliedMigrations: [String] {
        get throws { try pool.read { try ClaimsDatabase.migrator.completedMigrations($0) } }
    }
}
