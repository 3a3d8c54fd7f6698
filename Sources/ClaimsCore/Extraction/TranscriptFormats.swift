import Foundation

/// `s` without spaces and tabs at either end (Foundation's trimming is slow on many short lines).
func quickTrim<S: StringProtocol>(_ s: S) -> String {
    var t = Substring(s)
    while let f = t.first, f == " " || f == "\t" || f == "\r" { t = t.dropFirst() }
    while let l = t.last, l == " " || l == "\t" || l == "\r" { t = t.dropLast() }
    return String(t)
}

/// The transcript layouts people have, read into one `Transcript`: captions (WebVTT, SRT),
/// `Name: text` lines, the blocks of transcription services, Whisper's JSON, and the two layouts
/// of the seed files (`>>` turns, Markdown with `**Name:**`).
public enum TranscriptFormat: String, CaseIterable, Sendable {
    /// Plain text whose turns start with `>>` (speakers not named).
    case turns
    /// Markdown paragraphs `**Name:** text`, with the original after each in `<details>`.
    case markdown
    /// WebVTT captions, with voice tags `<v Name>` where the file names speakers.
    case webvtt
    /// SubRip captions.
    case srt
    /// Lines `Name: text`.
    case named
    /// Transcription services' blocks: `Name  00:12:34` or `Speaker 1 (00:12:34):` on a line of
    /// its own, then what was said.
    case blocks
    /// Whisper's JSON: `segments`, each with `start` (seconds) and `text` (and `speaker` if diarized).
    case whisper
}

/// Why a transcript could not be read, and where.
public enum TranscriptError: Error, Equatable, LocalizedError, Sendable {
    case empty
    case badTimestamp(line: Int, text: String)
    case cueOutOfOrder(line: Int, start: String, previous: String)
    case lineTooLong(line: Int, length: Int)
    case notJSON(String)
    case noSegments(String)

    public var errorDescription: String? {
        switch self {
        case .empty: return "the transcript is empty: there is nothing to draft from."
        case .badTimestamp(let line, let text):
            return "line \(line): '\(text.prefix(80))' is not a cue timing: write HH:MM:SS.mmm --> HH:MM:SS.mmm (SRT: a comma before the milliseconds)."
        case .cueOutOfOrder(let line, let start, let previous):
            return "line \(line): the cue starts at \(start), before the cue above it (\(previous)): cues must come in time order; fix or remove it."
        case .lineTooLong(let line, let length):
            return "line \(line) is \(length) characters long, more than a transcript's line can be (at most 100,000): is this a transcript?"
        case .notJSON(let why): return "the file is not Whisper JSON: \(why)."
        case .noSegments(let what): return "\(what): there is nothing to draft from."
        }
    }
}

extension Transcript {
    /// The layout `text` has, read from its first lines.
    public static func detect(_ text: String) -> TranscriptFormat {
        let head = String(text.prefix(20_000))
        let trimmed = head.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("WEBVTT") { return .webvtt }
        if trimmed.hasPrefix("{"), trimmed.contains("\"segments\"") { return .whisper }
        let lines = head.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.count >= 2, Int(lines[0]) != nil, lines[1].contains("-->") { return .srt }
        if head.range(of: "(?m)^\\*\\*[^*]+[:：]\\*\\*", options: .regularExpression) != nil { return .markdown }
        let blockLines = lines.filter { blockHeader($0) != nil }.count
        if blockLines >= 2 { return .blocks }
        let named = lines.filter { namedLine($0) != nil }.count
        if lines.count > 0, named * 2 >= lines.count, named >= 2 { return .named }
        return .turns
    }

