import Foundation

/// Reads due windows from words, in English and Chinese, following docs/conventions.md:
/// "late 2026" → 2026-09-01 … 2026-12-31, "到2027年" → anchor … 2027-12-31. Every window is
/// anchored to the day the claim was made. Each reading names the rule that produced it.
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
    }

    /// A time expression found in a text: where it is (in the original text) and what it reads as.
    public struct Match: Equatable, Sendable {
        public let range: Range<String.Index>
        public let text: String
        public let reading: Reading
    }

    /// Reads one phrase said on `anchor`.
    public static func read(_ phrase: String, anchor: Day) -> Reading {
        let found = find(in: phrase, anchor: anchor)
        let windows = found.filter { if case .window = $0.reading { return true } else { return false } }
        if windows.count > 1 { return .ambiguous(windows.map(\.text)) }
        if let w = windows.first {
            guard case .window(let window) = w.reading else { return .unreadable }
            let trimmed = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
            return .window(window.with(phrase: trimmed, rule: window.rule))
        }
        if let other = found.first { return other.reading }
        return .unreadable
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
        }
    }

    /// Every time expression in `text`, in order, longest first where they overlap.
    public static func find(in text: String, anchor: Day) -> [Match] {
        guard anchorYears.contains(anchor.year) else { return [] }
        let n = Normalized(text)
        var matches: [(range: NSRange, reading: Reading, rule: String)] = []
        let ns = n.text as NSString
        for rule in rules {
            for m in rule.regex.matches(in: n.text, range: NSRange(location: 0, length: ns.length)) {
                if matches.contains(where: { NSIntersectionRange($0.range, m.range).length > 0 }) { continue }
                let groups = (0..<m.numberOfRanges).map { i -> String? in
                    let r = m.range(at: i)
                    return r.location == NSNotFound ? nil : ns.substring(with: r)
                }
                guard let reading = rule.read(groups, anchor) else { continue }
                matches.append((m.range, reading, rule.name))
            }
        }
        return matches.sorted { $0.range.location < $1.range.location }.compactMap { m in
            guard let range = n.originalRange(m.range, in: text) else { return nil }
            let original = String(text[range])
            let reading: Reading
            // A window's phrase is the words as written; its rule, the name of the rule that read it.
            switch m.reading {
            case .window(let w): reading = .window(w.with(phrase: original, rule: m.rule))
            case .past(let w): reading = .past(w.with(phrase: original, rule: m.rule))
            default: reading = m.reading
            }
            return Match(range: range, text: original, reading: reading)
        }
    }

    // MARK: - Rules

    /// NSRegularExpression is immutable and safe to match from several threads.
    struct Rule: @unchecked Sendable {
        let name: String
        let regex: NSRegularExpression
        let read: @Sendable ([String?], Day) -> Reading?
    }

    static let year = "((?:19|20|21)\\d\\d)"

    /// A window from `start` to `end`, clipped to start on the anchor; past when it ends before.
    /// (`find` names the rule that read it.)
    static func window(_ start: Day, _ end: Day, anchor: Day) -> Reading? {
        let s = max(start, anchor)
        guard start <= end else { return nil }
        if end < anchor { return (try? DueWindow(start: start, end: end)).map(Reading.past) }
        return (try? DueWindow(start: s, end: end)).map(Reading.window)
    }

    /// The years a said-on date may have for phrases to be read from it: every year a rule can
    /// then compute stays a real date.
    public static let anchorYears = 1900...2999

    /// A date the rules compute from real years, months and month lengths (see `anchorYears`).
    static func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day.clamped(year: y, month: m, day: day) }
    static func yearEnd(_ y: Int) -> Day { d(y, 12, 31) }
    static func monthEnd(_ y: Int, _ m: Int) -> Day { d(y, m, Day.daysIn(month: m, year: y)) }

    /// Early, mid and late thirds of a year: Jan–Apr, May–Aug, Sep–Dec.
    static func third(_ which: String, _ y: Int) -> (Day, Day) {
        switch which {
        case "early", "初", "年初": return (d(y, 1, 1), d(y, 4, 30))
        case "mid", "中", "年中": return (d(y, 5, 1), d(y, 8, 31))
        default: return (d(y, 9, 1), d(y, 12, 31))
        }
    }

    static func half(_ which: Int, _ y: Int) -> (Day, Day) { which == 1 ? (d(y, 1, 1), d(y, 6, 30)) : (d(y, 7, 1), d(y, 12, 31)) }
    static func quarter(_ q: Int, _ y: Int) -> (Day, Day) { (d(y, 3 * q - 2, 1), monthEnd(y, 3 * q)) }

    static func ordinal(_ s: String) -> Int? {
        switch s {
        case "1", "first", "1st", "一": return 1
        case "2", "second", "2nd", "二": return 2
        case "3", "third", "3rd", "三": return 3
        case "4", "fourth", "4th", "last", "四": return 4
        default: return nil
        }
    }

    /// `Y` as a year, or `next year`, `this year`, `明年`, `今年`, `后年` relative to the anchor.
    static func yearOf(_ s: String?, _ anchor: Day) -> Int? {
        guard let s else { return nil }
        switch s.lowercased().replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression) {
        case "next year", "明年": return anchor.year + 1
        case "this year", "今年": return anchor.year
        case "the year after next", "后年": return anchor.year + 2
        default: return Int(s.replacingOccurrences(of: "年", with: ""))
        }
    }

    /// The last day of `n` units from `anchor`; nil past a thousand years, which no forecast
    /// window needs (and which would overflow).
    static func unitEnd(_ anchor: Day, _ n: Int, _ unit: String) -> Day? {
        guard n <= 365_250 else { return nil }
        switch unit {
        case "year", "years", "年": return n > 1000 ? nil : anchor.adding(months: 12 * n).adding(days: -1)
        case "month", "months", "个月", "月": return n > 12_000 ? nil : anchor.adding(months: n).adding(days: -1)
        case "week", "weeks", "周", "个星期", "星期": return n > 52_200 ? nil : anchor.adding(days: 7 * n - 1)
        case "day", "days", "天": return anchor.adding(days: n - 1)
        default: return nil
        }
    }

    static func make(_ name: String, _ pattern: String, _ read: @escaping @Sendable ([String?], Day) -> Reading?) -> Rule {
        // Word boundaries for the Latin parts; Chinese needs none.
        Rule(name: name, regex: NSRegularExpression.constant(pattern, options: [.caseInsensitive]), read: read)
    }

    static let anyYear = "(?:19|20|21)\\d\\d"
    static let relYear = "(next\\s+year|this\\s+year|the\\s+year\\s+after\\s+next|\(anyYear))"
    static let zhYear = "(明年|今年|后年|\(anyYear)年)"

    static let rules: [Rule] = [
        // — Deadlines over a range of years: "by 2027, 2028", "到2027年或2028年" (end of the later year).
        make("deadline-range", "\\b(?:by|no later than|not later than|until)\\s+(?:the\\s+end\\s+of\\s+)?\(year)(?:\\s*(?:,|or|and|-|to)\\s*|\\s+)(?:maybe\\s+|perhaps\\s+)?\(year)\\b") { g, a in
            guard let y1 = Int((g[1] ?? "")), let y2 = Int((g[2] ?? "")), y2 > y1, y2 - y1 <= 10 else { return nil }
            return window(a, yearEnd(y2), anchor: a)
        },
        make("deadline-range", "到\(year)年?\\s*(?:或|或者|、|,|，|到|至)\\s*\(year)年") { g, a in
            guard let y1 = Int((g[1] ?? "")), let y2 = Int((g[2] ?? "")), y2 > y1, y2 - y1 <= 10 else { return nil }
            return window(a, yearEnd(y2), anchor: a)
        },
        // — Ranges of years: "2027-2028", "2027 or 2028", "between 2027 and 2028", "2027到2028年".
        make("year-range", "\\b(?:between\\s+)?\(year)\\s*(?:-|to|and|or|,)\\s*\(year)\\b") { g, a in
            guard let y1 = Int((g[1] ?? "")), let y2 = Int((g[2] ?? "")), y2 > y1, y2 - y1 <= 10 else { return nil }
            return window(d(y1, 1, 1), yearEnd(y2), anchor: a)
        },
        make("year-range", "\(year)年?\\s*(?:到|至|-|或)\\s*\(year)年") { g, a in
            guard let y1 = Int((g[1] ?? "")), let y2 = Int((g[2] ?? "")), y2 > y1, y2 - y1 <= 10 else { return nil }
            return window(d(y1, 1, 1), yearEnd(y2), anchor: a)
        },
        // — End of the decade.
        make("end-of-decade", "\\b(?:by\\s+)?(?:the\\s+)?end\\s+of\\s+(?:the|this)\\s+decade\\b|(?:到)?本世纪?十年末") { _, a in
            window(a, yearEnd(a.year / 10 * 10 + 9), anchor: a)
        },
        // — Deadlines: "by the end of 2026", "by mid-2026", "by late 2026", "by 2027", "no later than 2028".
        make("deadline-mid-year", "\\bby\\s+(?:the\\s+)?(?:middle\\s+of\\s+|mid-?\\s*)\(relYear)") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, d(y, 6, 30), anchor: a)
        },
        make("deadline-early-year", "\\bby\\s+(?:the\\s+)?(?:early|beginning\\s+of|start\\s+of)\\s+\(relYear)") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, d(y, 4, 30), anchor: a)
        },
        make("deadline-year", "\\b(?:by|no\\s+later\\s+than|not\\s+later\\s+than|until|through)\\s+(?:the\\s+)?(?:end\\s+of\\s+|late\\s+)?\(relYear)\\b") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, yearEnd(y), anchor: a)
        },
        make("deadline-year", "(?:到|在)?\(zhYear)(?:底|末|年底|年末)(?:前|之前|以前)") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, yearEnd(y), anchor: a)
        },
        make("deadline-mid-year", "到\(zhYear)(?:年中|中)") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, d(y, 6, 30), anchor: a)
        },
        make("deadline-year", "到\(zhYear)(?:底|末|年底|年末)?") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            return window(a, yearEnd(y), anchor: a)
        },
        // — Before a year: "before 2030", "2030年前".
        make("before-year", "\\bbefore\\s+\(year)\\b") { g, a in
            guard let y = Int((g[1] ?? "")) else { return nil }
            return window(a, yearEnd(y - 1), anchor: a)
        },
        make("before-year", "\(year)年(?:之前|以前|前)") { g, a in
            guard let y = Int((g[1] ?? "")) else { return nil }
            return window(a, yearEnd(y - 1), anchor: a)
        },
        // — Halves and quarters.
        make("half-year", "\\b(?:the\\s+)?(first|second|1st|2nd)\\s+half\\s+of\\s+\(relYear)") { g, a in
            guard let h = ordinal((g[1] ?? "")), let y = yearOf(g[2], a) else { return nil }
            let (s, e) = half(h, y); return window(s, e, anchor: a)
        },
        make("half-year", "\\bh([12])\\s*(?:of\\s+)?\(year)\\b|\\b\(year)\\s*h([12])\\b") { g, a in
            guard let h = Int(g[1] ?? g[4] ?? ""), let y = Int(g[2] ?? g[3] ?? "") else { return nil }
            let (s, e) = half(h, y); return window(s, e, anchor: a)
        },
        make("half-year", "\(zhYear)(?:的)?(上|下)半年") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            let (s, e) = half(g[2] == "上" ? 1 : 2, y); return window(s, e, anchor: a)
        },
        make("quarter", "\\bq([1-4])\\s*(?:of\\s+)?\(relYear)|\\b\(year)\\s*q([1-4])\\b") { g, a in
            guard let q = Int(g[1] ?? g[4] ?? ""), let y = yearOf(g[2] ?? g[3], a) else { return nil }
            let (s, e) = quarter(q, y); return window(s, e, anchor: a)
        },
        make("quarter", "\\b(?:the\\s+)?(first|second|third|fourth|last|1st|2nd|3rd|4th)\\s+quarter\\s+(?:of\\s+)?\(relYear)") { g, a in
            guard let q = ordinal((g[1] ?? "")), let y = yearOf(g[2], a) else { return nil }
            let (s, e) = quarter(q, y); return window(s, e, anchor: a)
        },
        make("quarter", "\(zhYear)(?:的)?(?:第)?([1-4一二三四])(?:季度|季)|\(zhYear)(?:的)?q([1-4])") { g, a in
            guard let y = yearOf(g[1] ?? g[3], a), let q = ordinal(g[2] ?? g[4] ?? "") else { return nil }
            let (s, e) = quarter(q, y); return window(s, e, anchor: a)
        },
        // — Decades: "the 2030s", "2030年代".
        make("decade", "\\b(?:the\\s+)?((?:19|20|21)\\d0)'?s\\b|((?:19|20|21)\\d0)年代") { g, a in
            guard let y = Int(g[1] ?? g[2] ?? "") else { return nil }
            return window(d(y, 1, 1), yearEnd(y + 9), anchor: a)
        },
        // — Within N units: "within 5 years", "within 18 months", "五年内".
        make("within", "\\bwithin\\s+(?:the\\s+next\\s+)?(\\d+)\\s+(years?|months?|weeks?|days?)\\b") { g, a in
            guard let n = Int((g[1] ?? "")), n > 0, let end = unitEnd(a, n, (g[2] ?? "").lowercased()) else { return nil }
            return window(a, end, anchor: a)
        },
        make("within", "(\\d+)\\s*(年|个月|周|个星期|天)(?:之内|以内|内)") { g, a in
            guard let n = Int((g[1] ?? "")), n > 0, let end = unitEnd(a, n, (g[2] ?? "")) else { return nil }
            return window(a, end, anchor: a)
        },
        // — The next N years: "in the next 5 years", "未来5年".
        make("next-years", "\\b(?:in|over|during|for)?\\s*the\\s+(?:next|coming)\\s+(\\d+)\\s+years?\\b") { g, a in
            guard let n = Int((g[1] ?? "")), n > 0 else { return nil }
            return window(a, yearEnd(a.year + n), anchor: a)
        },
        make("next-years", "(?:未来|今后|接下来的?)\\s*(\\d+)\\s*年") { g, a in
            guard let n = Int((g[1] ?? "")), n > 0 else { return nil }
            return window(a, yearEnd(a.year + n), anchor: a)
        },
        // — In N years: "in 5 years", "two years from now", "5年后" (the calendar year).
        make("in-years", "\\b(?:in\\s+(\\d+)\\s+years?(?:\\s+from\\s+now|\\s+time)?|(\\d+)\\s+years?\\s+from\\s+now)\\b") { g, a in
            guard let n = Int(g[1] ?? g[2] ?? ""), n > 0 else { return nil }
            let y = a.year + n
            return window(d(y, 1, 1), yearEnd(y), anchor: a)
        },
        make("in-years", "(\\d+)\\s*年?\\s*(?:或|或者|到|至|、)\\s*(\\d+)\\s*年(?:后|以后|之后)") { g, a in
            guard let n1 = Int((g[1] ?? "")), let n2 = Int((g[2] ?? "")), n1 > 0, n2 > n1 else { return nil }
            return window(d(a.year + n1, 1, 1), yearEnd(a.year + n2), anchor: a)
        },
        make("in-years", "(\\d+)\\s*年(?:后|以后|之后)") { g, a in
            guard let n = Int((g[1] ?? "")), n > 0 else { return nil }
            let y = a.year + n
            return window(d(y, 1, 1), yearEnd(y), anchor: a)
        },
        // — Parts of a year: "early 2026", "mid-2026", "late 2026", "end of 2026", "2026年底", "明年年中".
        make("part-of-year", "\\b(early|mid|late|later|end\\s+of|the\\s+end\\s+of|the\\s+middle\\s+of|middle\\s+of|the\\s+beginning\\s+of|beginning\\s+of)[-\\s]+(?:in\\s+)?\(relYear)\\b") { g, a in
            guard let y = yearOf(g[2], a) else { return nil }
            let which = (g[1] ?? "").lowercased()
            let part = which.contains("early") || which.contains("beginning") ? "early" : (which.contains("mid") || which.contains("middle") ? "mid" : "late")
            let (s, e) = third(part, y); return window(s, e, anchor: a)
        },
        make("part-of-year", "\(zhYear)(?:的)?(初|年初|中|年中|底|末|年底|年末)") { g, a in
            guard let y = yearOf(g[1], a) else { return nil }
            let p = (g[2] ?? "")
            let (s, e) = third(p.contains("初") ? "early" : (p.contains("中") ? "mid" : "late"), y)
            return window(s, e, anchor: a)
        },
        // — Whole years: "next year", "明年", "this year", "2027", "2027年".
        make("next-year", "(?<!the\\s)\\bnext\\s+year\\b|明年") { _, a in window(d(a.year + 1, 1, 1), yearEnd(a.year + 1), anchor: a) },
        make("this-year", "\\bthis\\s+year\\b|今年") { _, a in window(d(a.year, 1, 1), yearEnd(a.year), anchor: a) },
        make("year-after-next", "\\bthe\\s+year\\s+after\\s+next\\b|后年") { _, a in window(d(a.year + 2, 1, 1), yearEnd(a.year + 2), anchor: a) },
        make("year", "(?<![\\d.:/-])\(year)年?(?!\\d|%|\\.\\d|:|/|-\\d|\\s*(?:%|percent|people|dollars|年代))") { g, a in
            guard let y = Int((g[1] ?? "")) else { return nil }
            return window(d(y, 1, 1), yearEnd(y), anchor: a)
        },
        // — Vague: time words that give no window.
        make("vague", "\\b(?:in\\s+the\\s+(?:coming|next\\s+few|next\\s+couple\\s+of)\\s+years|in\\s+the\\s+(?:near|distant)\\s+future|in\\s+the\\s+future|some\\s?day|eventually|soon|one\\s+day|in\\s+a\\s+few\\s+years|in\\s+the\\s+long\\s+term|in\\s+the\\s+medium\\s+term|in\\s+the\\s+short\\s+term)\\b|未来几年|几年内|不久的将来|不久|将来|很快|近期|短期内|长期来看") { g, _ in
            .vague(g[0] ?? "")
        },
    ]
}

