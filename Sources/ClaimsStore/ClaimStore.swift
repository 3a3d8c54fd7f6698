import ClaimsCore
import ClaimsLog
import Foundation

/// A part of an import: claims, and the change that records them; with the digest of what
/// each claim was given as (`NewClaim.inputData`), computed on every core when the part is made
/// (by the thread that reads the files, not the one that writes).
public struct ImportPart: Sendable {
    public let claims: [NewClaim]
    public let change: Change
    /// The first 16 bytes of the SHA-256 of each claim's input data.
    public let inputDigests: [[UInt8]]

    public init(claims: [NewClaim], change: Change) {
        self.claims = claims
        self.change = change
        inputDigests = claims.concurrentMap(perWorker: 500) { Array(LogHash.sha256($0.inputData).bytes.prefix(16)) }
    }

    /// The index of each claim whose id the part names once. A claim named twice (a tracker's
    /// file may) is compared field by field each time, never through its import mark: the first
    /// may change what the second finds.
    var indexOfIDsNamedOnce: [ClaimID: Int] {
        var byID: [ClaimID: Int] = [:], twice = Set<ClaimID>()
        for (i, claim) in claims.enumerated() {
            guard let id = claim.id else { continue }
            if byID.updateValue(i, forKey: id) != nil { twice.insert(id) }
        }
        for id in twice { byID[id] = nil }
        return byID
    }
}

/// The claimants whose names are close to `name`: containing it, or a few letters from it (at
/// most five, the closest first), among `names` (each name once).
func claimantsNear(_ name: String, among names: () throws -> [String]) rethrows -> [String] {
    let wanted = name.lowercased()
    var found: [(distance: Int, name: String)] = []
    for claimant in try names() {
        let lower = claimant.lowercased()
        if lower.contains(wanted) { found.append((0, claimant)); continue }
        let d = editDistance(wanted, lower)
        if d <= max(2, wanted.count / 3) { found.append((d, claimant)) }
    }
    return Array(found.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(5).map(\.name))
}

/// The store's interface: whole operations, each one transaction, on domain values. A backend
/// (SQLite today, through `ClaimsDatabase`) implements it; the rules (what a change does, what
/// is due, what is scored) stay in ClaimsCore, and the operations below only record and find.
///
/// Writes never call back into the caller while they hold the database: a change to make is
/// given whole (`ClaimChange`), and the store applies it inside its transaction.
public protocol ClaimStore: AnyObject, Sendable {
    // MARK: Writes

    /// Logs a complete new claim with its first version, forecasts and resolution.
    @discardableResult
    func add(_ claim: NewClaim, change: Change) throws -> ClaimID

    /// Logs a new claim made from `fields` (`ClaimChange.newContent`): a source named by its key
    /// alone is the one last described under it.
    @discardableResult
    func add(_ fields: ClaimChange, id: ClaimID?, defaultSaidOn: Day, change: Change) throws -> ClaimID

    /// Appends a version: the current one with `fields` applied. Refuses a change that changes nothing.
    @discardableResult
    func edit(_ id: ClaimID, _ fields: ClaimChange, change: Change) throws -> ClaimVersion

    func addForecast(_ id: ClaimID, _ forecast: Forecast, change: Change) throws

    /// Records an outcome; if the claim has one, appends a revision that amends it.
    @discardableResult
    func resolve(_ id: ClaimID, _ resolution: Resolution, change: Change) throws -> ResolutionRevision

    /// Brings the database up to the claims of an import, in one transaction, by the rule of
    /// `ImportOutcome.plan`: `next` gives the claims a part at a time (each part with the change
    /// it records: a file's reason), and `outcomes` gets each part's outcomes as it is written,
    /// so that an import of any size is held a part at a time. With `dryRun`, nothing is kept
    /// and only the outcomes remain. If `next` or `outcomes` throws, nothing is kept.
    ///
    /// `next` and `outcomes` run inside the transaction: they read files and print, and must not
    /// use the store.
    ///
    /// `expectedClaims`, when known, is how many claims the parts hold in all: a backend may
    /// write a large import differently (SQLite builds some indexes at the end).
    func sync(dryRun: Bool, expectedClaims: Int?, reading next: () throws -> ImportPart?, outcomes: ([ImportOutcome]) throws -> Void) throws

    /// Fills this database, which must hold no event, with another's events in log order
    /// (`events` calls its argument with each), as they were recorded, in one transaction; kept
    /// only if the copy's log has `head`'s size and root. Returns how many claims were copied.
    func copyIn(expecting head: Checkpoint, _ events: (_ add: (LogEvent) throws -> Void) throws -> Void) throws -> Int

