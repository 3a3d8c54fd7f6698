import Foundation

/// 95% Wilson score interval for `successes` out of `trials`.
public func wilsonInterval(successes: Double, trials: Double, z: Double = 1.959963984540054) -> ClosedRange<Double>? {
    guard trials > 0 else { return nil }
    let p = successes / trials
    let z2 = z * z
    let denominator = 1 + z2 / trials
    let centre = (p + z2 / (2 * trials)) / denominator
    let half = z * ((p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()) / denominator
    return max(0, centre - half)...min(1, centre + half)
}

/// Streaming tally of one group's resolved claims: memory does not grow with the claims.
public struct ScoreTally: Hashable, Sendable {
    public private(set) var claims = 0
    public private(set) var open = 0
    public private(set) var due = 0
    public private(set) var outcomes: [Outcome: Int] = [:]
    /// Brier over true/false claims with a stated probability (0 best … 1 worst).
    public private(set) var brierSum = 0.0
    public private(set) var brierCount = 0

    public init() {}

    public mutating func add(status: ClaimStatus, outcome: Outcome?, statedProbability: Probability?) {
        claims += 1
        switch status {
        case .open: open += 1
        case .due: due += 1
        case .resolved: break
        }
        guard let outcome else { return }
        outcomes[outcome, default: 0] += 1
        let o: Double
        switch outcome {
        case .true: o = 1
        case .false: o = 0
        case .partial, .annulled: return
        }
        if let p = statedProbability?.value {
            brierSum += (p - o) * (p - o)
            brierCount += 1
        }
    }

    public func count(_ outcome: Outcome) -> Int { outcomes[outcome] ?? 0 }
    public var resolved: Int { outcomes.values.reduce(0, +) }

    /// Share of true among true + false.
    public var hitRate: Double? {
        let decided = count(.true) + count(.false)
        return decided == 0 ? nil : Double(count(.true)) / Double(decided)
    }

    public var hitRateInterval: ClosedRange<Double>? {
        wilsonInterval(successes: Double(count(.true)), trials: Double(count(.true) + count(.false)))
    }

    public var brier: Double? { brierCount == 0 ? nil : brierSum / Double(brierCount) }
}