/// Text made easy to match: lower case, numbers as digits ("five" → "5", "十八" → "18",
/// "２０２６" → "2026"), dashes as "-", no space between digits and Chinese. Keeps, for every
/// character, where it came from, so matches map back to the words as written.
struct Normalized {
    private(set) var text = ""
    /// For each UTF-16 unit of `text`, the offset (in UTF-16 units) of its source in the original.
    private var origin: [Int] = []
    /// For each UTF-16 unit of `text`, the end offset of its source in the original.
    private var originEnd: [Int] = []

    static let words: [String: Int] = [
        "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "a couple of": 2, "a couple": 2, "couple of": 2,
    ]
    static let chineseDigits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    init(_ original: String) {
        let chars = Array(original)
        var offsets: [Int] = []  // UTF-16 offset of each Character
        var o = 0
        for ch in chars { offsets.append(o); o += ch.utf16.count }
        offsets.append(o)
        var i = 0
        func emit(_ s: String, from: Int, to: Int) {
            text += s
            let count = s.utf16.count
            origin += Array(repeating: offsets[from], count: count)
            originEnd += Array(repeating: offsets[to], count: count)
        }
        func isLetter(_ c: Character) -> Bool { c.isLetter && c.isASCII }
        while i < chars.count {
            let c = chars[i]
            // English number words (whole words), "a" and "an" only before a time unit.
            if isLetter(c) && (i == 0 || !isLetter(chars[i - 1])) {
                var j = i
                while j < chars.count && isLetter(chars[j]) { j += 1 }
                let word = String(chars[i..<j]).lowercased()
                var phraseEnd = j, value: Int? = nil
                // "a couple of"
                if word == "a" || word == "couple" {
                    let rest = String(chars[i..<min(chars.count, i + 12)]).lowercased()
                    for p in ["a couple of", "a couple", "couple of"] where rest.hasPrefix(p) {
                        value = 2; phraseEnd = i + p.count; break
                    }
                }
                if value == nil, let v = Normalized.words[word] {
                    if word == "a" || word == "an" {
                        let after = String(chars[j..<min(chars.count, j + 8)]).lowercased()
                        if after.hasPrefix(" year") || after.hasPrefix(" month") || after.hasPrefix(" week") || after.hasPrefix(" day") { value = v }
                    } else {
                        value = v
                    }
                }
                if let v = value {
                    emit(String(v), from: i, to: phraseEnd)
                    i = phraseEnd
                    continue
                }
                emit(word, from: i, to: j)
                i = j
                continue
            }
            // Chinese numerals before a unit of time or after 第/未来/今后/过去.
            if Normalized.chineseDigits[c] != nil || c == "十" {
                var j = i
                while j < chars.count && (Normalized.chineseDigits[chars[j]] != nil || chars[j] == "十") { j += 1 }
                let after = j < chars.count ? chars[j] : " "
                let before = i > 0 ? chars[i - 1] : " "
                let numeral = String(chars[i..<j])
                if ("年个月周天季星".contains(after) || "第来后去".contains(before)), let v = Normalized.chineseNumber(numeral) {
                    emit(String(v), from: i, to: j)
                    i = j
                    continue
                }
            }
            // Full-width digits and dashes.
            if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 {
                if (0xFF10...0xFF19).contains(scalar.value) {
                    emit(String(scalar.value - 0xFF10), from: i, to: i + 1); i += 1; continue
                }
                if "–—−‐‑".unicodeScalars.contains(scalar) { emit("-", from: i, to: i + 1); i += 1; continue }
                if scalar == "\u{2019}" { emit("'", from: i, to: i + 1); i += 1; continue }
            }
            // No space between a digit and a Chinese character, or between 到/在 and a digit.
            if c.isWhitespace, let prev = text.last, i + 1 < chars.count {
                let next = chars[i + 1]
                let isCJK: (Character) -> Bool = { ch in ch.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false }
                if (prev.isNumber && isCJK(next)) || (isCJK(prev) && (next.isNumber || isCJK(next))) {
                    i += 1
                    continue
                }
            }
            emit(String(c).lowercased(), from: i, to: i + 1)
            i += 1
        }
    }

