import Foundation

/// A transcript as a list of segments (turns or paragraphs), each with where it is.
public struct Transcript: Sendable {
    public struct Segment: Sendable, Equatable {
        /// Who speaks, where the transcript says.
        public var speaker: String?
        public var text: String
        /// The line of the file the segment starts on (1-based).
        public var line: Int
        /// The segment's number: the turn (plain text) or the paragraph (Markdown), from 1.
        public var number: Int
        /// The same words in the other language, where the file gives them (the English original
        /// after each Chinese paragraph), with the line they start on.
        public var original: (text: String, line: Int)?
        /// When it starts in the recording, in seconds, where the transcript says.
        public var start: Double?
        /// Where in `text` each caption cue begins (a character offset) and its time: a sentence
        /// takes the time of the cue it begins in.
        public var times: [(offset: Int, seconds: Double)] = []

        public init(speaker: String?, text: String, line: Int, number: Int, original: (text: String, line: Int)?,
                    start: Double? = nil, times: [(offset: Int, seconds: Double)] = []) {
            self.speaker = speaker
            self.text = text
            self.line = line
            self.number = number
            self.original = original
            self.start = start
            self.times = times
        }

        /// The time of the cue that holds character `offset` of the text.
        public func time(at offset: Int) -> Double? {
            times.last { $0.offset <= offset }?.seconds ?? start
        }

        public static func == (a: Segment, b: Segment) -> Bool {
            a.speaker == b.speaker && a.text == b.text && a.line == b.line && a.number == b.number
                && a.original?.text == b.original?.text && a.original?.line == b.original?.line && a.start == b.start
                && a.times.map(\.offset) == b.times.map(\.offset) && a.times.map(\.seconds) == b.times.map(\.seconds)
        }
    }

    public var segments: [Segment]
    /// "turn", "paragraph", "cue", "block" or "segment": what `number` counts.
    public var unit: String

    /// Plain text where a line starting with `>>` begins a new turn and speakers are not named.
    /// Text before the first `>>` is turn 1 (a cold open, say).
    public static func plain(_ text: String, firstLine: Int = 1) -> Transcript {
        var segments: [Segment] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let i = k + firstLine - 1
            var line = raw.trimmingCharacters(in: .whitespaces)
            let startsTurn = line.hasPrefix(">>")
            if startsTurn { line = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            if line.isEmpty { continue }
            if startsTurn || segments.isEmpty {
                segments.append(Segment(speaker: nil, text: line, line: i + 1, number: segments.count + 1, original: nil))
            } else {
                segments[segments.count - 1].text += " " + line
            }
        }
        return Transcript(segments: segments, unit: "turn")
    }

    /// Markdown body (front matter removed) with paragraphs `**Name:** text`, each optionally
    /// followed by `<details>` holding `<p class="english-text">Name: original</p>`.
    /// `firstLine` is the file line the body starts on.
    public static func markdown(_ body: String, firstLine: Int = 1) -> Transcript {
        var segments: [Segment] = []
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let speakerLine = NSRegularExpression.constant("^\\*\\*([^*:：]{1,40})[:：]\\*\\*\\s*(.*)$")
        let original = NSRegularExpression.constant("<p class=\"english-text\">(.*?)</p>")
        for (i, line) in lines.enumerated() {
            let ns = line as NSString
            if let m = speakerLine.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) {
                segments.append(Segment(speaker: ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces),
                                        text: stripMarkup(ns.substring(with: m.range(at: 2))), line: firstLine + i,
                                        number: segments.count + 1, original: nil))
            } else if let m = original.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)), !segments.isEmpty,
                      segments[segments.count - 1].original == nil {
                var english = stripMarkup(ns.substring(with: m.range(at: 1)))
                // "Julian: We are clearly …" → "We are clearly …"
                if let colon = english.firstIndex(of: ":"), english.distance(from: english.startIndex, to: colon) <= 40,
                   !english[..<colon].contains(" ") || english[..<colon].split(separator: " ").count <= 3 {
                    english = english[english.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                segments[segments.count - 1].original = (english, firstLine + i)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty, !line.hasPrefix("#"), !line.hasPrefix("<"),
                      let last = segments.indices.last, segments[last].original == nil,
                      i > 0, !lines[i - 1].trimmingCharacters(in: .whitespaces).isEmpty {
                // A paragraph that continues on the next line.
                segments[last].text += stripMarkup(line)
            }
        }
        return Transcript(segments: segments, unit: "paragraph")
    }

    /// Bold markers, and glosses in full-width brackets that the rendering adds after a term:
    /// "**指数级趋势**（Exponential trends: …）" → "指数级趋势".
    static func stripMarkup(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "**", with: "")
        t = t.replacingOccurrences(of: "（[A-Za-z][^）]*）", with: "", options: .regularExpression)
        return t.trimmingCharacters(in: .whitespaces)
    }
}

/// Splits text into sentences: after . ! ? (English) and 。！？ (Chinese), keeping closing quotes.
public enum Sentences {
    public struct Sentence: Equatable, Sendable {
        public let text: String
        public let index: Int
    }

    public static func split(_ text: String) -> [Sentence] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        var i = 0
        let closers: Set<Character> = ["\"", "”", "’", "'", "」", "』", ")", "）"]
        while i < chars.count {
            let c = chars[i]
            current.append(c)
            let isCJKEnd = c == "。" || c == "！" || c == "？"
            let isLatinEnd = (c == "." || c == "!" || c == "?") && (i + 1 == chars.count || chars[i + 1] == " " || closers.contains(chars[i + 1]))
            if isCJKEnd || isLatinEnd {
                while i + 1 < chars.count && closers.contains(chars[i + 1]) { i += 1; current.append(chars[i]) }
                // Not after an abbreviation or a single initial ("Dr.", "U.S.", "e.g.").
                let word = current.split(separator: " ").last.map(String.init) ?? ""
                let abbreviation = isLatinEnd && c == "." && (["dr.", "mr.", "ms.", "mrs.", "e.g.", "i.e.", "vs.", "etc.", "u.s."].contains(word.lowercased()) || (word.count == 2 && word.first?.isUppercase == true))
                if !abbreviation {
                    out.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
            i += 1
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { out.append(rest) }
        return out.filter { !$0.isEmpty }.enumerated().map { Sentence(text: $1, index: $0) }
    }
}
