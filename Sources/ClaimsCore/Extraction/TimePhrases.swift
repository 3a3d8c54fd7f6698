import Foundation

/// Reads due windows from words, in English and Chinese, following docs/conventions.md:
/// "late 2026" → 2026-09-01 … 2026-12-31, "到2027年" → anchor … 2027-12-31. Every window is
/// anchored to the day the claim was made. Each reading names the rule that produced it.
///
/// A phrase is read whole or not at all: the grammar (`TimeGrammar`) works on tokens, and a
/// phrase gives a window only when its rules account for every word in it, filler aside
/// ("sometime", "around", "左右"). "by June 2026" is June or a refusal, never the year 2026.
public enum TimePhrases {
    /// What a phrase reads as.
    public enum Reading: Equatable, Sendable {
        /// A window, with the phrase and the rule that fired.
        case window(DueWindow)
        /// Words about time that give no window ("in the coming years", "未来几年").
        case vague(String)
        /// A window wholly before the day the claim was made: not a forecast.
        case past(DueWindow)
        /// No time expression the grammar knows.
        case unreadable
        /// More than one time expression: give one.
        case ambiguous([String])
        /// Words about time that the grammar will not read as a window, and why: a word left
        /// over ("by June 2026 maybe not"), a time that is no deadline ("after 2030"), a date
        /// that does not exist ("2026年2月30日").
        case refused(word: String?, reason: String)
    }

    /// A time expression found in a text: where it is (in the original text) and what it reads as.
    public struct Match: Equatable, Sendable {
        public let range: Range<String.Index>
        public let text: String
        public let reading: Reading
    }

    /// The years a said-on date may have for phrases to be read from it: every year a rule can
    /// then compute stays a real date.
    public static let anchorYears = 1900...2999

