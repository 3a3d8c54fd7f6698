import Foundation

/// One word of a text, as the time grammar sees it: a number (digits, English number words,
/// Chinese numerals), a Latin word, a Chinese time word (or one Han character it does not know),
/// a punctuation mark, or a quantity that is not a time ("2.5", "10:30", "40%").
struct TimeToken: Sendable, Equatable {
    enum Kind: Equatable, Sendable {
        /// A whole number; nil when it is too large to hold.
        case number(Int?)
        /// A Latin word, lower-cased ("september", "q4", "h1").
        case word(String)
        /// A Chinese word of the grammar's vocabulary, or a single Han character outside it.
        case han(String)
        /// Punctuation: "-" (every dash), ",", "(", ")", "/", "'" and the like.
        case mark(Character)
        /// A number glued to a decimal point, a colon or a percent sign: never a time.
        case quantity
    }

    let kind: Kind
    /// The words as written.
    let text: String
    /// Where it stands in the text.
    let range: Range<String.Index>
    /// How many digits it was written with (4 for "2027"; 0 for "five" or "五").
    let digits: Int
    /// Whether white space stands between it and the token before.
    let spaced: Bool

    var number: Int? { if case .number(let n) = kind { return n } else { return nil } }
    var word: String? { if case .word(let w) = kind { return w } else { return nil } }
    var han: String? { if case .han(let h) = kind { return h } else { return nil } }
    var mark: Character? { if case .mark(let c) = kind { return c } else { return nil } }

    /// Words that carry no meaning for a time and may stand anywhere in a phrase ("sometime
    /// next year", "around 2030", "2030年左右", "maybe 2027").
    var isFiller: Bool {
        switch kind {
        case .word(let w): return TimeToken.fillerWords.contains(w)
        case .han(let h): return TimeToken.fillerHan.contains(h)
        default: return false
        }
    }

    static let fillerWords: Set<String> = [
        "sometime", "around", "roughly", "about", "approximately", "circa", "ca", "maybe", "perhaps",
        "possibly", "probably", "ish", "somewhere", "approx",
    ]
    static let fillerHan: Set<String> = ["左右", "大概", "大约", "大致", "前后", "也许", "或许", "可能", "的", "大概在", "上下"]
}

/// Splits a text into time tokens, keeping where each came from.
enum TimeTokenizer {
    static let englishNumbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let chineseDigits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// The Chinese words of the grammar, longest first where one begins another.
    static let hanWords: [String] = [
        "明年", "今年", "后年", "去年", "前年", "年代", "年初", "年中", "年底", "年末", "上半年", "下半年",
        "季度", "个月", "个星期", "星期", "下个月", "下月", "这个月", "本月", "上个月", "下周", "本周", "这周",
        "下个星期", "下星期", "这个星期", "春天", "春季", "夏天", "夏季", "秋天", "秋季", "冬天", "冬季",
        "上旬", "中旬", "下旬", "之内", "以内", "之前", "以前", "之后", "以后", "以来", "未来", "今后",
        "接下来", "左右", "大概", "大约", "大致", "前后", "或者", "为止", "几年", "几个月", "不久", "将来",
        "很快", "近期", "短期内", "最早", "最晚", "最迟", "不早于", "不晚于", "也许", "或许", "可能", "上下",
        "半年", "这个十年", "本十年", "不迟于",
    ].sorted { $0.count > $1.count }
    /// Han pairs that are ordinary words, not a time word and the next character: 年中国 is
    /// "the year" and "China", never "mid-year" and "国".
    static let notTimeAfter: [String: Set<Character>] = [
        "年中": ["国", "文", "心", "间", "东", "方", "期", "央", "美", "欧", "日", "学", "华", "层"],
        "年底": ["层", "线", "气", "下", "部"],
        "年初": ["期", "步", "始", "心", "中"],
        "年末": ["期", "日", "世"],
    ]

