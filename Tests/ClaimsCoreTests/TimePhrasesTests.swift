import ClaimsCore
import Foundation
import Testing

@Suite struct TimePhrasesTests {
    static let anchor = try! Day("2025-10-23")

    /// The 35 windows among the examples of the time-window conventions (docs/conventions.md; anchor 2025-10-23).
    static let spec: [(String, String, String)] = [
        ("next year", "2026-01-01", "2026-12-31"),
        ("明年", "2026-01-01", "2026-12-31"),
        ("this year", "2025-10-23", "2025-12-31"),
        ("mid-2026", "2026-05-01", "2026-08-31"),
        ("2026年中", "2026-05-01", "2026-08-31"),
        ("late 2026", "2026-09-01", "2026-12-31"),
        ("early 2026", "2026-01-01", "2026-04-30"),
        ("by 2027", "2025-10-23", "2027-12-31"),
        ("到2027年", "2025-10-23", "2027-12-31"),
        ("by the end of 2026", "2025-10-23", "2026-12-31"),
        ("by mid-2026", "2025-10-23", "2026-06-30"),
        ("2026年底前", "2025-10-23", "2026-12-31"),
        ("first half of 2026", "2026-01-01", "2026-06-30"),
        ("2026年下半年", "2026-07-01", "2026-12-31"),
        ("Q4 2026", "2026-10-01", "2026-12-31"),
        ("明年一季度", "2026-01-01", "2026-03-31"),
        ("2027-2028", "2027-01-01", "2028-12-31"),
        ("2027到2028年", "2027-01-01", "2028-12-31"),
        ("within 5 years", "2025-10-23", "2030-10-22"),
        ("五年内", "2025-10-23", "2030-10-22"),
        ("in 5 years", "2030-01-01", "2030-12-31"),
        ("未来5年", "2025-10-23", "2030-12-31"),
        ("within 18 months", "2025-10-23", "2027-04-22"),
        ("the 2030s", "2030-01-01", "2039-12-31"),
        ("by the end of the decade", "2025-10-23", "2029-12-31"),
        ("by September 2026", "2025-10-23", "2026-09-30"),
        ("April 2027", "2027-04-01", "2027-04-30"),
        ("2027年4月", "2027-04-01", "2027-04-30"),
        ("by 2026-09-15", "2025-10-23", "2026-09-15"),
        ("next month", "2025-11-01", "2025-11-30"),
        ("within 4 months", "2025-10-23", "2026-02-22"),
        ("四个月内", "2025-10-23", "2026-02-22"),
        ("autumn 2026", "2026-09-01", "2026-11-30"),
        ("by autumn 2026", "2025-10-23", "2026-11-30"),
        ("late September 2026", "2026-09-21", "2026-09-30"),
    ]

    /// More phrases: every rule, both languages, number words and Chinese numerals.
    static let more: [(String, String, String, String)] = [
        ("by 2027, 2028", "2025-10-23", "2028-12-31", "deadline-range"),
        ("by 2027 2028", "2025-10-23", "2028-12-31", "deadline-range"),
        ("到 2027 年或 2028 年", "2025-10-23", "2028-12-31", "deadline-range"),
        ("2027 or 2028", "2027-01-01", "2028-12-31", "year-range"),
        ("between 2027 and 2028", "2027-01-01", "2028-12-31", "year-range"),
        ("2027–2028", "2027-01-01", "2028-12-31", "year-range"),
        ("end of 2026", "2026-09-01", "2026-12-31", "part-of-year"),
        ("2026年底", "2026-09-01", "2026-12-31", "part-of-year"),
        ("到 2026 年中", "2025-10-23", "2026-06-30", "deadline-mid-year"),
        ("by early 2027", "2025-10-23", "2027-04-30", "deadline-early-year"),
        ("by late 2026", "2025-10-23", "2026-12-31", "deadline-year"),
        ("no later than 2028", "2025-10-23", "2028-12-31", "deadline-year"),
        ("by next year", "2025-10-23", "2026-12-31", "deadline-year"),
        ("before 2030", "2025-10-23", "2029-12-31", "before-year"),
        ("2030年前", "2025-10-23", "2029-12-31", "before-year"),
        ("H1 2026", "2026-01-01", "2026-06-30", "half-year"),
        ("second half of next year", "2026-07-01", "2026-12-31", "half-year"),
        ("明年上半年", "2026-01-01", "2026-06-30", "half-year"),
        ("the third quarter of 2026", "2026-07-01", "2026-09-30", "quarter"),
        ("2026年第二季度", "2026-04-01", "2026-06-30", "quarter"),
        ("2030年代", "2030-01-01", "2039-12-31", "decade"),
        ("within five years", "2025-10-23", "2030-10-22", "within"),
        ("within a year", "2025-10-23", "2026-10-22", "within"),
        ("within eighteen months", "2025-10-23", "2027-04-22", "within"),
        ("十八个月内", "2025-10-23", "2027-04-22", "within"),
        ("两年内", "2025-10-23", "2027-10-22", "within"),
        ("over the next five years", "2025-10-23", "2030-12-31", "next-years"),
        ("今后十年", "2025-10-23", "2035-12-31", "next-years"),
        ("未来五年", "2025-10-23", "2030-12-31", "next-years"),
        ("in two years", "2027-01-01", "2027-12-31", "in-years"),
        ("two years from now", "2027-01-01", "2027-12-31", "in-years"),
        ("in a year from now", "2026-01-01", "2026-12-31", "in-years"),
        ("5年后", "2030-01-01", "2030-12-31", "in-years"),
        ("三年后", "2028-01-01", "2028-12-31", "in-years"),
        ("一年或两年后", "2026-01-01", "2027-12-31", "in-years"),
        ("late next year", "2026-09-01", "2026-12-31", "part-of-year"),
        ("明年年中", "2026-05-01", "2026-08-31", "part-of-year"),
        ("明年底", "2026-09-01", "2026-12-31", "part-of-year"),
        ("sometime next year", "2026-01-01", "2026-12-31", "next-year"),
        ("maybe 2027", "2027-01-01", "2027-12-31", "year"),
        ("in 2027", "2027-01-01", "2027-12-31", "year"),
        ("2027年", "2027-01-01", "2027-12-31", "year"),
        ("后年", "2027-01-01", "2027-12-31", "year-after-next"),
        ("今年", "2025-10-23", "2025-12-31", "this-year"),
        ("by the end of this decade", "2025-10-23", "2029-12-31", "end-of-decade"),
        ("by ２０２７", "2025-10-23", "2027-12-31", "deadline-year"),
    ]

