import ClaimsCore
import Foundation
import Testing

/// The time grammar read word by word: every phrase below gives its window, or is refused. All
/// said on 2025-10-23, a Thursday.
@Suite struct TimeGrammarTests {
    static let anchor = try! Day("2025-10-23")

    /// Phrases and their windows, in English and Chinese (start, end; the rule where it matters).
    static let windows: [(String, String, String)] = [
        // Years and their parts
        ("2027", "2027-01-01", "2027-12-31"),
        ("in 2027", "2027-01-01", "2027-12-31"),
        ("sometime in 2027", "2027-01-01", "2027-12-31"),
        ("around 2030", "2030-01-01", "2030-12-31"),
        ("the year 2028", "2028-01-01", "2028-12-31"),
        ("2030年左右", "2030-01-01", "2030-12-31"),
        ("the year after next", "2027-01-01", "2027-12-31"),
        ("early next year", "2026-01-01", "2026-04-30"),
        ("mid next year", "2026-05-01", "2026-08-31"),
        ("the middle of 2027", "2027-05-01", "2027-08-31"),
        ("the beginning of 2027", "2027-01-01", "2027-04-30"),
        ("the end of the year", "2025-10-23", "2025-12-31"),
        ("by the end of the year", "2025-10-23", "2025-12-31"),
        ("end of 2027", "2027-09-01", "2027-12-31"),
        ("late in 2026", "2026-09-01", "2026-12-31"),
        ("H2 2026", "2026-07-01", "2026-12-31"),
        ("2027 H1", "2027-01-01", "2027-06-30"),
        ("the second half of 2026", "2026-07-01", "2026-12-31"),
        ("Q1 2027", "2027-01-01", "2027-03-31"),
        ("2026 Q3", "2026-07-01", "2026-09-30"),
        ("the first quarter of 2027", "2027-01-01", "2027-03-31"),
        ("the last quarter of 2026", "2026-10-01", "2026-12-31"),
        ("Q2 of 2026", "2026-04-01", "2026-06-30"),
        ("the 2020s", "2025-10-23", "2029-12-31"),
        ("2040s", "2040-01-01", "2049-12-31"),
        ("the 2040's", "2040-01-01", "2049-12-31"),
        // Deadlines
        ("by the end of this decade", "2025-10-23", "2029-12-31"),
        ("by the end of the 2030s", "2025-10-23", "2039-12-31"),
        ("no later than 2028", "2025-10-23", "2028-12-31"),
        ("until 2027", "2025-10-23", "2027-12-31"),
        ("2027 at the latest", "2025-10-23", "2027-12-31"),
        ("before 2030", "2025-10-23", "2029-12-31"),
        ("before September 2026", "2025-10-23", "2026-08-31"),
        ("before the end of 2026", "2025-10-23", "2026-12-31"),
        ("by early 2027", "2025-10-23", "2027-04-30"),
        ("by next year", "2025-10-23", "2026-12-31"),
        ("by the end of next year", "2025-10-23", "2026-12-31"),
        ("by Q3 2026", "2025-10-23", "2026-09-30"),
        ("by the first half of 2027", "2025-10-23", "2027-06-30"),
        ("by H1 2027", "2025-10-23", "2027-06-30"),
        ("by March 2026", "2025-10-23", "2026-03-31"),
        ("by late September 2026", "2025-10-23", "2026-09-30"),
        ("by mid-September 2026", "2025-10-23", "2026-09-15"),
        ("by early April 2027", "2025-10-23", "2027-04-10"),
        ("by spring 2027", "2025-10-23", "2027-05-31"),
        ("by winter 2026", "2025-10-23", "2027-02-28"),
        ("by September 15, 2026", "2025-10-23", "2026-09-15"),
        ("by the end of Q2 2026", "2025-10-23", "2026-06-30"),
        ("by summer 2026", "2025-10-23", "2026-08-31"),
        ("by June 2026", "2025-10-23", "2026-06-30"),
        ("by 2026-06-30", "2025-10-23", "2026-06-30"),
        ("by 2027 (2027)", "2025-10-23", "2027-12-31"),
        // Months, their parts, dates
        ("September 2026", "2026-09-01", "2026-09-30"),
        ("Sept 2026", "2026-09-01", "2026-09-30"),
        ("September of 2026", "2026-09-01", "2026-09-30"),
        ("March next year", "2026-03-01", "2026-03-31"),
        ("March 2027", "2027-03-01", "2027-03-31"),
        ("in March", "2026-03-01", "2026-03-31"),
        ("October", "2025-10-23", "2025-10-31"),
        ("December", "2025-12-01", "2025-12-31"),
        ("early April 2027", "2027-04-01", "2027-04-10"),
        ("mid-September 2026", "2026-09-11", "2026-09-20"),
        ("the end of September 2026", "2026-09-21", "2026-09-30"),
        ("late February 2028", "2028-02-21", "2028-02-29"),
        ("late September", "2026-09-21", "2026-09-30"),
        ("2026-09-15", "2026-09-15", "2026-09-15"),
        ("on 2026-09-15", "2026-09-15", "2026-09-15"),
        ("2026/09/15", "2026-09-15", "2026-09-15"),
        ("September 15th, 2026", "2026-09-15", "2026-09-15"),
        ("the 15th of September 2026", "2026-09-15", "2026-09-15"),
        ("Sept. 15, 2026", "2026-09-15", "2026-09-15"),
        ("15 September 2026", "2026-09-15", "2026-09-15"),
        ("March 3", "2026-03-03", "2026-03-03"),
        ("February 29, 2028", "2028-02-29", "2028-02-29"),
        // Seasons, weeks
        ("summer 2026", "2026-06-01", "2026-08-31"),
        ("the summer of 2026", "2026-06-01", "2026-08-31"),
        ("fall 2026", "2026-09-01", "2026-11-30"),
        ("spring", "2026-03-01", "2026-05-31"),
        ("winter", "2025-12-01", "2026-02-28"),
        ("autumn", "2025-10-23", "2025-11-30"),
        ("winter 2027", "2027-12-01", "2028-02-29"),
        ("next week", "2025-10-27", "2025-11-02"),
        ("this week", "2025-10-23", "2025-10-26"),
        ("this month", "2025-10-23", "2025-10-31"),
        // Durations
        ("within the next 5 years", "2025-10-23", "2030-10-22"),
        ("within two weeks", "2025-10-23", "2025-11-05"),
        ("within 30 days", "2025-10-23", "2025-11-21"),
        ("within a year", "2025-10-23", "2026-10-22"),
        ("within a couple of years", "2025-10-23", "2027-10-22"),
        ("in the next couple of years", "2025-10-23", "2027-12-31"),
        ("over the next decade", "2025-10-23", "2035-12-31"),
        ("within a decade", "2025-10-23", "2035-10-22"),
        ("in the next month", "2025-10-23", "2025-11-22"),
        ("in the next 12 months", "2025-10-23", "2026-10-22"),
        ("next 18 months", "2025-10-23", "2027-04-22"),
        ("over the next 9 months", "2025-10-23", "2026-07-22"),
        ("within four to six months", "2025-10-23", "2026-04-22"),
        ("within ten days", "2025-10-23", "2025-11-01"),
        ("within 2-3 years", "2025-10-23", "2028-10-22"),
        ("the next two to four years", "2025-10-23", "2029-12-31"),
        ("next two or three years", "2025-10-23", "2028-12-31"),
        ("in 6 months", "2026-04-01", "2026-04-30"),
        ("in three weeks", "2025-11-10", "2025-11-16"),
        ("in 10 days", "2025-11-02", "2025-11-02"),
        ("in a decade", "2035-01-01", "2035-12-31"),
        ("in five years' time", "2030-01-01", "2030-12-31"),
        ("5 years away", "2030-01-01", "2030-12-31"),
        ("in 3 to 9 months", "2026-01-23", "2026-07-22"),
        ("in 3-5 years", "2028-10-23", "2030-10-22"),
        ("2 to 3 years from now", "2027-10-23", "2028-10-22"),
        ("1-2 years away", "2026-10-23", "2027-10-22"),
        ("6 to 12 months", "2026-04-23", "2026-10-22"),
        ("in one or two years", "2026-01-01", "2027-12-31"),
        ("in a year or two", "2026-01-01", "2027-12-31"),
        ("in a year from now, maybe two years from now", "2026-01-01", "2027-12-31"),
        // Ranges and alternatives
        ("late 2026 or early 2027", "2026-09-01", "2027-04-30"),
        ("late 2027 or early 2028", "2027-09-01", "2028-04-30"),
        ("2026, maybe 2027", "2026-01-01", "2027-12-31"),
        ("2028, maybe 2029", "2028-01-01", "2029-12-31"),
        ("2028 or 2029", "2028-01-01", "2029-12-31"),
        ("between 2027 and 2029", "2027-01-01", "2029-12-31"),
        ("from 2027 to 2028", "2027-01-01", "2028-12-31"),
        ("September or October 2026", "2026-09-01", "2026-10-31"),
        ("March or April 2027", "2027-03-01", "2027-04-30"),
        ("next year (2026)", "2026-01-01", "2026-12-31"),
        // Chinese
        ("2027年", "2027-01-01", "2027-12-31"),
        ("二〇二七年", "2027-01-01", "2027-12-31"),
        ("２０２７年", "2027-01-01", "2027-12-31"),
        ("明年年底", "2026-09-01", "2026-12-31"),
        ("今年年底", "2025-10-23", "2025-12-31"),
        ("明年下半年", "2026-07-01", "2026-12-31"),
        ("2027年第一季度", "2027-01-01", "2027-03-31"),
        ("2026年Q4", "2026-10-01", "2026-12-31"),
        ("明年4月", "2026-04-01", "2026-04-30"),
        ("明年3月", "2026-03-01", "2026-03-31"),
        ("4月", "2026-04-01", "2026-04-30"),
        ("十二月", "2025-12-01", "2025-12-31"),
        ("2027年4月初", "2027-04-01", "2027-04-10"),
        ("2027年4月中", "2027-04-11", "2027-04-20"),
        ("2026年9月下旬", "2026-09-21", "2026-09-30"),
        ("2026年9月底", "2026-09-21", "2026-09-30"),
        ("2026年9月15号", "2026-09-15", "2026-09-15"),
        ("2026年9月15日", "2026-09-15", "2026-09-15"),
        ("9月15日", "2026-09-15", "2026-09-15"),
        ("2027年夏天", "2027-06-01", "2027-08-31"),
        ("2027年春天", "2027-03-01", "2027-05-31"),
        ("2026年冬天", "2026-12-01", "2027-02-28"),
        ("明年春天", "2026-03-01", "2026-05-31"),
        ("下周", "2025-10-27", "2025-11-02"),
        ("下个月", "2025-11-01", "2025-11-30"),
        ("本月", "2025-10-23", "2025-10-31"),
        ("到2026年底", "2025-10-23", "2026-12-31"),
        ("到明年", "2025-10-23", "2026-12-31"),
        ("到2027年为止", "2025-10-23", "2027-12-31"),
        ("到 2027 年或 2028 年", "2025-10-23", "2028-12-31"),
        ("2027年前", "2025-10-23", "2026-12-31"),
        ("在2030年之前", "2025-10-23", "2029-12-31"),
        ("2026年9月底前", "2025-10-23", "2026-09-30"),
        ("明年6月前", "2025-10-23", "2026-05-31"),
        ("三年内", "2025-10-23", "2028-10-22"),
        ("两周内", "2025-10-23", "2025-11-05"),
        ("十天内", "2025-10-23", "2025-11-01"),
        ("三个月内", "2025-10-23", "2026-01-22"),
        ("半年内", "2025-10-23", "2026-04-22"),
        ("十年内", "2025-10-23", "2035-10-22"),
        ("未来三年", "2025-10-23", "2028-12-31"),
        ("接下来的两年", "2025-10-23", "2027-12-31"),
        ("今后五到十年", "2025-10-23", "2035-12-31"),
        ("两到三年后", "2027-10-23", "2028-10-22"),
        ("六个月后", "2026-04-01", "2026-04-30"),
        ("2027年或2028年", "2027-01-01", "2028-12-31"),
        ("2027年到2029年", "2027-01-01", "2029-12-31"),
        ("明年（2026）", "2026-01-01", "2026-12-31"),
        // 两三, 三五: "two or three", "three or five" (once read as 23 and 35 years).
        ("两三年内", "2025-10-23", "2028-10-22"),
        ("三五年内", "2025-10-23", "2030-10-22"),
        ("三五年后", "2028-01-01", "2030-12-31"),
        ("两三个月内", "2025-10-23", "2026-01-22"),
        // 最晚 before a time is "by it at the latest" (it was once read as the year itself).
        ("最晚2028年", "2025-10-23", "2028-12-31"),
        ("最迟明年年底", "2025-10-23", "2026-12-31"),
        ("不晚于2027年", "2025-10-23", "2027-12-31"),
        ("不迟于2027年", "2025-10-23", "2027-12-31"),
        // "before end of" with or without "the" is a deadline (was read as before the late part).
        ("before end of 2026", "2025-10-23", "2026-12-31"),
        ("before end-2026", "2025-10-23", "2026-12-31"),
        ("before end of June 2026", "2025-10-23", "2026-06-30"),
        ("by 2027 at the latest", "2025-10-23", "2027-12-31"),
    ]

