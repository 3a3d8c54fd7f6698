import ClaimsCore
import ClaimsLog
import Foundation

/// A database's events appended to another, empty one, in log order, as they were recorded:
/// each version with its time, author and reason, each forecast and resolution revision with
/// theirs (`claims copy`). Written through `NewClaimRows`, so each event gets the rows, digest
/// and log leaf it has in its source; the copy's log then has the source's root, which is checked
/// before the copy is kept. (Digests are computed in the current form: a database whose first
/// events predate the log, schema 0004, copies with those chains recomputed.)
struct EventCopy {
    private var rows: NewClaimRows
    /// Per claim, the digest of its last event and its last version's number.
    private var tails: [ClaimID: String] = [:]
    private var versions: [ClaimID: Int] = [:]
    private(set) var claims = 0

    init(_ target: any WriteTarget) throws {
        guard target.log.frontier.size == 0 else { throw StoreError.copyTargetNotEmpty }
        rows = NewClaimRows(target)
    }

    mutating func add(_ event: LogEvent) throws {
        switch event {
        case .version(let v):
            let number = (versions[v.id] ?? 0) + 1
            guard v.info.version == number else {
                throw StoreError.rejected("\(v.id.rawValue) version \(v.info.version) comes where version \(number) was expected: the source's log is out of order (`claims verify` checks it)")
            }
            if number == 1 {
                rows.addClaimRow(id: v.id, createdAt: v.info.recordedAt)
                claims += 1
            }
            try v.content.checkStorable()
            let sourceID = try v.content.source.map { try rows.target.sourceRowID($0) }
            let change = Change(author: v.info.author, at: v.info.recordedAt, reason: v.info.reason)
            tails[v.id] = rows.addVersion(id: v.id, number: number, content: v.content, change: change, sourceID: sourceID,
                                          prev: tails[v.id] ?? "")
            versions[v.id] = number
        case .forecast(let claim, let f):
            guard versions[claim] != nil else { throw StoreError.rejected("a forecast on \(claim.rawValue) comes before the claim in the source's log") }
            // The reason is not part of a forecast's record.
            try rows.addForecast(id: claim, f.forecast, change: Change(author: f.author, at: f.recordedAt, reason: "copied"))
        case .resolution(let claim, let r):
            guard let prev = tails[claim] else { throw StoreError.rejected("a resolution of \(claim.rawValue) comes before the claim in the source's log") }
            tails[claim] = rows.addResolution(id: claim, r, prev: prev)
        }
        if rows.pendingRows >= 2000 { try rows.insert() }
    }

    /// Writes what is pending, and checks the copy's log against the source's head.
    mutating func finish(expecting head: Checkpoint) throws {
        try rows.insert()
        let log = rows.target.log.frontier
        guard log.size == head.size, log.root == head.root else {
            throw StoreError.rejected("the copy's log (\(log.size) events, root \(log.root.base64)) differs from the source's (\(head.size), \(head.root.base64)); nothing was kept")
        }
    }
}