    /// Reads `text` (front matter removed; `firstLine` is the file line it starts on) in `format`,
    /// or in the layout it is detected to have.
    public static func read(_ text: String, format: TranscriptFormat? = nil, firstLine: Int = 1) throws -> Transcript {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw TranscriptError.empty }
        var lineNumber = firstLine
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.utf8.count > 100_000 { throw TranscriptError.lineTooLong(line: lineNumber, length: line.count) }
            lineNumber += 1
        }
        let transcript: Transcript
        switch format ?? detect(text) {
        case .turns: transcript = plain(text, firstLine: firstLine)
        case .markdown: transcript = markdown(text, firstLine: firstLine)
        case .webvtt: transcript = try captions(text, firstLine: firstLine, srt: false)
        case .srt: transcript = try captions(text, firstLine: firstLine, srt: true)
        case .named: transcript = namedLines(text, firstLine: firstLine)
        case .blocks: transcript = blocks(text, firstLine: firstLine)
        case .whisper: transcript = try whisper(text)
        }
        if transcript.segments.isEmpty { throw TranscriptError.noSegments("no speech was found in the transcript") }
        return transcript
    }

    // MARK: - Time

    /// Seconds from `01:02:03.456`, `01:02:03,456`, `02:03.456`, `1:02:03` or `12:34`.
    public static func seconds(_ text: String) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").split(separator: ":")
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (i, p) in parts.enumerated() {
            let isLast = i == parts.count - 1
            guard let v = Double(p), v >= 0, p.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), isLast || !p.contains(".") else { return nil }
            if i > 0 && v >= 60 { return nil }
            total = total * 60 + v
        }
        return total
    }

    /// `00:12:34`: how a time in a recording is written in a claim's location.
    public static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        return String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }

    // MARK: - Captions

    /// WebVTT or SRT: cues with their start times; a speaker from a voice tag `<v Name>`, a
    /// leading `Name:` or `>>`; cues of one speaker in a row are one turn, each cue's time kept.
    static func captions(_ text: String, firstLine: Int, srt: Bool) throws -> Transcript {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? String($0.dropLast()) : String($0) }
        var segments: [Segment] = []
        var i = 0
        var previousStart: (Double, String)?
        func addCue(_ start: Double, _ raw: String, line: Int) {
            var text = raw, speaker: String?
            if text.contains("<") {
                // <v Name> or <v.class Name>: the voice's name.
                if let open = text.range(of: "<v"), let close = text[open.upperBound...].firstIndex(of: ">") {
                    var name = text[open.upperBound..<close]
                    if name.first == "." { name = name.drop { $0 != " " } }
                    let clean = quickTrim(name)
                    if !clean.isEmpty { speaker = clean }
                }
                // Tags (<c>, <i>, <00:00:01.000>, </v>).
                var out = "", inTag = false
                for ch in text { if ch == "<" { inTag = true } else if ch == ">" && inTag { inTag = false } else if !inTag { out.append(ch) } }
                text = out
            }
            if text.contains("&") {
                text = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: " ")
            }
            text = quickTrim(text)
            var newTurn = speaker != nil && speaker != segments.last?.speaker
            if text.hasPrefix(">>") { text = String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces); newTurn = true }
            if speaker == nil, let (name, rest) = namedLine(text) { speaker = name; text = rest; newTurn = name != segments.last?.speaker }
            guard !text.isEmpty else { return }
            if newTurn || segments.isEmpty {
                segments.append(Segment(speaker: speaker ?? (newTurn ? nil : segments.last?.speaker), text: text, line: line,
                                        number: segments.count + 1, original: nil, start: start, times: [(0, start)]))
            } else {
                let last = segments.count - 1
                segments[last].times.append((segments[last].text.count + 1, start))
                segments[last].text += " " + text
            }
        }
        while i < lines.count {
            let line = quickTrim(lines[i])
            guard line.contains("-->") else {
                // WEBVTT header, NOTE and STYLE blocks, cue ids, SRT numbers, blank lines.
                if line.hasPrefix("NOTE") || line.hasPrefix("STYLE") || line.hasPrefix("REGION") {
                    while i < lines.count && !quickTrim(lines[i]).isEmpty { i += 1 }
                }
                i += 1
                continue
            }
            let parts = line.components(separatedBy: "-->")
            let startText = quickTrim(parts[0])
            let endText = parts.count > 1 ? (quickTrim(parts[1]).split(separator: " ").first.map(String.init) ?? "") : ""
            guard let start = seconds(startText), let end = seconds(endText), end >= start,
                  srt ? startText.contains(",") || !startText.contains(".") : !startText.contains(",") else {
                throw TranscriptError.badTimestamp(line: firstLine + i, text: line)
            }
            if let (previous, shown) = previousStart, start < previous {
                throw TranscriptError.cueOutOfOrder(line: firstLine + i, start: startText, previous: shown)
            }
            previousStart = (start, startText)
            let cueLine = firstLine + i
            var textLines: [String] = []
            i += 1
            while i < lines.count {
                let t = quickTrim(lines[i])
                if t.isEmpty { break }
                textLines.append(t)
                i += 1
            }
            // A cue may hold two speakers, each line starting with "- " or ">>".
            for t in textLines { addCue(start, t.hasPrefix("- ") ? ">> " + t.dropFirst(2) : t, line: cueLine) }
        }
        return Transcript(segments: segments, unit: "cue")
    }

    // MARK: - Named lines and blocks

    /// `Name: text` (a name of one to four words, 40 characters at most, not a time).
    static func namedLine(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let words = name.split(separator: " ")
        guard !name.isEmpty, name.count <= 40, (1...4).contains(words.count), !rest.isEmpty,
              let first = name.first, first.isUppercase || !first.isASCII,
              !name.contains(where: { $0.isNumber }) || name.hasPrefix("Speaker"),
              !["Note", "Update", "Source", "Q", "A", "Edit", "Summary", "Transcript"].contains(name) || name.count > 1 && words.count > 1 else { return nil }
        return (name, rest)
    }

    static func namedLines(_ text: String, firstLine: Int) -> Transcript {
        var segments: [Segment] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let (name, rest) = namedLine(line) {
                if segments.last?.speaker == name {
                    segments[segments.count - 1].text += " " + rest
                } else {
                    segments.append(Segment(speaker: name, text: rest, line: firstLine + i, number: segments.count + 1, original: nil))
                }
            } else if !segments.isEmpty {
                segments[segments.count - 1].text += " " + line
            } else {
                segments.append(Segment(speaker: nil, text: line, line: firstLine + i, number: 1, original: nil))
            }
        }
        return Transcript(segments: segments, unit: "turn")
    }

    /// A block header: `Name  00:12:34`, `Name 12:34`, `Speaker 1 (00:12:34):`, `[00:12:34] Name:`.
    static func blockHeader(_ line: String) -> (name: String, seconds: Double)? {
        // Two spaces or brackets set the time apart: "We met at 10:30" is no header.
        let patterns = [
            "^([^:()\\[\\]]{1,40}?)(?:\\s{2,}|\\t)(\\d{1,2}:\\d\\d(?::\\d\\d)?)$",
            "^([^:()\\[\\]]{1,40}?)\\s*\\((\\d{1,2}:\\d\\d(?::\\d\\d)?)\\):?$",
            "^\\[(\\d{1,2}:\\d\\d(?::\\d\\d)?)\\]\\s*([^:]{1,40}):?$",
        ]
        for (k, p) in patterns.enumerated() {
            let r = NSRegularExpression.constant(p)
            let ns = line as NSString
            guard let m = r.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { continue }
            let a = ns.substring(with: m.range(at: 1)), b = ns.substring(with: m.range(at: 2))
            let (name, time) = k < 2 ? (a, b) : (b, a)
            guard let s = seconds(time) else { continue }
            return (name.trimmingCharacters(in: .whitespaces), s)
        }
        return nil
    }

    static func blocks(_ text: String, firstLine: Int) -> Transcript {
        var segments: [Segment] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let (name, s) = blockHeader(line) {
                segments.append(Segment(speaker: name, text: "", line: firstLine + i, number: segments.count + 1, original: nil,
                                        start: s, times: [(0, s)]))
            } else if !segments.isEmpty {
                let last = segments.count - 1
                segments[last].text += (segments[last].text.isEmpty ? "" : " ") + line
                if segments[last].text == line { segments[last].line = firstLine + i }
            } else {
                segments.append(Segment(speaker: nil, text: line, line: firstLine + i, number: 1, original: nil))
            }
        }
        return Transcript(segments: segments.filter { !$0.text.isEmpty }, unit: "block")
    }

    // MARK: - Whisper

    static func whisper(_ text: String) throws -> Transcript {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            throw TranscriptError.notJSON("it does not parse as JSON")
        }
        guard let root = object as? [String: Any], let list = root["segments"] as? [[String: Any]] else {
            throw TranscriptError.notJSON("it has no 'segments' list")
        }
        var segments: [Segment] = []
        for (k, s) in list.enumerated() {
            guard let raw = s["text"] as? String else { continue }
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { continue }
            let start = (s["start"] as? Double) ?? (s["start"] as? Int).map(Double.init)
            guard let start, start.isFinite, start >= 0 else { throw TranscriptError.notJSON("segment \(k + 1) has no start time in seconds") }
            let speaker = (s["speaker"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            if let last = segments.indices.last, segments[last].speaker == speaker, speaker != nil || segments[last].speaker == nil {
                segments[last].times.append((segments[last].text.count + 1, start))
                segments[last].text += " " + t
            } else {
                // Whisper gives no lines: the segment's number stands for one.
                segments.append(Segment(speaker: speaker, text: t, line: k + 1, number: segments.count + 1, original: nil,
                                        start: start, times: [(0, start)]))
            }
        }
        return Transcript(segments: segments, unit: "segment")
    }
}