    @Test(arguments: windows)
    func readsTheWindow(_ phrase: String, _ start: String, _ end: String) throws {
        guard case .window(let w) = TimePhrases.read(phrase, anchor: Self.anchor) else {
            Issue.record("\(phrase) read as \(TimePhrases.read(phrase, anchor: Self.anchor))")
            return
        }
        #expect(w.start == (try Day(start)), "\(phrase): start \(w.start)")
        #expect(w.end == (try Day(end)), "\(phrase): end \(w.end)")
        #expect(w.rule != nil)
    }

    /// Phrases that give no window, and the word the refusal names (nil where it names none).
    static let refusals: [(String, String?)] = [
        ("after 2030", "after"),
        ("not before 2030", "not before"),
        ("no earlier than 2028", "no earlier than"),
        ("not until 2028", "not until"),
        ("since 2020", "since"),
        ("beyond 2030", "beyond"),
        ("from 2030 on", "from"),
        ("starting in 2027", "starting"),
        ("2030 or later", "later"),
        ("2027 at the earliest", "earliest"),
        ("2030 and beyond", "beyond"),
        ("2030年以后", "以后"),
        ("2030年之后", "之后"),
        ("2030年后", "后"),
        ("不早于2028年", "不早于"),
        ("5 years after AGI", "after"),
        ("two years after launch", "after"),
        ("Q5 2026", "Q5"),
        ("Q0 2026", "Q0"),
        ("H3 2027", "H3"),
        ("2026年13月", "13月"),
        ("2026年第五季度", "Q5"),
        ("2026年2月30日", "2026年2月30日"),
        ("2026年2月29日", "2026年2月29日"),
        ("2026-02-30", "2026-02-30"),
        ("February 29, 2027", "February 29, 2027"),
        ("by 3000", "3000"),
        ("1850", "1850"),
        ("in the year 3000", "3000"),
        ("within 7975 years", "7975"),
        ("within 1001 years", "1001"),
        ("within 9223372036854775807 months", "9223372036854775807"),
        ("within 99999999999999999999 days", "99999999999999999999"),
        ("within 0 days", "0"),
        ("winter 2999", nil),
        ("next year (2025)", "2025"),
        ("2027 (2026)", "2026"),
        ("within 5 years (2030)", "2030"),
        ("2028 or 2027", nil),
        ("late 2027 or early 2027", nil),
        ("by the 2030s", nil),
        ("early summer 2026", "early"),
        ("by June 2026 not", "not"),
        ("by June 2026 or so, maybe never", "never"),
        ("in 5 minutes", "minutes"),
        ("by late 2026 15", "15"),
        ("Q4", "Q4"),
        ("2026 June", "June"),
        ("next year at 3", "3"),
        ("the 15th", "15th"),
        ("as early as 2027", "as early as"),
        // Misreadings an independent review found, now refused.
        ("before mid-2026", nil),
        ("2026年年中前", nil),
        ("winter 2026-2027", nil),
        ("2026-2027年冬天", nil),
        ("June 2026 or 2027", nil),
        ("summer 2026-2027", nil),
        ("early 2026 or 2027", nil),
        ("September 15, 2026 or 2027", nil),
        ("by the start of 2027", nil),
        ("by the beginning of June 2026", nil),
        ("until at least 2030", "until at least"),
    ]

