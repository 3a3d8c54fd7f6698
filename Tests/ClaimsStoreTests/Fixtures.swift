import ClaimsCore
@testable import ClaimsStore
import Foundation
import Testing

/// A new, empty folder for one test's database.
func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("claims-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func newDatabase() throws -> ClaimsDatabase {
    try ClaimsDatabase(path: temporaryFolder().appendingPathComponent("claims.sqlite").path, mode: .createIfMissing)
}

func at(_ text: String) -> Timestamp { try! Timestamp(parsing: text) }
func day(_ text: String) -> Day { try! Day(text) }

func change(_ moment: String, reason: String = "test", author: String = "tester") -> Change {
    Change(author: author, at: at(moment), reason: reason)
}

func content(_ statement: String, claimant: String = "Julian Schrittwieser", saidOn: String = "2025-10-23",
             windowEnd: String? = nil, windowStart: String? = nil, probability: Double? = nil, tags: [String] = [],
             source: Source? = nil) -> ClaimContent {
    let said = day(saidOn)
    return ClaimContent(
        statement: try! NonEmptyText(statement, field: "statement"), claimant: try! NonEmptyText(claimant, field: "claimant"),
        saidOn: said, source: source,
        window: windowEnd.map { try! DueWindow(start: windowStart.map(day) ?? said, end: day($0)) },
        confidence: Confidence(stated: probability.map { try! Probability($0) }), tags: tags)
}

let now = ReadPoint(today: day("2026-11-23"))

/// The backends the store's suite runs against (VersioningTests, QueryTests, PostgresTests):
/// every test of `ClaimStore`'s operations takes one. A new backend joins here and must pass
/// them all. PostgreSQL is tested when CLAIMS_TEST_POSTGRES names a server (an administrator's
/// URL, as `.ci/postgres start` prints); without it those tests are skipped, and say so.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var allCases: [Backend] { PostgresServer.adminURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    func store() throws -> any ClaimStore {
        switch self {
        case .sqlite: return try newDatabase()
        case .postgres: return try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)
        }
    }

    var testDescription: String { rawValue }
}

/// The PostgreSQL server of the tests: each test gets a database of its own on it.
enum PostgresServer {
    static let adminURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["CLAIMS_TEST_POSTGRES"], !url.isEmpty else {
            FileHandle.standardError.write(Data("""

                ******************************************************************************
                CLAIMS_TEST_POSTGRES is unset: the PostgreSQL tests are SKIPPED. `.ci/run` sets it
                (a throwaway cluster from `.ci/postgres start DIR`).
                ******************************************************************************

                """.utf8))
            return nil
        }
        return url
    }()

    /// Runs `sql` as the administrator.
    static func admin(_ sql: String) throws {
        guard let adminURL else { throw StoreError.postgres("CLAIMS_TEST_POSTGRES is unset") }
        let session = try PostgresSession(PostgresURL(adminURL))
        defer { session.close() }
        try session.execute(.init(unsafeSQL: sql))
    }

    /// A new, empty database; its URL.
    static func newDatabase() throws -> String {
        guard let adminURL else { throw StoreError.postgres("CLAIMS_TEST_POSTGRES is unset") }
        let name = "claims_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try admin("CREATE DATABASE \(name)")
        return url(of: String(name), from: adminURL)
    }

    /// The administrator's URL, naming `database` instead.
    static func url(of database: String, from adminURL: String) -> String {
        guard let slash = adminURL.range(of: "/", options: .backwards) else { return adminURL }
        return adminURL[..<slash.upperBound] + database
    }
}