    // MARK: Reads

    /// The claim whose id is `text`, or the only claim whose id starts with it.
    func matchID(_ text: String) throws -> ClaimID

    /// The claim as held at `point.asOf` (now when nil); nil if it did not exist then.
    func state(_ id: ClaimID, at point: ReadPoint) throws -> ClaimState?

    func history(_ id: ClaimID) throws -> ClaimHistory

    /// Streams the claims that match `filter`, as held at `point`, in `order`, up to
    /// `filter.limit`: a listing of any length in the same memory.
    func eachSummary(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimSummary) throws -> Void) throws

    /// What a listing's table shows (`ClaimLine`) of each claim `eachSummary` gives, in the
    /// same order: read from those columns alone when the filter has no search (whose rule needs
    /// the whole claim), so that a long listing reads a fraction of what its claims hold.
    /// `body` must not use the store (a backend may be reading the rows as they come).
    func eachLine(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder, _ body: (ClaimLine) throws -> Void) throws

    /// How many claims match `filter` (its limit ignored).
    func count(_ filter: ClaimFilter, at point: ReadPoint) throws -> Int

    /// Streams every claim as held at `point` (withdrawn ones too), with its forecasts and
    /// resolution, in `order` (`.id` or `.sourceKey`): an export of any size in flat memory.
    func eachState(at point: ReadPoint, order: ListOrder, _ body: (ClaimState) throws -> Void) throws

    /// The most recent description of the source with this key.
    func latestSource(key: String) throws -> Source?

    /// Claimants' names close to `name`: containing it, or a few letters from it (at most five).
    func claimants(near name: String) throws -> [String]

    /// Those of `ids` the database holds.
    func existingIDs(_ ids: [ClaimID]) throws -> Set<ClaimID>

    /// The claims (not withdrawn) whose statement or quote, in any language, is one of `texts`
    /// once normalized (`Lookalikes.normalized`): one pass over the current versions.
    func claims(withTexts texts: Set<String>) throws -> [(text: String, id: ClaimID, source: String?)]

    /// Streams what scoring needs of each claim matching `filter`, as held at `point`. `body`
    /// must not use the store (a backend may be reading the rows as they come).
    func scoringFacts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool,
                      _ body: (ScoringFacts) throws -> Void) throws

    /// Streams the forecasts recorded by `point` on each claim matching `filter`, ordered by
    /// claim, forecaster, the day made, and the order recorded.
    func scoringForecasts(_ filter: ClaimFilter, at point: ReadPoint, withTags: Bool,
                          _ body: (ScoringFacts, _ forecaster: String, _ probability: Double, _ madeOn: Day,
                                   _ recordedAt: Timestamp) throws -> Void) throws

    /// The digest of the claim's last event.
    func digest(_ id: ClaimID) throws -> String?

    /// Every hash chain and every log leaf recomputed, and the backend's own integrity checks.
    func verify() throws -> VerifyReport

    // MARK: The verifiable log

    /// The log's origin, size and root, as of now.
    func logHead() throws -> Checkpoint

    /// The head of the log, and the proof that it extends the tree of its first `size` events.
    func consistencyProof(from size: Int) throws -> (head: Checkpoint, proof: [LogHash])

    /// A claim's events in the log, each with its inclusion proof against the head.
    func inclusionProofs(_ id: ClaimID, treeSize: Int?) throws -> (head: Checkpoint, events: [(seq: Int, event: LogEvent, proof: [LogHash])])

    /// Streams every event in log order, read from the rows it names (nil when they are gone),
    /// with the leaf the log stored for it.
    func logEvents(_ body: (_ seq: Int, _ event: LogEvent?, _ storedLeaf: LogHash?) throws -> Void) throws
}

extension ClaimStore {
    /// The claims that match `filter`, as held at `point`, in `order`, up to `filter.limit`.
    public func list(_ filter: ClaimFilter, at point: ReadPoint, order: ListOrder = .windowEnd) throws -> [ClaimSummary] {
        var claims: [ClaimSummary] = []
        try eachSummary(filter, at: point, order: order) { claims.append($0) }
        return claims
    }

    /// Every claim as held at `point`, with its forecasts and resolution, by id.
    public func allStates(at point: ReadPoint) throws -> [ClaimState] {
        var states: [ClaimState] = []
        try eachState(at: point, order: .id) { states.append($0) }
        return states
    }

