import Foundation

/// Levenshtein distance between two texts, by characters: how many insertions, deletions and
/// substitutions turn one into the other. For suggesting the name someone meant.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() { current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))) }
        previous = current
    }
    return previous[b.count]
}
