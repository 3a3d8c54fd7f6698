import ClaimsCore
import Foundation
import Yams

/// A claim file of drafts from a transcript: what `claims extract` writes for a person to review.
public enum DraftFile {
    public enum Language: String, CaseIterable, Sendable { case en, zh }

    /// The draft claim file for a transcript's text, and how many drafts it holds.
    public static func make(_ text: String, file: String, lang: Language?, saidOn: Day?, sourceURL: String?,
                            sourceKind: SourceKind = .interview, claimant: NonEmptyText? = nil,
                            minScore: Double = Extractor.threshold, format: TranscriptFormat? = nil,
                            speakers: [String] = []) throws -> (String, Int) {
        let (front, body, bodyLine) = try Self.frontMatter(text, file: file)
        let date = try saidOn ?? front["date"].map { t in try option("--said-on") { try Day(t) } }
        guard let anchor = date else {
            throw ClaimFileError.invalidOption(option: "--said-on", message: "\(file) has no date in front matter: give --said-on YYYY-MM-DD, the day it was said (time phrases are read from it).")
        }
        var transcript: Transcript
        do { transcript = try Transcript.read(body, format: format, firstLine: bodyLine) } catch let error as TranscriptError {
            throw ClaimFileError.unreadable(path: file, reason: error.errorDescription ?? "\(error)")
        }
        // Unnamed turns given to the people named on the command line (or in the front matter).
        let frontPeople = front["people"].map { $0.split(separator: "\n").map(String.init) } ?? []
        var attribution: Transcript.Attribution?
        if !speakers.isEmpty || transcript.segments.contains(where: { $0.speaker == nil }) {
            (transcript, attribution) = transcript.assigningSpeakers(speakers.isEmpty ? frontPeople : speakers)
        }
        let mainIsChinese = Self.isMostlyChinese(transcript.segments.prefix(20).map(\.text).joined())
        let language = lang ?? (mainIsChinese ? .zh : .en)
        let useOriginals = (language == .en) == mainIsChinese
        if useOriginals && !transcript.segments.contains(where: { $0.original != nil }) {
            throw ClaimFileError.invalidOption(option: "--lang", message: "\(file) has no text in \(language.rawValue): draft from \(language == .en ? "zh" : "en"), its own language.")
        }
        let people = frontPeople + speakers
        // "Julian" in the transcript is "Julian Schrittwieser" among the people it names.
        let named = Set(transcript.segments.filter { attribution == nil || $0.speaker == nil }.compactMap(\.speaker))
        let drafts = Extractor.drafts(transcript, anchor: anchor, useOriginals: useOriginals, minScore: minScore).map { d in
            var d = d
            if attribution != nil, let who = d.speaker, !named.contains(who) { d.attribution = attribution }
            if let who = d.speaker, let full = people.first(where: { $0 == who || $0.hasPrefix(who + " ") }) { d.speaker = full }
            return d
        }
        let source = try option("--source-url") {
            try Source(kind: sourceKind, title: front["title"], url: sourceURL ?? front["source"], publisher: front["author"],
                       publishedOn: anchor, language: language.rawValue, people: people)
        }
        let yaml = try Self.render(drafts, source: source, file: file, anchor: anchor, language: language,
                               otherLanguage: language == .en ? "zh" : "en", claimant: claimant)
        return (yaml, drafts.count)
    }

    static func isMostlyChinese(_ text: String) -> Bool {
        let cjk = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
        return cjk * 3 > text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
    }

