import Foundation
import Testing

@Suite struct ExportTests {
    static let claimsFolder = Workspace.repositoryRoot.appendingPathComponent("claims")

    func files(in folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test func importingTheCanonicalFilesThenExportingReproducesThemByteForByte() throws {
        let w = Workspace()
        #expect(w.run(["import", Self.claimsFolder.path]).code == 0)
        let out = w.folder.appendingPathComponent("export")
        #expect(w.run(["export", out.path]).code == 0)
        let exported = try files(in: out)
        let canonical = try files(in: Self.claimsFolder).filter { $0.key.hasSuffix(".yaml") }
        #expect(!canonical.isEmpty)
        #expect(Set(exported.keys) == Set(canonical.keys))
        for (name, data) in canonical {
            #expect(exported[name] == data, "claims/\(name) is not in canonical form: `claims export` writes it differently")
        }
    }

    @Test func exportImportExportIsLosslessAndDeterministic() throws {
        let w = Workspace()
        // Everything a claim can hold, including text that needs quoting.
        _ = w.add("Rain: \"heavy\" — 明年 #1", ["--id", "rain", "--window-end", "2026-06-30", "--window-phrase", "by mid-2026",
                                                "--probability", "0.7", "--confidence", "likely", "--tag", "weather", "--tag", "a,b",
                                                "--quote", "  yes  ", "--notes", "true", "--location", "00:12:34",
                                                "--source", "wx", "--source-kind", "post", "--source-title", "Weather: a post",
                                                "--published-on", "2025-10-23"])
        _ = w.add("No source, no window", ["--id", "bare", "--said-on", "2024-02-29"])
        #expect(w.run(["forecast", "rain", "--probability", "0.25", "--forecaster", "Ann", "--on", "2025-11-01", "--note=- dash"]).code == 0)
        #expect(w.run(["resolve", "rain", "--outcome", "partial", "--settled-on", "2026-06-30", "--evidence", "https://example.org/a?b=c#d", "--note", "[x]"]).code == 0)
        let first = w.folder.appendingPathComponent("one"), second = w.folder.appendingPathComponent("two")
        #expect(w.run(["export", first.path]).code == 0)
        #expect(w.run(["export", first.path]).code == 0)
        let again = Workspace()
        let r = again.run(["import", first.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(again.run(["export", second.path]).code == 0)
        let a = try files(in: first), b = try files(in: second)
        #expect(Set(a.keys) == ["wx.yaml", "unsourced.yaml"])
        #expect(a == b)
        // And the re-imported claims equal the originals field by field.
        let before = try #require(try w.json(["show", "rain"]) as? [String: Any])
        let after = try #require(try again.json(["show", "rain"]) as? [String: Any])
        for key in ["statement", "quote", "notes", "location", "tags", "window", "confidence", "source", "said_on"] {
            #expect(canonicalJSON(before[key]) == canonicalJSON(after[key]), "\(key) differs")
        }
        #expect(w.run(["import", first.path]).out.contains("0 added, 0 changed, 2 unchanged"))
    }

    func canonicalJSON(_ value: Any?) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func exportNeedsADatabaseAndAWritablePlace() {
        let w = Workspace()
        #expect(w.run(["export", w.folder.appendingPathComponent("x").path]).err.contains("no database at"))
        _ = w.add("x")
        let file = w.folder.appendingPathComponent("a-file")
        try! Data().write(to: file)
        let r = w.run(["export", file.path])
        #expect(r.code == 1 && r.err.contains("cannot write"))
    }

    /// A file export is written beside its target and put in place whole: the old file stays
    /// until then, no temporary file is left, and standard output gets the same bytes.
    @Test func aFileIsReplacedWholeAndNothingIsLeftBeside() throws {
        let w = Workspace()
        _ = w.add("One", ["--id", "one"])
        _ = w.add("Two", ["--id", "two"])
        let folder = w.folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("claims.jsonl")
        try Data("old\n".utf8).write(to: file)
        for format in ["jsonl", "csv", "log", "predictions"] {
            let r = w.run(["export", file.path, "--format", format])
            #expect(r.code == 0, "\(r.err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["claims.jsonl"])
            let piped = w.run(["export", "-", "--format", format])
            #expect(piped.out == String(decoding: try Data(contentsOf: file), as: UTF8.self))
        }
        // A folder that cannot be written: the old file stays as it was.
        try Data("old\n".utf8).write(to: file)
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        if getuid() != 0 {
            let r = w.run(["export", file.path, "--format", "jsonl"])
            #expect(r.code == 1 && r.err.contains("cannot write"), "\(r.err)")
            #expect(try Data(contentsOf: file) == Data("old\n".utf8))
        }
    }
}
