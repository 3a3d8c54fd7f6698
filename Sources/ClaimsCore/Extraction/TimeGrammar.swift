import Foundation

/// Why a time phrase was not read: the word that was not accounted for, where there is one, and
/// what was wrong. `end` is how far into the tokens the grammar got.
struct TimeRefused: Error, Equatable {
    let word: String?
    let reason: String
    let end: Int
}

/// A stretch of calendar days that words name ("late 2026", "Q4 2026", "明年3月"), before it is
/// clipped to the said-on date.
struct Period: Equatable {
    enum Part: Equatable { case early, mid, late }
    enum Kind: Equatable { case year, partOfYear(Part), half, quarter, decade, month, partOfMonth(Part), date, season, week, range, deadline, before, duration, endOfDecade }

    var start: Day
    var end: Day
    /// Where "by" this period ends: its last day, but 30 June for "by mid-2026".
    var byEnd: Day
    var rule: String
    var kind: Kind
    /// The one year it names, if it names one: what "(2026)" after it must agree with.
    var year: Int?
    /// A month named without a year ("March or April 2027"): it takes the year of the other.
    var yearlessMonth: (month: Int, part: Part?)?
    /// Named as "the start" or "the beginning" of something: a moment, which "by" cannot end on.
    var namedStart = false

    static func == (a: Period, b: Period) -> Bool {
        a.start == b.start && a.end == b.end && a.byEnd == b.byEnd && a.rule == b.rule && a.kind == b.kind && a.year == b.year
    }
}

/// What the grammar read from a run of tokens.
enum TimeFinding: Equatable {
    case period(Period)
    case vague
}

/// The grammar of time phrases, over tokens, in English and Chinese. Every rule names the
/// tokens it consumes; a phrase is read only when its rules consume every token of it (filler
/// aside), so a word a rule does not use can never be dropped on the way: "by June 2026" reads
/// as June or not at all, never as 2026. In a sentence (`whole` false) the longest run that
/// reads wins, and a time word left beside it makes that run a refusal.
final class TimeGrammar {
    let t: [TimeToken]
    let anchor: Day
    /// Reading one phrase whole (`claims window`, a claim's window), not searching a sentence.
    let whole: Bool
    var i = 0

    init(_ tokens: [TimeToken], anchor: Day, whole: Bool) {
        self.t = tokens
        self.anchor = anchor
        self.whole = whole
    }

    // MARK: - Tokens

    var tok: TimeToken? { i < t.count ? t[i] : nil }
    func at(_ k: Int) -> TimeToken? { k >= 0 && k < t.count ? t[k] : nil }

    @discardableResult func word(_ ws: String...) -> String? { word(in: ws) }
    @discardableResult func word<C: Collection<String>>(in ws: C) -> String? {
        if let w = tok?.word, ws.contains(w) { i += 1; return w }
        return nil
    }
    func words(_ seq: String...) -> Bool { words(seq) }
    func words(_ seq: [String]) -> Bool {
        let s = i
        for w in seq { guard tok?.word == w else { i = s; return false }; i += 1 }
        return true
    }
    @discardableResult func han(_ hs: String...) -> String? {
        if let h = tok?.han, hs.contains(h) { i += 1; return h }
        return nil
    }
    @discardableResult func mark(_ c: Character, adjacent: Bool = false) -> Bool {
        if let m = tok?.mark, m == c, !adjacent || tok?.spaced == false { i += 1; return true }
        return false
    }
    /// A number of at most `maxDigits` digits written right after the token before.
    func adjacentNumber(maxDigits: Int) -> Int? {
        guard let k = tok, !k.spaced, case .number(let n) = k.kind, k.digits >= 1, k.digits <= maxDigits, let n else { return nil }
        i += 1
        return n
    }

    func refuse(_ reason: String, word: String? = nil) -> TimeRefused {
        TimeRefused(word: word, reason: reason, end: i)
    }

    /// Tries each rule from here; keeps the one that consumes the most tokens. A refusal wins
    /// when it got further than any reading.
    func longest<T>(_ rules: [() throws -> T?]) throws -> T? {
        let s = i
        var best: (end: Int, value: T)?
        var refusal: TimeRefused?
        for rule in rules {
            i = s
            do {
                if let v = try rule(), i > s, best.map({ i > $0.end }) ?? true { best = (i, v) }
            } catch let r as TimeRefused {
                if refusal.map({ r.end > $0.end }) ?? true { refusal = r }
            }
        }
        if let r = refusal, r.end > (best?.end ?? s) { i = r.end; throw r }
        if let b = best { i = b.end; return b.value }
        i = s
        return nil
    }

    func attempt<T>(_ rule: () throws -> T?) rethrows -> T? {
        let s = i
        if let v = try rule() { return v }
        i = s
        return nil
    }

    // MARK: - Days

