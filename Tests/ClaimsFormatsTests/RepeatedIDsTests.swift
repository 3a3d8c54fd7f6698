import ClaimsCore
@testable import ClaimsFormats
import Foundation
import Testing

/// Ids used twice are found in bounded memory: hashes beyond `inMemory` go to sorted runs on
/// disk, merged at the end; the ids themselves are compared on a second look.
@Suite struct RepeatedIDsTests {
    func ids(_ n: Int) throws -> [ClaimID] { try (0..<n).map { try ClaimID("claim-\($0)") } }

    @Test(arguments: [100, 1 << 20])
    func repeatsAreFoundWithinARunAndAcrossRuns(_ inMemory: Int) throws {
        var all = try ids(1000)
        all.insert(all[10], at: 50)     // the same run when runs hold 100 hashes
        all.insert(all[20], at: 900)    // another run
        all.append(all[999])            // the last, set against the last run
        let repeats = RepeatedIDs(inMemory: inMemory)
        for id in all { repeats.note(id) }
        try repeats.finish()
        #expect(repeats.hasSuspects)
        var check = repeats.confirmation(path: "f.jsonl")
        let issues = all.enumerated().compactMap { check.note($1, line: $0 + 1) }
        #expect(issues.map(\.description) == [
            "f.jsonl:51: the id 'claim-10' is used twice (first on line 11)",
            "f.jsonl:901: the id 'claim-20' is used twice (first on line 21)",
            "f.jsonl:1003: the id 'claim-997' is used twice (first on line 1000)",
        ])
    }

    @Test func noRepeatNoSuspect() throws {
        let repeats = RepeatedIDs(inMemory: 64)
        for id in try ids(1000) { repeats.note(id) }
        try repeats.finish()
        #expect(!repeats.hasSuspects)
    }
}
