@testable import ClaimsStore
import Foundation
import Testing

/// A PostgreSQL database of its own for a test, on the server CLAIMS_TEST_POSTGRES names (the
/// store's suite has the same helper; the PostgreSQL tests are skipped without it, and say so).
enum TestPostgres {
    static var adminURL: String? { ProcessInfo.processInfo.environment["CLAIMS_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }

    static func newDatabase() throws -> String {
        guard let adminURL else { throw StoreError.postgres("CLAIMS_TEST_POSTGRES is unset") }
        let name = "claims_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let session = try PostgresSession(PostgresURL(adminURL))
        defer { session.close() }
        try session.execute(.init(unsafeSQL: "CREATE DATABASE \(name)"))
        guard let slash = adminURL.range(of: "/", options: .backwards) else { return adminURL }
        return adminURL[..<slash.upperBound] + name
    }
}

@Suite struct CopyTests {
    /// A database with every kind of event: versions (an edit, a withdrawal), forecasts, a
    /// resolution and its amendment.
    func sample() -> Workspace {
        let w = Workspace()
        #expect(w.run(["import", Workspace.repositoryRoot.appendingPathComponent("claims").path]).code == 0)
        #expect(w.run(["forecast", "schrittwieser-2027-nobel", "--probability", "30%", "--forecaster", "Ann"], now: "2026-11-24T00:00:00Z").code == 0)
        #expect(w.run(["edit", "schrittwieser-rl", "--notes", "checked", "--reason", "a note"], now: "2026-11-25T00:00:00Z").code == 0)
        #expect(w.run(["resolve", "schrittwieser-2026-mid", "--outcome", "false", "--settled-on", "2026-07-01"], now: "2026-11-26T00:00:00Z").code == 0)
        #expect(w.run(["resolve", "schrittwieser-2026-mid", "--outcome", "partial", "--note", "re-measured"], now: "2026-11-27T00:00:00Z").code == 0)
        #expect(w.run(["withdraw", "schrittwieser-true", "--reason", "not a forecast"], now: "2026-11-28T00:00:00Z").code == 0)
        return w
    }

    func export(_ w: Workspace, db: String, format: String) throws -> Data {
        let file = w.folder.appendingPathComponent("export-\(UUID().uuidString).\(format)")
        let r = w.run(["export", file.path, "--format", format, "--db", db])
        #expect(r.code == 0, "\(r.err)")
        return try Data(contentsOf: file)
    }

    @Test func aCopyHoldsEveryEventAsRecordedAndTheSameRoot() throws {
        let w = sample()
        let copy = w.folder.appendingPathComponent("copy.sqlite").path
        let r = w.run(["copy", "--from", w.dbPath, "--to", copy])
        #expect(r.code == 0 && r.out.hasPrefix("copied 13 claims, 18 events: the log's root is "), "\(r.out) \(r.err)")
        let roots = [w.dbPath, copy].map { w.run(["verify", "--db", $0]).out }
        #expect(roots[0] == roots[1] && roots[0].hasPrefix("ok: 18 log events"))
        #expect(try export(w, db: w.dbPath, format: "jsonl") == export(w, db: copy, format: "jsonl"))
        #expect(try export(w, db: w.dbPath, format: "log") == export(w, db: copy, format: "log"))
    }

    @Test func aCopyIntoADatabaseThatHoldsEventsIsRefusedAndWritesNothing() throws {
        let w = sample()
        let other = Workspace()
        _ = other.add("Another claim")
        let before = other.databaseBytes
        let r = w.run(["copy", "--from", w.dbPath, "--to", other.dbPath])
        #expect(r.code == 1 && r.err.contains("holds events already"), "\(r.err)")
        #expect(other.databaseBytes == before)
        let same = w.run(["copy", "--from", w.dbPath, "--to", w.dbPath])
        #expect(same.code != 0 && same.err.contains("the same database"))
        // A missing source: nothing is created for the copy.
        let target = w.folder.appendingPathComponent("never.sqlite").path
        let missing = w.run(["copy", "--from", w.folder.appendingPathComponent("nothing.sqlite").path, "--to", target])
        #expect(missing.code == 1 && !FileManager.default.fileExists(atPath: target))
    }

    @Test(.enabled(if: TestPostgres.adminURL != nil, "CLAIMS_TEST_POSTGRES is unset: the PostgreSQL tests are SKIPPED"))
    func sqliteToPostgresAndBackGivesTheSameDatabase() throws {
        let w = sample()
        let postgres = try TestPostgres.newDatabase()
        let back = w.folder.appendingPathComponent("back.sqlite").path
        #expect(w.run(["copy", "--from", w.dbPath, "--to", postgres]).code == 0)
        #expect(w.run(["copy", "--from", postgres, "--to", back]).code == 0)
        let verified = [w.dbPath, postgres, back].map { w.run(["verify", "--db", $0]).out }
        let root = verified.map { $0.split(separator: ";").first.map(String.init) ?? "" }
        #expect(root[0] == root[1] && root[1] == root[2] && root[0].hasPrefix("ok: 18 log events, root "), "\(verified)")
        let exports = try [w.dbPath, postgres, back].map { try export(w, db: $0, format: "jsonl") }
        #expect(exports[0] == exports[1] && exports[1] == exports[2])
        let logs = try [w.dbPath, postgres].map { try export(w, db: $0, format: "log") }
        #expect(logs[0] == logs[1])
        // The PostgreSQL copy now holds events: a second copy into it is refused.
        #expect(w.run(["copy", "--from", w.dbPath, "--to", postgres]).err.contains("holds events already"))
    }
}
