import Foundation

/// Reads how sure a speaker was, following docs/conventions.md: words such as
/// "extremely likely" or "不太可能" map to a probability band (ICD 203, with the IPCC's words),
/// and a number the speaker stated ("70%", "3 in 4", "odds 1:3") is kept as stated.
public enum EstimativeLanguage {
    public enum Band: String, CaseIterable, Sendable, Codable {
        case almostNoChance = "almost no chance"
        case veryUnlikely = "very unlikely"
        case unlikely
        case roughlyEven = "roughly even"
        case likely
        case veryLikely = "very likely"
        case almostCertain = "almost certain"

        public var range: ClosedRange<Double> {
            switch self {
            case .almostNoChance: return 0.01...0.05
            case .veryUnlikely: return 0.05...0.20
            case .unlikely: return 0.20...0.45
            case .roughlyEven: return 0.45...0.55
            case .likely: return 0.55...0.80
            case .veryLikely: return 0.80...0.95
            case .almostCertain: return 0.95...0.99
            }
        }

        public var midpoint: Double { (range.lowerBound + range.upperBound) / 2 }

        /// The band of the opposite event: "not likely" is unlikely.
        public var complement: Band {
            switch self {
            case .almostNoChance: return .almostCertain
            case .veryUnlikely: return .veryLikely
            case .unlikely: return .likely
            case .roughlyEven: return .roughlyEven
            case .likely: return .unlikely
            case .veryLikely: return .veryUnlikely
            case .almostCertain: return .almostNoChance
            }
        }
    }

    /// A qualifier found in the words: as written, and its band (negation applied).
    public struct Qualifier: Equatable, Sendable {
        public let text: String
        public let band: Band
        public let negated: Bool
        /// "I think", "我认为": a hedge on the whole sentence, weaker than a word about the event.
        public let isHedge: Bool
        /// "maybe", "probably", 可能: everyday words that say less than "very likely" or 极有可能.
        public var isWeak: Bool { !isHedge && EstimativeLanguage.weakWords.contains(text.lowercased()) }
        public let range: Range<String.Index>
    }

    public struct Reading: Equatable, Sendable {
        /// Every qualifier, in order.
        public var qualifiers: [Qualifier]
        /// The one that governs the predicted event: the first specific one ("extremely likely"),
        /// else the first everyday one ("maybe"), else the first hedge ("I think").
        public var governing: Qualifier? {
            qualifiers.first { !$0.isHedge && !$0.isWeak } ?? qualifiers.first { $0.isWeak } ?? qualifiers.first
        }
        /// A probability stated in numbers, with the words that stated it.
        public let stated: (text: String, probability: Probability)?

        public var band: Band? { governing?.band }

        public static func == (a: Reading, b: Reading) -> Bool {
            a.qualifiers == b.qualifiers && a.stated?.text == b.stated?.text && a.stated?.probability == b.stated?.probability
        }
    }

    static let weakWords: Set<String> = ["maybe", "perhaps", "probably", "probable", "50/50", "toss-up", "可能", "也许", "或许", "说不定", "大概", "应该会"]

    static let english: [(String, Band, Bool)] = [
        ("almost no chance", .almostNoChance, false), ("remote", .almostNoChance, false),
        ("extremely unlikely", .almostNoChance, false), ("exceptionally unlikely", .almostNoChance, false),
        ("virtually impossible", .almostNoChance, false),
        ("very unlikely", .veryUnlikely, false), ("highly unlikely", .veryUnlikely, false), ("highly improbable", .veryUnlikely, false),
        ("quite unlikely", .unlikely, false), ("unlikely", .unlikely, false), ("improbable", .unlikely, false),
        ("probably not", .unlikely, false), ("i doubt", .unlikely, false), ("doubt", .unlikely, false),
        ("i don't think", .unlikely, true), ("i do not think", .unlikely, true),
        ("about as likely as not", .roughlyEven, false), ("roughly even", .roughlyEven, false), ("50/50", .roughlyEven, false),
        ("toss-up", .roughlyEven, false), ("maybe", .roughlyEven, false), ("perhaps", .roughlyEven, false),
        ("almost certain", .almostCertain, false), ("almost certainly", .almostCertain, false),
        ("extremely likely", .almostCertain, false), ("virtually certain", .almostCertain, false),
        ("nearly certain", .almostCertain, false), ("no doubt", .almostCertain, false),
        ("very likely", .veryLikely, false), ("highly likely", .veryLikely, false), ("highly probable", .veryLikely, false),
        ("likely", .likely, false), ("probably", .likely, false), ("probable", .likely, false),
        ("i expect", .likely, true), ("my guess is", .likely, true), ("my guess", .likely, true), ("i think", .likely, true),
    ]