    /// The front matter's scalar fields (lists joined with newlines), the body, and its first line.
    public static func frontMatter(_ text: String, file: String) throws -> ([String: String], String, Int) {
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
            throw ClaimFileError.unreadable(path: file, reason: "its front matter is not valid YAML (\(error))")
        }
        return (fields, lines[(end + 1)...].joined(separator: "\n"), end + 2)
    }

    static func render(_ drafts: [Extractor.Draft], source: Source, file: String, anchor: Day, language: Language,
                       otherLanguage: String, claimant: NonEmptyText?) throws -> String {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let fallback = try claimant ?? NonEmptyText("unknown speaker", field: "the claimant")
        var used: Set<String> = []
        let entries: [(ClaimState, comments: [String])] = try drafts.enumerated().map { i, d in
            let speakerName = d.speaker.flatMap { try? NonEmptyText($0, field: "the claimant") }?.value
            var (statement, firstPerson) = DraftWriting.statement(from: d.statement, speaker: speakerName)
            // The host summing up the guest's view: the guest's claim, as the host put it.
            var claimantName = speakerName
            if let guest = d.summarises, let host = speakerName {
                let full = source.people.first { $0 == guest || $0.hasPrefix(guest + " ") } ?? guest
                claimantName = full
                let dot = statement.hasSuffix(".") || statement.hasSuffix("。") ? String(statement.dropLast()) : statement
                statement = dot + (language == .zh ? "（\(full)的观点，由\(host)概括）。" : " (\(full)'s view, as summarised by \(host)).")
                firstPerson = false
            }
            // A time in the recording where the transcript gives one, else the line and turn.
            let location = d.time.map { Transcript.clock($0) } ?? "\(fileName) line \(d.line), \(d.unit) \(d.segment)"
            let translations = d.original.map { [try? Translation(language: otherLanguage, quote: $0.text, location: "\(fileName) line \($0.line)")] } ?? []
            // The id from the content words (of the English original, for a draft in Chinese).
            let base = DraftWriting.id(speaker: claimantName, window: d.window, statement: d.statement,
                                       english: language == .zh ? d.original?.text : nil)
                ?? "draft-" + String(format: "%03d", i + 1)
            var id = base
            var n = 2
            while used.contains(id) || (try? ClaimID(id)) == nil { id = base + "-\(n)"; n += 1 }
            used.insert(id)
            // The transcript's speaker where it names one (the guest, when the host sums up the
            // guest's view), else the claimant given.
            let speaker = claimantName.flatMap { try? NonEmptyText($0, field: "the claimant") } ?? fallback
            let content = ClaimContent(
                statement: try (try? NonEmptyText(statement, field: "the statement")) ?? NonEmptyText(d.quote, field: "the statement"),
                claimant: speaker, saidOn: anchor, source: source,
                quote: d.quote, location: location, window: d.window, confidence: d.confidence,
                notes: d.answers.map { "In answer to: \($0)" }, translations: translations.compactMap { $0 })
            let version = ClaimVersion(id: try ClaimID(id), info: VersionInfo(version: 1, recordedAt: Timestamp(millisecondsSinceEpoch: 0), author: "", reason: ""), content: content)
            var summary = "score \(String(format: "%.2f", d.score))"
            if let w = d.window { summary += " · window \"\(w.phrase ?? "")\" → \(w.start) … \(w.end)" + (w.rule.map { " (rule \($0))" } ?? "") }
            if let i = content.confidence.inferred { summary += " · \"\(i.qualifier)\" → \(i.band.rawValue) \(i.low)–\(i.high) (inferred)" }
            if let p = content.confidence.stated { summary += " · stated \(p)" }
            // How sure the speaker is: named by the transcript, inferred, or not known.
            summary += d.speaker == nil ? " · speaker unknown" : (d.attribution == nil ? " · speaker named" : " · speaker inferred")
            var review = d.flags
            if d.time != nil { review.append("at \(fileName) line \(d.line)") }
            if let a = d.attribution, let who = speakerName { review.append("speaker \(who) \(a.rawValue): check it") }
            if d.speaker == nil { review.append("the transcript does not say who speaks: give --speakers, or set the claimant") }
            if firstPerson { review.append("the statement is still in the first person: write it as a stranger would read it") }
            return (ClaimState(current: version, firstRecordedAt: version.info.recordedAt, forecasts: [], resolution: nil),
                    [summary] + review.map { "review: \($0)" })
        }
        let header = "# Drafts from \(fileName) (\(language.rawValue)), said on \(anchor): \(drafts.count) sentence\(drafts.count == 1 ? "" : "s") that look like forecasts, best first.\n# Review each: keep the real forecasts, write the statement and criteria a stranger could check, then `claims import` this file.\n"
        let speakers = Dictionary(grouping: drafts.compactMap(\.speaker), by: { $0 }).max { $0.value.count < $1.value.count }?.key
        // Each draft asks for criteria: a test a third party could check.
        let body = ClaimFileWriter.body(entries, defaultClaimant: speakers ?? fallback.value, defaultDay: anchor,
                                        criteriaPrompt: "what would show it true or false, checkable by a stranger: who measures what, against which threshold, by when")
        return header + ClaimFileWriter.header(source: source, claimant: speakers ?? fallback.value) + body
    }

    /// Runs a domain parse and names the option on failure.
    static func option<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DomainError {
            throw ClaimFileError.invalidOption(option: name, message: error.errorDescription ?? "\(error)")
        }
    }
}
