@testable import ClaimsCLI
import ClaimsCore
@testable import ClaimsFormats
import ClaimsStore
import Foundation
import Testing

/// Imports read JSON Lines and CSV a block at a time (`ClaimStream.blockSize`), twice: once to
/// check, once to write. These files are larger than a few blocks, so that claims, records and
/// problems fall across the blocks' edges.
@Suite struct StreamingImportTests {
    /// A JSON Lines line of about `size` bytes.
    static func line(_ i: Int, size: Int = 1200, extra: String = "") -> String {
        let padding = String(repeating: "x", count: max(0, size - 150))
        return #"{"id":"s\#(i)","statement":"Claim \#(i) will hold","claimant":"Speaker \#(i % 7)","said_on":"2025-01-01","notes":"\#(padding)"\#(extra)}"#
    }

    static let blocks = 3
    static var lineCount: Int { blocks * ClaimStream.blockSize / 1000 + 100 }

    func write(_ text: String, _ name: String, _ w: Workspace) -> URL {
        let url = w.folder.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url
    }

    @Test func aFileOfSeveralBlocksImportsEveryClaimOnce() throws {
        let w = Workspace()
        let n = Self.lineCount
        let url = write((0..<n).map { Self.line($0) }.joined(separator: "\n") + "\n", "big.jsonl", w)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int > Self.blocks * ClaimStream.blockSize)
        let r = w.run(["import", url.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("\(n) added"), "\(r.out)")
        let again = w.run(["import", url.path])
        #expect(again.out.contains("0 added, 0 changed, \(n) unchanged"), "\(again.out)")
        let exported = w.run(["export", "-", "--format", "jsonl"])
        #expect(exported.out.split(separator: "\n").count == n, "\(exported.err)")
    }

    @Test func problemsAcrossBlocksNameTheirLinesAndNothingIsWritten() throws {
        let w = Workspace()
        _ = w.add("Already here")
        let before = w.databaseBytes
        let n = Self.lineCount
        var lines = (0..<n).map { Self.line($0) }
        let late = n - 50, middle = n / 2
        lines[middle] = Self.line(middle, extra: #","said_on2":"x""#)
        lines[late] = Self.line(3)
        let url = write(lines.joined(separator: "\n") + "\n", "bad.jsonl", w)
        let r = w.run(["import", url.path])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.jsonl:\(middle + 1): unknown key 'said_on2'"), "\(r.err)")
        #expect(r.err.contains("bad.jsonl:\(late + 1): the id 's3' is used twice (first on line 4)"), "\(r.err)")
        #expect(r.err.contains("2 problems in 1 file; nothing was imported"), "\(r.err)")
        #expect(w.databaseBytes == before)
    }

    /// CSV: one claim's records (one per forecast) are merged even when a block ends among them;
    /// records of one claim that are apart are refused, naming both lines.
    @Test func csvRecordsOfOneClaimMergeAcrossBlocksAndMustFollowOneAnother() throws {
        let w = Workspace()
        let padding = String(repeating: "y", count: 1000)
        var rows = ["id,statement,claimant,said_on,notes,forecaster,probability"]
        let n = Self.lineCount / 2
        for i in 0..<n {
            // Quoted fields with line breaks inside: a block may not end inside them.
            rows.append("c\(i),\"Claim \(i),\nin two lines\",Ann,2025-01-01,\(padding),Bob,0.3")
            rows.append("c\(i),\"Claim \(i),\nin two lines\",Ann,2025-01-01,\(padding),Cy,0.6")
        }
        let url = write(rows.joined(separator: "\r\n") + "\r\n", "big.csv", w)
        let r = w.run(["import", url.path])
        #expect(r.code == 0 && r.out.contains("\(n) added"), "\(r.out)\(r.err)")
        let json = try w.json(["show", "c\(n / 2)"]) as? [String: Any]
        #expect((json?["forecasts"] as? [Any])?.count == 2)
        #expect((json?["statement"] as? String) == "Claim \(n / 2),\nin two lines")

        var apart = rows
        apart.append("c7,\"Claim 7,\nin two lines\",Ann,2025-01-01,\(padding),Dee,0.9")
        let bad = write(apart.joined(separator: "\n") + "\n", "apart.csv", w)
        let r2 = w.run(["import", bad.path])
        #expect(r2.code == 1)
        // Each record takes two lines; c7's first record is the 8th claim's, on line 2 + 7 × 4.
        #expect(r2.err.contains("apart.csv:\(2 + n * 4): the id 'c7' was used by the records on line \(2 + 7 * 4), and again here"), "\(r2.err)")
    }

    /// A file that changes between the reading that checks it and the one that writes it is
    /// refused, and nothing is written.
    @Test func aFileThatChangesBetweenTheReadingsIsRefused() throws {
        let w = Workspace()
        _ = w.add("Already here")
        let before = w.databaseBytes
        let url = write((0..<20).map { Self.line($0, size: 300) }.joined(separator: "\n") + "\n", "moving.jsonl", w)
        let files = [InputPath(url: url, shown: "moving.jsonl")]
        let mapping = FlatClaims.Mapping()
        var check = try ImportCheck.run(files, format: .auto, mapping: mapping)
        #expect(check.issues.isEmpty)
        check.held = nil  // as for a file too large to hold between the readings
        // One more line between the readings.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((Self.line(99, size: 300) + "\n").utf8))
        try handle.close()
        let db = try ClaimsDatabase(path: w.dbPath, mode: .mustExist)
        let change = Change(author: "tester", at: Timestamp(millisecondsSinceEpoch: 1_800_000_000_000), reason: "import moving.jsonl")
        let reading = ImportReading(check, format: .auto, mapping: mapping, changes: [change])
        #expect(throws: ClaimFileError.changed(path: "moving.jsonl")) {
            try db.sync(dryRun: false, expectedClaims: nil, reading: { try reading.next() }, outcomes: { _ in })
        }
        #expect(w.databaseBytes == before)
        #expect(ClaimFileError.changed(path: "moving.jsonl").errorDescription?.contains("nothing was imported") == true)
    }

