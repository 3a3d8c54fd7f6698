import ClaimsCore
import Foundation
import Testing

/// Hand-worked examples of the scoring conventions (docs/conventions.md).
@Suite struct ScorecardMathTests {
    func accumulate(_ units: [(Outcome?, Double?)], _ options: ScoringOptions = ScoringOptions()) -> ScoreSummary {
        var a = ScoreAccumulator(options: options)
        for (o, p) in units {
            a.add(ScoringUnit(status: o == nil ? .open : .resolved, outcome: o, probability: p, kind: p == nil ? nil : .stated))
        }
        return a.summary
    }

    @Test func brierSkillAndBaseRate() throws {
        // p: 0.9 (true), 0.7 (false), 0.2 (false), 0.6 (true).
        // BS = (0.01 + 0.49 + 0.04 + 0.16) / 4 = 0.175; base rate 0.5; BSS = 1 − 0.175 / 0.25 = 0.3.
        let s = accumulate([(.true, 0.9), (.false, 0.7), (.false, 0.2), (.true, 0.6)])
        #expect(abs(try #require(s.brier) - 0.175) < 1e-12)
        #expect(s.baseRate == 0.5)
        #expect(abs(try #require(s.brierSkill) - 0.3) < 1e-12)
        let two = accumulate([(.true, 0.9), (.false, 0.7), (.false, 0.2), (.true, 0.6)], ScoringOptions(brierScale: 2))
        #expect(abs(try #require(two.brier) - 0.35) < 1e-12)
    }

    @Test func logScoreClampsAndRewardsConfidenceWhenRight() {
        // 100 · (log₂ 0.8 + 1) = 100 · (−0.321928 + 1) = 67.807
        #expect(abs(ScoreAccumulator.logScore(0.8, 1) - 67.80719051126377) < 1e-9)
        #expect(abs(ScoreAccumulator.logScore(0.5, 1)) < 1e-12)
        // p = 1 on a false claim is clamped to 0.999: 100 · (log₂ 0.001 + 1) = −896.578
        #expect(abs(ScoreAccumulator.logScore(1, 0) - (100 * (log2(0.001) + 1))) < 1e-9)
        #expect(abs(ScoreAccumulator.logScore(1, 1) - (100 * (log2(0.999) + 1))) < 1e-9)
    }

    @Test func partialIsLeftOutUnlessHalfAndAnnulledIsNeverScored() throws {
        let units: [(Outcome?, Double?)] = [(.true, 0.8), (.partial, 0.6), (.annulled, 0.9), (nil, 0.5)]
        let left = accumulate(units)
        #expect(left.scored == 1 && left.outcomes[.partial] == 1 && left.outcomes[.annulled] == 1 && left.open == 1)
        #expect(abs(try #require(left.brier) - 0.04) < 1e-12)
        let half = accumulate(units, ScoringOptions(partialAsHalf: true))
        // ((0.8 − 1)² + (0.6 − 0.5)²) / 2 = (0.04 + 0.01) / 2 = 0.025
        #expect(half.scored == 2)
        #expect(abs(try #require(half.brier) - 0.025) < 1e-12)
    }

    @Test func flatAssertionsAreScoredByHitRateWithAWilsonInterval() throws {
        let s = accumulate(Array(repeating: (Outcome.true, nil), count: 8) + Array(repeating: (Outcome.false, nil), count: 2))
        #expect(s.scored == 0 && s.brier == nil && s.flatAssertions == 10)
        #expect(s.hitRate == 0.8)
        let i = try #require(s.hitRateInterval)
        #expect(abs(i.lowerBound - 0.49016) < 1e-4 && abs(i.upperBound - 0.94332) < 1e-4)
    }

    @Test func calibrationBinsAreLeftClosedWithOneInTheLast() {
        let s = accumulate([(.false, 0.0), (.true, 0.1), (.true, 0.15), (.false, 0.95), (.true, 1.0)])
        #expect(s.calibration.count == 10)
        #expect(s.calibration[0].count == 1 && s.calibration[1].count == 2 && s.calibration[9].count == 2)
        #expect(s.calibration[1].meanForecast == 0.125 && s.calibration[1].observed == 1)
        #expect(s.calibration[9].includesUpper && !s.calibration[8].includesUpper)
        #expect(accumulate([(.true, 0.5)], ScoringOptions(bins: 4)).calibration.map(\.count) == [0, 0, 1, 0])
    }

    @Test func murphyDecompositionIsExactOverDistinctValues() throws {
        // Values 0.2 (×3: one true) and 0.7 (×2: both true). ō = 3/5 = 0.6.
        // REL = (3 · (0.2 − 1/3)² + 2 · (0.7 − 1)²) / 5 = (0.053333 + 0.18) / 5 = 0.046667
        // RES = (3 · (1/3 − 0.6)² + 2 · (1 − 0.6)²) / 5 = (0.213333 + 0.32) / 5 = 0.106667
        // UNC = 0.6 · 0.4 = 0.24; BS = (0.64 + 0.04 + 0.04 + 0.09 + 0.09) / 5 = 0.18 = REL − RES + UNC
        let s = accumulate([(.true, 0.2), (.false, 0.2), (.false, 0.2), (.true, 0.7), (.true, 0.7)])
        let d = try #require(s.decomposition)
        #expect(abs(d.reliability - 0.046666666666666) < 1e-12)
        #expect(abs(d.resolution - 0.106666666666666) < 1e-12)
        #expect(abs(d.uncertainty - 0.24) < 1e-12)
        #expect(abs(d.brier - 0.18) < 1e-12)
        #expect(abs(try #require(s.brier) - d.brier) < 1e-12)
        #expect(d.distinctValues == 2)
    }

    @Test func horizonsBucketTheTimeToTheWindowsEnd() throws {
        let said = try Day("2025-10-23")
        #expect(Horizon(from: said, to: try Day("2026-03-31")) == .underSixMonths)
        #expect(Horizon(from: said, to: try Day("2026-06-30")) == .sixToTwelveMonths)
        #expect(Horizon(from: said, to: try Day("2027-06-30")) == .oneToTwoYears)
        #expect(Horizon(from: said, to: try Day("2030-12-31")) == .overTwoYears)
        #expect(Horizon(from: said, to: nil) == Horizon.none)
    }

    @Test func smallGroupsAreMarked() {
        #expect(accumulate([(.true, 0.9)]).isSmall)
        #expect(!accumulate(Array(repeating: (Outcome.true, 0.9), count: 10)).isSmall)
    }
}