    static func chineseNumber(_ s: String) -> Int? {
        let chars = Array(s)
        if chars.isEmpty { return nil }
        if let tenIndex = chars.firstIndex(of: "十") {
            let tens = tenIndex == 0 ? 1 : (chars.count > 1 ? chineseDigits[chars[tenIndex - 1]] : nil) ?? 1
            let ones = tenIndex + 1 < chars.count ? chineseDigits[chars[tenIndex + 1]] ?? 0 : 0
            guard chars.filter({ $0 == "十" }).count == 1, tenIndex <= 1 else { return nil }
            return tens * 10 + ones
        }
        if chars.count == 1 { return chineseDigits[chars[0]] }
        // Digit by digit, as in 二〇二七.
        var value = 0
        for c in chars { guard let d = chineseDigits[c] else { return nil }; value = value * 10 + d }
        return value
    }

    /// The range in `original` that a range of `text` came from.
    func originalRange(_ r: NSRange, in original: String) -> Range<String.Index>? {
        guard r.length > 0, r.location + r.length <= origin.count else { return nil }
        var start = origin[r.location], end = originEnd[r.location + r.length - 1]
        // Trim white space the match took at its edges.
        let u = Array(original.utf16)
        while start < end, let s = Unicode.Scalar(u[start]), CharacterSet.whitespaces.contains(s) { start += 1 }
        while end > start, let s = Unicode.Scalar(u[end - 1]), CharacterSet.whitespaces.contains(s) { end -= 1 }
        let utf16 = original.utf16
        guard let a = utf16.index(utf16.startIndex, offsetBy: start, limitedBy: utf16.endIndex),
              let b = utf16.index(utf16.startIndex, offsetBy: end, limitedBy: utf16.endIndex),
              let sa = a.samePosition(in: original), let sb = b.samePosition(in: original) else { return nil }
        return sa..<sb
    }
}
