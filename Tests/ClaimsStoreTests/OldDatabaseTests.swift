import ClaimsCore
@testable import ClaimsStore
import Foundation
import GRDB
import Testing

/// A database written by the first released schema (Tests/Fixtures/claims-schema-0001.sqlite,
/// made by scripts/make-old-database.sh and never remade) opens with the current code, migrates,
/// and keeps every claim, version, forecast and resolution.
@Suite struct OldDatabaseTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/claims-schema-0001.sqlite")

    func copy() throws -> ClaimsDatabase {
        let path = temporaryFolder().appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: Self.fixture, to: path)
        return try ClaimsDatabase(path: path.path, mode: .mustExist)
    }

    /// A command that only reads never migrates the file: it reads a migrated copy in memory,
    /// and the file keeps every byte (and its old schema) until a command writes to it.
    @Test func readingAnOldFileReadsAMigratedCopyAndLeavesTheFileAlone() throws {
        let path = temporaryFolder().appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: Self.fixture, to: path)
        let before = try Data(contentsOf: path)
        let db = try ClaimsDatabase(path: path.path, mode: .readOnly)
        #expect(try db.appliedMigrations == Schema.allMigrations.map(\.identifier))
        #expect(try db.allStates(at: ReadPoint(today: day("2026-11-23"))).count == 13)
        #expect(try db.verify().isClean)
        #expect(try Data(contentsOf: path) == before)
        // A write migrates it, once.
        let writable = try ClaimsDatabase(path: path.path, mode: .mustExist)
        #expect(try writable.appliedMigrations == Schema.allMigrations.map(\.identifier))
    }

    @Test func theFirstReleasedSchemaOpensMigratesAndKeepsEverything() throws {
        let db = try copy()
        #expect(try db.appliedMigrations == Schema.allMigrations.map(\.identifier))
        let point = ReadPoint(today: day("2026-11-23"))
        let all = try db.allStates(at: point)
        #expect(all.count == 13)
        #expect(all.allSatisfy { $0.content.quote != nil && $0.content.criteria != nil && $0.content.translations.first?.language == "zh" })
        let day = try #require(try db.state(try ClaimID("schrittwieser-2026-whole-day-autonomy"), at: point))
        #expect(day.current.info.version == 2 && day.content.notes == "Fixture edit: a second version.")
        #expect(day.content.window?.rule == "next-year" && day.content.confidence.inferred?.band == .roughlyEven)
        #expect(day.forecasts.map(\.forecast.probability.value) == [0.35])
        let history = try db.history(try ClaimID("schrittwieser-2026-mid-all-day-agents"))
        #expect(history.resolutions.map(\.resolution.outcome) == [.false, .annulled])
        #expect(history.resolutions[0].resolution.evidence == ["https://example.org/fixture"])
        let report = try db.verify()
        #expect(report.isClean && report.events == 16)
        // Its history entered the log, in the order recorded: 16 versions and revisions and the
        // forecast; every per-claim digest still verifies (above), and so does every leaf.
        #expect(report.logSize == 17 && report.log.isEmpty)
        var kinds: [String] = [], times: [String] = []
        try db.logEvents { _, event, _ in
            kinds.append(event?.kind.rawValue ?? "missing")
            times.append(event?.recordedAt.description ?? "")
        }
        #expect(kinds.count == 17 && !kinds.contains("missing") && kinds.filter { $0 == "forecast" }.count == 1)
        #expect(times == times.sorted())
        #expect(try db.logHead().root == report.logRoot)
    }

    /// Migration 0003 rebuilds claim_versions and resolutions: on the migrated file the history
    /// still refuses to be rewritten, numbers still run on, and the current-state index still
    /// follows new versions and revisions.
    @Test func theRebuiltHistoryTablesKeepTheirDefences() throws {
        let db = try copy()
        for sql in ["UPDATE claim_versions SET statement = 'rewritten'", "DELETE FROM claim_versions",
                    "UPDATE resolutions SET outcome = 'true'", "DELETE FROM resolutions"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.unsafeExecute(sql) }
        }
        let id = try ClaimID("schrittwieser-2026-whole-day-autonomy")
        #expect(throws: DatabaseError.self) {
            try db.unsafeExecute("""
                INSERT INTO claim_versions (claim_id, version, recorded_at, author, reason, statement, claimant, said_on, prev_digest, digest)
                VALUES ('\(id)', 4, '2026-11-23T00:00:00.000Z', 'x', 'x', 's', 'c', '2025-10-23', '', hex(randomblob(32)))
                """)
        }
        try db.edit(id, ClaimChange(notes: .set("After 0003.")), change: change("2026-11-23T00:00:00Z"))
        try db.resolve(id, Resolution(outcome: .true, settledOn: day("2026-11-22")), change: change("2026-11-23T00:00:01Z"))
        let point = ReadPoint(today: day("2026-11-23"))
        let listed = try #require(try db.list(ClaimFilter(), at: point).first { $0.id == id })
        #expect(listed.current.info.version == 3 && listed.content.notes == "After 0003." && listed.resolution?.resolution.outcome == .true)
        #expect(try db.verify().isClean)
    }

    /// Rebuilding two tables leaves their old pages free; the first open after 0003 compacts the
    /// file once.
    @Test func theFileIsCompactedAfterTheRebuild() throws {
        let db = try copy()
        #expect(try db.unsafeFetchStrings("PRAGMA freelist_count") == ["0"])
        #expect(try db.verify().isClean)
    }

    @Test func theFixtureItselfIsNeverChanged() throws {
        let before = try Data(contentsOf: Self.fixture)
        _ = try copy()
        #expect(try Data(contentsOf: Self.fixture) == before)
    }
}