    @Test(arguments: refusals)
    func refuses(_ phrase: String, _ word: String?) {
        let reading = TimePhrases.read(phrase, anchor: Self.anchor)
        guard case .refused(let named, let reason) = reading else { Issue.record("\(phrase) read as \(reading)"); return }
        if let word { #expect(named == word, "\(phrase): names \(named ?? "nothing"): \(reason)") }
        #expect(!reason.isEmpty)
        #expect(throws: DomainError.self) { try TimePhrases.window(phrase, anchor: Self.anchor) }
    }

    @Test func thereAreEnoughPhrasesOfEachKind() {
        #expect(Self.windows.count + Self.refusals.count >= 150)
        #expect(Self.refusals.count >= 30)
        #expect(Self.windows.filter { $0.0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }.count >= 40)
    }

    /// A known phrase with one more meaningful word, before or after it: either refused, or read
    /// by a rule that uses the word (a different window); never the window without the word.
    @Test func aWordAddedIsReadOrRefusedNeverDropped() throws {
        let bases = ["2027", "next year", "late 2026", "by 2027", "Q4 2026", "within 5 years", "in 5 years", "September 2026",
                     "by mid-2026", "first half of 2026", "the 2030s", "2027-2028", "明年", "2027年", "到2027年", "五年内",
                     "2026年下半年", "明年一季度", "autumn 2026", "next month", "by 2026-09-15", "未来5年"]
        let extras = ["June", "March", "September", "15", "15th", "3", "not", "never", "after", "before", "since", "until",
                      "months", "days", "weeks", "years", "early", "late", "mid", "summer", "winter", "Q2", "H1", "later",
                      "ago", "6月", "底", "以后", "前", "后", "内", "初", "春天", "不", "第二季度"]
        var checked = 0
        for base in bases {
            guard case .window(let plain) = TimePhrases.read(base, anchor: Self.anchor) else { Issue.record("\(base) does not read"); continue }
            for extra in extras {
                let han = extra.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
                let glue = han ? "" : " "
                for phrase in [extra + glue + base, base + glue + extra] {
                    checked += 1
                    if case .window(let w) = TimePhrases.read(phrase, anchor: Self.anchor), !Self.sameTimeInOtherWords.contains(phrase) {
                        #expect(w.start != plain.start || w.end != plain.end || w.rule != plain.rule,
                                "\(phrase) reads as \(base) alone: \(w.start) … \(w.end), \(w.rule ?? "")")
                    }
                }
            }
        }
        #expect(checked == bases.count * extras.count * 2)
    }

