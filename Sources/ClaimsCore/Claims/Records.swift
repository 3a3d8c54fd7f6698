import Foundation

/// Who makes a change, when, and why. Every write takes one.
public struct Change: Sendable, Equatable {
    public let author: String
    public let at: Timestamp
    public let reason: String

    public init(author: String, at: Timestamp, reason: String) {
        self.author = author
        self.at = at
        self.reason = reason
    }

    /// The same change, recorded no earlier than `earliest`: a history's times never go back.
    public func notBefore(_ earliest: Timestamp) -> Change {
        Change(author: author, at: max(at, earliest), reason: reason)
    }
}

/// Parts of a claim a file can leave to what the database holds: a CSV file has no column for
/// translations, a column may be missing, a cell empty. Importing such a file keeps those parts
/// of a claim the database has, never clears them.
public enum KeptPart: String, Sendable, CaseIterable {
    case source, sourceDetails, quote, location, criteria, window, windowRule, confidenceWords, statedProbability, tags, notes, translations
    /// Whether the claim is withdrawn (formats that cannot say so, CSV among them, keep it).
    case withdrawal
}

/// A claim to add, complete: its content, and optionally an id, forecasts and a resolution.
public struct NewClaim: Sendable, Equatable {
    public var id: ClaimID?
    public var content: ClaimContent
    public var forecasts: [Forecast]
    public var resolution: Resolution?
    /// What the file left out, to be kept from the claim the database holds (if it holds it).
    public var kept: Set<KeptPart> = []

    public init(id: ClaimID? = nil, content: ClaimContent, forecasts: [Forecast] = [], resolution: Resolution? = nil) {
        self.id = id
        self.content = content
        self.forecasts = forecasts
        self.resolution = resolution
    }

    /// Its first version, as recorded by `change`.
    public func firstVersion(id: ClaimID, change: Change) -> ClaimVersion {
        ClaimVersion(id: id, info: VersionInfo(version: 1, recordedAt: change.at, author: change.author, reason: change.reason),
                     content: content)
    }

    /// Its resolution as revision 1, as recorded by `change`.
    public func firstResolution(change: Change) -> ResolutionRevision? {
        resolution.map { ResolutionRevision(revision: 1, resolution: $0, recordedAt: change.at, author: change.author) }
    }
}

/// A claim as listed: its current version, when it was first recorded, and its resolution.
public struct ClaimSummary: Hashable, Sendable {
    public let current: ClaimVersion
    public let firstRecordedAt: Timestamp
    public let resolution: ResolutionRevision?

    public init(current: ClaimVersion, firstRecordedAt: Timestamp, resolution: ResolutionRevision?) {
        self.current = current
        self.firstRecordedAt = firstRecordedAt
        self.resolution = resolution
    }

    public init(_ state: ClaimState) {
        self.init(current: state.current, firstRecordedAt: state.firstRecordedAt, resolution: state.resolution)
    }

    public var id: ClaimID { current.id }
    public var content: ClaimContent { current.content }
    public func status(on today: Day) -> ClaimStatus {
        ClaimStatus(window: content.window, resolved: resolution != nil, withdrawn: content.withdrawal != nil, on: today)
    }

    /// What a listing's table shows of it.
    public var line: ClaimLine {
        ClaimLine(id: id, claimant: content.claimant.value, statement: content.statement.value,
                  windowStart: content.window?.start, windowEnd: content.window?.end, outcome: resolution?.resolution.outcome,
                  withdrawn: content.withdrawal != nil)
    }
}

/// A claim as a listing's table shows it (`ClaimSummary.line`), which a store can read without
/// the rest of the claim: its id, claimant and statement, the days its window opens and ends,
/// its outcome if it has one, and whether it was withdrawn.
public struct ClaimLine: Hashable, Sendable {
    public let id: ClaimID
    public let claimant: String
    public let statement: String
    /// The window's first and last days, both or neither.
    public let windowStart: Day?
    public let windowEnd: Day?
    public let outcome: Outcome?
    public let withdrawn: Bool

    /// A window with only one of its days (which no store holds) is taken as none.
    public init(id: ClaimID, claimant: String, statement: String, windowStart: Day?, windowEnd: Day?, outcome: Outcome?, withdrawn: Bool) {
        self.id = id
        self.claimant = claimant
        self.statement = statement
        let both = windowStart != nil && windowEnd != nil
        self.windowStart = both ? windowStart : nil
        self.windowEnd = both ? windowEnd : nil
        self.outcome = outcome
        self.withdrawn = withdrawn
    }

