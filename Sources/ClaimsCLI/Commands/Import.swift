import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import claims: claim files (YAML, one source each), CSV, JSON Lines, AI-tracker files or trackers' predictions.yaml.",
            discussion: """
                PATH is a file or a folder (its *.yaml, *.yml, *.csv and *.jsonl files, README files \
                aside), or - for standard input. Every file is read twice. The first reading checks it \
                and writes nothing; if any file has a problem, each problem is printed as \
                file:line:column (file:line for CSV and JSON Lines) and nothing is imported. The second \
                reading imports all the files in one transaction (all of them or, if anything fails, \
                none): new claims are added, a claim that differs from its current version gets one new \
                version (the reason names the file), new forecasts and changed resolutions are recorded. \
                A file whose size or modification time changed between the two readings is refused, and \
                nothing is imported. Importing an unchanged file changes nothing, and finds so without \
                reading the claims it names (each claim's last import is remembered by its digest).

                JSON Lines and CSV are read a few megabytes at a time, so a file of any size imports in \
                the same memory; the records of one CSV claim (one per forecast) must follow one another. \
                Claim files, AI-tracker files and predictions.yaml are read whole (up to 256 MB each). \
                An import of 20,000 claims or more into a database holding at most half as many builds \
                its indexes at the end, sorting in temporary files ($SQLITE_TMPDIR, else $TMPDIR, else \
                /tmp), which need room there. \
                Imports of up to 10,000 claims are also checked for claims logged twice (the same \
                statement or quote under two ids), with a warning for each.

                The format comes from the file's name (.csv, .jsonl; a .yaml file with \
                prediction_text is an AI-tracker file, one with a top-level predictions: key a \
                tracker's predictions.yaml) unless --format says. Claim files are described in \
                claims/README.md; CSV columns, JSON fields and the two trackers' mappings in \
                cli-docs/README.md.

                CSV: --map field=column reads a field from a column of another name (several, comma \
                separated; column+column joins two columns with '-'), and --default field=value \
                gives a field to rows that lack it. Example, ForecastBench's resolved questions:
                  claims import forecastbench.csv --map id=id+round,said_on=round,window_end=deadline,\\
                    stated_probability=probability,claimant=source,settled_on=resolved_at,\\
                    location=source_url,source_title=source
                """)

        @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
        var paths: [String]

        @Option(help: "The files' format (default: from each file's name).")
        var format: ImportFormat = .auto

        @Option(help: ArgumentHelp("CSV: read a field from a column of another name, as field=column[,field=column…].", valueName: "field=column"))
        var map: [String] = []

        @Option(name: .customLong("default"), help: ArgumentHelp("CSV: a value for a field the file lacks or leaves empty; repeat for more.", valueName: "field=value"))
        var defaults: [String] = []

        @Flag(name: .customLong("dry-run"), help: "Print what would change, claim by claim and field by field, and change nothing.")
        var dryRun = false

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one file or folder, for example: claims import claims/") }
        }

        func run() throws {
            let rt = Runtime.current
            let mapping = try FlatClaims.Mapping.parse(maps: map, defaults: defaults)
            let spool = Spool()
            defer { spool.remove() }
            let files = try Self.inputFiles(paths, spool: spool)
            // The first reading checks every file and writes nothing.
            let checked = try ImportCheck.run(files, format: format, mapping: mapping)
            for w in checked.warnings { rt.printError("warning: \(w)") }
            if !checked.issues.isEmpty { throw ClaimFileError.invalid(checked.issues) }
            // A dry run writes nothing: with no database yet, it runs against an empty one made
            // aside, which is removed after.
            let fm = FileManager.default
            let scratch = dryRun && !database.isPostgres && !fm.fileExists(atPath: database.resolvedPath)
                ? fm.temporaryDirectory.appendingPathComponent("claims-dry-run-\(UUID().uuidString)") : nil
            defer { if let scratch { try? fm.removeItem(at: scratch) } }
            let db: any ClaimStore
            if let scratch {
                try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
                db = try ClaimsDatabase(path: scratch.appendingPathComponent("dry-run.sqlite").path, mode: .createIfMissing)
            } else if dryRun, let copy = try database.openForReading() as? ClaimsDatabase, copy.readsMigratedCopy {
                // An older file is not upgraded by a dry run: it runs on the upgraded copy in memory.
                db = copy
            } else {
                db = try database.openForWriting()
            }
            if let sample = checked.lookalikeSample { warnAboutLookalikes(sample, in: db) }
            // The second reading writes, a part at a time, in one transaction; a file that is not
            // as the first reading found it stops the import, and nothing is kept.
            var totals = [ImportOutcome.Kind: Int]()
            let reading = ImportReading(checked, format: format, mapping: mapping, changes: files.map { author.change("import \($0.shown)") })
            defer { reading.stop() }
            try db.sync(dryRun: dryRun, expectedClaims: checked.claimCounts.reduce(0, +), reading: { try reading.next() }) { outcomes in
                let file = reading.currentFile
                for o in outcomes {
                    totals[o.kind, default: 0] += 1
                    guard o.kind != .unchanged, dryRun || checked.claimCounts[file] <= 200 else { continue }
                    var line = "\(files[file].shown): \(o.id): \(dryRun ? "would be " : "")\(o.kind.rawValue)"
                    if o.forecastsAdded > 0 { line += ", \(o.forecastsAdded) forecast\(o.forecastsAdded == 1 ? "" : "s")" }
                    if o.resolutionRecorded { line += ", resolution" }
                    rt.print(line)
                    for ch in o.changes { rt.print("  \(ch.field): \(ch.old ?? "(none)") → \(ch.new ?? "(none)")") }
                }
            }
            let verb = dryRun ? "would import" : "imported"
            rt.print("\(verb) \(files.count) file\(files.count == 1 ? "" : "s"): \(totals[.added] ?? 0) added, \(totals[.changed] ?? 0) changed, \(totals[.unchanged] ?? 0) unchanged")
            if checked.lookalikeSample == nil, (totals[.added] ?? 0) > 0 {
                rt.printError("note: the check for claims logged twice (the same statement or quote under two ids) runs on imports of up to \(ImportCheck.lookalikeLimit) claims; this one had \(checked.claimCounts.reduce(0, +)), and was not checked")
            }
        }

        /// Warns, on standard error, about each incoming claim that looks like another one (the same
        /// statement or quote under another id), in the files or in the database.
        func warnAboutLookalikes(_ claims: [(ClaimID, ClaimContent)], in db: any ClaimStore) {
            // Claims the database holds already were looked at when they came: re-importing a
            // file reads nothing more.
            guard let known = try? db.existingIDs(claims.map(\.0)) else { return }
            let incoming = claims.filter { !known.contains($0.0) }
            guard !incoming.isEmpty else { return }
            // Each claim's texts, normalized once, on every core.
            let perClaim = incoming.concurrentMap(perWorker: 2000) { Lookalikes.texts(of: $0.1) }
            let texts = Set(perClaim.flatMap { $0.map(\.text) })
            guard let recorded = try? db.claims(withTexts: texts) else { return }
            let (pairs, more) = Lookalikes.pairs(incoming: incoming, recorded: recorded, limit: 20, texts: perClaim)
            for p in pairs {
                Runtime.current.printError("warning: \(p.claim) has the same \(p.what) as \(p.other)" + (p.otherSource.map { " (source \($0))" } ?? "")
                    + ": one claim logged twice? Keep one: `claims withdraw \(p.claim) --successor \(p.other) --reason \"logged twice\"`.")
            }
            if more > 0 { Runtime.current.printError("warning: \(more) more claims have the statement or quote of another") }
        }

        static let extensions = ["yaml", "yml", "csv", "jsonl", "ndjson"]

        /// The files named by `paths`, folders expanded (not recursively), in a stable order.
        /// Standard input (`-`) and pipes are first copied to files in `spool`: an import reads
        /// every file twice.
        static func inputFiles(_ paths: [String], spool: Spool) throws -> [InputPath] {
            let rt = Runtime.current
            let fm = FileManager.default
            var result: [InputPath] = []
            for path in paths {
                if path == "-" {
                    result.append(InputPath(url: try spool.copy(URL(fileURLWithPath: "/dev/stdin"), shown: "standard input"), shown: "standard input"))
                    continue
                }
                let url = rt.resolve(path: path)
                var info = stat()
                guard stat(url.path, &info) == 0 else { throw CLIError.cannotRead(path: path, reason: "no such file or folder") }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                    let files = names.filter { name in
                        extensions.contains((name as NSString).pathExtension.lowercased()) && !name.lowercased().hasPrefix("readme")
                    }.sorted()
                    if files.isEmpty { throw CLIError.cannotRead(path: path, reason: "the folder holds no files to import (*.yaml, *.yml, *.csv, *.jsonl)") }
                    let base = path.hasSuffix("/") ? path : path + "/"
                    result += files.map { InputPath(url: url.appendingPathComponent($0), shown: base + $0) }
                case S_IFIFO, S_IFSOCK:
                    // Its name keeps its extension, which says its format.
                    result.append(InputPath(url: try spool.copy(url, shown: path), shown: path))
                case S_IFREG:
                    result.append(InputPath(url: url, shown: path))
                default:
                    throw CLIError.cannotRead(path: path, reason: "it is a device, not a file")
                }
            }
            return result
        }
    }
}

