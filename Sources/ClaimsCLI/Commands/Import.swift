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
                aside). Every file is checked first; if any has a problem, each problem is printed as \
                file:line:column (file:line for CSV and JSON Lines) and nothing is imported. All the files \
                are then imported in one transaction (all of them or, if anything fails, none): new \
                claims are added, a claim that differs from its current version gets one new version \
                (the reason names the file), new forecasts and changed resolutions are recorded. \
                Importing an unchanged file changes nothing.

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
            var batches: [(path: String, claims: [NewClaim])] = []
            var issues: [ClaimFileIssue] = []
            let files = try Self.inputFiles(paths)
            for ((_, shown), result) in zip(files, Self.readAll(files, format: format, mapping: mapping)) {
                let (claims, found) = try result.get()
                issues += found
                if found.isEmpty { batches.append((shown, claims)) }
            }
            if !issues.isEmpty { throw ClaimFileError.invalid(issues) }
            // A dry run writes nothing: with no database yet, it runs against an empty one made
            // aside, which is removed after.
            let fm = FileManager.default
            let scratch = dryRun && !fm.fileExists(atPath: database.resolvedPath)
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
            warnAboutLookalikes(batches.flatMap(\.claims), in: db)
            var totals = [ImportOutcome.Kind: Int]()
            let results = try db.sync(batches.map { ($0.claims, author.change("import \($0.path)")) }, dryRun: dryRun)
            for (batch, outcomes) in zip(batches, results) {
                for o in outcomes {
                    totals[o.kind, default: 0] += 1
                    guard o.kind != .unchanged, dryRun || batch.claims.count <= 200 else { continue }
                    var line = "\(batch.path): \(o.id): \(dryRun ? "would be " : "")\(o.kind.rawValue)"
                    if o.forecastsAdded > 0 { line += ", \(o.forecastsAdded) forecast\(o.forecastsAdded == 1 ? "" : "s")" }
                    if o.resolutionRecorded { line += ", resolution" }
                    rt.print(line)
                    for ch in o.changes { rt.print("  \(ch.field): \(ch.old ?? "(none)") → \(ch.new ?? "(none)")") }
                }
            }
            let verb = dryRun ? "would import" : "imported"
            rt.print("\(verb) \(batches.count) file\(batches.count == 1 ? "" : "s"): \(totals[.added] ?? 0) added, \(totals[.changed] ?? 0) changed, \(totals[.unchanged] ?? 0) unchanged")
        }

        /// Warns, on standard error, about each incoming claim that looks like another one (the same
        /// statement or quote under another id), in the files or in the database.
        func warnAboutLookalikes(_ claims: [NewClaim], in db: any ClaimStore) {
            // Claims the database holds already were looked at when they came: re-importing a
            // file reads nothing more.
            let all = claims.compactMap { c in c.id.map { ($0, c.content) } }
            guard let known = try? db.existingIDs(all.map(\.0)) else { return }
            let incoming = all.filter { !known.contains($0.0) }
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
        static func inputFiles(_ paths: [String]) throws -> [(URL, String)] {
            let rt = Runtime.current
            let fm = FileManager.default
            var result: [(URL, String)] = []
            for path in paths {
                // `-` is standard input, read whole (its format from --format, else read as a claim file).
                if path == "-" { result.append((URL(fileURLWithPath: "/dev/stdin"), "standard input")); continue }
                let url = rt.resolve(path: path)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    throw CLIError.cannotRead(path: path, reason: "no such file or folder")
                }
                if isDirectory.boolValue {
                    let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                    let files = names.filter { name in
                        extensions.contains((name as NSString).pathExtension.lowercased()) && !name.lowercased().hasPrefix("readme")
                    }.sorted()
                    if files.isEmpty { throw CLIError.cannotRead(path: path, reason: "the folder holds no files to import (*.yaml, *.yml, *.csv, *.jsonl)") }
                    let base = path.hasSuffix("/") ? path : path + "/"
                    result += files.map { (url.appendingPathComponent($0), base + $0) }
                } else {
                    result.append((url, path))
                }
            }
            return result
        }

        /// Reads every file, several at once (one per core); results in the files' order.
        static func readAll(_ files: [(URL, String)], format: ImportFormat, mapping: FlatClaims.Mapping)
            -> [Result<([NewClaim], [ClaimFileIssue]), any Error>] {
            files.concurrentMap { file in Result { try read(file.0, shown: file.1, format: format, mapping: mapping) } }
        }

        static func read(_ url: URL, shown: String, format: ImportFormat, mapping: FlatClaims.Mapping) throws -> ([NewClaim], [ClaimFileIssue]) {
            let data = try InputFile.contents(url, shown: shown)
            if data.count > 1 << 30 {
                return ([], [ClaimFileIssue(path: shown, line: 1, column: 1, message: "the file is \(data.count / 1_048_576) MB: at most 1024 MB can be imported at once; split it")])
            }
            if let nul = data.withUnsafeBytes({ raw -> Int? in
                guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }) {
                let line = data.prefix(nul).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                return ([], [ClaimFileIssue(path: shown, line: line, column: 1, message: "the file holds a NUL byte: it is not a text file")])
            }
            let ext = url.pathExtension.lowercased()
            var chosen = format
            if chosen == .auto && ext == "csv" { chosen = .csv }
            if chosen == .auto && ["jsonl", "ndjson"].contains(ext) { chosen = .jsonl }
            // JSON Lines are read from the bytes (each string is checked to be UTF-8 as it is
            // read, on every core); the other formats as text.
            var text = ""
            if chosen != .jsonl {
                guard let decoded = String(data: data, encoding: .utf8) else {
                    return ([], [ClaimFileIssue(path: shown, line: 1, column: 1, message: "the file is not UTF-8 text: save it as UTF-8")])
                }
                text = decoded
                if chosen == .auto {
                    chosen = text.range(of: "(?m)^prediction_text:", options: .regularExpression) != nil ? .aiTracker
                        : TrackerPredictions.looksLikeOne(text) ? .predictions : .yaml
                }
            }
            if chosen != .csv && (!mapping.columns.isEmpty || !mapping.defaults.isEmpty) {
                throw CLIError.invalidOption(option: "--map", message: "--map and --default apply to CSV files only; \(shown) is read as \(chosen.rawValue).")
            }
            switch chosen {
            case .yaml, .auto:
                do { return (try ClaimFile.parse(text, path: shown).claims, []) }
                catch ClaimFileError.invalid(let issues) { return ([], issues) }
            case .jsonl:
                return JSONLines.claims(data, path: shown)
            case .aiTracker:
                let (claim, issues) = AITracker.claim(text, path: shown, stem: url.deletingPathExtension().lastPathComponent)
                return (claim.map { [$0] } ?? [], issues)
            case .predictions:
                let (claims, issues, warnings) = TrackerPredictions.read(text, path: shown)
                // Said at once, on standard error: the reader of a file that does import wants them too.
                for w in warnings { Runtime.current.printError("warning: \(w)") }
                return (claims, issues)
            case .csv:
                return try readCSV(text, shown: shown, mapping: mapping)
            }
        }

        static func readCSV(_ text: String, shown: String, mapping: FlatClaims.Mapping) throws -> ([NewClaim], [ClaimFileIssue]) {
            let records: [CSVReader.Record]
            do { records = try CSVReader.records(text) } catch CSVReader.Failure.unterminatedQuote(let line) {
                return ([], [ClaimFileIssue(path: shown, line: line, message: "a quoted field is never closed (a \" is missing)")])
            }
            guard let header = records.first else { return ([], [ClaimFileIssue(path: shown, line: 1, message: "the file is empty: expected a header row")]) }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            for (field, columns) in mapping.columns {
                for column in columns where index[column] == nil {
                    throw CLIError.invalidOption(option: "--map", message: "\(field)=\(columns.joined(separator: "+")): \(shown) has no column '\(column)'; its columns are \(names.joined(separator: ", ")).")
                }
            }
            let mappedColumns = Set(mapping.columns.values.joined())
            let rows = records.dropFirst().map { record -> (line: Int, value: (String) -> String?) in
                let value: (String) -> String? = { field in
                    // A field is read from its mapped columns, else from the column of its own name
                    // unless --map gave that column to other fields.
                    let columns = mapping.columns[field] ?? (index[field] != nil && !mappedColumns.contains(field) ? [field] : [])
                    let parts = columns.compactMap { c -> String? in
                        guard let i = index[c], i < record.fields.count else { return nil }
                        let v = record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                        return v.isEmpty ? nil : v
                    }
                    if !parts.isEmpty && parts.count == columns.count { return parts.joined(separator: "-") }
                    return mapping.defaults[field].flatMap { cleaned($0) }
                }
                return (record.line, value)
            }
            let (claims, issues) = FlatClaims.claims(Array(rows), path: shown)
            return (claims, issues)
        }
    }
}

public enum ImportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, yaml, jsonl, csv
    case aiTracker = "ai-tracker"
    /// The `predictions.yaml` of public trackers (meta, then a list of predictions).
    case predictions
}