    static func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day.clamped(year: y, month: m, day: day) }
    static func monthEnd(_ y: Int, _ m: Int) -> Day { d(y, m, Day.daysIn(month: m, year: y)) }

    func period(_ start: Day, _ end: Day, rule: String, kind: Period.Kind, year: Int?, byEnd: Day? = nil) throws -> Period {
        guard end.year <= 2999 else { throw refuse("the window would end in \(end.year), after 2999, the last year the grammar reads") }
        return Period(start: start, end: end, byEnd: byEnd ?? end, rule: rule, kind: kind, year: year, yearlessMonth: nil)
    }

    // MARK: - Words

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let seasons: [String: Int] = ["spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12]
    static let hanSeasons: [String: Int] = [
        "春天": 3, "春季": 3, "春": 3, "夏天": 6, "夏季": 6, "夏": 6, "秋天": 9, "秋季": 9, "秋": 9, "冬天": 12, "冬季": 12, "冬": 12,
    ]
    enum Unit: String { case year, month, week, day }
    static let units: [String: (Unit, Int)] = [
        "year": (.year, 1), "years": (.year, 1), "yr": (.year, 1), "yrs": (.year, 1), "decade": (.year, 10), "decades": (.year, 10),
        "month": (.month, 1), "months": (.month, 1), "week": (.week, 1), "weeks": (.week, 1), "day": (.day, 1), "days": (.day, 1),
    ]
    static let hanUnits: [String: (Unit, Int)] = ["半年": (.month, 6), "年": (.year, 1), "个月": (.month, 1), "周": (.week, 1), "个星期": (.week, 1), "星期": (.week, 1), "天": (.day, 1)]

    // MARK: - Years

    /// A year written in digits, 1900…2999.
    func yearNumber() throws -> Int? {
        guard let k = tok, case .number(let n) = k.kind, k.digits == 4 else { return nil }
        guard let n, (1900...2999).contains(n) else {
            guard whole else { return nil }
            i += 1
            throw refuse("\(k.text) is read as a year only from 1900 to 2999", word: k.text)
        }
        i += 1
        return n
    }

    /// A year and the rule that names it: "2027", "2027年", "the year 2027", "next year", "明年".
    func year() throws -> (Int, String)? {
        let s = i
        if let y = try yearNumber() { han("年"); return (y, "year") }
        if words("the", "year"), let y = try yearNumber() { return (y, "year") }
        i = s
        if words("the", "year", "after", "next") || han("后年") != nil { return (anchor.year + 2, "year-after-next") }
        if words("next", "year") {
            // "the next year" tells a story ("I moved the next year"); it is not next year.
            if !whole, at(s - 1)?.word == "the" { i = s; return nil }
            return (anchor.year + 1, "next-year")
        }
        if han("明年") != nil { return (anchor.year + 1, "next-year") }
        if words("this", "year") || han("今年") != nil { return (anchor.year, "this-year") }
        if words("last", "year") || han("去年") != nil { return (anchor.year - 1, "year") }
        if han("前年") != nil { return (anchor.year - 2, "year") }
        return nil
    }

    func plainYear() throws -> Period? {
        guard let (y, rule) = try year() else { return nil }
        return try period(Self.d(y, 1, 1), Self.d(y, 12, 31), rule: rule, kind: .year, year: y)
    }

    // MARK: - Parts of a year

    func partWord() -> Period.Part? {
        if word("early", "beginning", "start") != nil { return .early }
        if word("mid", "middle") != nil { return .mid }
        if word("late", "later", "end") != nil { return .late }
        return nil
    }

    /// "the early", "mid-", "the end of", "late in": the English words before a year or a month,
    /// and whether they named its start ("the beginning of"), a moment rather than a part.
    func partOpening() -> (part: Period.Part, namedStart: Bool)? {
        let s = i
        word("the")
        let namedStart = ["start", "beginning"].contains(tok?.word ?? "")
        guard let part = partWord() else { i = s; return nil }
        mark("-")
        word("of", "in")
        return (part, namedStart)
    }

    /// A Chinese part word after a year or a month: 初/上旬, 中/中旬, 底/末/下旬 (and 年初 … after a year).
    func hanPart(_ early: String..., mid: [String], late: [String]) -> Period.Part? {
        guard let h = tok?.han else { return nil }
        let part: Period.Part? = early.contains(h) ? .early : mid.contains(h) ? .mid : late.contains(h) ? .late : nil
        if part != nil { i += 1 }
        return part
    }

    static func third(_ part: Period.Part, _ y: Int) -> (Day, Day, Day) {
        switch part {
        case .early: return (d(y, 1, 1), d(y, 4, 30), d(y, 4, 30))
        case .mid: return (d(y, 5, 1), d(y, 8, 31), d(y, 6, 30))
        case .late: return (d(y, 9, 1), d(y, 12, 31), d(y, 12, 31))
        }
    }

    /// "early 2026", "mid-2026", "the end of 2026", "late next year", "2026年底", "明年年中".
    func partOfYear() throws -> Period? {
        let s = i
        if let (part, startWord) = partOpening() {
            var found = try year()
            // "the end of the year", "end of this year": the year the claim was made in.
            if found == nil, part == .late, t[s...].contains(where: { $0.word == "end" }), words("the", "year") || word("year") != nil {
                found = (anchor.year, "this-year")
            }
            if let (y, _) = found {
                let (a, b, by) = Self.third(part, y)
                var p = try period(a, b, rule: "part-of-year", kind: .partOfYear(part), year: y, byEnd: by)
                p.namedStart = startWord
                return p
            }
        }
        i = s
        if let (y, _) = try year() {
            han("的")
            if let part = hanPart("年初", "初", mid: ["年中", "中"], late: ["年底", "底", "年末", "末"]) {
                let (a, b, by) = Self.third(part, y)
                return try period(a, b, rule: "part-of-year", kind: .partOfYear(part), year: y, byEnd: by)
            }
        }
        i = s
        return nil
    }

    /// "first half of 2026", "H1 2026", "2026 H2", "2026年下半年".
    func half() throws -> Period? {
        let s = i
        word("the")
        if let o = ordinal(), o <= 2, word("half") != nil {
            word("of")
            if let y = try year()?.0 { return try halfPeriod(o, y) }
        }
        i = s
        if let n = mark(prefix: "h") {
            word("of")
            if let y = try year()?.0 { return try halfPeriod(n, y) }
        }
        i = s
        if let y = try year()?.0 {
            if let n = mark(prefix: "h") { return try halfPeriod(n, y) }
            han("的")
            if let which = han("上半年", "下半年") { return try halfPeriod(which == "上半年" ? 1 : 2, y) }
        }
        i = s
        return nil
    }

    func halfPeriod(_ h: Int, _ y: Int) throws -> Period {
        guard (1...2).contains(h) else { throw refuse("a year has two halves: H\(h) is not one", word: "H\(h)") }
        let (a, b) = h == 1 ? (Self.d(y, 1, 1), Self.d(y, 6, 30)) : (Self.d(y, 7, 1), Self.d(y, 12, 31))
        return try period(a, b, rule: "half-year", kind: .half, year: y)
    }

    /// "Q4 2026", "2026 Q4", "the third quarter of 2026", "明年一季度", "2026年第二季度".
    func quarter() throws -> Period? {
        let s = i
        if let n = mark(prefix: "q") {
            word("of")
            if let y = try year()?.0 { return try quarterPeriod(n, y) }
        }
        i = s
        word("the")
        if let o = ordinal(), word("quarter") != nil {
            word("of")
            if let y = try year()?.0 { return try quarterPeriod(o, y) }
        }
        i = s
        if let y = try year()?.0 {
            if let n = mark(prefix: "q") { return try quarterPeriod(n, y) }
            han("的")
            han("第")
            if let k = tok, case .number(let n) = k.kind, k.digits <= 1, let after = at(i + 1)?.han, after == "季度" || after == "季" {
                i += 2
                return try quarterPeriod(n ?? 0, y)
            }
        }
        i = s
        return nil
    }

    func quarterPeriod(_ q: Int, _ y: Int) throws -> Period {
        guard (1...4).contains(q) else { throw refuse("a year has four quarters: quarter \(q) is not one", word: "Q\(q)") }
        return try period(Self.d(y, 3 * q - 2, 1), Self.monthEnd(y, 3 * q), rule: "quarter", kind: .quarter, year: y)
    }

    /// "Q4", "H1": the number after the letter, of one digit ("H100" is a chip, not a half).
    func mark(prefix: String) -> Int? {
        guard let w = tok?.word, w.hasPrefix(prefix), w.count == 2, let n = Int(w.dropFirst()) else { return nil }
        i += 1
        return n
    }

    /// "first", "second", "1st", "third", "fourth", "last".
    func ordinal() -> Int? {
        if let w = word("first", "second", "third", "fourth", "last") {
            return ["first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4][w]
        }
        let s = i
        if let k = tok, let n = k.number, k.digits == 1 {
            i += 1
            if let suffix = tok?.word, !(tok?.spaced ?? true), ["st", "nd", "rd", "th"].contains(suffix) { i += 1; return n }
        }
        i = s
        return nil
    }

    // MARK: - Decades, weeks, months

    /// "the 2030s", "2030's", "2030年代".
    func decade() throws -> Period? {
        let s = i
        word("the")
        if let y = try yearNumber(), y % 10 == 0 {
            mark("'", adjacent: true)
            if let k = tok, k.word == "s", !k.spaced {
                i += 1
                return try period(Self.d(y, 1, 1), Self.d(y + 9, 12, 31), rule: "decade", kind: .decade, year: nil)
            }
            if han("年代") != nil { return try period(Self.d(y, 1, 1), Self.d(y + 9, 12, 31), rule: "decade", kind: .decade, year: nil) }
        }
        i = s
        return nil
    }

    /// "(by) the end of the decade", "end of this decade": from the said-on date.
    func endOfDecade() throws -> Period? {
        let s = i
        word("by")
        word("the")
        if words("end", "of"), word("the", "this") != nil, word("decade") != nil {
            let last = anchor.year / 10 * 10 + 9
            return try period(anchor, Self.d(last, 12, 31), rule: "end-of-decade", kind: .endOfDecade, year: nil)
        }
        i = s
        return nil
    }

    /// "this decade": the decade the claim was made in, from the said-on date. ("next decade"
    /// could be the 2030s or the next ten years: it is left unread.)
    func thisDecade() throws -> Period? {
        let s = i
        if words("this", "decade") || han("这个十年", "本十年") != nil {
            let first = anchor.year / 10 * 10
            return try period(Self.d(first, 1, 1), Self.d(first + 9, 12, 31), rule: "this-decade", kind: .decade, year: nil)
        }
        i = s
        return nil
    }

    /// "next summer": the first summer that begins after the said-on date; "this summer": the
    /// summer of the said-on year (past, if it has ended).
    func thisOrNextSeason() throws -> Period? {
        let s = i
        guard let which = word("next", "this"), let w = tok?.word, let first = Self.seasons[w] else { i = s; return nil }
        if !whole, at(s - 1)?.word == "the" { i = s; return nil }
        i += 1
        if which == "this" {
            // Winter said in January or February is the winter that began the December before.
            let y = first == 12 && anchor.month <= 2 ? anchor.year - 1 : anchor.year
            var p = try seasonPeriod(first, y)
            p.rule = "this-season"
            return p
        }
        for y in anchor.year...(anchor.year + 1) {
            var p = try seasonPeriod(first, y)
            if p.start > anchor { p.rule = "next-season"; return p }
        }
        i = s
        return nil
    }

    /// "next month", "this week", "下个月", "本周".
    func thisOrNext() throws -> Period? {
        let s = i
        var which: (Bool, Bool)?  // (next, month)
        if let w = word("next", "this") {
            if let u = word("month", "week") { which = (w == "next", u == "month") }
            if which != nil, !whole, at(s - 1)?.word == "the" { which = nil }
        } else if let h = han("下个月", "下月", "这个月", "本月", "下周", "下个星期", "下星期", "本周", "这周", "这个星期") {
            which = (h.hasPrefix("下"), h.hasSuffix("月"))
        }
        guard let (next, isMonth) = which else { i = s; return nil }
        if isMonth {
            let first = Self.d(anchor.year, anchor.month, 1).adding(months: next ? 1 : 0)
            return try period(first, Self.monthEnd(first.year, first.month), rule: next ? "next-month" : "this-month", kind: .month, year: first.year)
        }
        let weekday = ((anchor.daysSinceEpoch % 7) + 7 + 3) % 7  // Monday 0 … Sunday 6
        let monday = anchor.adding(days: -weekday + (next ? 7 : 0))
        return try period(monday, monday.adding(days: 6), rule: next ? "next-week" : "this-week", kind: .week, year: nil)
    }

    /// A month's name, and whether it could be an ordinary word here: in a sentence, "may",
    /// "march" and lower-case abbreviations are months only with a year or a day beside them.
    func monthName() -> (month: Int, doubtful: Bool)? {
        guard let k = tok, let w = k.word, let m = Self.months[w] else { return nil }
        i += 1
        if w.count <= 4, tok?.mark == ".", tok?.spaced == false { i += 1 }
        let capital = k.text.first?.isUppercase == true
        let doubtful = !whole && (w == "may" || (!capital && (w == "march" || w.count <= 4)))
        return (m, doubtful)
    }

    /// The first such month from the said-on date on.
    func nextMonth(_ m: Int) -> Int { m >= anchor.month ? anchor.year : anchor.year + 1 }

    /// "September 2026", "September of 2026", "March next year", "in September", "2027年4月", "明年3月", "4月".
    func month() throws -> Period? {
        let s = i
        if let (m, doubtful) = monthName() {
            let afterName = i
            mark(",")
            word("of")
            if let (y, _) = try year() { return try monthPeriod(m, y, yearless: false) }
            i = afterName
            if doubtful { i = s; return nil }
            return try monthPeriod(m, nextMonth(m), yearless: true)
        }
        i = s
        let y = try year()?.0
        han("的")
        if let k = tok, case .number(let n) = k.kind, k.digits <= 2, at(i + 1)?.han == "月" {
            i += 2
            guard let n, (1...12).contains(n) else { throw refuse("there is no month \(k.text): months are 1 to 12", word: "\(k.text)月") }
            return try monthPeriod(n, y ?? nextMonth(n), yearless: y == nil)
        }
        i = s
        return nil
    }

    func monthPeriod(_ m: Int, _ y: Int, yearless: Bool) throws -> Period {
        var p = try period(Self.d(y, m, 1), Self.monthEnd(y, m), rule: "month", kind: .month, year: y)
        if yearless { p.yearlessMonth = (m, nil) }
        return p
    }

    /// "early April 2027", "mid-September", "the end of September 2026", "2027年4月初", "9月下旬".
    func partOfMonth() throws -> Period? {
        let s = i
        if let (part, startWord) = partOpening() {
            if let m = try month() {
                var p = try monthPart(m, part)
                p.namedStart = startWord
                return p
            }
        }
        i = s
        if let m = try month(), let part = hanPart("初", "上旬", mid: ["中", "中旬"], late: ["底", "末", "下旬"]) {
            return try monthPart(m, part)
        }
        i = s
        return nil
    }

    func monthPart(_ m: Period, _ part: Period.Part) throws -> Period {
        let y = m.start.year, mo = m.start.month
        let (a, b, by): (Int, Int, Int)
        switch part {
        case .early: (a, b, by) = (1, 10, 10)
        case .mid: (a, b, by) = (11, 20, 15)
        case .late: (a, b, by) = (21, Day.daysIn(month: mo, year: y), Day.daysIn(month: mo, year: y))
        }
        var p = try period(Self.d(y, mo, a), Self.d(y, mo, b), rule: "part-of-month", kind: .partOfMonth(part), year: y, byEnd: Self.d(y, mo, by))
        if let ym = m.yearlessMonth { p.yearlessMonth = (ym.month, part) }
        return p
    }

    /// "2026-09-15", "September 15, 2026", "15 September 2026", "the 15th of September", "2026年9月15日".
    func date() throws -> Period? {
        let s = i
        // ISO 8601 and slashes: 2026-09-15, 2026/09/15.
        if let y = try yearNumber(), let sep = tok?.mark, sep == "-" || sep == "/", tok?.spaced == false {
            i += 1
            if let m = adjacentNumber(maxDigits: 2), mark(sep, adjacent: true), let dd = adjacentNumber(maxDigits: 2) {
                return try day(y, m, dd, written: t[s..<i].map(\.text).joined())
            }
        }
        i = s
        // Month day[, year]
        if let (m, doubtful) = monthName(), let dd = dayNumber() {
            mark(",")
            if let (y, _) = try year() { return try day(y, m, dd, written: text(s)) }
            if !doubtful { return try nextDay(m, dd, written: text(s)) }
        }
        i = s
        // [the] day [of] Month [year]
        word("the")
        if let dd = dayNumber() {
            word("of")
            if let (m, doubtful) = monthName() {
                mark(",")
                if let (y, _) = try year() { return try day(y, m, dd, written: text(s)) }
                if !doubtful { return try nextDay(m, dd, written: text(s)) }
            }
        }
        i = s
        // [year] M月 D日
        let y = try year()?.0
        if let k = tok, case .number(let mo) = k.kind, at(i + 1)?.han == "月", let dk = at(i + 2), case .number(let dd) = dk.kind,
           let unit = at(i + 3)?.han, unit == "日" || unit == "号" {
            i += 4
            guard let mo, let dd else { throw refuse("\(text(s)) is not a date", word: text(s)) }
            if let y { return try day(y, mo, dd, written: text(s)) }
            return try nextDay(mo, dd, written: text(s))
        }
        i = s
        return nil
    }

    /// The tokens from `from` to here, spaced as written.
    func text(_ from: Int) -> String {
        guard from < min(i, t.count) else { return "" }
        return t[from..<min(i, t.count)].enumerated().map { k, tok in (k > 0 && tok.spaced ? " " : "") + tok.text }.joined()
    }

    /// A day of the month: "15", "15th", "1st".
    func dayNumber() -> Int? {
        let s = i
        guard let k = tok, case .number(let n) = k.kind, k.digits >= 1, k.digits <= 2, let n else { return nil }
        i += 1
        if let suffix = tok?.word, tok?.spaced == false, ["st", "nd", "rd", "th"].contains(suffix) { i += 1 }
        guard (1...31).contains(n) else { i = s; return nil }
        return n
    }

    func day(_ y: Int, _ m: Int, _ dd: Int, written: String) throws -> Period {
        guard let day = try? Day(year: y, month: m, day: dd) else { throw refuse("\(written) is not a date: there is no such day", word: written) }
        return try period(day, day, rule: "date", kind: .date, year: y)
    }

    /// A month and day with no year: the first such day from the said-on date on.
    func nextDay(_ m: Int, _ dd: Int, written: String) throws -> Period {
        for y in anchor.year...(anchor.year + 8) {
            if let day = try? Day(year: y, month: m, day: dd), day >= anchor { return try period(day, day, rule: "date", kind: .date, year: y) }
        }
        throw refuse("\(written) is not a date: there is no such day", word: written)
    }

    // MARK: - Seasons

    /// Meteorological seasons of the northern hemisphere; winter YEAR is December YEAR to February YEAR+1.
    func seasonPeriod(_ first: Int, _ y: Int) throws -> Period {
        let start = Self.d(y, first, 1)
        let endMonth = start.adding(months: 2)
        return try period(start, Self.monthEnd(endMonth.year, endMonth.month), rule: "season", kind: .season, year: y)
    }

    /// "summer 2026", "the autumn of 2026", "fall 2027", "2027年春天"; a season alone, in a whole phrase.
    func season() throws -> Period? {
        let s = i
        word("the")
        if let w = tok?.word, let first = Self.seasons[w] {
            i += 1
            word("of")
            if let (y, _) = try year() { return try seasonPeriod(first, y) }
            guard whole else { i = s; return nil }
            // The first such season that has not ended by the said-on date.
            for y in (anchor.year - 1)...(anchor.year + 1) {
                let p = try seasonPeriod(first, y)
                if p.end >= anchor { return p }
            }
        }
        i = s
        if let (y, _) = try year(), let h = tok?.han, let first = Self.hanSeasons[h] {
            i += 1
            return try seasonPeriod(first, y)
        }
        i = s
        return nil
    }

    // MARK: - Times, ranges and alternatives

    /// One time point: a date, a month or its part, a year or its part, a half, a quarter, a
    /// season, a decade, this or next month or week.
    func point() throws -> Period? {
        let s = i
        if word("in", "on", "during", "at") == nil { han("在", "于") }
        let p = try longest([date, partOfMonth, month, partOfYear, half, quarter, season, decade, thisOrNext, thisOrNextSeason, thisDecade,
                             endOfDecade, plainYear])
        if p == nil { i = s }
        return p
    }

    static let separators: Set<String> = ["or", "to", "through", "thru", "and", "until", "till"]
    static let hanSeparators: Set<String> = ["或", "或者", "到", "至", "和"]

    /// Times in a row: "2027-2028", "late 2026 or early 2027", "2026, 2027", "between 2027 and
    /// 2028", "from 2027 to 2028", "2027到2028年": from the start of the first to the end of the last.
    func times() throws -> Period? {
        let s = i
        let between = words("between") || words("from") || han("从") != nil
        guard var first = try point() else { i = s; return nil }
        var parts = [first]
        while true {
            let save = i
            var separated = false
            if mark(",") { separated = true }
            if let w = tok?.word, Self.separators.contains(w) { i += 1; separated = true }
            if let h = tok?.han, Self.hanSeparators.contains(h) { i += 1; separated = true }
            if mark("-") { separated = true }
            if !separated {
                // "by 2027 2028": two years with nothing between.
                guard parts.last?.kind == .year, let k = tok, k.digits == 4 else { break }
            }
            guard let next = try attempt(point) else { i = save; break }
            parts.append(next)
        }
        if between && parts.count < 2 { i = s; return nil }
        guard parts.count > 1 else { return first }
        // A month without a year takes the year of the other: "March or April 2027", "2027年3月或4月".
        if let last = parts.last, last.yearlessMonth == nil, let y = last.year {
            for k in parts.indices.dropLast() { if let ym = parts[k].yearlessMonth { parts[k] = try resolved(ym, y) } }
        }
        first = parts[0]
        if first.yearlessMonth == nil, let y = first.year {
            for k in parts.indices.dropFirst() {
                if let ym = parts[k].yearlessMonth { parts[k] = try resolved(ym, ym.month < first.start.month && parts[k - 1].start.year == y ? y + 1 : y) }
            }
        }
        // "June 2026 or 2027", "winter 2026-2027", "mid 2026 or 2027": a bare year beside a month,
        // season or part would read as the whole year; say the month of the second year too.
        func kindClass(_ p: Period) -> Int {
            switch p.kind {
            case .year: return 0
            case .partOfYear, .half, .quarter: return 1
            case .month, .partOfMonth: return 2
            case .season: return 3
            case .date: return 4
            default: return 5
            }
        }
        if Set(parts.map(kindClass)).count > 1 {
            throw refuse("'\(text(s))' joins a \(parts.contains { kindClass($0) == 0 } ? "bare year" : "time") to times of another kind: name each in full ('June 2026 or June 2027') or give the dates", word: nil)
        }
        for k in parts.indices.dropFirst() where !(parts[k].start > parts[k - 1].start && parts[k].end >= parts[k - 1].end) {
            throw refuse("'\(text(s))' names a time before the one said first: write the earlier first", word: nil)
        }
        let last = parts[parts.count - 1]
        let allYears = parts.allSatisfy { $0.kind == .year }
        var p = try period(first.start, last.end, rule: allYears ? "year-range" : "range", kind: .range, year: nil, byEnd: last.byEnd)
        p.yearlessMonth = nil
        return p
    }

    func resolved(_ ym: (month: Int, part: Period.Part?), _ y: Int) throws -> Period {
        let m = try monthPeriod(ym.month, y, yearless: false)
        if let part = ym.part { return try monthPart(m, part) }
        return m
    }

    // MARK: - Deadlines

    static func deadlineRule(_ p: Period, endOf: Bool) -> String {
        switch p.kind {
        case .year: return "deadline-year"
        case .partOfYear(let part) where !endOf: return part == .mid ? "deadline-mid-year" : (part == .early ? "deadline-early-year" : "deadline-year")
        case .partOfYear: return "deadline-year"
        case .endOfDecade: return "end-of-decade"
        case .range: return "deadline-range"
        default: return "deadline-\(p.rule)"
        }
    }

    /// "by 2027", "by the end of Q2 2026", "no later than 2028", "until September", "by 2027,
    /// 2028", "2027 at the latest", "到2027年", "2026年底前", "2026年9月底前".
    func deadline() throws -> Period? {
        let s = i
        var endOf = false
        var opened = false
        if word("by", "until", "till", "through", "thru") != nil || words("no", "later", "than") || words("not", "later", "than")
            || words("up", "to") {
            opened = true
        } else if word("before") != nil {
            // "before the end of 2026", "before end of 2026", "before end-2026": by its last day.
            word("the")
            guard word("end") != nil else { i = s; return nil }
            if word("of") == nil { mark("-") }
            opened = true
            endOf = true
        } else if han("到", "在", "最晚", "最迟", "不晚于", "不迟于") != nil {
            opened = t[s].han != "在"
        }
        if !endOf, t[s].word != nil, opened {
            let save = i
            word("the")
            if words("end", "of") {
                // "by the end of the decade" and "by the end of the year" are read by their own
                // rules; "by the end of 2026" reads the same either way.
                if tok?.word == "the" || tok?.word == "this", ["decade", "year"].contains(at(i + 1)?.word ?? ""), at(i + 2)?.number == nil {
                    i = save
                } else if tok?.word == "year" { i = save } else { endOf = true }
            } else { i = save }
        }
        guard let inner = try times() else { i = s; return nil }
        var isDeadline = opened
        // Chinese: 到…为止; …前 after the end of a period is "by" it (2026年底前), after a period itself "before" it.
        if opened { han("为止") }
        if !isDeadline || t[s].han == "在" {
            let save = i
            if han("前", "之前", "以前") != nil {
                switch inner.kind {
                case .partOfYear(.late), .partOfMonth(.late): isDeadline = true
                default: i = save
                }
            }
        }
        if words("at", "the", "latest") || han("最晚", "最迟") != nil { isDeadline = true }
        guard isDeadline else { i = s; return nil }
        if inner.kind == .endOfDecade { return inner }
        if inner.namedStart, !endOf {
            throw refuse("'\(text(s))' is a moment at the start of a period, not a deadline within it: say 'by the end of' the period before, or give the date", word: nil)
        }
        if inner.kind == .decade, !endOf {
            throw refuse("'\(text(s))' may mean by the start of the decade or by its end: say 'by \(inner.start.year)' or 'by the end of the \(inner.start.year)s'", word: nil)
        }
        var p = try period(anchor, endOf ? inner.end : inner.byEnd, rule: Self.deadlineRule(inner, endOf: endOf), kind: .deadline, year: inner.year)
        p.yearlessMonth = nil
        return p
    }

    /// "before 2030" (to the last day of 2029), "before September 2026", "2030年前", "在2030年之前".
    func before() throws -> Period? {
        let s = i
        let prefixed = word("before") != nil
        if !prefixed { han("在") }
        guard let inner = try point() else { i = s; return nil }
        if !prefixed {
            guard han("前", "之前", "以前") != nil else { i = s; return nil }
            if case .partOfYear(.late) = inner.kind { i = s; return nil }
            if case .partOfMonth(.late) = inner.kind { i = s; return nil }
        }
        // "before mid-2026", "before late 2026", "2026年年中前": the day before a part begins is
        // not what a listener hears; say the deadline instead.
        switch inner.kind {
        case .partOfYear, .partOfMonth:
            throw refuse("'\(text(s))' names no clear day: say 'by mid-2026', 'by the end of 2026' or give the dates", word: nil)
        default: break
        }
        let rule = inner.kind == .year ? "before-year" : "before-\(inner.rule)"
        return try period(anchor, inner.start.adding(days: -1), rule: rule, kind: .before, year: nil)
    }

    // MARK: - Durations

    /// A count before a unit: "5", "five", "十八", "a", "a couple of".
    func count() throws -> Int? {
        let s = i
        // 半年: half a year, its own count and unit.
        if tok?.han == "半年" { return 1 }
        if words("a", "couple", "of") || words("a", "couple") || words("couple", "of") { return 2 }
        if let w = word("a", "an") {
            if unitAhead() { return 1 }
            _ = w; i = s
            return nil
        }
        guard let k = tok, case .number(let n) = k.kind else { return nil }
        i += 1
        guard let n else { throw refuse("\(k.text) is too large a number for a time", word: k.text) }
        guard n > 0 else { throw refuse("a span of time needs a count above zero, not \(k.text)", word: k.text) }
        // "2027年" is a year, not 2027 years.
        if k.digits == 4, (1900...2999).contains(n), tok?.han == "年" { i = s; return nil }
        return n
    }

    func unitAhead() -> Bool {
        guard let k = tok else { return false }
        if let w = k.word { return Self.units[w] != nil }
        if let h = k.han { return Self.hanUnits[h] != nil }
        return false
    }

    func unit() -> (Unit, Int)? {
        guard let k = tok else { return nil }
        if let w = k.word, let u = Self.units[w] { i += 1; return u }
        if let h = k.han, let u = Self.hanUnits[h] { i += 1; return u }
        return nil
    }

    /// A count, or a range or alternatives of counts: "6 to 12", "1-2", "two or three", "四到六".
    func counts() throws -> (Int, Int?, alternatives: Bool)? {
        guard let n = try count() else { return nil }
        let save = i
        var alternatives = false
        if word("to", "through") != nil || mark("-") || han("到", "至") != nil {
        } else if word("or") != nil || han("或", "或者") != nil {
            alternatives = true
        } else { return (n, nil, false) }
        guard let m = try attempt(count) else { i = save; return (n, nil, false) }
        guard m > n else { throw refuse("\(n) to \(m): the larger number comes second", word: "\(m)") }
        return (n, m, alternatives)
    }

    /// The last day of `n` units from the said-on date, bounded so that no span can overflow.
    func spanEnd(_ n: Int, _ unit: (Unit, Int)) throws -> Day {
        let limits: [Unit: Int] = [.year: 1000, .month: 12_000, .week: 52_200, .day: 365_250]
        let (u, scale) = unit
        guard n <= (limits[u] ?? 0) / scale else { throw refuse("\(n) \(u.rawValue)s is longer than the 1,000 years a window may span", word: "\(n)") }
        return spanStart(n * scale, u).adding(days: -1)
    }

    /// The said-on date plus `n` units.
    func spanStart(_ n: Int, _ u: Unit) -> Day {
        switch u {
        case .year: return anchor.adding(months: 12 * n)
        case .month: return anchor.adding(months: n)
        case .week: return anchor.adding(days: 7 * n)
        case .day: return anchor.adding(days: n)
        }
    }

    /// "within 18 months", "in the next 12 months", "over the next five years", "the next two to
    /// four years", "五年内", "未来5年", "十八个月内".
    func within() throws -> Period? {
        let s = i
        enum Opening { case within, next }
        var opening: Opening?
        var countOptional = false
        if word("within") != nil {
            opening = .within
            if words("the", "next") || words("the", "coming") { countOptional = true }
        } else if (word("in", "over", "during", "for") != nil && (words("the", "next") || words("the", "coming"))) {
            opening = .next; countOptional = true
        } else if words("the", "next") || words("the", "coming") || word("next") != nil {
            opening = .next
        } else if han("未来", "今后", "接下来") != nil {
            opening = .next
        }
        var found: (Int, Int?, alternatives: Bool)?
        if opening != nil {
            found = try counts()
            if found == nil, countOptional, unitAhead() { found = (1, nil, false) }
        } else {
            // 五年内, 十八个月内, 两到三年内
            found = try counts()
        }
        guard let (n, m, _) = found, let u = unit() else { i = s; return nil }
        if opening == nil {
            guard han("内", "之内", "以内") != nil else { i = s; return nil }
            opening = .within
        } else if opening == .within, t[s].han != nil {
            han("内", "之内", "以内")
        }
        let last = m ?? n
        if opening == .next, u.0 == .year {
            let years = last * u.1
            guard years <= 1000 else { throw refuse("\(years) years is longer than the 1,000 years a window may span", word: "\(last)") }
            return try period(anchor, Self.d(anchor.year + years, 12, 31), rule: "next-years", kind: .duration, year: nil)
        }
        return try period(anchor, try spanEnd(last, u), rule: "within", kind: .duration, year: nil)
    }

    /// "in 5 years", "two years from now", "in a year's time", "5 years away", "in 3 to 9
    /// months", "1-2 years away", "5年后", "一年或两年后"; a range of durations alone ("6 to 12
    /// months") when it is the whole phrase.
    func inDuration() throws -> Period? {
        let s = i
        let opened = word("in") != nil
        guard case (let n, var m, var alternatives)? = try counts(), let u = unit() else { i = s; return nil }
        // "一年或两年后", "a year or two years from now": the unit said twice.
        if m == nil {
            let save = i
            let alt = word("or") != nil || han("或", "或者") != nil
            if alt || word("to") != nil || mark("-") || han("到", "至") != nil {
                if let second = try attempt(count), second > n {
                    let here = i
                    if let u2 = unit() {
                        if u2 == u { m = second; alternatives = alt } else { i = save }
                    } else if alt {
                        // "in a year or two"
                        i = here; m = second; alternatives = alt
                    } else { i = save }
                } else { i = save }
            }
        }
        var closed = false
        if words("from", "now") || word("away", "out", "hence") != nil {
            closed = true
        } else if mark("'") || tok?.word == "s" {
            // "in five years' time", "in a year's time"
            word("s")
            guard word("time") != nil else { i = s; return nil }
            closed = true
        } else if opened, word("time") != nil {
            closed = true
        } else if !opened, han("后", "以后", "之后") != nil {
            closed = true
        }
        guard opened || closed || (whole && m != nil && !alternatives && i == t.count) else { i = s; return nil }
        if let m, !alternatives {
            let start = try spanEnd(n, u).adding(days: 1)
            return try period(start, try spanEnd(m, u), rule: "duration-range", kind: .duration, year: nil)
        }
        let first = try calendarUnit(n, u)
        guard let m else { return first }
        let second = try calendarUnit(m, u)
        return try period(first.start, second.end, rule: first.rule, kind: .duration, year: nil)
    }

    /// The calendar year, month, ISO week or day `n` units after the said-on date.
    func calendarUnit(_ n: Int, _ unit: (Unit, Int)) throws -> Period {
        let moment = try spanEnd(n, unit).adding(days: 1)
        switch unit.0 {
        case .year: return try period(Self.d(moment.year, 1, 1), Self.d(moment.year, 12, 31), rule: "in-years", kind: .duration, year: moment.year)
        case .month: return try period(Self.d(moment.year, moment.month, 1), Self.monthEnd(moment.year, moment.month), rule: "in-months", kind: .duration, year: moment.year)
        case .week:
            let weekday = ((moment.daysSinceEpoch % 7) + 7 + 3) % 7
            let monday = moment.adding(days: -weekday)
            return try period(monday, monday.adding(days: 6), rule: "in-weeks", kind: .duration, year: nil)
        case .day: return try period(moment, moment, rule: "in-days", kind: .duration, year: moment.year)
        }
    }

    // MARK: - Refusals and vague words

    /// "after 2030", "not before 2030", "no earlier than 2028", "since 2020", "5 years after AGI",
    /// "2030 or later", "2030年以后": they say when it will not happen, or count from an event.
    func refusal() throws -> Period? {
        let s = i
        var opening: String?
        // Lower bounds ("as early as 2027", "until at least 2030") name when it may start, not by when.
        for seq in [["not", "before"], ["no", "earlier", "than"], ["not", "earlier", "than"], ["not", "until"], ["no", "sooner", "than"],
                    ["not", "sooner", "than"], ["as", "early", "as"], ["as", "soon", "as"], ["until", "at", "least"], ["at", "least", "until"],
                    ["at", "least", "through"], ["after"], ["since"], ["beyond"], ["starting"], ["from"]] {
            if words(seq) { opening = seq.joined(separator: " "); break }
        }
        if opening == nil, let h = han("不早于", "最早", "从") { opening = h }
        if let opening {
            word("in")
            guard try longest([times, within, inDuration]) != nil else { i = s; return nil }
            if opening == "from" || opening == "从" {
                // "from 2027 to 2028" is a range (read by `times`); "from 2030 on" is open-ended.
                guard word("on", "onwards", "onward") != nil || han("起", "开始", "以后", "之后") != nil else { i = s; return nil }
            }
            throw refuse("'\(text(s))' says when it will not happen, or from when, not by when: there is no end to make a window of; give the dates if the speaker meant one", word: opening)
        }
        i = s
        // A duration counted from an event: "5 years after AGI", "two years after launch".
        if let _ = try counts(), unit() != nil, let w = word("after", "before", "later") {
            throw refuse("'\(text(s))' counts from an event, not from the day it was said: no window", word: w)
        }
        i = s
        if let _ = try longest([times, deadline]) {
            if words("or", "later") || words("or", "after") || words("at", "the", "earliest") || words("and", "beyond") || words("and", "later")
                || word("onwards", "onward", "after", "later") != nil || han("以后", "之后", "后", "以来", "起") != nil {
                throw refuse("'\(text(s))' says when it will not happen, or from when, not by when: there is no end to make a window of", word: t[i - 1].text)
            }
        }
        i = s
        return nil
    }


    static let vagueSequences: [[String]] = [
        ["in", "the", "coming", "*"], ["the", "coming", "*"], ["in", "the", "near", "future"], ["in", "the", "distant", "future"],
        ["in", "the", "foreseeable", "future"], ["in", "the", "future"], ["the", "near", "future"], ["someday"], ["some", "day"], ["one", "day"],
        ["eventually"], ["soon"], ["sooner", "or", "later"], ["before", "long"], ["shortly"], ["in", "the", "long", "term"],
        ["in", "the", "medium", "term"], ["in", "the", "short", "term"], ["over", "time"], ["in", "our", "lifetime"], ["in", "time"],
        ["any", "day", "now"],
    ]
    static let fewWords: Set<String> = ["few", "several", "some", "many"]
    static let vagueHan: Set<String> = ["未来", "几年", "几个月", "不久", "将来", "很快", "近期", "短期内"]

    /// Words about time that give no window: "in the coming years", "soon", "in a few years",
    /// "未来几年", "几年内", "不久的将来".
    func vague() throws -> TimeFinding? {
        let s = i
        var best = s
        for seq in Self.vagueSequences {
            i = s
            var ok = true
            for w in seq {
                if w == "*" { if unit() == nil && word("decades", "decade") == nil { ok = false; break } }
                else if word(w) == nil { ok = false; break }
            }
            if ok, i > best { best = i }
        }
        // "in a few years", "within several months", "the next few weeks", "a few years from now"
        i = s
        word("in", "within", "over", "during", "for")
        _ = words("the", "next") || words("the", "coming") || word("next") != nil
        word("a")
        if word(in: Self.fewWords) != nil, unit() != nil {
            _ = words("from", "now")
            best = max(best, i)
        }
        i = s
        // Chinese: 未来几年, 几年内, 不久的将来, 未来 alone.
        while let h = tok?.han, Self.vagueHan.contains(h) || (i > s && ["内", "之内", "以内", "后", "以后"].contains(h)) { i += 1 }
        best = max(best, i)
        i = best
        return best > s ? .vague : nil
    }


    // MARK: - A whole expression

    /// The longest expression from here, with what may follow it: "(2026)" confirming its year,
    /// "at the latest", "or so".
    func expression() throws -> TimeFinding? {
        let start = i
        let found = try longest([
            { try self.vague() },
            { try self.refusal().map(TimeFinding.period) },
            { try self.deadline().map(TimeFinding.period) },
            { try self.before().map(TimeFinding.period) },
            { try self.within().map(TimeFinding.period) },
            { try self.inDuration().map(TimeFinding.period) },
            { try self.times().map(TimeFinding.period) },
        ])
        guard case .period(var p) = found else { return found }
        // Alternatives of durations: "in a year from now, maybe two years from now".
        while p.kind == .duration {
            let save = i
            // ", " or ", or " or "or" or 或 between the two.
            let comma = mark(",")
            let separated = word("or") != nil || han("或", "或者") != nil || comma
            guard separated, let next = try attempt({ try longest([within, inDuration]) }), next.start > p.start, next.end >= p.end else { i = save; break }
            p = try period(p.start, next.end, rule: p.rule == next.rule ? p.rule : "range", kind: .duration, year: nil)
        }
        _ = words("or", "so")
        // "next year (2026)": the year in parentheses must be the year read.
        let save = i
        if mark("("), let k = tok, case .number(let n) = k.kind {
            i += 1
            han("年")
            if mark(")") {
                guard let named = p.year else {
                    throw refuse("a year in parentheses confirms a single year, and '\(text(start))' names none", word: k.text)
                }
                guard named == n else {
                    throw refuse("the year in parentheses, \(k.text), is not the year the words name (\(named)): correct one of them", word: k.text)
                }
                return .period(p)
            }
        }
        i = save
        return .period(p)
    }
}
