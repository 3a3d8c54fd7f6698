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

/// A claim to add, complete: its content, and optionally an id, forecasts and a resolution.
public struct NewClaim: Sendable, Equatable {
    public var id: ClaimID?
    public var content: ClaimContent
    public var forecasts: [Forecast]
    public var resolution: Resolution?

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
        ClaimStatus(window: content.window, resolved: resolution != nil, on: today)
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
        Plan(newContent: claim.content != current ? claim.content : nil,
             changes: claim.content != current ? claim.content.changes(since: current) : [],
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
