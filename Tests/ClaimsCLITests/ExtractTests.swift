@testable import ClaimsCLI
@testable import ClaimsFormats
import ClaimsGeneration
import ClaimsCore
import Foundation
import Testing

/// `claims extract` on the interview in examples/interview, in both languages.
///
/// Quality is measured, not assumed: every draft of every seed is labelled below as a forecast
/// or not (by reading it), and a draft that is neither fails the test, so a change to the
/// extractor must be looked at. Precision is forecasts ÷ drafts; recall is the share of the
/// forecasts the issue lists (the quality bar) that are found with the right window and band.
@Suite struct ExtractTests {
    static let seeds = GeneratedFiles.seeds(root: Workspace.repositoryRoot)

    struct Input {
        let name: String, file: String, lang: DraftFile.Language, saidOn: String?
        /// The quality bar: a phrase of the quote, the window's end (nil: no window) and band (nil: any).
        let bar: [(String, String?, EstimativeLanguage.Band?)]
        /// Drafts that are forecasts, beyond the bar (a phrase of each quote).
        let alsoForecasts: [String]
        /// Drafts that are not forecasts.
        let notForecasts: [String]
    }

    static let inputs: [Input] = [
        Input(name: "English transcript", file: "interview-en.txt", lang: .en, saidOn: "2025-10-23", bar: [
            ("next year, maybe the models will be able to work on their own for a whole day", "2026-12-31", .roughlyEven),
            ("late 2026 at least one model matches industry experts", "2026-12-31", nil),
            ("by 2027 models frequently outperform experts", "2027-12-31", nil),
            ("highly likely that sometime next year", "2026-12-31", .veryLikely),
            ("by 2027 2028, I think extremely likely", "2028-12-31", .almostCertain),
            ("a true disconnectuity is extremely unlikely", nil, .almostNoChance),
            ("extremely likely that the current approach", nil, .almostCertain),
            ("Personally, I think that's unlikely.", nil, .unlikely),
            ("unlock in the next 5 years", "2030-12-31", nil),
        ], alsoForecasts: ["in a year from now maybe two years from now", "it seems quite unlikely to me", "in your extrapolation framework AI becomes",
                           "might be maybe 2027"],
           notForecasts: ["that's likely to be the most objective"]),
        Input(name: "Chinese rendering", file: "interview-zh.md", lang: .zh, saidOn: nil, bar: [
            ("我想我们明年可能会有能够自主工作一整天的模型", "2026-12-31", .roughlyEven),
            ("到 2026 年底，至少有一个模型在许多职业中能与行业专家相媲美", "2026-12-31", nil),
            ("然后到 2027 年，模型在许多任务上将频繁超越专家", "2027-12-31", nil),
            ("明年某个时候，我们很可能会有一些发现", "2026-12-31", .veryLikely),
            ("到 2027 年或 2028 年，模型极有可能", "2028-12-31", .almostCertain),
            ("我认为真正的不连续性是极不可能的", nil, .almostNoChance),
            ("当前的方法，预训练或Transformer，极有可能让我们达到那里", nil, .almostCertain),
            ("我个人认为这不太可能", nil, .unlikely),
            ("我对未来5年我们能解锁什么感到无比乐观", "2030-12-31", nil),
        ], alsoForecasts: ["看到一年或两年后，顶级模型将能够", "在你的推断框架中，到 2026-2027 年", "我猜测，达到那种能力水平可能是在 2027 年",
                           "这似乎相当不可能", "所以到 2026 年中，你提到智能体可以全天自主工作", "很可能继续发生的是"],
           notForecasts: ["国家之间存在相当大的差异"]),
        Input(name: "English originals in the Chinese rendering", file: "interview-zh.md", lang: .en, saidOn: nil, bar: [
            ("next year, maybe the models will be able to work on their own for a whole day", "2026-12-31", .roughlyEven),
            ("Late 2026, at least one model matches industry experts", "2026-12-31", nil),
            ("And then by 2027, models frequently outperform experts", "2027-12-31", nil),
            ("highly likely that sometime next year", "2026-12-31", .veryLikely),
            ("by 2027, 2028, I think extremely likely", "2028-12-31", .almostCertain),
            ("a true discontinuity is extremely unlikely", nil, .almostNoChance),
            ("extremely likely that the current approach", nil, .almostCertain),
            ("Personally, I think that's unlikely.", nil, .unlikely),
            ("unlock in the next 5 years", "2030-12-31", nil),
        ], alsoForecasts: ["in a year from now, maybe two years from now", "might be maybe 2027", "it seems quite unlikely to me",
                           "in your extrapolation framework, AI becomes", "So by mid-2026 you mentioned agents"],
           notForecasts: ["that's likely to be the most objective"]),
    ]

    /// Sentences the issue names as not forecasts, and others like them: none may be drafted.
    static let never = [
        "if you had done it a few months earlier", "如果我们早几个月比赛", "a few months earlier",
        "What is it that so many people are missing", "How far do you think we are from an AI winning the Nobel Prize",
        "finish my degree the next year", "finished my degree the next year", "when I was a kid", "大约一年后，我对广告感到非常厌倦",
        "topic of 2025", "his predictions for 2026 and 2027", "对 2026 年和 2027 年的预测", "AI 2027",
    ]