    func check(_ phrase: String, _ start: String, _ end: String, rule: String? = nil) throws {
        guard case .window(let w) = TimePhrases.read(phrase, anchor: Self.anchor) else {
            Issue.record("\(phrase) read as \(TimePhrases.read(phrase, anchor: Self.anchor))")
            return
        }
        #expect(w.start == (try Day(start)), "\(phrase): start")
        #expect(w.end == (try Day(end)), "\(phrase): end")
        #expect(w.phrase == phrase.trimmingCharacters(in: .whitespaces))
        if let rule { #expect(w.rule == rule, "\(phrase): rule \(w.rule ?? "none")") } else { #expect(w.rule != nil) }
    }

    @Test(arguments: spec)
    func theSpecExamples(_ phrase: String, _ start: String, _ end: String) throws { try check(phrase, start, end) }

    @Test(arguments: more)
    func moreRules(_ phrase: String, _ start: String, _ end: String, _ rule: String) throws { try check(phrase, start, end, rule: rule) }

    @Test(arguments: ["in the coming years", "soon", "未来几年", "eventually", "in the near future", "不久"])
    func vaguePhrasesGiveNoWindow(_ phrase: String) {
        guard case .vague = TimePhrases.read(phrase, anchor: Self.anchor) else {
            Issue.record("\(phrase) read as \(TimePhrases.read(phrase, anchor: Self.anchor))"); return
        }
    }

    @Test func theSpecsRefusedExample() {
        guard case .refused(let word, _) = TimePhrases.read("after 2030", anchor: Self.anchor) else { Issue.record("after 2030 was read"); return }
        #expect(word == "after")
    }

    @Test(arguments: ["whenever", "the models", "", "tuesday-ish"])
    func unreadablePhrases(_ phrase: String) {
        #expect(TimePhrases.read(phrase, anchor: Self.anchor) == .unreadable)
    }

    @Test func pastWindowsAreNotForecasts() {
        guard case .past(let w) = TimePhrases.read("in 2016", anchor: Self.anchor) else { Issue.record("2016 is not past"); return }
        #expect(w.end == (try! Day("2016-12-31")))
    }

    @Test func twoExpressionsAreAmbiguous() {
        #expect(TimePhrases.read("late 2026 and then by 2027", anchor: Self.anchor) == .ambiguous(["late 2026", "by 2027"]))
    }

    @Test func findLocatesEachExpressionAsWritten() throws {
        let text = "Late 2026, at least one model matches experts. And then by 2027, models frequently outperform experts."
        let found = TimePhrases.find(in: text, anchor: Self.anchor)
        #expect(found.map(\.text) == ["Late 2026", "by 2027"])
        let zh = "我认为到 2027 年或 2028 年，模型极有可能足够聪明。"
        #expect(TimePhrases.find(in: zh, anchor: Self.anchor).map(\.text) == ["到 2027 年或 2028 年"])
    }

    @Test func numbersThatAreNotYearsAreNotWindows() {
        for text in ["It costs 2030 dollars", "about 2000 people", "a 2026% rise", "version 2.2026", "10:2026"] {
            let windows = TimePhrases.find(in: text, anchor: Self.anchor).filter { if case .window = $0.reading { return true }; return false }
            #expect(windows.isEmpty, "\(text)")
        }
    }
}

@Suite struct TimePhrasesEdgeTests {
    @Test func aYearAtTheEndOfASentenceIsAYear() {
        let found = TimePhrases.find(in: "My guess might be maybe 2027. Then 2028.5 is a version.", anchor: try! Day("2025-10-23"))
        #expect(found.map(\.text) == ["2027"])
    }

    @Test func theNextYearOfAPastStoryIsNotNextYear() {
        #expect(TimePhrases.find(in: "I finished my degree the next year and moved to London.", anchor: try! Day("2025-10-23")).isEmpty)
    }
}
