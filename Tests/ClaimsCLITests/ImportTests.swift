import Foundation
import Testing

@Suite struct ImportTests {
    static let claimsFolder = Workspace.repositoryRoot.appendingPathComponent("claims")

    func write(_ text: String, to name: String, in w: Workspace) -> String {
        let url = w.folder.appendingPathComponent(name)
        try! text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let valid = """
        source:
          kind: podcast
          title: The MAD Podcast
          url: https://www.youtube.com/watch?v=gTlxCrsUcFM
          date: 2025-10-23
        claimant: Julian Schrittwieser
        claims:
          - id: whole-day
            statement: Models will work on their own for a whole day in 2026.
            quote: 明年，模型也许能够独立工作一整天
            window: {phrase: next year, start: 2026-01-01, end: 2026-12-31}
            confidence: {words: maybe}
            tags: [agents]
          - id: nobel
            statement: Nobel-level discovery by 2028.
            window: {end: 2028-12-31}
            confidence: {words: extremely likely, probability: 97%}
            forecasts:
              - {forecaster: Ann, probability: 0.3, on: 2025-11-01}
        """

    @Test func everyFileInTheRepositoryValidatesAndImports() throws {
        let w = Workspace()
        let r = w.run(["import", Self.claimsFolder.path])
        #expect(r.code == 0, "\(r.err)")
        let list = try #require(try w.json(["list"]) as? [[String: Any]])
        #expect(list.count >= 10)
        #expect(list.allSatisfy { ($0["quote"] as? String)?.isEmpty == false && ($0["criteria"] as? String)?.isEmpty == false })
        let due = try #require(try w.json(["due", "--today", "2026-11-23"]) as? [[String: Any]])
        #expect(due.map { $0["id"] as? String }.contains("schrittwieser-2026-mid-all-day-agents"))
    }

    @Test func importingAnUnchangedFileChangesNothing() {
        let w = Workspace()
        let path = write(Self.valid, to: "mad.yaml", in: w)
        #expect(w.run(["import", path]).out.contains("2 added, 0 changed, 0 unchanged"))
        let again = w.run(["import", path])
        #expect(again.out.contains("0 added, 0 changed, 2 unchanged"))
    }

    @Test func editingOneFieldMakesOneVersionNamingTheFile() throws {
        let w = Workspace()
        let path = write(Self.valid, to: "mad.yaml", in: w)
        #expect(w.run(["import", path]).code == 0)
        _ = write(Self.valid.replacingOccurrences(of: "confidence: {words: maybe}", with: "confidence: {words: perhaps}"), to: "mad.yaml", in: w)
        let dry = w.run(["import", path, "--dry-run"])
        #expect(dry.out.contains("whole-day: would be changed"))
        #expect(dry.out.contains("  confidence_words: maybe → perhaps"))
        #expect(dry.out.contains("would import 1 file: 0 added, 1 changed, 1 unchanged"))
        let events0 = try #require(try w.json(["history", "whole-day"]) as? [[String: Any]])
        #expect(events0.count == 1)
        let r = w.run(["import", path])
        #expect(r.out.contains("0 added, 1 changed, 1 unchanged"))
        let events = try #require(try w.json(["history", "whole-day"]) as? [[String: Any]])
        #expect(events.count == 2)
        #expect((events[1]["reason"] as? String)?.hasPrefix("import ") == true)
        #expect((events[1]["reason"] as? String)?.hasSuffix("mad.yaml") == true)
    }

    @Test(arguments: [
        ("source:\n  kind: podcast\nclaims:\n  - id: a\n    statment: x\n", "5:5", "unknown key 'statment' in a claim: did you mean 'statement'?"),
        ("source:\n  kind: podcast\n  date: 2025-10-23\nclaims:\n  - id: a\n    statement: x\n    claimant: y\n    window: {end: 2026-02-30}\n",
         "8:19", "'2026-02-30' is not a valid date"),
        ("source:\n  kind: podcast\n  date: 2025-10-23\nclaims:\n  - id: a\n    statement: x\n    claimant: y\n    confidence: {probability: 1.5}\n",
         "8:31", "'1.5' is not a probability"),
        ("source:\n  kind: podcast\n  date: 2025-10-23\nclaims:\n  - id: a\n    statement: x\n    claimant: y\n    window: {start: 2027-01-01, end: 2026-01-01}\n",
         "8:13", "the window ends (2026-01-01) before it starts (2027-01-01)"),
        ("source:\n  kind: podcast\n  date: 2025-10-23\nclaimant: y\nclaims:\n  - id: a\n    statement: x\n  - id: a\n    statement: z\n",
         "8:5", "the id 'a' is used twice (first at line 6)"),
        ("source:\n  kind: podcast\nclaims: [\n", "4:1", "not valid YAML"),
        ("source:\n  kind: radio\nclaims: []\n", "2:9", "'radio' is not a valid source kind"),
    ])
    func mistakesAreReportedWithFileLineAndColumnAndNothingIsImported(_ yaml: String, _ place: String, _ message: String) {
        let w = Workspace()
        let path = write(yaml, to: "bad.yaml", in: w)
        let r = w.run(["import", path])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.yaml:\(place): "), "stderr: \(r.err)")
        #expect(r.err.contains(message), "stderr: \(r.err)")
        #expect(r.err.contains("nothing was imported"))
        #expect(!w.databaseExists)
    }

    @Test func aBadSourceIsReportedOnce() {
        let w = Workspace()
        let path = write("source:\n  kind: radio\n  date: 2025-10-23\nclaimant: y\nclaims:\n  - id: a\n    statement: x\n  - id: b\n    statement: z\n", to: "bad.yaml", in: w)
        let r = w.run(["import", path])
        #expect(r.err.contains("bad.yaml:2:9: 'radio' is not a valid source kind"))
        #expect(r.err.contains("1 problem in 1 file"), "\(r.err)")
    }

    @Test func oneBadFileStopsTheWholeImport() {
        let w = Workspace()
        _ = write(Self.valid, to: "a.yaml", in: w)
        _ = write("source: {kind: post}\nclaims:\n  - id: x\n", to: "b.yaml", in: w)
        let r = w.run(["import", w.folder.path])
        #expect(r.code == 1 && r.err.contains("b.yaml:3:5: missing 'statement'"))
        #expect(!w.databaseExists)
    }

    @Test func missingPathsAreErrors() {
        let r = Workspace().run(["import", "nowhere.yaml"])
        #expect(r.code == 1 && r.err.contains("cannot read nowhere.yaml: no such file or folder"))
    }
}

/// A dry run never writes, not even the upgrade of an older database.
@Suite struct DryRunOldFileTests {
    @Test func aDryRunOnAnOlderFileLeavesItAsItWas() throws {
        let w = Workspace()
        let fixture = Workspace.repositoryRoot.appendingPathComponent("Tests/Fixtures/claims-schema-0001.sqlite")
        let db = w.folder.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: fixture, to: db)
        let before = try Data(contentsOf: db)
        let file = w.folder.appendingPathComponent("c.yaml")
        try "source: {kind: post, date: 2025-10-23}\nclaimant: A\nclaims:\n  - id: brand-new\n    statement: x\n".write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["import", file.path, "--dry-run", "--db", db.path])
        #expect(r.code == 0 && r.out.contains("would import 1 file: 1 added"), "\(r.out) \(r.err)")
        #expect(try Data(contentsOf: db) == before)
    }
}
