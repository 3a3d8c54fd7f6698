import ClaimsCore
@testable import ClaimsStore
import ClaimsGeneration
import Foundation
import GRDB
import Testing

@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theMigrationsTheProgramRunsAreTheFilesInSchema() throws {
        let files = try SchemaSource.migrations(inFolder: Self.root.appendingPathComponent("schema"))
        #expect(!files.isEmpty)
        #expect(Schema.allMigrations == files,
                "schema/*.sql and Sources/ClaimsStore/SQLite/Schema.generated.swift differ: run `swift run claims-generate schema`")
    }

    @Test func aNewDatabaseHasEveryMigrationAndItsPragmas() throws {
        let db = try newDatabase()
        #expect(try db.appliedMigrations == Schema.allMigrations.map(\.identifier))
        #expect(try db.unsafeFetchStrings("PRAGMA journal_mode") == ["wal"])
        #expect(try db.unsafeFetchStrings("PRAGMA foreign_keys") == ["1"])
    }

    @Test(arguments: [
        "UPDATE claim_versions SET statement = 'rewritten'",
        "DELETE FROM claim_versions",
        "UPDATE claims SET created_at = '2020-01-01T00:00:00.000Z'",
        "DELETE FROM claims",
        "UPDATE claim_tags SET tag = 'x'",
        "DELETE FROM claim_tags",
        "UPDATE forecasts SET probability = 0.99",
        "DELETE FROM forecasts",
        "UPDATE resolutions SET outcome = 'true'",
        "DELETE FROM resolutions",
        "UPDATE sources SET title = 'x'",
        "DELETE FROM sources",
    ])
    func rawUpdatesAndDeletesOfHistoryAreRefused(_ sql: String) throws {
        let db = try newDatabase()
        let id = try db.add(NewClaim(content: content("It will rain", windowEnd: "2026-01-01", tags: ["weather"],
                                                      source: try Source(key: "s", kind: .post, title: "T")),
                                     forecasts: [Forecast(forecaster: try NonEmptyText("Ann", field: "f"), probability: try Probability(0.4), madeOn: day("2025-11-01"))],
                                     resolution: Resolution(outcome: .false, settledOn: day("2026-01-01"))),
                            change: change("2025-11-01T00:00:00Z"))
        #expect(throws: DatabaseError.self) { try db.unsafeExecute(sql) }
        #expect(try db.history(id).versions.count == 1)
        #expect(try db.state(id, at: now)?.resolution?.resolution.outcome == .false)
    }

    @Test func versionNumbersCannotSkipOrRepeat() throws {
        let db = try newDatabase()
        let id = try db.add(NewClaim(content: content("It will rain")), change: change("2025-11-01T00:00:00Z"))
        let insert = """
            INSERT INTO claim_versions (claim_id, version, recorded_at, author, reason, statement, claimant, said_on, prev_digest, digest)
            VALUES ('\(id)', %d, '2025-11-02T00:00:00.000Z', 'x', 'x', 's', 'c', '2025-10-23', '', hex(randomblob(32)))
            """
        #expect(throws: DatabaseError.self) { try db.unsafeExecute(String(format: insert, 3)) }
        #expect(throws: DatabaseError.self) { try db.unsafeExecute(String(format: insert, 1)) }
        try db.unsafeExecute(String(format: insert, 2))
    }

    @Test(arguments: [
        "statement = ''", "said_on = '2026-02-30'", "stated_probability = 1.5", "stated_probability = -0.1",
        "window_start = '2027-01-01', window_end = '2026-01-01'", "window_start = '2026-01-01'",
    ])
    func theSchemaRefusesInvalidValues(_ assignment: String) throws {
        let db = try newDatabase()
        var columns = ["claim_id": "'c1'", "version": "1", "recorded_at": "'2025-11-02T00:00:00.000Z'", "author": "'x'",
                       "reason": "'x'", "statement": "'s'", "claimant": "'c'", "said_on": "'2025-10-23'",
                       "prev_digest": "''", "digest": "hex(randomblob(32))"]
        for part in assignment.components(separatedBy: ", ") {
            let kv = part.components(separatedBy: " = ")
            columns[kv[0]] = kv[1]
        }
        try db.unsafeExecute("INSERT INTO claims (id, created_at) VALUES ('c1', '2025-11-02T00:00:00.000Z')")
        let names = columns.keys.sorted()
        // The same row with valid values goes in: each case fails for its own value, not another.
        if assignment == "statement = ''" {
            var valid = columns
            valid["statement"] = "'s'"
            try db.unsafeExecute("INSERT INTO claims (id, created_at) VALUES ('c2', '2025-11-02T00:00:00.000Z')")
            valid["claim_id"] = "'c2'"
            try db.unsafeExecute("INSERT INTO claim_versions (\(names.joined(separator: ","))) VALUES (\(names.map { valid[$0]! }.joined(separator: ",")))")
        }
        #expect(throws: DatabaseError.self) {
            try db.unsafeExecute("INSERT INTO claim_versions (\(names.joined(separator: ","))) VALUES (\(names.map { columns[$0]! }.joined(separator: ",")))")
        }
    }
}