    /// The status rule (`ClaimStatus(windowEnd:resolved:withdrawn:on:)`), as for its summary.
    public func status(on today: Day) -> ClaimStatus {
        ClaimStatus(windowEnd: windowEnd, resolved: outcome != nil, withdrawn: withdrawn, on: today)
    }
}

/// Every recorded change to a claim, oldest first.
public struct ClaimHistory: Sendable {
    public let versions: [ClaimVersion]
    public let forecasts: [RecordedForecast]
    public let resolutions: [ResolutionRevision]

    public init(versions: [ClaimVersion], forecasts: [RecordedForecast], resolutions: [ResolutionRevision]) {
        self.versions = versions
        self.forecasts = forecasts
        self.resolutions = resolutions
    }
}

/// What bringing one claim up to a file's copy of it did (or, in a dry run, would do).
public struct ImportOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable { case added, changed, unchanged }
    public let id: ClaimID
    public let kind: Kind
    /// For a changed claim: the fields that differ from its current version.
    public let changes: [FieldChange]
    public let forecastsAdded: Int
    public let resolutionRecorded: Bool

    public init(id: ClaimID, kind: Kind, changes: [FieldChange], forecastsAdded: Int, resolutionRecorded: Bool) {
        self.id = id
        self.kind = kind
        self.changes = changes
        self.forecastsAdded = forecastsAdded
        self.resolutionRecorded = resolutionRecorded
    }

    /// The rule of an import: a claim whose content differs gets one new version; forecasts not
    /// yet recorded are added; a resolution that differs from the current one becomes a new
    /// revision; nothing recorded is removed. This says what that means for `claim` against what
    /// is recorded of it.
    public static func plan(_ claim: NewClaim, current: ClaimContent, recordedForecasts: [Forecast],
                            currentResolution: Resolution?) -> Plan {
        let incoming = claim.content.keeping(claim.kept, from: current)
        return Plan(newContent: incoming != current ? incoming : nil,
             changes: incoming != current ? incoming.changes(since: current) : [],
             newForecasts: claim.forecasts.filter { !recordedForecasts.contains($0) },
             newResolution: claim.resolution.flatMap { $0 != currentResolution ? $0 : nil })
    }

    /// What an import writes for a claim it already holds.
    public struct Plan: Sendable, Equatable {
        public let newContent: ClaimContent?
        public let changes: [FieldChange]
        public let newForecasts: [Forecast]
        public let newResolution: Resolution?

        public func outcome(_ id: ClaimID) -> ImportOutcome {
            let changed = newContent != nil || !newForecasts.isEmpty || newResolution != nil
            return ImportOutcome(id: id, kind: changed ? .changed : .unchanged, changes: changes,
                                 forecastsAdded: newForecasts.count, resolutionRecorded: newResolution != nil)
        }
    }

    /// A claim the import adds.
    public static func added(_ claim: NewClaim, id: ClaimID) -> ImportOutcome {
        ImportOutcome(id: id, kind: .added, changes: [], forecastsAdded: claim.forecasts.count,
                      resolutionRecorded: claim.resolution != nil)
    }
}

extension ClaimContent {
    /// This content with `parts` taken from `current` instead: what a file that leaves them out
    /// means for a claim already recorded. A window read the same (dates and phrase) keeps the
    /// rule that read it; a source described the same keeps its language and people.
    public func keeping(_ parts: Set<KeptPart>, from current: ClaimContent) -> ClaimContent {
        guard !parts.isEmpty else { return self }
        var c = self
        if parts.contains(.source) { c.source = current.source }
        if parts.contains(.sourceDetails), let s = c.source, let old = current.source, s.key == old.key, s.kind == old.kind,
           s.title == old.title, s.url == old.url, s.publisher == old.publisher, s.publishedOn == old.publishedOn {
            c.source = old
        }
        if parts.contains(.quote) { c.quote = current.quote }
        if parts.contains(.location) { c.location = current.location }
        if parts.contains(.criteria) { c.criteria = current.criteria }
        if parts.contains(.window) { c.window = current.window }
        if parts.contains(.windowRule), let w = c.window, let old = current.window, w.start == old.start, w.end == old.end,
           w.phrase == old.phrase {
            c.window = old
        }
        if parts.contains(.confidenceWords) { c.confidence = Confidence(words: current.confidence.words, stated: c.confidence.stated) }
        if parts.contains(.statedProbability) { c.confidence = Confidence(words: c.confidence.words, stated: current.confidence.stated) }
        if parts.contains(.tags) { c.setTags(current.tags) }
        if parts.contains(.notes) { c.notes = current.notes }
        if parts.contains(.translations) { c.setTranslations(current.translations) }
        if parts.contains(.withdrawal) { c.withdrawal = current.withdrawal }
        return c
    }
}
