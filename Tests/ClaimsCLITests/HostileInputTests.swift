import Foundation
import Testing

/// Bad and hostile input: each gets a clear error and a non-zero exit, and the database is byte
/// for byte what it was. The files of Tests/Corpus/import say the error they expect on line 1.
@Suite struct HostileInputTests {
    static let corpus = Workspace.repositoryRoot.appendingPathComponent("Tests/Corpus/import")
    static var yamlFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// A workspace whose database already holds a claim, and its bytes.
    func seeded() -> (Workspace, Data) {
        let w = Workspace()
        _ = w.add("Agents work a whole day", ["--id", "day", "--window", "next year"])
        return (w, w.databaseBytes!)
    }

    func expectRefused(_ w: Workspace, _ before: Data, _ args: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = w.run(args)
        #expect(r.code != 0, "exit \(r.code) for \(args)", sourceLocation: sourceLocation)
        #expect(r.err.contains(message), "stderr: \(r.err.prefix(600))", sourceLocation: sourceLocation)
        #expect(w.databaseBytes == before, "the database changed", sourceLocation: sourceLocation)
    }

    @Test(arguments: yamlFiles)
    func corpusFile(_ name: String) throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
        let expected = try #require(text.split(separator: "\n").first.map { $0.replacingOccurrences(of: "# expect: ", with: "") })
        let (w, before) = seeded()
        let copy = w.folder.appendingPathComponent(name)
        try text.write(to: copy, atomically: true, encoding: .utf8)
        expectRefused(w, before, ["import", copy.path], expected)
    }

    @Test func jsonLinesAndCSVCorpus() throws {
        let (w, before) = seeded()
        expectRefused(w, before, ["import", Self.corpus.appendingPathComponent("bad-lines.jsonl").path], "bad-lines.jsonl:1: missing statement")
        expectRefused(w, before, ["import", Self.corpus.appendingPathComponent("bad-lines.jsonl").path], "bad-lines.jsonl:2: '1.5' is not a probability")
        expectRefused(w, before, ["import", Self.corpus.appendingPathComponent("bad-rows.csv").path], "bad-rows.csv:2: stated_probability: 'NaN' is not a probability")
    }

    @Test func aTenMegabyteStatementIsRefused() throws {
        let (w, before) = seeded()
        let file = w.folder.appendingPathComponent("huge.yaml")
        try ("source: {kind: post, date: 2025-10-23}\nclaimant: A\nclaims:\n  - id: a\n    statement: " + String(repeating: "x", count: 10 * 1024 * 1024) + "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        expectRefused(w, before, ["import", file.path], "huge.yaml:5:16: statement is too long (10485760 characters; at most 5000)")
        expectRefused(w, before, ["add", String(repeating: "y", count: 6000), "--claimant", "A"], "the statement is too long")
    }

    @Test func binaryFilesAreRefused() throws {
        let (w, before) = seeded()
        let nul = w.folder.appendingPathComponent("nul.yaml")
        try Data("source: {kind: post}\nclaims:\n  - id: a\u{0}\n".utf8).write(to: nul)
        expectRefused(w, before, ["import", nul.path], "nul.yaml:3:1: the file holds a NUL byte")
        let latin1 = w.folder.appendingPathComponent("latin1.yaml")
        try Data([0x73, 0x3a, 0x20, 0xe9, 0xff, 0x0a]).write(to: latin1)
        expectRefused(w, before, ["import", latin1.path], "latin1.yaml:1:1: the file is not UTF-8 text")
        // JSON Lines are read from their bytes: the line with a string that is not UTF-8 is named.
        let lines = w.folder.appendingPathComponent("latin1.jsonl")
        var bytes = Data(#"{"id": "a", "statement": "x", "claimant": "Ann", "said_on": "2025-01-01"}"#.utf8 + [0x0a])
        bytes += Data(#"{"id": "b", "statement": "caf"#.utf8) + Data([0xe9]) + Data(#"", "claimant": "Ann", "said_on": "2025-01-01"}"#.utf8)
        try bytes.write(to: lines)
        expectRefused(w, before, ["import", lines.path], "latin1.jsonl:2: the line is not UTF-8 text: save the file as UTF-8")
    }

    @Test func pathsThatAreNotWhatTheyShouldBe() throws {
        let (w, before) = seeded()
        let folder = w.folder.appendingPathComponent("empty-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        expectRefused(w, before, ["import", folder.path], "the folder holds no files to import")
        expectRefused(w, before, ["import", w.folder.appendingPathComponent("missing.yaml").path], "no such file or folder")
        expectRefused(w, before, ["list", "--db", folder.path], "it is a directory")
        let file = w.folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        expectRefused(w, before, ["add", "x", "--claimant", "A", "--db", file.appendingPathComponent("db.sqlite").path], "cannot create the folder")
    }

    @Test(.enabled(if: ClaimsProcess.hasSQLiteShell, "needs the sqlite3 shell"))
    func databasesThatAreNotOurs() throws {
        let (w, before) = seeded()
        let notSQLite = w.folder.appendingPathComponent("notes.sqlite")
        try Data(String(repeating: "not a database\n", count: 400).utf8).write(to: notSQLite)
        let notBytes = try Data(contentsOf: notSQLite)
        expectRefused(w, before, ["add", "x", "--claimant", "A", "--db", notSQLite.path], "is not a claims database")
        #expect(try Data(contentsOf: notSQLite) == notBytes)
        // A database written by a newer version: refused, untouched.
        let newer = w.folder.appendingPathComponent("newer.sqlite")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: w.dbPath), to: newer)
        try ClaimsProcess.sqlite3(newer.path, "INSERT INTO grdb_migrations VALUES ('0099_from_the_future')")
        let newerBytes = try Data(contentsOf: newer)
        let r = w.run(["list", "--db", newer.path])
        #expect(r.code == 1 && r.err.contains("was written by a newer version of claims") && r.err.contains("0099_from_the_future"))
        #expect(try Data(contentsOf: newer) == newerBytes)
        #expect(w.databaseBytes == before)
    }

    @Test func sqlInTextIsStoredVerbatim() throws {
        let w = Workspace()
        let nasty = "'); DROP TABLE claims; -- \" OR 1=1; SELECT * FROM claim_versions WHERE '' = '"
        let id = w.add(nasty, ["--quote", "Robert'); DROP TABLE Students;--", "--tag", "x' OR '1'='1"])
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(claim["statement"] as? String == nasty)
        #expect(claim["quote"] as? String == "Robert'); DROP TABLE Students;--")
        #expect(claim["tags"] as? [String] == ["x' OR '1'='1"])
        #expect(w.run(["list", "--search", "DROP TABLE", "--format", "csv"]).out.contains(id))
        #expect(w.run(["verify"]).code == 0)
    }

    @Test func htmlInTextIsEscapedInEveryOutput() throws {
        let w = Workspace()
        let html = "<script>alert(\"x\")</script> & <b>bold</b>"
        let id = w.add(html, ["--id", "h", "--window-end", "2026-01-31"])
        let claim = try #require(try w.json(["show", id]) as? [String: Any])
        #expect(claim["statement"] as? String == html)  // JSON keeps it as data, exactly
        let csv = w.run(["list", "--format", "csv"]).out
        #expect(csv.contains("\"<script>alert(\"\"x\"\")</script> & <b>bold</b>\""))  // CSV quotes it
        let out = w.folder.appendingPathComponent("r.html")
        #expect(w.run(["report", "--out", out.path]).code == 0)
        let page = try String(contentsOf: out, encoding: .utf8)
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;") && !page.contains("<script"))
        let exported = w.folder.appendingPathComponent("export")
        #expect(w.run(["export", exported.path]).code == 0)
        let again = Workspace()
        #expect(again.run(["import", exported.path]).code == 0)
        #expect((try again.json(["show", "h"]) as? [String: Any])?["statement"] as? String == html)
    }
}
