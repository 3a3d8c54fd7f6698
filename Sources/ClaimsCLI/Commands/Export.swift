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

                Claims are read and written one at a time, so an export of any size takes the same \
                memory (predictions.yaml, one document, is gathered first). Each file is written beside \
                its place and renamed into it when complete: an existing file of the same name is \
                replaced whole, or, if the export fails, left as it was. No other file is touched.
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
            let db = try database.openForReading()
            var count = 0
            // Claims are read and written one at a time: an export of any size in flat memory.
            if format.isSingleFile {
                let out = try OutputFile(path)
                switch format {
                case .jsonl:
                    let writer = JSONLines.Writer(today: point.today)
                    try db.eachState(at: point, order: .id) { state in
                        count += 1
                        try out.write(try writer.line(state) + "\n")
                    }
                case .csv:
                    try out.write(CSVWriter.line(FlatClaims.fields))
                    try db.eachState(at: point, order: .id) { state in
                        count += 1
                        for row in FlatClaims.rows(state) { try out.write(CSVWriter.line(row)) }
                    }
                default:
                    // A tracker's file is one document: its claims are gathered first. A withdrawn
                    // claim is no prediction: the file leaves it out.
                    var states: [ClaimState] = []
                    try db.eachState(at: point, order: .id) { if $0.content.withdrawal == nil { states.append($0) } }
                    count = states.count
                    try out.write(TrackerPredictions.render(states, today: point.today))
                }
                try out.finish()
                if path != "-" { rt.print("wrote \(count) claim\(count == 1 ? "" : "s") to \(path)") }
                return
            }
            let folder = rt.resolve(path: path)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIError.cannotWrite(path: path, reason: "cannot create the folder (\((error as NSError).localizedDescription))")
            }
            var files = 0
            func write(_ name: String, _ text: String) throws {
                let url = folder.appendingPathComponent(name).standardizedFileURL
                guard url.deletingLastPathComponent().path == folder.standardizedFileURL.path else {
                    throw CLIError.cannotWrite(path: name, reason: "the name would leave the folder \(path)")
                }
                try Exporter.write(text, to: url, shown: (path as NSString).appendingPathComponent(name))
                files += 1
            }
            if format == .aiTracker {
                try db.eachState(at: point, order: .id) { state in
                    count += 1
                    try write(state.id.rawValue + ".yaml", AITracker.render(state, today: point.today))
                }
            } else {
                // Claim files: a source's claims come together (by key), and make one file.
                var group: [ClaimState] = []
                func flush() throws {
                    guard let key = group.first.map({ $0.content.source?.key ?? "" }) else { return }
                    // The file describes its source as the most recently recorded of its claims does.
                    let source = group.filter { $0.content.source != nil }
                        .max { $0.current.info.recordedAt < $1.current.info.recordedAt }?.content.source
                    try write(key.isEmpty ? "unsourced.yaml" : key + ".yaml", ClaimFileWriter.render(source: source, claims: group))
                    group.removeAll()
                }
                try db.eachState(at: point, order: .sourceKey) { state in
                    count += 1
                    if let first = group.first, first.content.source?.key != state.content.source?.key { try flush() }
                    group.append(state)
                }
                try flush()
            }
            rt.print("wrote \(files) file\(files == 1 ? "" : "s") (\(count) claim\(count == 1 ? "" : "s")) to \(path)")
        }

        func exportLog() throws {
            let rt = Runtime.current
            let out = try OutputFile(path)
            var count = 0
            try database.openForReading().logEvents { seq, event, _ in
                guard let event else {
                    throw CLIError.cannotRead(path: "the log", reason: "event \(seq) names a row that is not there: `claims verify` says more")
                }
                try out.write(LogExport.line(seq: seq, event) + "\n")
                count += 1
            }
            try out.finish()
            if path != "-" { rt.print("wrote \(count) log event\(count == 1 ? "" : "s") to \(path)") }
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

/// A file written a piece at a time, and put in place only when whole: the pieces go to a
/// temporary file beside it, renamed over it at the end; a failed export leaves the old file as
/// it was. `-` is standard output. Writes are gathered a megabyte at a time.
final class OutputFile {
    private let shown: String
    private let target: URL?
    private let temporary: URL?
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var finished = false

    init(_ path: String) throws {
        shown = path
        guard path != "-" else { target = nil; temporary = nil; handle = nil; return }
        let url = Runtime.current.resolve(path: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError.cannotWrite(path: path, reason: "it is a folder: name a file")
        }
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) else {
            throw CLIError.cannotWrite(path: path, reason: "the folder \(url.deletingLastPathComponent().path) does not exist")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let handle = try? FileHandle(forWritingTo: temporary) else {
            throw CLIError.cannotWrite(path: path, reason: access(url.deletingLastPathComponent().path, W_OK) == 0
                ? "a file could not be made beside it" : "you may not write in its folder")
        }
        target = url
        self.temporary = temporary
        self.handle = handle
    }

    deinit {
        guard !finished, let temporary else { return }
        try? handle?.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let handle else {
            Runtime.current.write(String(decoding: buffer, as: UTF8.self))
            return
        }
        do { try handle.write(contentsOf: buffer) } catch {
            throw CLIError.cannotWrite(path: shown, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes what is left and puts the file in place.
    func finish() throws {
        try flush()
        finished = true
        guard let handle, let temporary, let target else { return }
        do {
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, target.path) != 0 { throw CLIError.cannotWrite(path: shown, reason: String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error as? CLIError ?? CLIError.cannotWrite(path: shown, reason: (error as NSError).localizedDescription)
        }
    }
}