    /// A file rewritten between the readings with the same size and its modification time put
    /// back is refused too: its inode's change time moved.
    @Test func aFileRewrittenWithItsTimePutBackIsRefused() throws {
        let w = Workspace()
        let url = write((0..<20).map { Self.line($0, size: 300) }.joined(separator: "\n") + "\n", "same.jsonl", w)
        let files = [InputPath(url: url, shown: "same.jsonl")]
        var check = try ImportCheck.run(files, format: .auto, mapping: FlatClaims.Mapping())
        check.held = nil
        var info = stat()
        stat(url.path, &info)
        usleep(20_000)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "Claim 3 will", with: "Claim 4 will")
        try Data(text.utf8).write(to: url)
        var times = [info.st_atim, info.st_mtim]
        utimensat(AT_FDCWD, url.path, &times, 0)
        var after = stat()
        stat(url.path, &after)
        #expect(after.st_size == info.st_size && after.st_mtim.tv_nsec == info.st_mtim.tv_nsec)
        let db = try ClaimsDatabase(path: w.dbPath, mode: .createIfMissing)
        let change = Change(author: "tester", at: Timestamp(millisecondsSinceEpoch: 1_800_000_000_000), reason: "import same.jsonl")
        let reading = ImportReading(check, format: .auto, mapping: FlatClaims.Mapping(), changes: [change])
        #expect(throws: ClaimFileError.changed(path: "same.jsonl")) {
            try db.sync(dryRun: false, expectedClaims: nil, reading: { try reading.next() }, outcomes: { _ in })
        }
        #expect(try db.list(ClaimFilter(), at: ReadPoint(today: try Day("2026-01-01"))).isEmpty)
    }

    /// Standard input is copied aside and read twice like a file; a JSON Lines stream of several
    /// blocks imports whole.
    @Test func standardInputOfSeveralBlocksImports() throws {
        let w = Workspace()
        let n = Self.lineCount
        let text = (0..<n).map { Self.line($0) }.joined(separator: "\n") + "\n"
        let r = try ClaimsProcess.run(["import", "-", "--format", "jsonl"], db: w.dbPath, input: text)
        #expect(r.code == 0 && r.out.contains("\(n) added"), "\(r.out)\(r.err)")
    }

    /// CSV read as `CSVReader` reads it, whatever the blocks: no final line break, lines ended by
    /// a CR alone, a quote in the middle of an unquoted field, blank lines before the header.
    @Test(arguments: [1, 3])
    func csvLineEndsQuotesAndBlankLines(_ blocks: Int) throws {
        let w = Workspace()
        let padding = String(repeating: "z", count: 900)
        let n = blocks == 1 ? 5 : blocks * ClaimStream.blockSize / 2 / 1000 + 50
        for (name, end, lead) in [("lf.csv", "\n", ""), ("cr.csv", "\r", ""), ("crlf.csv", "\r\n", "\n\r\n")] {
            var rows = ["id,statement,claimant,said_on,notes"]
            for i in 0..<n {
                rows.append(i % 2 == 0 ? "q\(i),He is 6\" tall \(i),Ann,2025-01-01,\(padding)"
                                       : "q\(i),\"Two\(end)lines, \"\"quoted\"\" \(i)\",Ann,2025-01-01,\(padding)")
            }
            // No line break after the last record.
            let url = write(lead + rows.joined(separator: end), name, w)
            let r = w.run(["import", url.path, "--db", w.folder.appendingPathComponent(name + ".sqlite").path])
            #expect(r.code == 0 && r.out.contains("\(n) added"), "\(name): \(r.out)\(r.err)")
            let db = w.folder.appendingPathComponent(name + ".sqlite").path
            let last = try w.json(["show", "q\(n - 1)", "--db", db]) as? [String: Any]
            #expect(last?["id"] as? String == "q\(n - 1)", "\(name)")
            let even = try w.json(["show", "q\((n - 1) / 2 * 2)", "--db", db]) as? [String: Any]
            #expect((even?["statement"] as? String)?.hasPrefix("He is 6\" tall") == true, "\(name)")
            // A bad date far in the file is named at its line, each line end counted as CSVReader counts it.
            var bad = rows
            bad[n] = "q\(n - 1),x,Ann,2025-13-01,y"
            let badURL = write(lead + bad.joined(separator: end), "bad-" + name, w)
            let linesBefore = lead.isEmpty ? 0 : 2
            let extra = (n - 1) / 2  // the odd records before the last each take two lines
            let r2 = w.run(["import", badURL.path, "--db", db])
            #expect(r2.err.contains("bad-\(name):\(linesBefore + n + 1 + extra): said_on:"), "\(name): \(r2.err)")
        }
    }
}
