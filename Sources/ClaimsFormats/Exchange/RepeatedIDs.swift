import ClaimsCore

/// Finds ids used twice in one file, in memory that grows by 8 bytes an id: the first look keeps
/// each id's 64-bit hash only, and an id whose hash was seen before is a suspect; a second look,
/// over the suspects alone, compares the ids themselves and names both lines. Two different ids
/// with the same hash cost a second look and are then let through: nothing is reported on a
/// hash alone.
public struct RepeatedIDs {
    private var seen = Set<Int>()
    private var suspects = Set<Int>()
    let message: (ClaimID, _ first: Int) -> String

    public init(message: @escaping (ClaimID, _ first: Int) -> String = RepeatedIDs.usedTwice) {
        self.message = message
    }

    public static func usedTwice(_ id: ClaimID, first: Int) -> String { "the id '\(id)' is used twice (first on line \(first))" }

    public mutating func note(_ id: ClaimID) {
        let h = id.hashValue
        if !seen.insert(h).inserted { suspects.insert(h) }
    }

    /// Whether some id may be used twice: read the file again through `confirmation`.
    public var hasSuspects: Bool { !suspects.isEmpty }

    public func confirmation(path: String) -> Confirmation { Confirmation(suspects: suspects, path: path, message: message) }

    /// The second look: every claim of the file again, in order.
    public struct Confirmation {
        let suspects: Set<Int>
        let path: String
        let message: (ClaimID, Int) -> String
        var first: [ClaimID: Int] = [:]

        /// The problem of the claim on `line`, when its id was used on an earlier line.
        public mutating func note(_ id: ClaimID, line: Int) -> ClaimFileIssue? {
            guard suspects.contains(id.hashValue) else { return nil }
            if let earlier = first[id] { return ClaimFileIssue(path: path, line: line, message: message(id, earlier)) }
            first[id] = line
            return nil
        }
    }
}