@Suite struct OpeningTests {
    @Test func aMissingDatabaseIsAnErrorAndIsNotCreated() throws {
        let path = temporaryFolder().appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.databaseMissing(path: path)) { try ClaimsDatabase(path: path, mode: .mustExist) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotSQLiteIsRefusedUntouched() throws {
        let url = temporaryFolder().appendingPathComponent("notes.sqlite")
        let bytes = Data(String(repeating: "not a database\n", count: 100).utf8)
        try bytes.write(to: url)
        #expect(throws: StoreError.notAClaimsDatabase(path: url.path)) { try ClaimsDatabase(path: url.path, mode: .mustExist) }
        #expect(try Data(contentsOf: url) == bytes)
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let url = temporaryFolder().appendingPathComponent("other.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "CREATE TABLE accounts (id INTEGER PRIMARY KEY)") }
        try queue.close()
        #expect(throws: StoreError.notAClaimsDatabase(path: url.path)) { try ClaimsDatabase(path: url.path, mode: .mustExist) }
    }

    @Test func aDatabaseFromANewerVersionIsRefusedUntouched() throws {
        let url = temporaryFolder().appendingPathComponent("future.sqlite")
        do {
            let db = try ClaimsDatabase(path: url.path, mode: .createIfMissing)
            try db.add(NewClaim(content: content("It will rain")), change: change("2025-11-01T00:00:00Z"))
            try db.unsafeExecute("INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
            try db.unsafeExecute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let before = try Data(contentsOf: url)
        #expect(throws: StoreError.newerSchema(path: url.path, unknownMigrations: ["9999_from_the_future"])) {
            try ClaimsDatabase(path: url.path, mode: .mustExist)
        }
        #expect(try Data(contentsOf: url) == before)
    }

    /// Commands that only read use the one read-only connection that checked the file: it
    /// reads, it cannot write, and the file is left byte for byte as it was.
    @Test func aCurrentFileOpenedForReadingIsReadOnlyAndUntouched() throws {
        let url = temporaryFolder().appendingPathComponent("claims.sqlite")
        do {
            let db = try ClaimsDatabase(path: url.path, mode: .createIfMissing)
            try db.add(NewClaim(id: try ClaimID("rain"), content: content("It will rain")), change: change("2025-11-01T00:00:00Z"))
            try db.unsafeExecute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let before = try Data(contentsOf: url)
        let db = try ClaimsDatabase(path: url.path, mode: .readOnly)
        #expect(try db.list(ClaimFilter(), at: now).map(\.id.rawValue) == ["rain"])
        #expect(throws: (any Error).self) {
            try db.add(NewClaim(content: content("It will snow")), change: change("2025-11-02T00:00:00Z"))
        }
        #expect(throws: (any Error).self) { try db.unsafeExecute("CREATE TABLE scratch (x)") }
        #expect(try Data(contentsOf: url) == before)
        let missing = temporaryFolder().appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.databaseMissing(path: missing)) { try ClaimsDatabase(path: missing, mode: .readOnly) }
    }

    @Test func aDirectoryIsNotADatabase() throws {
        let folder = temporaryFolder()
        #expect(throws: StoreError.cannotOpen(path: folder.path, reason: "it is a directory")) {
            try ClaimsDatabase(path: folder.path, mode: .createIfMissing)
        }
    }
}
