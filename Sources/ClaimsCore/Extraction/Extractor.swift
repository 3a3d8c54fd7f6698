import Foundation

/// Finds the sentences of a transcript that predict something (a future time expression, a
/// confidence word about a future state, or both) and drafts a claim for each, for a person to
/// review. Questions, past events, counterfactuals and biography are passed over.
public enum Extractor {
    public struct Draft: Sendable, Equatable {
        /// What the claim says: the sentence, or the clause of it that holds this draft's time.
        public var statement: String
        /// The sentence, verbatim.
        public var quote: String
        public var speaker: String?
        public var line: Int
        /// The turn or paragraph number, and which it is.
        public var segment: Int
        public var unit: String
        public var window: DueWindow?
        /// Time words that give no window ("in the coming years").
        public var vagueTime: String?
        public var confidence: Confidence
        /// How sure the detector is that this is a forecast, 0 … 1.
        public var score: Double
        /// What a reviewer should look at.
        public var flags: [String]
        /// The question this sentence answers, when it refers back to it ("I think that's unlikely").
        public var answers: String?
        /// The sentence in the other language, where the transcript gives both, and its line.
        public var original: (text: String, line: Int)?
        /// When the sentence starts in the recording, in seconds, where the transcript says.
        public var time: Double?
        /// How sure the speaker is, where the transcript does not name them in the turn itself.
        public var attribution: Transcript.Attribution?
        /// The guest whose view the host sums up in this sentence ("you mentioned …"), if that is what it is.
        public var summarises: String?

        public static func == (a: Draft, b: Draft) -> Bool {
            a.statement == b.statement && a.quote == b.quote && a.line == b.line && a.window == b.window && a.score == b.score
        }
    }

    public static let threshold = 0.5

    /// Drafts from `transcript`, said on `anchor`, best first. `useOriginals` drafts from the
    /// other-language originals the transcript carries (the English in a Chinese rendering).
    public static func drafts(_ transcript: Transcript, anchor: Day, useOriginals: Bool = false, minScore: Double = threshold) -> [Draft] {
        let host = hostSpeaker(transcript)
        let guest = host.flatMap { guestSpeaker(transcript, host: $0) }
        var drafts: [Draft] = []
        var previousQuestion: String?
        for segment in transcript.segments {
            let primary = useOriginals ? segment.original.map { ($0.text, $0.line) } : (segment.text, segment.line)
            guard let (text, line) = primary else { continue }
            let other = useOriginals ? (segment.text, segment.line) : segment.original
            let sentences = Sentences.split(text)
            let otherSentences = other.map { Sentences.split($0.0) } ?? []
            var cursor = text.startIndex
            for sentence in sentences {
                // Where the sentence begins in the turn: the time of its caption cue.
                var time: Double?
                if !useOriginals, let r = text.range(of: sentence.text, range: cursor..<text.endIndex) {
                    time = segment.time(at: text.distance(from: text.startIndex, to: r.lowerBound))
                    cursor = r.upperBound
                } else if !useOriginals {
                    time = segment.start
                }
                let found = assess(sentence.text, anchor: anchor, isFirstOfTurn: sentence.index == 0, previousQuestion: previousQuestion,
                                   minScore: minScore)
                for var draft in found {
                    draft.speaker = segment.speaker
                    draft.line = line
                    draft.segment = segment.number
                    draft.unit = transcript.unit
                    if let host, segment.speaker == host {
                        if let guest, summarises(sentence.text) {
                            draft.summarises = guest
                            draft.flags.append("the host (\(host)) sums up the guest's view: check that \(guest) holds it, in his or her own words if possible")
                        } else {
                            draft.flags.append("said by the host (\(host)): is it the host's forecast, or a summary of the guest's?")
                        }
                    }
                    draft.time = time
                    if let other, let match = align(sentence, in: otherSentences, of: sentences.count) {
                        draft.original = (match, other.1)
                        // A rendering's words for confidence are the translator's: the band comes
                        // from the speaker's own words in the original.
                        if !useOriginals, let own = assess(match, anchor: anchor, isFirstOfTurn: false, previousQuestion: nil, minScore: 0).first?.confidence,
                           own.inferred?.band != draft.confidence.inferred?.band || own.stated != draft.confidence.stated {
                            let was = draft.confidence.words.map { "“\($0)”" } ?? "none"
                            draft.confidence = own
                            draft.flags.append("confidence from the speaker's own words in the original (\(own.words.map { "“\($0)”" } ?? "none")), not from the rendering's (\(was)), which say otherwise")
                        }
                    }
                    drafts.append(draft)
                }
                if isQuestion(sentence.text) { previousQuestion = sentence.text }
            }
            if !sentences.contains(where: { isQuestion($0.text) }) { previousQuestion = nil }
        }
        return drafts.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
    }

