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