    static let chinese: [(String, Band, Bool)] = [
        ("几乎不可能", .almostNoChance, false), ("极不可能", .almostNoChance, false), ("极其不可能", .almostNoChance, false),
        ("非常不可能", .veryUnlikely, false), ("很不可能", .veryUnlikely, false),
        ("不太可能", .unlikely, false), ("不大可能", .unlikely, false), ("不可能性较大", .unlikely, false),
        ("相当不可能", .unlikely, false), ("不可能", .almostNoChance, false),
        ("几乎肯定", .almostCertain, false), ("极有可能", .almostCertain, false), ("极可能", .almostCertain, false),
        ("毫无疑问", .almostCertain, false),
        ("很有可能", .veryLikely, false), ("非常可能", .veryLikely, false), ("很可能", .veryLikely, false),
        ("一半一半", .roughlyEven, false), ("说不定", .roughlyEven, false), ("也许", .roughlyEven, false),
        ("或许", .roughlyEven, false), ("可能", .roughlyEven, false),
        ("应该会", .likely, false), ("大概", .likely, false),
        ("我认为", .likely, true), ("我预计", .likely, true), ("我猜", .likely, true), ("我想", .likely, true),
    ]

    /// All qualifiers, longest first so that "very unlikely" is not read as "unlikely".
    static let table: [(String, Band, Bool)] = (english + chinese).sorted { $0.0.count > $1.0.count }

    /// Reads qualifiers and a stated number. In running text (`isConfidenceField` false) a number
    /// counts only with words about chance nearby; in a field that holds only the speaker's
    /// confidence ("I'd say 3 in 4") every such number does.
    /// The table's words as UTF-8, searched for byte by byte: Foundation's `range(of:)` folds
    /// characters as it goes and took a third of the time of a transcript's extraction.
    static let needles: [[UInt8]] = table.map { Array($0.0.utf8) }