    public func sync(_ claims: [NewClaim], change: Change, dryRun: Bool = false) throws -> [ImportOutcome] {
        try sync([(claims, change)], dryRun: dryRun)[0]
    }

    /// Several batches held whole (the files of one import, each with its own reason), in one
    /// transaction: the outcomes of each batch.
    public func sync(_ batches: [(claims: [NewClaim], change: Change)], dryRun: Bool) throws -> [[ImportOutcome]] {
        var parts = batches.makeIterator()
        var results: [[ImportOutcome]] = []
        try sync(dryRun: dryRun, expectedClaims: batches.reduce(0) { $0 + $1.claims.count },
                 reading: { parts.next().map { ImportPart(claims: $0.claims, change: $0.change) } },
                 outcomes: { results.append($0) })
        return results
    }

    /// Claims not resolved whose window ended before `point.today`, or ends on or before
    /// `horizon` when given; earliest window end (most overdue) first.
    public func due(_ filter: ClaimFilter, at point: ReadPoint, horizon: Day? = nil) throws -> [ClaimSummary] {
        try list(filter.due(today: point.today, horizon: horizon), at: point)
    }

    /// `due`, streamed.
    public func eachDue(_ filter: ClaimFilter, at point: ReadPoint, horizon: Day? = nil, _ body: (ClaimSummary) throws -> Void) throws {
        try eachSummary(filter.due(today: point.today, horizon: horizon), at: point, order: .windowEnd, body)
    }

    /// `due`, streamed as the lines of a table.
    public func eachDueLine(_ filter: ClaimFilter, at point: ReadPoint, horizon: Day? = nil, _ body: (ClaimLine) throws -> Void) throws {
        try eachLine(filter.due(today: point.today, horizon: horizon), at: point, order: .windowEnd, body)
    }

    /// The `limit` claims whose windows end nearest `point.today`, by window end: the claims
    /// ending from today on and those ending before, each found in window-end order.
    public func nearestWindows(_ filter: ClaimFilter, at point: ReadPoint, limit: Int) throws -> [ClaimSummary] {
        var after = filter, before = filter
        after.dueOnOrAfter = point.today
        after.limit = limit
        before.dueOnOrBefore = point.today.adding(days: -1)
        before.limit = limit
        let candidates = try list(after, at: point) + list(before, at: point, order: .windowEndDescending)
        // Both lists hold only claims with a window.
        let withEnds = candidates.compactMap { c in c.content.window.map { (end: $0.end, claim: c) } }
        func distance(_ end: Day) -> Int { abs(end.days(until: point.today)) }
        return Array(withEnds.sorted { (distance($0.end), $0.claim.id) < (distance($1.end), $1.claim.id) }.prefix(limit))
            .sorted { ($0.end, $0.claim.id) < ($1.end, $1.claim.id) }.map(\.claim)
    }

    /// The units a scorecard scores, one per claim (or per claim and forecaster), as held at
    /// `point`: the store finds the facts, the domain's rules make the units.
    public func scoringRows(_ filter: ClaimFilter, at point: ReadPoint, use: ScoreUse, pick: ForecastPick = .windowOpen,
                            withTags: Bool, _ body: (ScoreRow) throws -> Void) throws {
        if use != .forecasters {
            var probabilities = ClaimantProbabilities(use: use)
            try scoringFacts(filter, at: point, withTags: withTags) { facts in
                try body(ScoreRow(facts, unit: probabilities.unit(facts, today: point.today)))
            }
            return
        }
        var pending: ForecastChoice?
        try scoringForecasts(filter, at: point, withTags: withTags) { facts, forecaster, probability, madeOn, recordedAt in
            if let p = pending, p.facts.claimID != facts.claimID || p.forecaster != forecaster {
                try body(p.row(today: point.today))
                pending = nil
            }
            if pending == nil { pending = ForecastChoice(pick: pick, facts: facts, forecaster: forecaster) }
            pending?.consider(probability: probability, madeOn: madeOn, recordedAt: recordedAt)
        }
        if let p = pending { try body(p.row(today: point.today)) }
    }

    public func scorecard(_ filter: ClaimFilter, at point: ReadPoint, use: ScoreUse, pick: ForecastPick = .windowOpen,
                          by grouping: ScoreGrouping, options: ScoringOptions) throws -> Scorecard {
        var builder = ScorecardBuilder(grouping: grouping, options: options)
        try scoringRows(filter, at: point, use: use, pick: pick, withTags: grouping == .tag) { builder.add($0) }
        return builder.scorecard
    }
}