/// A file to import: where it is, and how messages name it.
struct InputPath {
    let url: URL
    let shown: String
}

extension ImportFormat: ExpressibleByArgument {}

/// A folder of copies of standard input and pipes, removed when the import ends.
final class Spool {
    private let folder = ScratchFolder(prefix: "claims-import")
    private var copies = 0

    /// Copies what `url` streams to a file, a megabyte at a time.
    func copy(_ url: URL, shown: String) throws -> URL {
        let fm = FileManager.default
        let name = shown == "standard input" ? "stdin" : url.lastPathComponent
        guard let target = try? folder.url().appendingPathComponent("\(copies)-\(name)") else {
            throw CLIError.cannotWrite(path: "the temporary folder", reason: "a copy of \(shown) could not be made there")
        }
        copies += 1
        guard let input = try? FileHandle(forReadingFrom: url) else { throw CLIError.cannotRead(path: shown, reason: "the stream could not be opened") }
        guard fm.createFile(atPath: target.path, contents: nil), let output = try? FileHandle(forWritingTo: target) else {
            throw CLIError.cannotWrite(path: target.path, reason: "a copy of \(shown) could not be made in the temporary folder")
        }
        defer { try? output.close() }
        do {
            while let data = try input.read(upToCount: 1 << 20), !data.isEmpty { try output.write(contentsOf: data) }
        } catch {
            throw CLIError.cannotRead(path: shown, reason: "the stream could not be read (\((error as NSError).localizedDescription))")
        }
        return target
    }

    func remove() { folder.remove() }
}
