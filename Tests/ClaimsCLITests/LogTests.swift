@testable import ClaimsCLI
import ClaimsCore
import ClaimsLog
@testable import ClaimsStore
import Foundation
import GRDB
import Testing

/// The verifiable log through the commands: checkpoints, keys, proofs, and every tamper the
/// issue lists, each caught against a checkpoint taken before it.
@Suite struct LogTests {
    /// A workspace with a signing key of its own, two claims, forecasts and an outcome.
    func sample() -> (Workspace, [String: String]) {
        let w = Workspace()
        #expect(w.run(["key", "generate", "--name", "test.example/log"], environment: env(w)).code == 0)
        let a = w.add("Agents work a whole day", ["--id", "day", "--window", "next year", "--tag", "agents", "--probability", "60%"])
        let b = w.add("Models win a Nobel prize", ["--id", "nobel", "--window", "by 2027", "--confidence", "unlikely",
                                                   "--source", "mad", "--source-kind", "podcast", "--source-title", "The MAD Podcast"])
        #expect(w.run(["forecast", a, "--probability", "30%", "--forecaster", "Ann", "--on", "2025-11-01"], now: "2025-11-02T00:00:00Z").code == 0)
        #expect(w.run(["forecast", b, "--probability", "5%", "--forecaster", "Bo", "--on", "2025-11-01"], now: "2025-11-02T00:00:00Z").code == 0)
        #expect(w.run(["resolve", a, "--outcome", "false", "--settled-on", "2026-12-31"], now: "2027-01-02T00:00:00Z").code == 0)
        return (w, ["day": a, "nobel": b])
    }

    func env(_ w: Workspace) -> [String: String] {
        ["CLAIMS_SIGNING_KEY": w.folder.appendingPathComponent("signing-key").path]
    }

    func checkpoint(_ w: Workspace, _ name: String = "cp.txt") -> String {
        let path = w.folder.appendingPathComponent(name).path
        let r = w.run(["checkpoint", "--out", path], now: "2027-01-03T00:00:00Z", environment: env(w))
        #expect(r.code == 0, "\(r.err)")
        return path
    }

    func publicKey(_ w: Workspace) -> String {
        w.run(["key", "public"], environment: env(w)).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aSignedCheckpointVerifiesAndTheLogExtendsIt() throws {
        let (w, ids) = sample()
        let cp = checkpoint(w)
        let note = try String(contentsOfFile: cp, encoding: .utf8)
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("claims.log/") && lines[1] == "5" && lines[4].hasPrefix("— test.example/log "), "\(note)")
        let key = publicKey(w)
        #expect(key.hasPrefix("test.example/log+"))
        let ok = w.run(["verify", "--checkpoint", cp, "--public-key", key])
        #expect(ok.code == 0 && ok.out.contains("the log extends the checkpoint") && ok.out.contains("signed by test.example/log"), "\(ok.out)\(ok.err)")
        // Later events extend it.
        #expect(w.run(["edit", ids["nobel"]!, "--criteria", "A Nobel prize to an AI system", "--reason", "criteria"], now: "2027-02-01T00:00:00Z").code == 0)
        #expect(w.run(["verify", "--checkpoint", cp, "--public-key", key]).code == 0)
        // A checkpoint without a key says it is unsigned.
        let unsigned = w.run(["checkpoint"], environment: ["CLAIMS_SIGNING_KEY": w.folder.appendingPathComponent("none").path])
        #expect(unsigned.code == 0 && unsigned.err.contains("unsigned") && unsigned.out.split(separator: "\n").count == 3)
    }

