import Foundation
import Testing

/// Runs the built `claims` binary as a user would: add, edit, due, resolve, amend, history, scorecard.
@Suite struct EndToEndTests {
    static var binary: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Workspace.repositoryRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("claims") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func claims(_ arguments: [String], db: String) throws -> (code: Int32, out: String, err: String) {
        try ClaimsProcess.run(arguments, db: db)
    }

    @Test func theWholeLoop() throws {
        let db = Workspace().dbPath
        let add = try claims(["add", "By mid-2026 agents work all day", "--claimant", "Julian Schrittwieser", "--said-on", "2025-10-23",
                              "--window-end", "2026-06-30", "--window-phrase", "by mid-2026", "--probability", "0.7"], db: db)
        #expect(add.code == 0, "\(add.err)")
        let id = add.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try claims(["edit", String(id.prefix(5)), "--criteria", "METR 50% horizon ≥ 8 hours", "--reason", "checkable"], db: db).code == 0)
        let due = try claims(["due", "--today", "2026-11-23"], db: db)
        #expect(due.out.contains(id) && due.out.contains("overdue 146 days"))
        #expect(try claims(["resolve", id, "--outcome", "false", "--settled-on", "2026-06-30", "--evidence", "https://metr.org/"], db: db).code == 0)
        let amend = try claims(["resolve", id, "--outcome", "true", "--settled-on", "2026-06-30", "--note", "re-measured"], db: db)
        #expect(amend.out.contains("revision 2"))
        let history = try claims(["history", id], db: db)
        for part in ["version 1", "version 2", "criteria: METR 50% horizon ≥ 8 hours", "resolution 1", "resolution 2", "outcome: false → true"] {
            #expect(history.out.contains(part), "missing \(part) in:\n\(history.out)")
        }
        let score = try claims(["scorecard", "--format", "csv"], db: db)
        // One claim, stated 0.7, resolved true: Brier (0.7 − 1)² = 0.09 on the 0–1 scale.
        #expect(score.out.contains("Julian Schrittwieser,1,0,0,1,0,0,0,1,1,0,0,0,0.09"), "\(score.out)")
        #expect(score.out.contains(",0-1,"))
        #expect(try claims(["due", "--today", "2026-11-23"], db: db).out.contains("no claims match"))
        let version = try claims(["--version"], db: db)
        #expect(version.code == 0 && version.out.hasPrefix("0."))
        let bad = try claims(["show", "nothing-here"], db: db)
        #expect(bad.code == 1 && bad.err.hasPrefix("error: no claim has the id"))
    }
}