    /// Reads one phrase said on `anchor`: every word of it, or a refusal.
    public static func read(_ phrase: String, anchor: Day) -> Reading {
        guard anchorYears.contains(anchor.year) else { return .unreadable }
        // The full stop of a sentence copied with the phrase ("by 2027.") says nothing about time.
        let trimmed = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: ".!?;。！？；")).trimmingCharacters(in: .whitespaces)
        let tokens = TimeTokenizer.tokens(trimmed).filter { !$0.isFiller }
        if tokens.isEmpty { return .unreadable }
        let grammar = TimeGrammar(tokens, anchor: anchor, whole: true)
        do {
            if let found = try grammar.expression(), grammar.i == tokens.count {
                return reading(found, phrase: trimmed, anchor: anchor)
            }
        } catch let r as TimeRefused {
            return .refused(word: r.word, reason: r.reason)
        } catch {
            return .unreadable
        }
        // Something is left over: say what.
        let found = find(in: trimmed, anchor: anchor)
        let windows = found.filter { if case .window = $0.reading { return true } else { return false } }
        if windows.count > 1 { return .ambiguous(windows.map(\.text)) }
        if let refusal = found.first(where: { if case .refused = $0.reading { return true } else { return false } }) { return refusal.reading }
        let covered = found.map(\.range)
        let left = tokens.enumerated().filter { _, t in !covered.contains { $0.overlaps(t.range) } }
        // Nothing here is about time at all ("whenever", "the models").
        if found.isEmpty, !tokens.contains(where: isTimeWord) { return .unreadable }
        let consumed = grammar.i
        let unused = left.map(\.element)
        func plain(_ t: TimeToken) -> Bool { !connectives.contains(t.word ?? "") && t.mark == nil && !t.text.isEmpty }
        let leftover = (consumed > 0 ? tokens[consumed...].filter(plain) : [])
            + unused.filter { !isTimeWord($0) && plain($0) && !ordinalSuffixes.contains($0.word ?? "") }
            + unused.filter(plain)
            + unused.filter { !$0.text.isEmpty }
        guard var word = leftover.first else { return .unreadable }
        // "15th" is one word to the reader, two tokens here.
        if let k = tokens.firstIndex(of: word), k + 1 < tokens.count, word.number != nil, !tokens[k + 1].spaced,
           let suffix = tokens[k + 1].word, ordinalSuffixes.contains(suffix) {
            word = TimeToken(kind: word.kind, text: word.text + tokens[k + 1].text, range: word.range.lowerBound..<tokens[k + 1].range.upperBound,
                             digits: word.digits, spaced: word.spaced)
        }
        return .refused(word: word.text, reason: leftoverReason(word))
    }

    /// The window of `phrase` said on `anchor`, or an error that says why there is none.
    public static func window(_ phrase: String, anchor: Day) throws -> DueWindow {
        guard anchorYears.contains(anchor.year) else { throw DomainError.anchorOutOfRange(anchor) }
        switch read(phrase, anchor: anchor) {
        case .window(let w): return w
        case .vague: throw DomainError.vagueTime(phrase)
        case .unreadable: throw DomainError.unreadableTime(phrase)
        case .past(let w): throw DomainError.pastTime(phrase: phrase, end: w.end, anchor: anchor)
        case .ambiguous(let parts): throw DomainError.ambiguousTime(phrase: phrase, parts: parts)
        case .refused(_, let reason): throw DomainError.refusedTime(phrase: phrase, reason: reason)
        }
    }

    /// Every time expression in `text`, in order: at each place the longest, most specific one
    /// ("by late September 2026", not "2026"). A time word left beside an expression that its
    /// rule did not use ("early" before "summer 2026") makes that expression a refusal.
    public static func find(in text: String, anchor: Day) -> [Match] {
        guard anchorYears.contains(anchor.year) else { return [] }
        let tokens = TimeTokenizer.tokens(text).filter { !$0.isFiller }
        var matches: [Match] = []
        var k = 0
        while k < tokens.count {
            // Most words cannot begin a time ("models", "work"): the grammar starts only where one can.
            guard canStart(tokens[k]), let (start, end, outcome) = longestAt(k, tokens, anchor: anchor) else { k += 1; continue }
            let range = tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound
            let written = String(text[range])
            var result: Reading
            switch outcome {
            case .success(let found): result = reading(found, phrase: written, anchor: anchor)
            case .failure(let r): result = .refused(word: r.word, reason: r.reason)
            }
            if case .window = result, let verdict = neighbours(tokens, start, end, outcome) {
                switch verdict {
                case .notATime: k = end; continue
                case .refused(let word):
                    result = .refused(word: word, reason: "'\(written)' stands beside '\(word)', which its reading does not use: read the time by hand")
                }
            }
            matches.append(Match(range: range, text: written, reading: result))
            k = end
        }
        return matches
    }

    /// The longest reading from token `k` on; a leading "in", "on", "at" or "during" is left out
    /// of the words found when a time point reads the same without it ("in 2027" is found as
    /// "2027"; "in the next 5 years" keeps its "in").
    static func longestAt(_ k: Int, _ tokens: [TimeToken], anchor: Day) -> (Int, Int, Result<TimeFinding, TimeRefused>)? {
        func attempt(_ from: Int) -> (Int, Result<TimeFinding, TimeRefused>)? {
            let g = TimeGrammar(tokens, anchor: anchor, whole: false)
            g.i = from
            do {
                guard let found = try g.expression(), g.i > from else { return nil }
                return (g.i, .success(found))
            } catch let r as TimeRefused {
                return (max(r.end, from + 1), .failure(r))
            } catch {
                return nil
            }
        }
        guard let (end, outcome) = attempt(k) else { return nil }
        if let w = tokens[k].word ?? tokens[k].han, ["in", "on", "at", "during", "在", "于"].contains(w),
           let (end2, outcome2) = attempt(k + 1), end2 == end, case .success(.period(let p)) = outcome2, p.kind != .duration {
            return (k + 1, end, outcome2)
        }
        return (k, end, outcome)
    }

    /// Words a time expression can begin with: every rule's first token (TimeGrammar), the vague
    /// phrases' and the refusals'.
    static let startWords: Set<String> = [
        "by", "before", "after", "within", "in", "on", "at", "during", "over", "for", "next", "this", "the", "early", "mid", "middle",
        "late", "later", "end", "beginning", "start", "first", "second", "third", "fourth", "last", "not", "no", "since", "from",
        "between", "until", "till", "through", "thru", "beyond", "starting", "a", "an", "couple", "some", "someday", "one", "eventually",
        "soon", "sooner", "shortly", "any", "up", "few", "several", "many", "half", "as",
    ]
    static let hanStarts: Set<String> = [
        "到", "在", "于", "从", "不早于", "最早", "最晚", "最迟", "不晚于", "不迟于", "明年", "今年", "后年", "去年", "前年", "未来", "今后", "接下来", "下个月", "下月", "这个月",
        "本月", "上个月", "下周", "本周", "这周", "下个星期", "下星期", "这个星期", "几年", "几个月", "不久", "将来", "很快", "近期", "短期内",
        "半年", "这个十年", "本十年",
    ]

    static func canStart(_ t: TimeToken) -> Bool {
        switch t.kind {
        case .number: return true
        case .word(let w):
            return startWords.contains(w) || TimeGrammar.months[w] != nil || TimeGrammar.seasons[w] != nil
                || (w.count == 2 && (w.hasPrefix("q") || w.hasPrefix("h")) && w.last?.isNumber == true)
        case .han(let h): return hanStarts.contains(h)
        default: return false
        }
    }

    enum Neighbour { case notATime, refused(String) }

    /// Words beside a reading in a sentence that it did not use: a quantity ("2030 dollars") means
    /// the number was no year; a time word ("early", "after", "September") means a refusal.
    static func neighbours(_ tokens: [TimeToken], _ start: Int, _ end: Int, _ outcome: Result<TimeFinding, TimeRefused>) -> Neighbour? {
        if end < tokens.count {
            let next = tokens[end]
            if let w = next.word {
                if quantityWords.contains(w) || TimeGrammar.units[w] != nil {
                    if end - start == 1, tokens[start].digits == 4 { return .notATime }
                }
                if afterWords.contains(w) || TimeGrammar.months[w] != nil || TimeGrammar.seasons[w] != nil { return .refused(next.text) }
            }
            if next.kind == .quantity || next.mark == "%" { return .notATime }
            if let h = next.han, hanAfter.contains(h) { return .refused(next.text) }
            // "2026-27": a year glued to more digits.
            if next.mark == "-", !next.spaced, end + 1 < tokens.count, tokens[end + 1].number != nil, !tokens[end + 1].spaced { return .refused(next.text + tokens[end + 1].text) }
        }
        if start > 0 {
            let previous = tokens[start - 1]
            if previous.kind == .quantity || previous.mark == "." || previous.mark == ":" { return .notATime }
            if let w = previous.word, beforeWords.contains(w) || TimeGrammar.months[w] != nil || TimeGrammar.seasons[w] != nil {
                // "may" and "march" are verbs as often as months.
                if w == "may" || (w == "march" && previous.text.first?.isUppercase != true) { return nil }
                return .refused(previous.text)
            }
            if let h = previous.han, hanBefore.contains(h) { return .refused(previous.text) }
        }
        return nil
    }

    static let quantityWords: Set<String> = [
        "people", "dollars", "dollar", "euros", "yuan", "usd", "percent", "per", "users", "times", "units", "gpus", "chips",
        "tokens", "words", "miles", "km", "kg", "tons", "votes", "points", "parameters", "copies", "pages", "employees",
    ]
    static let afterWords: Set<String> = ["after", "later", "ago", "onwards", "onward", "earliest", "beyond"]
    static let beforeWords: Set<String> = [
        "early", "mid", "middle", "late", "later", "end", "beginning", "start", "not", "never", "after", "since", "beyond",
        "until", "till", "first", "second", "third", "fourth", "half", "quarter",
    ]
    static let hanAfter: Set<String> = ["以后", "之后", "后", "以来", "起", "初", "底", "末", "上旬", "中旬", "下旬"]
    static let hanBefore: Set<String> = ["不", "从", "最早", "不早于"]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
    static let connectives: Set<String> = ["in", "on", "at", "the", "of", "a", "an", "and", "or", "by", "to", "for", "from", "this", "next"]

    /// A word that says something about time: a number, a month, a season, a unit, a Chinese time word.
    static func isTimeWord(_ t: TimeToken) -> Bool {
        switch t.kind {
        case .number: return true
        case .word(let w):
            return TimeGrammar.months[w] != nil || TimeGrammar.seasons[w] != nil || TimeGrammar.units[w] != nil
                || beforeWords.contains(w) || afterWords.contains(w) || ["by", "within", "next", "this", "before", "year", "decade"].contains(w)
                || (w.count == 2 && (w.hasPrefix("q") || w.hasPrefix("h")) && w.last?.isNumber == true)
        case .han(let h): return h.count > 1 || "年月日号周天季春夏秋冬初中底末前后内到".contains(h)
        default: return false
        }
    }

    static func leftoverReason(_ t: TimeToken) -> String {
        let w = t.word ?? t.han ?? t.text
        if ["after", "since", "later", "onwards", "onward", "beyond", "以后", "之后", "后", "以来", "起"].contains(w) {
            return "'\(t.text)' gives a time it comes after, not one it comes by: there is no end to make a window of; give the dates if the speaker meant one"
        }
        if ["not", "no", "never", "不"].contains(w) {
            return "'\(t.text)' turns the time around: the phrase says when it will not happen, not when it will"
        }
        if t.number != nil {
            return "the number '\(t.text)' is not read by any rule here (years are read from 1900 to 2999): every word that carries meaning must be read, or the phrase is refused"
        }
        return "'\(t.text)' is not understood here: every word that carries meaning must be read, or the phrase is refused (see docs/conventions.md for the phrases read)"
    }

    /// A finding as a reading: clipped to start on the said-on date, past when it ends before it.
    static func reading(_ found: TimeFinding, phrase: String, anchor: Day) -> Reading {
        switch found {
        case .vague: return .vague(phrase)
        case .period(let p):
            guard p.start <= p.end else {
                return .refused(word: nil, reason: "'\(phrase)' would end (\(p.end)) before it starts (\(p.start))")
            }
            if p.end < anchor {
                return (try? DueWindow(start: p.start, end: p.end, phrase: phrase, rule: p.rule)).map(Reading.past) ?? .unreadable
            }
            return (try? DueWindow(start: max(p.start, anchor), end: p.end, phrase: phrase, rule: p.rule)).map(Reading.window) ?? .unreadable
        }
    }

    /// The numbers written in a text, as digits ("five" → "5", "十八" → "18", "２０２６" → "2026").
    public static func numbers(in text: String) -> Set<String> {
        Set(TimeTokenizer.tokens(text).compactMap { $0.number.map(String.init) })
    }

    /// The value of a Chinese numeral: 五, 十八, 二十, 两, 二〇二七.
    public static func chineseNumber(_ s: String) -> Int? { TimeTokenizer.chineseNumber(s) }
}
