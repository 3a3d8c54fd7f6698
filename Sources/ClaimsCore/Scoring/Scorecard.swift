import Foundation

/// How a scorecard counts, following docs/conventions.md.
public struct ScoringOptions: Sendable, Equatable {
    /// Calibration bins: [0, 1/n), [1/n, 2/n), …, [(n−1)/n, 1] (1.0 falls in the last bin).
    public var bins: Int = 10
    /// Score partial outcomes as 0.5 (otherwise they are counted and left out).
    public var partialAsHalf = false
    /// 1: the 0–1 Brier score; 2: the two-category 0–2 form of Fatebook and Good Judgment Open.
    public var brierScale = 1
    /// Score only witnessed probabilities: those the log shows recorded before the outcome was.
    public var witnessedOnly = false

    public init(bins: Int = 10, partialAsHalf: Bool = false, brierScale: Int = 1, witnessedOnly: Bool = false) {
        self.bins = bins
        self.partialAsHalf = partialAsHalf
        self.brierScale = brierScale
        self.witnessedOnly = witnessedOnly
    }
}

/// Where a scored probability came from. Every figure says which it used.
public enum ProbabilityKind: String, CaseIterable, Sendable, Codable {
    /// A number the claimant stated.
    case stated
    /// The midpoint of the band the claimant's words stand for.
    case inferred
    /// A forecast someone logged on the claim.
    case forecast
}

/// One thing to score: a claim's outcome and, unless it is a flat assertion, a probability.
public struct ScoringUnit: Sendable {
    public var status: ClaimStatus
    public var outcome: Outcome?
    public var probability: Double?
    public var kind: ProbabilityKind?
    /// A forecast made on or after the day the outcome was settled: excluded, and counted.
    public var madeAfterOutcome = false
    /// Without a probability, a flat assertion (scored by hit rate); false when it has one of
    /// another kind than the scorecard asked for (left out, and counted).
    public var isFlat = true
    /// The probability was recorded before the outcome was (the log shows it); else it is
    /// reported: it arrived with or after the outcome, dated only by what its source says.
    public var witnessed = true

    public init(status: ClaimStatus, outcome: Outcome?, probability: Double? = nil, kind: ProbabilityKind? = nil, madeAfterOutcome: Bool = false) {
        self.status = status
        self.outcome = outcome
        self.probability = probability
        self.kind = kind
        self.madeAfterOutcome = madeAfterOutcome
    }
}

/// Streaming figures for one group: add units one by one; memory grows with the number of
/// calibration bins and distinct probability values, not with the number of claims.
public struct ScoreAccumulator: Sendable {
    public let options: ScoringOptions
    public private(set) var units = 0
    public private(set) var open = 0
    public private(set) var due = 0
    public private(set) var outcomes: [Outcome: Int] = [:]
    public private(set) var kinds: [ProbabilityKind: Int] = [:]
    public private(set) var excludedAfterOutcome = 0
    /// Resolved units with a probability of another kind than the one asked for.
    public private(set) var withoutAskedProbability = 0
    /// Scored probabilities recorded before their outcome, and those reported with or after it.
    public private(set) var witnessed = 0
    public private(set) var reported = 0
    /// Reported probabilities left out because only witnessed ones were asked for.
    public private(set) var excludedReported = 0

    // Probabilistic forecasts scored.
    public private(set) var n = 0.0
    var sumP = 0.0, sumO = 0.0, sumSquares = 0.0, sumLog = 0.0
    var binN: [Double], binP: [Double], binO: [Double]
    var byValue: [Double: (n: Double, o: Double)] = [:]

    // Flat assertions: outcome without probability.
    public private(set) var flatSuccesses = 0.0
    public private(set) var flatTrials = 0.0

    public init(options: ScoringOptions = ScoringOptions()) {
        self.options = options
        binN = Array(repeating: 0, count: options.bins)
        binP = binN
        binO = binN
    }

    /// The outcome as a number, or nil when it is not scored (open, annulled, partial unless half).
    func value(_ outcome: Outcome?) -> Double? {
        switch outcome {
        case .true?: return 1
        case .false?: return 0
        case .partial?: return options.partialAsHalf ? 0.5 : nil
        case .annulled?, nil: return nil
        }
    }

    public mutating func add(_ unit: ScoringUnit) {
        units += 1
        switch unit.status {
        case .open: open += 1
        case .due: due += 1
        case .resolved, .withdrawn: break
        }
        if let o = unit.outcome { outcomes[o, default: 0] += 1 }
        guard let o = value(unit.outcome) else { return }
        guard let p = unit.probability else {
            if unit.madeAfterOutcome { excludedAfterOutcome += 1 }
            else if unit.isFlat { flatTrials += 1; flatSuccesses += o }
            else { withoutAskedProbability += 1 }
            return
        }
        if unit.madeAfterOutcome { excludedAfterOutcome += 1; return }
        if !unit.witnessed && options.witnessedOnly { excludedReported += 1; return }
        if unit.witnessed { witnessed += 1 } else { reported += 1 }
        if let kind = unit.kind { kinds[kind, default: 0] += 1 }
        n += 1
        sumP += p
        sumO += o
        sumSquares += (p - o) * (p - o)
        sumLog += Self.logScore(p, o)
        let bin = min(options.bins - 1, Int((p * Double(options.bins)).rounded(.down)))
        binN[bin] += 1
        binP[bin] += p
        binO[bin] += o
        byValue[p, default: (0, 0)].n += 1
        byValue[p, default: (0, 0)].o += o
    }