    /// Where `needle` stands in `hay` from `start`, as a byte offset.
    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= hay.count else { return nil }
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    public static func read(_ text: String, isConfidenceField: Bool = false) -> Reading {
        let lower = text.lowercased().replacingOccurrences(of: "’", with: "'")
        let bytes = Array(lower.utf8)
        var taken: [Range<String.Index>] = []
        var qualifiers: [Qualifier] = []
        for (n, (words, band, hedge)) in table.enumerated() {
            var from = 0
            while let hit = find(needles[n], in: bytes, from: from) {
                from = hit + needles[n].count
                let u = lower.utf8
                guard let lo = u.index(u.startIndex, offsetBy: hit).samePosition(in: lower),
                      let hi = u.index(u.startIndex, offsetBy: from).samePosition(in: lower) else { continue }
                let r = lo..<hi
                if taken.contains(where: { $0.overlaps(r) }) { continue }
                let isLatin = words.first.map { $0.isASCII } ?? false
                if isLatin {
                    let before = r.lowerBound > lower.startIndex ? lower[lower.index(before: r.lowerBound)] : " "
                    let after = r.upperBound < lower.endIndex ? lower[r.upperBound] : " "
                    if before.isLetter || after.isLetter { continue }
                }
                taken.append(r)
                let negated = isLatin && isNegated(lower, before: r.lowerBound)
                let original = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.lowerBound))
                let originalEnd = text.index(original, offsetBy: lower.distance(from: r.lowerBound, to: r.upperBound))
                qualifiers.append(Qualifier(text: String(text[original..<originalEnd]), band: negated ? band.complement : band,
                                            negated: negated, isHedge: hedge, range: original..<originalEnd))
            }
        }
        qualifiers.sort { $0.range.lowerBound < $1.range.lowerBound }
        return Reading(qualifiers: qualifiers, stated: stated(in: text, anyContext: isConfidenceField))
    }

    /// "not likely", "isn't very likely", "not extremely likely": a negation just before.
    static func isNegated(_ text: String, before index: String.Index) -> Bool {
        let head = text[..<index].split(whereSeparator: { $0 == " " || $0 == "," }).suffix(2).map(String.init)
        return head.contains { ["not", "isn't", "aren't", "wasn't", "won't", "never", "hardly"].contains($0) || $0.hasSuffix("n't") }
            && !head.contains("doubt")
    }

    static let percent = NSRegularExpression.constant("(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent|per cent)", options: [.caseInsensitive])
    static let inN = NSRegularExpression.constant("\\b(\\d{1,3})\\s+(?:in|out of)\\s+(\\d{1,4})\\b", options: [.caseInsensitive])
    static let odds = NSRegularExpression.constant("\\bodds\\s+(?:of\\s+|are\\s+|at\\s+)?(\\d{1,3})\\s*(?::|to)\\s*(\\d{1,3})\\b", options: [.caseInsensitive])
    static let zhPercent = NSRegularExpression.constant("百分之(\\d{1,3}|[一二三四五六七八九十]+)", options: [])
    static let chanceWords = ["chance", "probability", "likely", "likelihood", "confident", "confidence", "certain", "sure", "odds", "bet",
                              "可能", "概率", "把握", "几率"]

    /// A probability stated in numbers, where the words around it make it one ("a 70% chance",
    /// "3 in 4", "odds 1:3"); "a 50% time horizon" or "10 times" are not.
    static func stated(in text: String, anyContext: Bool) -> (text: String, probability: Probability)? {
        let ns = text as NSString
        let full = NSRange(location: 0, length: ns.length)
        func near(_ r: NSRange) -> Bool {
            if anyContext { return true }
            let from = max(0, r.location - 40), to = min(ns.length, r.location + r.length + 40)
            let around = ns.substring(with: NSRange(location: from, length: to - from)).lowercased()
            return chanceWords.contains { around.contains($0) }
        }
        if let m = odds.firstMatch(in: text, range: full), let a = Double(ns.substring(with: m.range(at: 1))),
           let b = Double(ns.substring(with: m.range(at: 2))), a + b > 0, let p = try? Probability(a / (a + b)) {
            return (ns.substring(with: m.range), p)
        }
        if let m = inN.firstMatch(in: text, range: full), let a = Double(ns.substring(with: m.range(at: 1))),
           let b = Double(ns.substring(with: m.range(at: 2))), b > 0, a <= b, near(m.range) || m.range.length == ns.length,
           let p = try? Probability(a / b) {
            return (ns.substring(with: m.range), p)
        }
        for m in percent.matches(in: text, range: full) where near(m.range) || m.range.length == ns.length {
            if let v = Double(ns.substring(with: m.range(at: 1))), let p = try? Probability(v / 100) {
                return (ns.substring(with: m.range), p)
            }
        }
        if let m = zhPercent.firstMatch(in: text, range: full) {
            let digits = ns.substring(with: m.range(at: 1))
            if let v = Int(digits) ?? TimePhrases.chineseNumber(digits), let p = try? Probability(Double(v) / 100) {
                return (ns.substring(with: m.range), p)
            }
        }
        return nil
    }
}

extension Confidence {
    /// The probability read from the words, marked as inferred: nil when the words give no band.
    public var inferred: Inferred? {
        guard let words else { return nil }
        let reading = EstimativeLanguage.read(words)
        guard let q = reading.governing else { return nil }
        return Inferred(band: q.band, qualifier: q.text)
    }

    public struct Inferred: Equatable, Sendable {
        public let band: EstimativeLanguage.Band
        /// The words that governed.
        public let qualifier: String
        public var low: Double { band.range.lowerBound }
        public var high: Double { band.range.upperBound }
        public var midpoint: Double { band.midpoint }
    }

    /// Words and, where they state a number ("3 in 4", "70%"), that number as the stated probability.
    public static func reading(words: String?, stated: Probability? = nil) -> Confidence {
        Confidence(words: words, stated: stated ?? words.flatMap { EstimativeLanguage.read($0, isConfidenceField: true).stated?.probability })
    }
}