    static func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { (0x3400...0x9FFF).contains($0.value) || (0xF900...0xFAFF).contains($0.value) } ?? false
    }

    /// The value of a Chinese numeral: 五, 十八, 二十, 两, 二〇二七 (digit by digit).
    static func chineseNumber(_ s: String) -> Int? {
        let chars = Array(s)
        if chars.isEmpty { return nil }
        if let tenIndex = chars.firstIndex(of: "十") {
            guard chars.filter({ $0 == "十" }).count == 1, tenIndex <= 1, chars.count - tenIndex <= 2 else { return nil }
            let tens = tenIndex == 0 ? 1 : chineseDigits[chars[0]]
            let ones = tenIndex + 1 < chars.count ? chineseDigits[chars[tenIndex + 1]] : 0
            guard let tens, let ones, tens > 0 || tenIndex == 0 else { return nil }
            return tens * 10 + ones
        }
        guard chars.count <= 18 else { return nil }
        var value = 0
        for c in chars { guard let d = chineseDigits[c] else { return nil }; value = value * 10 + d }
        return value
    }

    static func tokens(_ text: String) -> [TimeToken] {
        var out: [TimeToken] = []
        var i = text.startIndex
        var spaced = true
        func emit(_ kind: TimeToken.Kind, _ from: String.Index, _ to: String.Index, digits: Int = 0) {
            out.append(TimeToken(kind: kind, text: String(text[from..<to]), range: from..<to, digits: digits, spaced: spaced))
            spaced = false
        }
        func digitValue(_ c: Character) -> Int? {
            guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return nil }
            if ("0"..."9").contains(s) { return Int(s.value - 48) }
            if (0xFF10...0xFF19).contains(s.value) { return Int(s.value - 0xFF10) }
            return nil
        }
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace { spaced = true; i = text.index(after: i); continue }
            if digitValue(c) != nil {
                var j = i
                var value: Int? = 0
                var count = 0
                while j < text.endIndex, let d = digitValue(text[j]) {
                    if let v = value { let (m, o1) = v.multipliedReportingOverflow(by: 10); let (s, o2) = m.addingReportingOverflow(d); value = o1 || o2 ? nil : s }
                    count += 1
                    j = text.index(after: j)
                }
                // "2.5", "10:30", "1,000", "40%": a quantity, not a time.
                var k = j
                var glued = false
                while k < text.endIndex {
                    let g = text[k]
                    let next = text.index(after: k)
                    if "%％".contains(g) { glued = true; k = next; break }
                    if ".:".contains(g) || g == "," {
                        var m = next, run = 0
                        while m < text.endIndex, digitValue(text[m]) != nil { run += 1; m = text.index(after: m) }
                        if run == 0 || (g == "," && run != 3) { break }
                        glued = true
                        k = m
                        continue
                    }
                    break
                }
                if glued { emit(.quantity, i, k); i = k; continue }
                emit(.number(value), i, j, digits: count)
                i = j
                continue
            }
            if c.isLetter && !isHan(c) {
                var j = i
                while j < text.endIndex, text[j].isLetter, !isHan(text[j]) { j = text.index(after: j) }
                let word = text[i..<j].lowercased()
                // "Q4", "H1": a quarter or a half, one word with its digits.
                if word == "q" || word == "h", j < text.endIndex, digitValue(text[j]) != nil {
                    var k = j
                    while k < text.endIndex, digitValue(text[k]) != nil { k = text.index(after: k) }
                    emit(.word(word + text[j..<k].compactMap(digitValue).map(String.init).joined()), i, k)
                    i = k
                    continue
                }
                if let tens = englishNumbers[word], tens >= 20, tens % 10 == 0 {
                    // "twenty-five", "twenty five"
                    var k = j
                    if k < text.endIndex, text[k] == "-" || text[k] == " " { k = text.index(after: k) }
                    var m = k
                    while m < text.endIndex, text[m].isLetter, !isHan(text[m]) { m = text.index(after: m) }
                    if k > j, let ones = englishNumbers[text[k..<m].lowercased()], ones < 10 {
                        emit(.number(tens + ones), i, m)
                        i = m
                        continue
                    }
                }
                if let n = englishNumbers[word] { emit(.number(n), i, j) } else { emit(.word(word), i, j) }
                i = j
                continue
            }
            if isHan(c) {
                let rest = text[i...]
                if let w = hanWords.first(where: { rest.hasPrefix($0) }) {
                    let end = text.index(i, offsetBy: w.count)
                    if let blocked = notTimeAfter[w], end < text.endIndex, blocked.contains(text[end]) {
                        // 年 alone, then the ordinary word (中国) as one word the grammar does not know.
                        let second = text.index(after: i)
                        emit(.han("年"), i, second)
                        let wordEnd = text.index(after: end)
                        emit(.han(String(text[second..<wordEnd])), second, wordEnd)
                        i = wordEnd
                        continue
                    }
                    emit(.han(w), i, end)
                    i = end
                    continue
                }
                if chineseDigits[c] != nil || c == "十" {
                    var j = i
                    while j < text.endIndex, chineseDigits[text[j]] != nil || text[j] == "十" { j = text.index(after: j) }
                    let numeral = String(text[i..<j])
                    let chars = Array(numeral)
                    // 两三, 三五: "two or three", "three or five", never twenty-three or thirty-five.
                    if chars.count == 2, let a = chineseDigits[chars[0]], let b = chineseDigits[chars[1]], a > 0 {
                        let middle = text.index(after: i)
                        emit(.number(a), i, middle)
                        if b > a {
                            out.append(TimeToken(kind: .han("或"), text: "", range: middle..<middle, digits: 0, spaced: false))
                            emit(.number(b), middle, j)
                        } else {
                            emit(.number(nil), middle, j)
                        }
                        i = j
                        continue
                    }
                    // Digit by digit (二〇二七) only as a year; other runs of digits have no reading.
                    let digitByDigit = !numeral.contains("十") && chars.count == 4
                    emit(.number(!numeral.contains("十") && chars.count > 1 && !digitByDigit ? nil : chineseNumber(numeral)), i, j,
                         digits: digitByDigit ? 4 : 0)
                    i = j
                    continue
                }
                emit(.han(String(c)), i, text.index(after: i))
                i = text.index(after: i)
                continue
            }
            let mark: Character
            switch c {
            case "–", "—", "−", "‐", "‑", "~", "～", "〜": mark = "-"
            case "，", "、": mark = ","
            case "（": mark = "("
            case "）": mark = ")"
            case "’", "‘", "`": mark = "'"
            case "／": mark = "/"
            default: mark = c
            }
            emit(.mark(mark), i, text.index(after: i))
            i = text.index(after: i)
        }
        return out
    }
}