    /// Words that say the same time another way: a deadline for a year ends where its end does.
    static let sameTimeInOtherWords: Set<String> = ["by 2027底", "到2027年底"]

    @Test func aSentenceGivesItsLongestMostSpecificTime() {
        let found = TimePhrases.find(in: "I think by late September 2026 we will see it, and not before 2030 for the rest.", anchor: Self.anchor)
        #expect(found.map(\.text) == ["by late September 2026", "not before 2030"])
        guard case .window(let w) = found.first?.reading else { Issue.record("no window"); return }
        #expect(w.end == (try! Day("2026-09-30")) && w.rule == "deadline-part-of-month")
        guard case .refused = found.last?.reading else { Issue.record("not before 2030 was read"); return }
    }

    @Test func aTimeWordBesideAReadingInASentenceMakesItARefusal() {
        let found = TimePhrases.find(in: "We expect this in early summer 2026, honestly.", anchor: Self.anchor)
        #expect(found.count == 1)
        guard case .refused(let word, _) = found.first?.reading else { Issue.record("\(found)"); return }
        #expect(word == "early")
    }

    @Test func wordsThatAreAlsoMonthsNeedAYearInASentence() {
        #expect(TimePhrases.find(in: "It may happen, and we march on.", anchor: Self.anchor).isEmpty)
        #expect(TimePhrases.find(in: "It may 2027 be done.", anchor: Self.anchor).map(\.text) == ["may 2027"])
        #expect(TimePhrases.find(in: "Ask me in March.", anchor: Self.anchor).map(\.text) == ["March"])
        #expect(TimePhrases.find(in: "H100 clusters by 2027", anchor: Self.anchor).map(\.text) == ["by 2027"])
    }

    @Test func aChineseYearBeforeChinaIsAYear() {
        let found = TimePhrases.find(in: "2026年中国经济会增长。", anchor: Self.anchor)
        #expect(found.map(\.text) == ["2026年"])
        guard case .window(let w) = found.first?.reading else { Issue.record("\(found)"); return }
        #expect(w.rule == "year")
    }

    @Test func aSaidOnDateOutsideTheYearsReadIsRefused() {
        #expect(throws: DomainError.anchorOutOfRange(try! Day("9999-06-01"))) {
            try TimePhrases.window("next year", anchor: try! Day("9999-06-01"))
        }
        #expect(TimePhrases.find(in: "next year", anchor: try! Day("1899-12-31")).isEmpty)
    }
}