    @Test func aProofChecksWithoutTheDatabase() throws {
        let (w, ids) = sample()
        let proof = w.folder.appendingPathComponent("proof.json").path
        #expect(w.run(["prove", ids["day"]!, "--out", proof], environment: env(w)).code == 0)
        let key = publicKey(w)
        let other = Workspace()
        let r = other.run(["verify", "--proof", proof, "--public-key", key])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("event 0 (version)") && r.out.contains("(forecast)") && r.out.contains("(resolution)") && r.out.contains("signed by"))
        #expect(!other.databaseExists)
        // A proof against an earlier checkpoint.
        let cp = checkpoint(w)
        #expect(w.run(["add", "Later", "--claimant", "x", "--said-on", "2027-01-01"], now: "2027-02-01T00:00:00Z").code == 0)
        let old = w.folder.appendingPathComponent("old-proof.json").path
        #expect(w.run(["prove", ids["nobel"]!, "--checkpoint", cp, "--out", old], environment: env(w)).code == 0)
        #expect(other.run(["verify", "--proof", old, "--public-key", key]).code == 0)
        // A changed leaf, a changed path, another key: each refused.
        var text = try String(contentsOfFile: proof, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"index\" : 0", with: "\"index\" : 1")
        try text.write(toFile: proof + ".bad", atomically: true, encoding: .utf8)
        let bad = other.run(["verify", "--proof", proof + ".bad", "--public-key", key])
        #expect(bad.code == 1 && bad.err.contains("the proof does not verify"), "\(bad.err)")
        let stranger = Workspace()
        _ = stranger.run(["key", "generate", "--name", "test.example/log"], environment: env(stranger))
        let wrong = other.run(["verify", "--proof", proof, "--public-key", publicKey(stranger)])
        #expect(wrong.code == 1 && wrong.err.contains("carries no signature by the key"), "\(wrong.err)")
    }

    @Test(.enabled(if: ClaimsProcess.hasSQLiteShell, "needs the sqlite3 shell"), arguments: [
        // Forecasts sit in the log: changing, adding or deleting one is caught.
        ("a forecast's probability", "DROP TRIGGER forecasts_refuse_update; UPDATE forecasts SET probability = 0.99 WHERE forecaster = 'Ann';"),
        ("a backdated forecast", "INSERT INTO forecasts (claim_id, forecaster, probability, made_on, recorded_at, author) VALUES ('day', 'Eve', 0.0, '2025-10-24', '2025-10-24T00:00:00.000Z', 'eve');"),
        ("a deleted forecast", "DROP TRIGGER forecasts_refuse_delete; DELETE FROM forecasts WHERE forecaster = 'Bo';"),
        ("a deleted claim", """
            DROP TRIGGER claims_refuse_delete; DROP TRIGGER claim_versions_refuse_delete; DROP TRIGGER forecasts_refuse_delete;
            DROP TRIGGER claim_tags_refuse_delete;
            DELETE FROM claim_heads WHERE claim_id = 'nobel'; DELETE FROM forecasts WHERE claim_id = 'nobel';
            DELETE FROM claim_tags WHERE claim_id = 'nobel'; DELETE FROM claim_versions WHERE claim_id = 'nobel';
            DELETE FROM claims WHERE id = 'nobel';
            """),
        ("a removed resolution with its heads fixed, and the log cut back", """
            DROP TRIGGER resolutions_refuse_delete; DROP TRIGGER log_batches_refuse_delete;
            DELETE FROM resolutions WHERE claim_id = 'day'; UPDATE claim_heads SET revision = NULL WHERE claim_id = 'day';
            DELETE FROM log_batches WHERE first_seq = (SELECT max(first_seq) FROM log_batches);
            UPDATE log_head SET size = (SELECT sum(count) FROM log_batches);
            """),
        ("a missing trigger", "DROP TRIGGER claim_versions_refuse_update;"),
    ])
    func everyTamperIsCaught(_ name: String, _ sql: String) throws {
        let (w, _) = sample()
        let cp = checkpoint(w)
        try ClaimsProcess.sqlite3(w.dbPath, sql)
        let r = w.run(["verify", "--checkpoint", cp, "--public-key", publicKey(w)])
        #expect(r.code == 1, "\(name): verify passed")
        #expect(!r.err.isEmpty, "\(name): no problem named")
    }

    /// The log rebuilt from scratch after a change (the encoding is public): the database is
    /// self-consistent again, and only the checkpoint taken before shows the change.
    @Test(.enabled(if: ClaimsProcess.hasSQLiteShell, "needs the sqlite3 shell"))
    func aRecomputedLogIsCaughtByTheCheckpoint() throws {
        let (w, _) = sample()
        let cp = checkpoint(w)
        try ClaimsProcess.sqlite3(w.dbPath, """
            DROP TRIGGER forecasts_refuse_update; UPDATE forecasts SET probability = 0.99 WHERE forecaster = 'Ann';
            DROP TRIGGER log_batches_refuse_delete; DELETE FROM log_batches; UPDATE log_head SET size = 0, frontier = x'', last_recorded_at = '';
            """)
        let db = try ClaimsDatabase(path: w.dbPath, mode: .mustExist)
        try db.unsafeWrite { try ClaimsDatabase.backfillLog($0) }
        try ClaimsProcess.sqlite3(w.dbPath, """
            CREATE TRIGGER forecasts_refuse_update BEFORE UPDATE ON forecasts
            BEGIN SELECT RAISE(ABORT, 'forecasts are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER log_batches_refuse_delete BEFORE DELETE ON log_batches
            BEGIN SELECT RAISE(ABORT, 'the log is append-only: history cannot be rewritten'); END;
            """)
        #expect(w.run(["verify"]).code == 0, "the rebuilt database is self-consistent")
        let r = w.run(["verify", "--checkpoint", cp, "--public-key", publicKey(w)])
        #expect(r.code == 1 && r.err.contains("no longer hash to its root"), "\(r.err)")
    }

    @Test(.enabled(if: ClaimsProcess.hasSQLiteShell, "needs the sqlite3 shell"), arguments: [
        "INSERT OR REPLACE INTO forecasts (id, claim_id, forecaster, probability, made_on, recorded_at, author) SELECT id, claim_id, forecaster, 0.5, made_on, recorded_at, author FROM forecasts LIMIT 1;",
        "INSERT OR REPLACE INTO sources SELECT * FROM sources LIMIT 1;",
        "INSERT OR REPLACE INTO claims (id, created_at) SELECT id, created_at FROM claims LIMIT 1;",
        "INSERT OR REPLACE INTO claim_tags SELECT * FROM claim_tags LIMIT 1;",
        "INSERT OR REPLACE INTO claim_versions SELECT * FROM claim_versions LIMIT 1;",
        "INSERT OR REPLACE INTO log_batches SELECT * FROM log_batches LIMIT 1;",
    ])
    func replaceCannotRewriteHistory(_ sql: String) throws {
        let (w, _) = sample()
        let before = w.databaseBytes
        let r = try ClaimsProcess.sqlite3Result(w.dbPath, sql)
        #expect(r.code != 0 && (r.err.contains("append-only") || r.err.contains("consecutively")), "\(r.err)")
        #expect(w.databaseBytes == before)
        #expect(w.run(["verify"]).code == 0)
    }

    @Test func badCheckpointsAreRefusedClearly() throws {
        let (w, _) = sample()
        let cp = checkpoint(w)
        let key = publicKey(w)
        func verify(_ text: String) -> Run {
            let path = w.folder.appendingPathComponent("x.txt").path
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return w.run(["verify", "--checkpoint", path, "--public-key", key])
        }
        let note = try String(contentsOfFile: cp, encoding: .utf8)
        let lines = note.components(separatedBy: "\n")
        #expect(verify("hello\n").err.contains("not a checkpoint"))
        let larger = verify(([lines[0], "99"] + lines[2...]).joined(separator: "\n"))
        #expect(larger.code == 1 && larger.err.contains("signature by 'test.example/log' does not verify"), "\(larger.err)")
        let other = verify((["claims.log/0000000000000000"] + lines[1...]).joined(separator: "\n"))
        #expect(other.code == 1 && other.err.contains("from another log"), "\(other.err)")
        // Unsigned and larger than the log: the size is what is wrong.
        let unsignedLarger = w.run(["verify", "--checkpoint", { () -> String in
            let p = w.folder.appendingPathComponent("y.txt").path
            try? "\(lines[0])\n99\n\(lines[2])\n".write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }()], environment: ["CLAIMS_SIGNING_KEY": w.folder.appendingPathComponent("none").path])
        #expect(unsignedLarger.code == 1 && unsignedLarger.err.contains("has 99 events but the log has only 5"), "\(unsignedLarger.err)")
        #expect(w.run(["verify", "--checkpoint", w.folder.path]).err.contains("it is a folder"))
    }

    @Test func forecastsAreDatedHonestly() {
        let (w, ids) = sample()
        let future = w.run(["forecast", ids["nobel"]!, "--probability", "10%", "--on", "2030-01-01"], now: "2027-01-05T00:00:00Z")
        #expect(future.code == 1 && future.err.contains("after today"), "\(future.err)")
        let early = w.run(["forecast", ids["nobel"]!, "--probability", "10%", "--on", "2020-01-01"], now: "2027-01-05T00:00:00Z")
        #expect(early.code == 1 && early.err.contains("before the claim was made"), "\(early.err)")
        let late = w.run(["forecast", ids["day"]!, "--probability", "0%", "--on", "2025-11-01"], now: "2027-01-05T00:00:00Z")
        #expect(late.code == 1 && late.err.contains("outcome is recorded already"), "\(late.err)")
        let reported = w.run(["forecast", ids["day"]!, "--probability", "0%", "--on", "2025-11-01", "--forecaster", "Mallory",
                              "--reported", "https://example.org/post"], now: "2027-01-05T00:00:00Z")
        #expect(reported.code == 0, "\(reported.err)")
        let settled = w.run(["resolve", ids["nobel"]!, "--outcome", "false", "--settled-on", "2020-01-01"], now: "2027-01-05T00:00:00Z")
        #expect(settled.code == 1 && settled.err.contains("before the claim was made"), "\(settled.err)")
    }

    @Test func aBackdatedReportedForecastIsNeverWitnessed() throws {
        let (w, ids) = sample()
        // Mallory logs a 0% on the claim that resolved false, claiming an early date.
        #expect(w.run(["forecast", ids["day"]!, "--probability", "0%", "--on", "2025-10-24", "--forecaster", "Mallory",
                       "--reported", "a screenshot"], now: "2027-01-05T00:00:00Z").code == 0)
        let all = try #require(try w.json(["scorecard", "--use", "forecasters", "--by", "forecaster", "--forecast-at", "latest"]) as? [String: Any])
        let groups = try #require(all["groups"] as? [[String: Any]])
        let mallory = try #require(groups.first { $0["group"] as? String == "Mallory" })
        #expect(mallory["reported"] as? Int == 1 && mallory["witnessed"] as? Int == 0)
        let ann = try #require(groups.first { $0["group"] as? String == "Ann" })
        #expect(ann["witnessed"] as? Int == 1)
        let honest = try #require(try w.json(["scorecard", "--use", "forecasters", "--by", "forecaster", "--forecast-at", "latest",
                                              "--witnessed-only"]) as? [String: Any])
        let only = try #require(honest["groups"] as? [[String: Any]])
        let m = try #require(only.first { $0["group"] as? String == "Mallory" })
        #expect(m["scored"] as? Int == 0 && m["excluded_reported"] as? Int == 1)
        #expect(w.run(["scorecard"]).out.contains("Witnessed: "))
    }

    /// Python's standard library, from schema/log.md alone, recomputes the root from the log
    /// export, checks the inclusion proofs, and (with PyPI's cryptography) the signature.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3"),
                   "needs python3"))
    func anIndependentProgramRecomputesTheRoot() throws {
        let (w, ids) = sample()
        #expect(w.run(["add", "Quoted \"text\", 中文 and a tab\there", "--claimant", "Zoë", "--said-on", "2025-10-23", "--tag", "b", "--tag", "a",
                       "--probability", "0.1", "--notes", "line one\nline two"]).code == 0)
        // A withdrawn version carries two more fields in its leaf.
        #expect(w.run(["withdraw", ids["nobel"]!, "--reason", "logged twice", "--successor", ids["day"]!]).code == 0)
        let cp = checkpoint(w)
        let export = w.folder.appendingPathComponent("log.jsonl").path
        #expect(w.run(["export", export, "--format", "log"]).code == 0)
        let proof = w.folder.appendingPathComponent("proof.json").path
        #expect(w.run(["prove", ids["day"]!, "--out", proof], environment: env(w)).code == 0)
        let script = Workspace.repositoryRoot.appendingPathComponent("Tests/Reference/verify_log.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, export, cp, "--proof", proof, "--public-key", publicKey(w)]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        let root = try #require(try String(contentsOfFile: cp, encoding: .utf8).split(separator: "\n").dropFirst(2).first)
        #expect(text.contains("root ok: ") && text.contains(String(root)) && text.contains("signature ok: test.example/log")
                && text.contains("inclusion ok: 0 version"), "\(text)")
    }
}

/// Valid-looking input that once broke `verify`: text with NUL is refused at input.
@Suite struct NULTextTests {
    @Test func textWithNULIsRefusedAndNothingIsWritten() {
        let w = Workspace()
        let id = w.add("Agents work a whole day")
        let before = w.databaseBytes
        let r = w.run(["edit", id, "--notes", "before\u{0}after", "--reason", "r"])
        #expect(r.code == 1 && r.err.contains("the notes holds a NUL character"), "\(r.err)")
        #expect(w.databaseBytes == before)
        let f = w.run(["forecast", id, "--probability", "20%", "--note", "a\u{0}b", "--on", "2025-10-24"], now: "2026-01-02T00:00:00Z")
        #expect(f.code == 1 && f.err.contains("NUL"), "\(f.err)")
        #expect(w.run(["verify"]).code == 0)
    }
}