    /// Metaculus' baseline log score: 100 · (log₂ P(outcome) + 1), p clamped to [0.001, 0.999];
    /// a partial outcome scored as half scores the mean of both.
    public static func logScore(_ p: Double, _ o: Double) -> Double {
        let q = min(0.999, max(0.001, p))
        return o * 100 * (log2(q) + 1) + (1 - o) * 100 * (log2(1 - q) + 1)
    }

    public func count(_ outcome: Outcome) -> Int { outcomes[outcome] ?? 0 }

    public var summary: ScoreSummary {
        var s = ScoreSummary(units: units, open: open, due: due,
                             outcomes: Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0, count($0)) }),
                             kinds: kinds, excludedAfterOutcome: excludedAfterOutcome,
                             withoutAskedProbability: withoutAskedProbability, scored: Int(n),
                             brierScale: options.brierScale, partialAsHalf: options.partialAsHalf)
        s.witnessed = witnessed
        s.reported = reported
        s.excludedReported = excludedReported
        if flatTrials > 0 {
            s.hitRate = flatSuccesses / flatTrials
            s.hitRateInterval = wilsonInterval(successes: flatSuccesses, trials: flatTrials)
            s.flatAssertions = Int(flatTrials)
        }
        guard n > 0 else { return s }
        let brier = sumSquares / n
        s.brier = brier * Double(options.brierScale)
        let base = sumO / n
        s.baseRate = base
        s.meanForecast = sumP / n
        let uncertainty = base * (1 - base)
        if uncertainty > 0 { s.brierSkill = 1 - brier / uncertainty }
        s.logScore = sumLog / n
        s.calibration = (0..<options.bins).map { k in
            let count = binN[k]
            // k / bins, not k × (1 / bins): 3 / 10 is the double 0.3, 3 × 0.1 is 0.30000000000000004.
            return CalibrationBin(lower: Double(k) / Double(options.bins), upper: k == options.bins - 1 ? 1 : Double(k + 1) / Double(options.bins),
                                  includesUpper: k == options.bins - 1, count: Int(count),
                                  meanForecast: count > 0 ? binP[k] / count : nil, observed: count > 0 ? binO[k] / count : nil,
                                  interval: wilsonInterval(successes: binO[k], trials: count))
        }
        // Murphy's decomposition over the distinct forecast values: exact, BS = REL − RES + UNC.
        var rel = 0.0, res = 0.0
        for (f, t) in byValue {
            let ok = t.o / t.n
            rel += t.n * (f - ok) * (f - ok)
            res += t.n * (ok - base) * (ok - base)
        }
        s.decomposition = Decomposition(reliability: rel / n, resolution: res / n, uncertainty: uncertainty,
                                        distinctValues: byValue.count)
        return s
    }
}

public struct CalibrationBin: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// Bins are left-closed, [lower, upper); the last also holds 1.0.
    public let includesUpper: Bool
    public let count: Int
    public let meanForecast: Double?
    public let observed: Double?
    public let interval: ClosedRange<Double>?
}

public struct Decomposition: Sendable, Equatable {
    public let reliability: Double
    public let resolution: Double
    public let uncertainty: Double
    /// The decomposition is over this many distinct forecast values.
    public let distinctValues: Int
    /// REL − RES + UNC, which equals the Brier score (0–1).
    public var brier: Double { reliability - resolution + uncertainty }
}

/// The figures of one group.
public struct ScoreSummary: Sendable {
    public var units: Int
    public var open: Int
    public var due: Int
    public var outcomes: [Outcome: Int]
    public var kinds: [ProbabilityKind: Int]
    public var excludedAfterOutcome: Int
    public var withoutAskedProbability: Int
    /// Probabilistic forecasts scored.
    public var scored: Int
    public var brierScale: Int
    public var partialAsHalf: Bool
    public var brier: Double?
    public var brierSkill: Double?
    public var baseRate: Double?
    public var meanForecast: Double?
    public var logScore: Double?
    public var hitRate: Double?
    public var hitRateInterval: ClosedRange<Double>?
    public var flatAssertions = 0
    /// Of `scored`: recorded before the outcome, and reported with or after it.
    public var witnessed = 0
    public var reported = 0
    public var excludedReported = 0
    public var calibration: [CalibrationBin] = []
    public var decomposition: Decomposition?

    public init(units: Int, open: Int, due: Int, outcomes: [Outcome: Int], kinds: [ProbabilityKind: Int],
                excludedAfterOutcome: Int, withoutAskedProbability: Int, scored: Int, brierScale: Int, partialAsHalf: Bool) {
        self.withoutAskedProbability = withoutAskedProbability
        self.units = units
        self.open = open
        self.due = due
        self.outcomes = outcomes
        self.kinds = kinds
        self.excludedAfterOutcome = excludedAfterOutcome
        self.scored = scored
        self.brierScale = brierScale
        self.partialAsHalf = partialAsHalf
    }

    /// Fewer than 10 scored forecasts (or flat assertions): shown, and marked as small.
    public var isSmall: Bool { max(scored, flatAssertions) < 10 }
}

/// Time from a claim to the end of its window.
public enum Horizon: String, CaseIterable, Sendable {
    case underSixMonths = "<6 months"
    case sixToTwelveMonths = "6–12 months"
    case oneToTwoYears = "1–2 years"
    case overTwoYears = ">2 years"
    case none = "no window"

    public init(from said: Day, to end: Day?) {
        guard let end else { self = .none; return }
        let months = Double(said.days(until: end)) / 30.4375
        switch months {
        case ..<6: self = .underSixMonths
        case ..<12: self = .sixToTwelveMonths
        case ...24: self = .oneToTwoYears
        default: self = .overTwoYears
        }
    }
}