    func drafts(_ input: Input) throws -> [Extractor.Draft] {
        let text = try String(contentsOf: Self.seeds.appendingPathComponent(input.file), encoding: .utf8)
        let (front, body, line) = try DraftFile.frontMatter(text, file: input.file)
        let anchor = try Day(input.saidOn ?? front["date"]!)
        let transcript = input.file.hasSuffix(".md") ? Transcript.markdown(body, firstLine: line) : Transcript.plain(body)
        return Extractor.drafts(transcript, anchor: anchor, useOriginals: input.file.hasSuffix(".md") && input.lang == .en)
    }

    @Test(arguments: inputs.indices)
    func theQualityBarIsMet(_ index: Int) throws {
        let input = Self.inputs[index]
        let found = try drafts(input)
        var recalled = 0
        for (phrase, end, band) in input.bar {
            guard let d = found.first(where: { $0.quote.contains(phrase) && (end == nil || $0.window?.end.description == end) }) else {
                Issue.record("\(input.name): no draft for “\(phrase)” with window end \(end ?? "none")"); continue
            }
            if let band { #expect(d.confidence.inferred?.band == band, "\(input.name): “\(phrase)” band \(String(describing: d.confidence.inferred?.band))") }
            if end == nil { #expect(d.window == nil, "\(input.name): “\(phrase)” has a window") }
            recalled += 1
        }
        #expect(recalled == input.bar.count)
        for phrase in Self.never {
            #expect(!found.contains { $0.quote.contains(phrase) }, "\(input.name): drafted “\(phrase)”, which is no forecast")
        }
    }

    @Test(arguments: inputs.indices)
    func atLeastThreeOfFourDraftsAreForecasts(_ index: Int) throws {
        let input = Self.inputs[index]
        let found = try drafts(input)
        let forecasts = input.bar.map(\.0) + input.alsoForecasts
        var real = 0, wrong = 0
        for d in found {
            if forecasts.contains(where: { d.quote.contains($0) }) { real += 1 }
            else if input.notForecasts.contains(where: { d.quote.contains($0) }) { wrong += 1 }
            else { Issue.record("\(input.name): unlabelled draft, read it and label it: “\(d.quote.prefix(120))”") }
        }
        let precision = Double(real) / Double(max(1, found.count))
        // Measured on 2026-11-23: 13/14 English transcript, 15/16 Chinese, 14/15 English originals.
        #expect(precision >= 0.75, "\(input.name): precision \(real)/\(found.count)")
        #expect(wrong <= 1)
    }

    @Test
    func aSentenceWithTwoForecastsGivesTwoDrafts() throws {
        let found = try drafts(Self.inputs[0]).filter { $0.quote.hasPrefix("late 2026 at least one model") }
        #expect(found.count == 2)
        #expect(found.map { $0.window?.end.description } == ["2026-12-31", "2027-12-31"])
        #expect(found[0].statement == "late 2026 at least one model matches industry experts across many occupations")
        #expect(found[1].statement.hasPrefix("by 2027 models frequently outperform experts"))
    }

    @Test
    func chineseDraftsCarryTheirEnglishOriginal() throws {
        let found = try drafts(Self.inputs[1])
        let d = try #require(found.first { $0.quote.contains("到 2027 年或 2028 年") })
        #expect(d.speaker == "Julian" && d.line == 276 && d.segment > 0)
        #expect(d.original?.text.contains("by 2027, 2028, I think extremely likely") == true)
        #expect(d.original?.line == 280)
        #expect(d.window?.rule == "deadline-range")
        let host = try #require(found.first { $0.quote.contains("到 2026 年底") })
        #expect(host.speaker == "Matt" && host.flags.contains { $0.contains("said by the host") })
    }

    @Test
    func theDraftFileImports() throws {
        let w = Workspace()
        let out = w.folder.appendingPathComponent("drafts.yaml")
        let r = w.run(["extract", Self.seeds.appendingPathComponent("interview-zh.md").path, "--lang", "zh", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("wrote 16 drafts"))
        let imported = w.run(["import", out.path])
        #expect(imported.code == 0, "\(imported.err)")
        // Ids from the speaker, the year the window ends and the content words of the English original.
        let claim = try #require(try w.json(["show", "schrittwieser-2028-find-out-time"]) as? [String: Any])
        #expect(claim["claimant"] as? String == "Julian Schrittwieser")
        #expect((claim["translations"] as? [[String: Any]])?.first?["language"] as? String == "en")
    }

    @Test func plainTextNeedsADate() throws {
        let w = Workspace()
        let file = w.folder.appendingPathComponent("t.txt")
        try ">> Next year the models will work a whole day.\n".write(to: file, atomically: true, encoding: .utf8)
        let r = w.run(["extract", file.path])
        #expect(r.code == 1 && r.err.contains("has no date in front matter: give --said-on"))
        let ok = w.run(["extract", file.path, "--said-on", "2025-10-23", "--claimant", "Julian"])
        #expect(ok.code == 0 && ok.out.contains("window: Next year") && ok.out.contains("claimant: Julian"))
        #expect(w.run(["extract", file.path, "--said-on", "2025-10-23", "--lang", "zh"]).err.contains("has no text in zh"))
    }
}