extension Transcript {
    /// How sure a draft's speaker is.
    public enum Attribution: String, Sendable {
        /// The transcript names the speaker of the turn.
        case named = "named in the transcript"
        /// The introduction says who hosts ("I'm Matt Turck … my guest is …"); turns that ask
        /// are the host's, the others the guest's.
        case introduction = "inferred: the introduction names the host, and turns that ask a question are the host's"
        /// No introduction names them: the first person given is taken as the host.
        case questions = "inferred: turns that ask a question are the host's (the first of --speakers), the others the guest's"
    }

    /// The unnamed turns given to `people` (two: host and guest, in either order). The host is
    /// the one the introduction has say "I'm …" (or the other of the one it welcomes as a
    /// guest), else the first person given. A turn that asks a question, or only acknowledges
    /// ("Mhm.", "Amazing."), is the host's; any other is the guest's: captions split and merge
    /// turns, so turn-taking alone cannot be trusted. Turns the file names are kept.
    public func assigningSpeakers(_ people: [String]) -> (Transcript, Attribution?) {
        guard people.count >= 2 else { return (self, nil) }
        let unnamed = segments.indices.filter { segments[$0].speaker == nil }
        guard !unnamed.isEmpty else { return (self, nil) }
        func mentions(_ text: String, _ person: String) -> Bool {
            let lower = text.lowercased()
            return person.lowercased().split(separator: " ").contains { $0.count > 2 && lower.contains($0) }
        }
        var host: String?
        for index in unnamed.prefix(3) {
            let text = segments[index].text.lowercased()
            for person in people where mentions(text, person) {
                let first = person.lowercased().split(separator: " ").first.map(String.init) ?? ""
                if ["i'm ", "i am ", "this is ", "my name is "].contains(where: { text.contains($0 + first) }) { host = person; break }
                if ["my guest is ", "welcome ", "joining me ", "joined by ", "our guest "].contains(where: { cue in
                    text.range(of: cue + "[^.]{0,40}" + NSRegularExpression.escapedPattern(for: first), options: .regularExpression) != nil }) {
                    host = people.first { $0 != person }
                }
            }
            if host != nil { break }
        }
        let how: Attribution = host == nil ? .questions : .introduction
        let theHost = host ?? people[0]
        let guest = people.first { $0 != theHost } ?? people[1]
        func asking(_ q: Sentences.Sentence) -> Bool {
            // "…, right?" and "you know?" ask nothing.
            Extractor.isQuestion(q.text) && !["right?", "you know?", "no?", "isn't it?", "right？"].contains { q.text.lowercased().hasSuffix($0) }
        }
        var out: [Segment] = []
        for (index, segment) in segments.enumerated() {
            guard segment.speaker == nil else { out.append(segment); continue }
            let sentences = Sentences.split(segment.text)
            let words = segment.text.split(separator: " ").count
            // Captions merge a long answer and the next question into one turn: split it there.
            var firstQuestion = sentences.count
            while firstQuestion > 0, asking(sentences[firstQuestion - 1]) { firstQuestion -= 1 }
            let answerWords = sentences[..<firstQuestion].reduce(0) { $0 + $1.text.split(separator: " ").count }
            // Only after the host asked: a host's preamble before a question is the host's too.
            if firstQuestion > 0, firstQuestion < sentences.count, answerWords >= 40, out.last?.speaker == theHost {
                var answer = segment, question = segment
                answer.text = sentences[..<firstQuestion].map(\.text).joined(separator: " ")
                answer.speaker = guest
                question.text = sentences[firstQuestion...].map(\.text).joined(separator: " ")
                question.speaker = theHost
                question.times = []
                question.start = segment.time(at: answer.text.count)
                out += [answer, question]
                continue
            }
            let asks = sentences.contains(where: asking) && (sentences.last.map(asking) == true || words < 60)
            let acknowledges = words <= 3 && !(sentences.last.map { Extractor.isQuestion($0.text) } ?? false)
            let introduces = index == unnamed.first && host != nil
            var s = segment
            s.speaker = asks || acknowledges || introduces ? theHost : guest
            out.append(s)
        }
        var copy = self
        copy.segments = out
        return (copy, how)
    }
}

/// A link to the moment a claim was said, from a video source's URL and a location that is a
/// time in the recording (`00:12:34`): YouTube's `t=754s`, Vimeo's `#t=754s`.
public enum VideoMoment {
    public static func link(url: String?, location: String?) -> String? {
        guard let url, let location, location.range(of: "^\\d{1,2}:\\d\\d(:\\d\\d)?$", options: .regularExpression) != nil,
              let seconds = Transcript.seconds(location), var parts = URLComponents(string: url), let host = parts.host?.lowercased() else { return nil }
        let t = "\(Int(seconds))s"
        if host.hasSuffix("youtube.com") || host == "youtu.be" {
            var items = (parts.queryItems ?? []).filter { $0.name != "t" }
            items.append(URLQueryItem(name: "t", value: t))
            parts.queryItems = items
            return parts.string
        }
        if host.hasSuffix("vimeo.com") {
            parts.fragment = "t=\(t)"
            return parts.string
        }
        return nil
    }
}
