import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the claims out: claim files (one per source), JSON Lines, CSV, AI-tracker files or a predictions.yaml.",
            discussion: """
                yaml (the default): DIR gets one claim file per source, named after the source's key \
                (claims with no source go to unsourced.yaml), in the canonical form that `claims import` \
                reads. The same database always gives the same bytes, and exporting, importing into a new \
                database and exporting again gives identical files. Comments in hand-written files are \
                not kept.

                jsonl and csv: PATH is one file (- for standard output), one claim a line or row, in \
                the columns described in cli-docs/README.md. ai-tracker: DIR gets one YAML file per \
                claim in the community format of public AI-prediction trackers.

                log: PATH is one file of JSON Lines, every event of the verifiable log in its order \
                (claim versions, forecasts, resolution revisions) with the fields its leaf encodes: \
                with schema/log.md, enough for another program to recompute the root that \
                `claims checkpoint` prints. It holds the whole history, not a moment (--as-of does \
                not apply).

                predictions: PATH is one file, the predictions.yaml of public trackers of AI \
                leaders' forecasts (mapping in cli-docs/README.md); withdrawn claims are left out.

                Existing files of the same names are replaced; no other file is touched.
                """)

        @Argument(help: ArgumentHelp("The folder (yaml, ai-tracker) or file (jsonl, csv, log, predictions) to write.", valueName: "path"))
        var path: String

        @Option(help: "What to write.")
        var format: ExchangeFormat = .yaml

        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            if format == .log { return try exportLog() }
            let point = readPoint.readPoint()
            let states = try database.openForReading().allStates(at: point)
            let files = try Exporter.files(states, format: format, today: point.today)
            if format.isSingleFile {
                let text = files.first?.text ?? ""
                if path == "-" { rt.write(text); return }
                try Exporter.write(text, to: rt.resolve(path: path), shown: path)
                rt.print("wrote \(states.count) claim\(states.count == 1 ? "" : "s") to \(path)")
                return
            }
            let folder = rt.resolve(path: path)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIError.cannotWrite(path: path, reason: "cannot create the folder (\((error as NSError).localizedDescription))")
            }
            for file in files {
                let url = folder.appendingPathComponent(file.name).standardizedFileURL
                guard url.deletingLastPathComponent().path == folder.standardizedFileURL.path else {
                    throw CLIError.cannotWrite(path: file.name, reason: "the name would leave the folder \(path)")
                }
                try Exporter.write(file.text, to: url, shown: (path as NSString).appendingPathComponent(file.name))
            }
            rt.print("wrote \(files.count) file\(files.count == 1 ? "" : "s") (\(states.count) claim\(states.count == 1 ? "" : "s")) to \(path)")
        }

        func exportLog() throws {
            let rt = Runtime.current
            var text = ""
            var count = 0
            try database.openForReading().logEvents { seq, event, _ in
                guard let event else {
                    throw CLIError.cannotRead(path: "the log", reason: "event \(seq) names a row that is not there: `claims verify` says more")
                }
                text += LogExport.line(seq: seq, event) + "\n"
                count += 1
            }
            if path == "-" { rt.write(text); return }
            try Exporter.write(text, to: rt.resolve(path: path), shown: path)
            rt.print("wrote \(count) log event\(count == 1 ? "" : "s") to \(path)")
        }
    }
}

/// The formats claims can be imported from and exported to.
public enum ExchangeFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case yaml, jsonl, csv
    case aiTracker = "ai-tracker"
    case log
    /// The `predictions.yaml` of public trackers.
    case predictions

    var isSingleFile: Bool { self == .jsonl || self == .csv || self == .log || self == .predictions }
}

enum Exporter {
    static func files(_ states: [ClaimState], format: ExchangeFormat, today: Day) throws -> [(name: String, text: String)] {
        switch format {
        case .yaml:
            var groups: [String: [ClaimState]] = [:]
            for s in states { groups[s.content.source?.key ?? "", default: []].append(s) }
            return groups.sorted { $0.key < $1.key }.map { key, claims in
                // The file describes its source as the most recently recorded of its claims does.
                let source = claims.filter { $0.content.source != nil }
                    .max { $0.current.info.recordedAt < $1.current.info.recordedAt }?.content.source
                return (key.isEmpty ? "unsourced.yaml" : key + ".yaml", ClaimFileWriter.render(source: source, claims: claims))
            }
        case .jsonl:
            return [("claims.jsonl", try JSONLines.render(states, today: today))]
        case .csv:
            var csv = CSVWriter(header: FlatClaims.fields)
            for state in states { for row in FlatClaims.rows(state) { csv.add(row) } }
            return [("claims.csv", csv.text)]
        case .aiTracker:
            return states.map { ($0.id.rawValue + ".yaml", AITracker.render($0, today: today)) }
        case .log:
            // The log is read from the store as it streams (Export.exportLog), not from states.
            return []
        case .predictions:
            // A withdrawn claim is no prediction: a tracker's file leaves it out.
            return [("predictions.yaml", TrackerPredictions.render(states.filter { $0.content.withdrawal == nil }, today: today))]
        }
    }

    /// Writes `text` to the file `shown` names (resolved to `url`); `-` is standard output.
    static func write(_ text: String, to url: URL, shown: String) throws {
        if shown == "-" { Runtime.current.write(text); return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError.cannotWrite(path: shown, reason: "it is a folder: name a file")
        }
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) else {
            throw CLIError.cannotWrite(path: shown, reason: "the folder \(url.deletingLastPathComponent().path) does not exist")
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CLIError.cannotWrite(path: shown, reason: (error as NSError).localizedDescription)
        }
    }
}
