import ArgumentParser
import ClaimsCore
import ClaimsStore
import Foundation
import Yams

extension ClaimsCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Draft the claims of a transcript, as a claim file for a person to review and import.",
            discussion: """
                Reads plain text whose turns start with >> (speakers not named), or Markdown with \
                YAML front matter (date, source, title, people), paragraphs **Name:** text and, after \
                each, the original in <details><p class="english-text">…</p></details>. A draft is a \
                sentence that predicts something: a future time ("next year", "到2027年"), a \
                confidence word about a future state ("extremely likely", "不太可能"), or both. \
                Questions, past events, counterfactuals and biography are passed over; a sentence \
                with two forecasts gives two drafts.

                Each draft carries the verbatim quote, its line and turn or paragraph, the speaker \
                where known, the window and its rule, the confidence words (the band is inferred \
                from them), the original in the other language where the file has it, and, in the \
                comment above it, its detection score and what to review. Drafts are ordered by \
                score. Nothing is written to the database: edit the draft, then `claims import` it.

                Example:
                  claims extract interview-zh.md --lang zh --out claims/drafts.yaml
                  claims extract interview-en.txt --said-on 2025-10-23 --source-url https://www.youtube.com/watch?v=gTlxCrsUcFM
                """)

        enum Language: String, ExpressibleByArgument, CaseIterable { case en, zh }

        @Argument(help: ArgumentHelp("The transcript: plain text or Markdown.", valueName: "file"))
        var file: String

        @Option(help: "Draft from the text in this language (a Chinese rendering that carries the English original can give either; default: the file's main language).")
        var lang: Language?

        @Option(name: .customLong("said-on"), help: ArgumentHelp("The day it was said (default: the front matter's date).", valueName: "date"))
        var saidOn: String?

        @Option(name: .customLong("source-url"), help: ArgumentHelp("The source's URL (default: the front matter's source).", valueName: "url"))
        var sourceURL: String?

        @Option(name: .customLong("source-kind"), help: "The kind of source.")
        var sourceKind: SourceKind = .interview

        @Option(help: "The claimant of drafts whose speaker the transcript does not name (default: the person named in --person, else 'unknown speaker').")
        var claimant: String?

        @Option(name: .customLong("min-score"), help: ArgumentHelp("Leave out drafts scoring below this (0 … 1).", valueName: "score"))
        var minScore: Double = Extractor.threshold

        @Option(help: ArgumentHelp("Write the draft file here (default: standard output).", valueName: "path"))
        var out: String?

        func run() throws {
            let rt = Runtime.current
            let url = rt.resolve(path: file)
            guard let data = try? Data(contentsOf: url) else { throw CLIError.cannotRead(path: file, reason: "no such file, or not readable") }
            guard let text = String(data: data, encoding: .utf8) else { throw CLIError.cannotRead(path: file, reason: "the file is not UTF-8 text") }
            let (yaml, count) = try Self.draftFile(text, file: file, lang: lang, saidOn: saidOn, sourceURL: sourceURL,
                                                   sourceKind: sourceKind, claimant: claimant, minScore: minScore)
            if let out {
                try Exporter.write(yaml, to: rt.resolve(path: out), shown: out)
                rt.printError("wrote \(count) draft\(count == 1 ? "" : "s") to \(out)")
            } else {
                rt.write(yaml)
            }
        }

        /// The draft claim file for a transcript's text, and how many drafts it holds.
        static func draftFile(_ text: String, file: String, lang: Language?, saidOn: String?, sourceURL: String?,
                              sourceKind: SourceKind = .interview, claimant: String? = nil,
                              minScore: Double = Extractor.threshold) throws -> (String, Int) {
            let (front, body, bodyLine) = try Self.frontMatter(text, file: file)
            let date = try (saidOn ?? front["date"]).map { t in try checked("--said-on") { try Day(t) } }
            guard let anchor = date else {
                throw CLIError.invalidOption(option: "--said-on", message: "\(file) has no date in front matter: give --said-on YYYY-MM-DD, the day it was said (time phrases are read from it).")
            }
            let isMarkdown = body.contains("**") && body.range(of: "(?m)^\\*\\*[^*]+[:：]\\*\\*", options: .regularExpression) != nil
            let transcript = isMarkdown ? Transcript.markdown(body, firstLine: bodyLine) : Transcript.plain(body)
            let mainIsChinese = Self.isMostlyChinese(transcript.segments.prefix(20).map(\.text).joined())
            let language = lang ?? (mainIsChinese ? .zh : .en)
            let useOriginals = (language == .en) == mainIsChinese
            if useOriginals && !transcript.segments.contains(where: { $0.original != nil }) {
                throw CLIError.invalidOption(option: "--lang", message: "\(file) has no text in \(language.rawValue): draft from \(language == .en ? "zh" : "en"), its own language.")
            }
            let people = front["people"].map { $0.split(separator: "\n").map(String.init) } ?? []
            // "Julian" in the transcript is "Julian Schrittwieser" among the people it names.
            let drafts = Extractor.drafts(transcript, anchor: anchor, useOriginals: useOriginals, minScore: minScore).map { d in
                var d = d
                if let who = d.speaker, let full = people.first(where: { $0 == who || $0.hasPrefix(who + " ") }) { d.speaker = full }
                return d
            }
            let source = try checked("--source-url") {
                try Source(kind: sourceKind, title: front["title"], url: sourceURL ?? front["source"], publisher: front["author"],
                           publishedOn: anchor, language: language.rawValue, people: people)
            }
            let yaml = Self.render(drafts, source: source, file: file, anchor: anchor, language: language,
                                   otherLanguage: language == .en ? "zh" : "en", claimant: claimant)
            return (yaml, drafts.count)
        }

        static func isMostlyChinese(_ text: String) -> Bool {
            let cjk = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
            return cjk * 3 > text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        }

        /// The front matter's scalar fields (lists joined with newlines), the body, and its first line.
        static func frontMatter(_ text: String, file: String) throws -> ([String: String], String, Int) {
            guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return ([:], text, 1) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return ([:], text, 1) }
            let yaml = lines[1..<end].joined(separator: "\n")
            var fields: [String: String] = [:]
            do {
                if case .mapping(let map)? = try Yams.compose(yaml: yaml) {
                    for (k, v) in map {
                        guard let key = k.scalar?.string else { continue }
                        switch v {
                        case .scalar(let s): if !s.string.isEmpty { fields[key] = s.string }
                        case .sequence(let seq): fields[key] = seq.compactMap { $0.scalar?.string }.joined(separator: "\n")
                        default: break
                        }
                    }
                }
            } catch {
                throw CLIError.cannotRead(path: file, reason: "its front matter is not valid YAML (\(error))")
            }
            return (fields, lines[(end + 1)...].joined(separator: "\n"), end + 2)
        }

        static func render(_ drafts: [Extractor.Draft], source: Source, file: String, anchor: Day, language: Language,
                           otherLanguage: String, claimant: String?) -> String {
            let fileName = URL(fileURLWithPath: file).lastPathComponent
            let fallback = claimant ?? "unknown speaker"
            var used: Set<String> = []
            let entries: [(ClaimState, comments: [String])] = drafts.enumerated().map { i, d in
                var base = "draft-" + String(format: "%03d", i + 1)
                let words = Slug.make(from: d.statement).split(separator: "-").prefix(6).joined(separator: "-")
                if !words.isEmpty { base += "-" + words }
                var id = base
                var n = 2
                while used.contains(id) { id = base + "-\(n)"; n += 1 }
                used.insert(id)
                var statement = d.statement
                if let first = statement.first, first.isLowercase { statement = first.uppercased() + statement.dropFirst() }
                let location = "\(fileName) line \(d.line), \(d.unit) \(d.segment)"
                let translations = d.original.map { [try? Translation(language: otherLanguage, quote: $0.text, location: "\(fileName) line \($0.line)")] } ?? []
                let content = ClaimContent(
                    statement: (try? NonEmptyText(statement, field: "statement")) ?? (try! NonEmptyText(d.quote, field: "statement")),
                    claimant: try! NonEmptyText(d.speaker ?? fallback, field: "claimant"), saidOn: anchor, source: source,
                    quote: d.quote, location: location, window: d.window, confidence: d.confidence,
                    notes: d.answers.map { "In answer to: \($0)" }, translations: translations.compactMap { $0 })
                let version = ClaimVersion(id: try! ClaimID(id), info: VersionInfo(version: 1, recordedAt: Timestamp(millisecondsSinceEpoch: 0), author: "", reason: ""), content: content)
                var summary = "score \(String(format: "%.2f", d.score))"
                if let w = d.window { summary += " · window \"\(w.phrase ?? "")\" → \(w.start) … \(w.end)" + (w.rule.map { " (rule \($0))" } ?? "") }
                if let i = content.confidence.inferred { summary += " · \"\(i.qualifier)\" → \(i.band.rawValue) \(i.low)–\(i.high) (inferred)" }
                if let p = content.confidence.stated { summary += " · stated \(p)" }
                return (ClaimState(current: version, firstRecordedAt: version.info.recordedAt, forecasts: [], resolution: nil),
                        [summary] + d.flags.map { "review: \($0)" })
            }
            let header = "# Drafts from \(fileName) (\(language.rawValue)), said on \(anchor): \(drafts.count) sentence\(drafts.count == 1 ? "" : "s") that look like forecasts, best first.\n# Review each: keep the real forecasts, write the statement and criteria a stranger could check, then `claims import` this file.\n"
            let speakers = Dictionary(grouping: drafts.compactMap(\.speaker), by: { $0 }).max { $0.value.count < $1.value.count }?.key
            return header + ClaimFileWriter.header(source: source, claimant: speakers ?? fallback)
                + ClaimFileWriter.body(entries, defaultClaimant: speakers ?? fallback, defaultDay: anchor)
        }
    }
}
