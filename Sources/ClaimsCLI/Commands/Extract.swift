import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Draft the claims of a transcript, as a claim file for a person to review and import.",
            discussion: """
                Reads the transcripts people have, the layout detected unless --format says: WebVTT \
                and SRT captions (speakers from voice tags <v Name>, a leading "Name:" or ">>"), \
                lines "Name: text", transcription services' blocks ("Name  00:12:34" or "Speaker 1 \
                (00:12:34):" on a line, then the text), Whisper's JSON (segments with start times), \
                plain text whose turns start with >> (speakers not named: --speakers names them), and \
                Markdown with YAML front matter (date, source, title, people), paragraphs **Name:** \
                text and, after each, the original in <details><p class="english-text">…</p></details>. \
                A time in the recording becomes the draft's location (00:12:34); `show` and the report \
                link it to that moment of a YouTube or Vimeo source. A draft is a \
                sentence that predicts something: a future time ("next year", "到2027年"), a \
                confidence word about a future state ("extremely likely", "不太可能"), or both. \
                Questions, past events, counterfactuals and biography are passed over; a sentence \
                with two forecasts gives two drafts.

                Each draft carries the verbatim quote; a statement drafted from it without fillers \
                and false starts, in the third person; an id from the speaker, the year and the \
                content words; where it was said; the speaker, with how sure that is; the window \
                and its rule; the confidence words (in a rendering, the original's: the translator's \
                words are not the speaker's); the original in the other language where the file has \
                it; a criteria placeholder; and, in the comment above it, its detection score and \
                what to review. Drafts are ordered by score. Nothing is written to the database: \
                edit the drafts, then `claims import` them.

                Example:
                  claims extract interview-zh.md --lang zh --out claims/drafts.yaml
                  claims extract interview-en.txt --said-on 2025-10-23 --source-url https://www.youtube.com/watch?v=gTlxCrsUcFM \\
                    --speakers "Matt Turck,Julian Schrittwieser"
                  claims extract episode.vtt --said-on 2025-10-23
                """)

        @Argument(help: ArgumentHelp("The transcript: plain text or Markdown.", valueName: "file"))
        var file: String

        @Option(help: "Draft from the text in this language (a Chinese rendering that carries the English original can give either; default: the file's main language).")
        var lang: DraftFile.Language?

        @Option(name: .customLong("said-on"), help: ArgumentHelp("The day it was said (default: the front matter's date).", valueName: "date"),
                transform: Parse.day)
        var saidOn: Day?

        @Option(name: .customLong("source-url"), help: ArgumentHelp("The source's URL (default: the front matter's source).", valueName: "url"))
        var sourceURL: String?

        @Option(name: .customLong("source-kind"), help: "The kind of source.")
        var sourceKind: SourceKind = .interview

        @Option(help: "The claimant of drafts whose speaker the transcript does not name (default: 'unknown speaker').",
                transform: Parse.text("the claimant"))
        var claimant: NonEmptyText?

        @Option(help: ArgumentHelp("The two people who take turns where the transcript does not name speakers (>> turns), host or guest first, comma separated: the introduction and who asks the questions place them.", valueName: "names"),
                transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
        var speakers: [String] = []

        @Option(help: "The transcript's layout (default: detected).")
        var format: TranscriptFormat?

        @Option(name: .customLong("min-score"), help: ArgumentHelp("Leave out drafts scoring below this (0 … 1).", valueName: "score"))
        var minScore: Double = Extractor.threshold

        @Option(help: ArgumentHelp("Write the draft file here (default: standard output).", valueName: "path"))
        var out: String?

        func run() throws {
            let rt = Runtime.current
            let url = rt.resolve(path: file)
            // Refused before it is read: a 2 GB file is not read into memory to be refused.
            if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > 64 << 20 {
                throw CLIError.cannotRead(path: file, reason: "it is \(size >> 20) MB: a transcript is at most 64 MB; split it")
            }
            let data = try InputFile.contents(url, shown: file)
            guard data.count <= 64 << 20 else { throw CLIError.cannotRead(path: file, reason: "it is \(data.count >> 20) MB: a transcript is at most 64 MB; split it") }
            if data.contains(0) { throw CLIError.cannotRead(path: file, reason: "it holds NUL bytes: it is not a text file") }
            guard let text = String(data: data, encoding: .utf8) else { throw CLIError.cannotRead(path: file, reason: "the file is not UTF-8 text") }
            let (yaml, count) = try DraftFile.make(text, file: file, lang: lang, saidOn: saidOn, sourceURL: sourceURL,
                                                   sourceKind: sourceKind, claimant: claimant, minScore: minScore,
                                                   format: format, speakers: speakers)
            if let out {
                try Exporter.write(yaml, to: rt.resolve(path: out), shown: out)
                rt.printError("wrote \(count) draft\(count == 1 ? "" : "s") to \(out)")
            } else {
                rt.write(yaml)
            }
        }

    }
}

extension DraftFile.Language: ExpressibleByArgument {}
extension TranscriptFormat: ExpressibleByArgument {}