    /// The speaker other than the host who speaks the most.
    static func guestSpeaker(_ t: Transcript, host: String) -> String? {
        var words: [String: Int] = [:]
        for s in t.segments { if let who = s.speaker, who != host { words[who, default: 0] += s.text.count } }
        return words.max { $0.value < $1.value }?.key
    }

    /// A host's sentence that reports the guest's view ("you mentioned …", "in your framework …").
    static let summary = regex("\\b(you (?:mentioned|wrote|said|argued|predicted|suggested|extrapolated|think|believe|expect)|your (?:extrapolation|framework|blog|post|prediction|view|forecast|essay))\\b|你提到|你说|你写|你的推断|你的预测|你的框架|你在博客")
    static func summarises(_ s: String) -> Bool { has(summary, s) }

    /// The speaker who asks the most questions, if the transcript names speakers.
    static func hostSpeaker(_ t: Transcript) -> String? {
        var counts: [String: Int] = [:]
        for s in t.segments { if let who = s.speaker { counts[who, default: 0] += Sentences.split(s.text).filter { isQuestion($0.text) }.count } }
        return counts.max { $0.value < $1.value }.flatMap { $0.value > 0 ? $0.key : nil }
    }

    static func isQuestion(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: CharacterSet(charactersIn: " \"”’」)"))
        return t.hasSuffix("?") || t.hasSuffix("？")
    }

    static func regex(_ p: String) -> NSRegularExpression { NSRegularExpression.constant(p, options: [.caseInsensitive]) }
    static let future = regex("\\b(will|won't|'ll|going to|gonna|would be able|is able to|to be able|shall|by then|keep improving|is likely to|are likely to|expect|predict)\\b|将|会|能够|要|即将")
    static let forecastVerb = regex("\\b(predict|prediction|forecast|extrapolat\\w*|expect|my guess|bet)\\b|预测|推断|预计|猜测")
    static let counterfactual = regex("\\b(?:would|could|might|should)(?:'ve|\\s+have)(?:\\s+\\w+ly)?\\s+(?:been|lost|won|done|made|had|gone|seen|got|gotten|[a-z]+ed|[a-z]+en)\\b|\\bif (?:we|you|they|i|he|she) had\\b|\\bhad (?:we|you|they|i) |本来|本可以|要是当时|如果当时|如果[^，,。]{0,10}早[^，,。]{0,6}|早[^，,。]{0,6}的话")
    /// A verb in the past tense that narrates ("we covered", "I moved"), not one that reports a
    /// forecast ("you mentioned", "he predicted"); 了 after a verb in Chinese.
    static let narratedPast = regex("\\b(?!(?:mentioned|said|predicted|suggested|argued|wrote|claimed|expected|estimated|noted|need|based|speed|indeed|red|bed|feed|seed|exceed|succeed|proceed|hundred|embed)\\b)[a-z]{3,}ed\\b|\\b(?:got|went|moved|took|came|grew|began|became|left|joined|saw|thought|told|knew)\\b|[\\u4e00-\\u9fff]了")
    static let past = regex("\\b(was|were|did|had|used to|ago|back then|at the time|when i was|i grew up|last year|last week|in the past|happened)\\b|曾经|当时|那时|过去|小时候|以前|去年")
    static let anaphora = regex("^(?:\\s*(?:yeah|yes|no|well|so|personally|honestly|i mean)[,.]?\\s*)*(?:i think\\s+)?(?:that's|that is|this is|it's|it is|那|这)|^(?:我个人)?认为这|^我个人认为这")

    static func has(_ r: NSRegularExpression, _ s: String) -> Bool {
        r.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    /// The drafts a sentence yields: none, one, or one per window where it makes several forecasts.
    static func assess(_ sentence: String, anchor: Day, isFirstOfTurn: Bool, previousQuestion: String?, minScore: Double = threshold) -> [Draft] {
        if isQuestion(sentence) { return [] }
        let isFuture = has(future, sentence)
        // "一年后" and "in a year" count from the moment spoken only where the sentence looks ahead:
        // "AlphaGo Zero came a year after" counts from the past.
        let times = TimePhrases.find(in: sentence, anchor: anchor).filter { m in
            if isName(m, in: sentence) { return false }
            if case .window(let w) = m.reading, w.rule == "in-years", !isFuture { return false }
            // "the big topic of 2025", said in 2025, describes the present.
            if case .window(let w) = m.reading, w.rule == "year", w.end.year == anchor.year, !isFuture { return false }
            return true
        }
        let windows = times.compactMap { m -> (TimePhrases.Match, DueWindow)? in
            if case .window(let w) = m.reading { return (m, w) } else { return nil }
        }
        let vague = times.first { if case .vague = $0.reading { return true } else { return false } }
        var reading = EstimativeLanguage.read(sentence)
        // "maybe" inside a time ("2026, maybe 2027") or between two ("in a year from now maybe two
        // years from now") offers another date: it widens the window and sets no confidence.
        let timeRanges = times.map(\.range)
        var between: [Range<String.Index>] = []
        for (a, b) in zip(timeRanges, timeRanges.dropFirst()) where a.upperBound <= b.lowerBound {
            let gap = sentence[a.upperBound..<b.lowerBound].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ,，、"))
            if ["maybe", "or maybe", "perhaps", "or perhaps", "也许", "或许", "可能"].contains(gap) { between.append(a.upperBound..<b.lowerBound) }
        }
        reading.qualifiers.removeAll { q in
            (timeRanges + between).contains { $0.lowerBound <= q.range.lowerBound && q.range.upperBound <= $0.upperBound }
        }
        let strong = reading.qualifiers.filter { strength($0, in: sentence) == .strong }
        let weak = reading.qualifiers.filter { strength($0, in: sentence) == .weak }
        let isCounterfactual = has(counterfactual, sentence)
        let isPast = has(past, sentence)

        // A future window or a strong qualifier makes a draft on its own; weak words ("maybe",
        // "可能", everyday modals) and hedges ("I think") only add to other evidence.
        var score = 0.0
        var flags: [String] = []
        if !windows.isEmpty { score += 0.5 }
        if !strong.isEmpty { score += 0.5 } else if !weak.isEmpty { score += 0.2 } else if !reading.qualifiers.isEmpty { score += 0.1 }
        if reading.stated != nil { score += 0.3 }
        if isFuture { score += 0.25 }
        if has(forecastVerb, sentence) { score += 0.05 }
        if vague != nil && windows.isEmpty { score += 0.15; flags.append("vague time \"\(vague!.text)\": decide a window or leave it open") }
        var answers: String?
        if let previousQuestion, isFirstOfTurn, !strong.isEmpty, has(anaphora, sentence) {
            score += 0.1
            answers = previousQuestion
            flags.append("refers to the question before it: write the claim out in full")
        }
        if isCounterfactual { score -= 0.6 }
        if isPast && windows.isEmpty && !isFuture { score -= 0.4 }
        if !windows.isEmpty && !isFuture && has(narratedPast, sentence) { score -= 0.25 }
        if windows.isEmpty && strong.isEmpty && reading.stated == nil { score = min(score, 0.45) }
        score = max(0, min(1, (score * 100).rounded() / 100))
        guard score >= minScore, score > 0 else { return [] }
        let refused = times.compactMap { m -> String? in
            if case .refused(_, let reason) = m.reading { return "time \"\(m.text)\" not read as a window (\(reason)): set one by hand" }
            return nil
        }
        flags += refused
        if windows.isEmpty && vague == nil && refused.isEmpty { flags.append("no time given: set a window before it can come due") }

        // The qualifier that governs: of the most specific kind, the one nearest the time phrase
        // ("we're probably not going to find out … but by 2027, 2028, I think extremely likely").
        let ranked = !strong.isEmpty ? strong : (!weak.isEmpty ? weak : reading.qualifiers)
        let anchorPoint = windows.first.map { sentence.distance(from: sentence.startIndex, to: $0.0.range.lowerBound) }
        let governing = ranked.min { a, b in
            guard let p = anchorPoint else { return a.range.lowerBound < b.range.lowerBound }
            return abs(sentence.distance(from: sentence.startIndex, to: a.range.lowerBound) - p)
                < abs(sentence.distance(from: sentence.startIndex, to: b.range.lowerBound) - p)
        }
        // Its words, with the hedges said before it ("I think … extremely likely").
        let kept = reading.qualifiers.filter { q in
            q == governing || (q.isHedge && governing.map { q.range.lowerBound < $0.range.lowerBound } == true)
        }
        let others = reading.qualifiers.filter { !kept.contains($0) && !$0.isHedge }
        if !others.isEmpty { flags.append("other qualifiers in the sentence, about something else?: \(others.map { "\"\($0.text)\"" }.joined(separator: ", "))") }
        let confidence = Confidence(words: kept.isEmpty ? nil : kept.map(\.text).joined(separator: " … "), stated: reading.stated?.probability)
        func draft(_ statement: String, _ window: DueWindow?, _ extra: [String] = []) -> Draft {
            Draft(statement: statement, quote: sentence, speaker: nil, line: 0, segment: 0, unit: "", window: window,
                  vagueTime: vague?.text, confidence: confidence, score: score, flags: flags + extra, answers: answers, original: nil)
        }
        if windows.count <= 1 { return [draft(sentence, windows.first?.1)] }
        // Alternatives for one forecast ("in a year from now, maybe two years from now"): one draft
        // over both; separate forecasts ("late 2026 … and then by 2027 …"): one draft each.
        var result: [Draft] = []
        var groups: [[(TimePhrases.Match, DueWindow)]] = []
        for w in windows {
            if let last = groups.last?.last {
                let between = sentence[last.0.range.upperBound..<w.0.range.lowerBound].lowercased()
                    .trimmingCharacters(in: CharacterSet(charactersIn: " ,，、"))
                if ["maybe", "or", "or maybe", "perhaps", "或", "或者", "也许", "甚至", ""].contains(between) {
                    groups[groups.count - 1].append(w)
                    continue
                }
            }
            groups.append([w])
        }
        for (i, group) in groups.enumerated() {
            // Each group holds one time or more (it starts with one), each window start ≤ end.
            guard let first = group.first, let last = group.last,
                  let start = group.map(\.1.start).min(), let end = group.map(\.1.end).max() else { continue }
            let phrase = String(sentence[first.0.range.lowerBound..<last.0.range.upperBound])
            let rule = group.count == 1 ? first.1.rule : nil
            guard let window = try? DueWindow(start: start, end: end, phrase: phrase, rule: rule) else { continue }
            // The clause from this time to the next one.
            let from = i == 0 ? sentence.startIndex : first.0.range.lowerBound
            let to = i + 1 < groups.count ? groups[i + 1].first.map(\.0.range.lowerBound) ?? sentence.endIndex : sentence.endIndex
            var clause = String(sentence[from..<to]).trimmingCharacters(in: CharacterSet(charactersIn: " ,，;；"))
            for tail in [" and then", " and", "，然后", "然后", " then"] where clause.hasSuffix(tail) { clause = String(clause.dropLast(tail.count)) }
            let extra = group.count > 1 ? ["the speaker gave alternative times (\(group.map(\.0.text).joined(separator: " / "))): the window spans them"] : []
            result.append(draft(groups.count > 1 ? clause.trimmingCharacters(in: .whitespaces) : sentence, window, extra))
        }
        return result
    }

    enum Strength { case strong, weak, hedge }

    /// How much a qualifier says about the event: "extremely likely" much, "maybe" and 可能 (also
    /// an everyday "might") little, "I think" less; "the most likely word" is no estimate at all.
    static func strength(_ q: EstimativeLanguage.Qualifier, in sentence: String) -> Strength {
        if q.isHedge { return .hedge }
        if q.isWeak { return .weak }
        let word = q.text.lowercased()
        // After a pronoun, 可能 and 不可能 are "may" and "cannot" (你不可能准确地模拟), not an estimate.
        if let last = sentence[..<q.range.lowerBound].last, "你我他她它们".contains(last) { return .weak }
        if word == "likely" || word == "unlikely" {
            let before = sentence[..<q.range.lowerBound].lowercased().split(separator: " ").last.map(String.init) ?? ""
            let after = sentence[q.range.upperBound...].lowercased().split(separator: " ").first.map(String.init) ?? ""
            if ["the", "most", "next", "a", "more", "less"].contains(before) && !["that", "to", "."].contains(after) { return .weak }
        }
        return .strong
    }

    /// A year that names something ("AI 2027", "GPT-2030") rather than a time.
    static func isName(_ m: TimePhrases.Match, in sentence: String) -> Bool {
        let before = sentence[..<m.range.lowerBound].suffix(4)
        return before.hasSuffix("AI ") || before.hasSuffix("ai ") || before.hasSuffix("“AI ") || before.hasSuffix("-")
    }

    /// The sentence of the other language that says the same: the one sharing the most numbers
    /// and time words, else the one at the same relative place.
    static func align(_ sentence: Sentences.Sentence, in others: [Sentences.Sentence], of count: Int) -> String? {
        guard !others.isEmpty else { return nil }
        func numbers(_ s: String) -> Set<String> {
            TimePhrases.numbers(in: s)
        }
        let mine = numbers(sentence.text)
        let pairs: [(String, String)] = [("明年", "next year"), ("极有可能", "extremely likely"), ("很可能", "highly likely"),
                                          ("不太可能", "unlikely"), ("极不可能", "extremely unlikely"), ("一整天", "whole day"),
                                          ("诺贝尔", "nobel"), ("预训练", "pre-training"), ("不连续", "discontinuity"), ("专家", "expert")]
        let relative = Double(sentence.index) / Double(max(1, count))
        let best = others.max { a, b in
            func score(_ o: Sentences.Sentence) -> Double {
                let lower = o.text.lowercased()
                var s = Double(mine.intersection(numbers(o.text)).count) * 2
                for (zh, en) in pairs where (sentence.text.contains(zh) && lower.contains(en)) || (sentence.text.lowercased().contains(en) && o.text.contains(zh)) { s += 1.5 }
                s -= abs(Double(o.index) / Double(max(1, others.count)) - relative)
                return s
            }
            return score(a) < score(b)
        }
        return best?.text
    }
}
