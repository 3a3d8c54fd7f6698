import Foundation
import Testing

@Suite struct VerifyTests {
    @Test func verifyPassesAndShowPrintsTheDigest() throws {
        let w = Workspace()
        let id = w.add("Agents work a whole day", ["--window", "next year"])
        #expect(w.run(["resolve", id, "--outcome", "false", "--settled-on", "2026-12-31"]).code == 0)
        let ok = w.run(["verify"])
        #expect(ok.code == 0 && ok.out.hasPrefix("ok: 2 log events, root ") && ok.out.contains("1 claims, every chain intact; triggers as shipped"), "\(ok.out)")
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        let digest = try #require(claim["digest"] as? String)
        #expect(digest.count == 64)
        #expect(w.run(["show", id]).out.contains("sha256:\(digest)"))
    }

    @Test(.enabled(if: ClaimsProcess.hasSQLiteShell, "needs the sqlite3 shell"))
    func verifyNamesEveryBreakAndFails() throws {
        let w = Workspace()
        let id = w.add("Agents work a whole day", ["--id", "day"])
        _ = id
        try ClaimsProcess.sqlite3(w.dbPath, "DROP TRIGGER claim_versions_refuse_update; UPDATE claim_versions SET claimant = 'Someone else';")
        let r = w.run(["verify"])
        #expect(r.code == 1)
        #expect(r.err.contains("break: day version 1: its digest does not match its content"))
    }
}
