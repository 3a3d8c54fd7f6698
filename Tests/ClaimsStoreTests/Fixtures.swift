import ClaimsCore
import ClaimsStore
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

/// The backends the store's suite runs against (VersioningTests, QueryTests): every test of
/// `ClaimStore`'s operations takes one. A new backend joins here and must pass them all.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite

    func store() throws -> any ClaimStore {
        switch self {
        case .sqlite: return try newDatabase()
        }
    }

    var testDescription: String { rawValue }
}
