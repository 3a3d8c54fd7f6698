import ClaimsCore
import ClaimsLog
import Foundation

/// What state an import left a claim in: its head version and resolution revision, and how
/// many forecasts it has (the claim's import mark, migration 0008).
struct ImportStateAfter { let version: Int; let revision: Int?; let forecasts: Int }

/// One part of an import, inside the import's transaction, on either backend: claims whose
/// import mark says they are as given are unchanged without being read; new claims are written a
/// batch at a time, their digests computed on every core a thousand claims ahead; any other claim first writes the
/// batch, then is brought up to date by the backend (`syncOne`, by the rule of
/// `ImportOutcome.plan`). Each claim's import mark is written after it.
struct PartSync {
    let part: ImportPart
    let change: Change
    let target: any WriteTarget
    /// The indexes of the part's claims that are unchanged since their last import.
    let unchanged: Set<Int>

    init(_ part: ImportPart, change: Change, target: any WriteTarget, unchanged: Set<Int>) {
        self.part = part
        self.change = change
        self.target = target
        self.unchanged = unchanged
    }

    /// `known` holds the ids the database has, and gains the ids added.
    mutating func run(known: inout Set<ClaimID>,
                      syncOne: (NewClaim, Set<ClaimID>) throws -> (ImportOutcome, ImportStateAfter)) throws -> [ImportOutcome] {
        let claims = part.claims
        var outcomes: [ImportOutcome] = []
        outcomes.reserveCapacity(claims.count)
        var fresh: [Int] = [], seen = Set<ClaimID>()
        for (i, claim) in claims.enumerated() {
            if let id = claim.id, !known.contains(id), seen.insert(id).inserted { fresh.append(i) }
        }
        // Digests a thousand new claims at a time, as they are reached: the server (PostgreSQL)
        // writes one thousand while the next are digested.
        var digests = [NewClaimRows.FirstDigests?](repeating: nil, count: claims.count)
        var digested = 0
        func digest(through i: Int) {
            while digested < fresh.count && fresh[digested] <= i {
                let chunk = Array(fresh[digested..<min(fresh.count, digested + 1000)])
                let computed = NewClaimRows.FirstDigests.of(chunk.compactMap { i in claims[i].id.map { (claims[i], $0) } }, change: change)
                for (i, d) in zip(chunk, computed) { digests[i] = d }
                digested += chunk.count
            }
        }
        var rows = NewClaimRows(target)
        var marks = PendingRows(TableRows.importMarks)
        for (i, claim) in claims.enumerated() {
            if unchanged.contains(i), let id = claim.id {
                outcomes.append(ImportOutcome(id: id, kind: .unchanged, changes: [], forecastsAdded: 0, resolutionRecorded: false))
            } else if let id = claim.id, !known.contains(id) {
                digest(through: i)
                try rows.add(claim, id: id, change: change, digests: digests[i])
                known.insert(id)
                outcomes.append(.added(claim, id: id))
                marks.add(.init(id: id, input: part.inputDigests[i], version: 1, revision: claim.resolution == nil ? nil : 1,
                                forecasts: claim.forecasts.count))
                if rows.newClaims >= target.newClaimsPerBatch { try rows.insert() }
            } else {
                try rows.insert()
                let (outcome, after) = try syncOne(claim, known)
                outcomes.append(outcome)
                known.insert(outcome.id)
                marks.add(.init(id: outcome.id, input: part.inputDigests[i], version: after.version, revision: after.revision,
                                forecasts: after.forecasts))
            }
        }
        try rows.insert()
        try target.insert(&marks)
        return outcomes
    }
}
