import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// The first reading of an import: every file read through, every problem found, nothing
/// written. What it keeps is small: counts, the files' identities, a sample of claims for the
/// check for claims logged twice, and the claims themselves only when the files are small.
struct ImportCheck {
    /// Imports of up to this many claims are checked for claims logged twice.
    static let lookalikeLimit = 10_000
    /// Files of up to this many bytes in all are held between the two readings, not read again.
    static let holdLimit = 32 << 20

    let files: [InputPath]
    var issues: [ClaimFileIssue] = []
    var warnings: [ClaimFileIssue] = []
    var claimCounts: [Int] = []
    var identities: [ClaimStream.Identity] = []
    /// The claims of the import, when there are at most `lookalikeLimit`.
    var lookalikeSample: [(ClaimID, ClaimContent)]? = []
    /// Every file's parts, when the files are small enough to hold.
    var held: [[[NewClaim]]]?

    /// What one file's reading found.
    struct FileResult {
        var issues: [ClaimFileIssue] = []
        var warnings: [ClaimFileIssue] = []
        var count = 0
        var sample: [(ClaimID, ClaimContent)]? = []
        var parts: [[NewClaim]]?
        var identity: ClaimStream.Identity?
        var failure: (any Error)?
    }

    static func run(_ files: [InputPath], format: ImportFormat, mapping: FlatClaims.Mapping) throws -> ImportCheck {
        var check = ImportCheck(files: files)
        let sizes = try files.map { try ClaimStream.identity($0.url, shown: $0.shown).size }
        let hold = sizes.reduce(0, +) <= Int64(holdLimit)
        if hold { check.held = [] }
        // Documents (claim files) are read several at once, one per core; files read in parts
        // (JSON Lines, CSV) one at a time, each part on every core.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var i = 0
        while i < files.count {
            var group = [i]
            if !isReadInParts(files[i], format) {
                while group.count < cores, let next = group.last.map({ $0 + 1 }), next < files.count, !isReadInParts(files[next], format) { group.append(next) }
            }
            let results = group.map { files[$0] }.concurrentMap { file in read(file, format: format, mapping: mapping, hold: hold) }
            for r in results {
                if let failure = r.failure { throw failure }
                check.issues += r.issues
                check.warnings += r.warnings
                check.claimCounts.append(r.count)
                if let identity = r.identity { check.identities.append(identity) }
                if let sample = r.sample, var all = check.lookalikeSample, all.count + sample.count <= lookalikeLimit {
                    all += sample
                    check.lookalikeSample = all
                } else {
                    check.lookalikeSample = nil
                }
                if hold { check.held?.append(r.parts ?? []) }
            }
            i += group.count
        }
        return check
    }

    static func isReadInParts(_ file: InputPath, _ format: ImportFormat) -> Bool {
        ClaimStream.readsInParts(ClaimStream.format(of: file.url, given: format))
    }

    static func read(_ file: InputPath, format: ImportFormat, mapping: FlatClaims.Mapping, hold: Bool) -> FileResult {
        var r = FileResult()
        do {
            let stream = try ClaimStream(url: file.url, shown: file.shown, format: format, mapping: mapping)
            let csv = stream.format == .csv
            let repeats = RepeatedIDs { id, first in csv ? FlatClaims.Merger.apart(id, first: first) : RepeatedIDs.usedTwice(id, first: first) }
            if hold { r.parts = [] }
            while let part = try stream.next() {
                r.issues += part.issues
                r.warnings += part.warnings
                r.count += part.claims.count
                if stream.readsInParts { for c in part.claims { if let id = c.claim.id { repeats.note(id) } } }
                if r.sample != nil, (r.sample?.count ?? 0) + part.claims.count <= lookalikeLimit {
                    for c in part.claims { if let id = c.claim.id { r.sample?.append((id, c.claim.content)) } }
                } else {
                    r.sample = nil
                }
                if hold { r.parts?.append(part.claims.map(\.claim)) }
            }
            // An id seen twice by its hash: read again, comparing the ids themselves.
            try repeats.finish()
            if repeats.hasSuspects {
                var confirm = repeats.confirmation(path: file.shown)
                let again = try ClaimStream(url: file.url, shown: file.shown, format: format, mapping: mapping)
                while let part = try again.next() {
                    r.issues += part.claims.compactMap { c in c.claim.id.flatMap { confirm.note($0, line: c.line) } }
                }
                r.issues.sort { $0.line < $1.line }
            }
            guard try ClaimStream.identity(file.url, shown: file.shown) == stream.identity else { throw ClaimFileError.changed(path: file.shown) }
            r.identity = stream.identity
        } catch {
            r.failure = error
        }
        return r
    }
}

/// The second reading of an import: the files' claims a part at a time, read on a thread of
/// their own while the store writes the part before (at most two parts wait), each file
/// checked to be as the first reading found it.
final class ImportReading: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(file: Int, part: ImportPart)] = []
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private let changes: [Change]
    /// The file of the part `next` gave last.
    private(set) var currentFile = 0

    init(_ check: ImportCheck, format: ImportFormat, mapping: FlatClaims.Mapping, changes: [Change]) {
        self.changes = changes
        let thread = Thread { [self] in
            do {
                try produce(check, format: format, mapping: mapping)
                finish(nil)
            } catch {
                finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next part to write; nil after the last.
    func next() throws -> ImportPart? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if let failure { throw failure }
        guard !queue.isEmpty else { return nil }
        let item = queue.removeFirst()
        condition.broadcast()
        currentFile = item.file
        return item.part
    }

    /// Stops the reading thread (when the import stopped before reading everything).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room; false when the import stopped.
    private func put(_ file: Int, _ claims: [NewClaim]) -> Bool {
        // The part (and its claims' digests) is made here, on the reading thread.
        let part = ImportPart(claims: claims, change: changes[file])
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= 2 && !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append((file, part))
        condition.broadcast()
        return true
    }

    private func produce(_ check: ImportCheck, format: ImportFormat, mapping: FlatClaims.Mapping) throws {
        for (i, file) in check.files.enumerated() {
            if let held = check.held {
                for part in held[i] { guard put(i, part) else { return } }
                continue
            }
            let stream = try ClaimStream(url: file.url, shown: file.shown, format: format, mapping: mapping)
            guard stream.identity == check.identities[i] else { throw ClaimFileError.changed(path: file.shown) }
            while let part = try stream.next() {
                // The first reading found no problem: one now means the file changed.
                guard part.issues.isEmpty else { throw ClaimFileError.changed(path: file.shown) }
                guard put(i, part.claims.map(\.claim)) else { return }
            }
            guard try ClaimStream.identity(file.url, shown: file.shown) == check.identities[i] else { throw ClaimFileError.changed(path: file.shown) }
        }
    }
}
