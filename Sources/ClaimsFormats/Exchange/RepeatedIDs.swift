import ClaimsCore
import Foundation

/// Finds ids used twice in one file, in bounded memory. The first look keeps each id's 64-bit
/// hash only: in a set of up to `inMemory` hashes (16 MB); when it fills, its hashes are written
/// sorted to a temporary file (a run) and the set starts again, so a file of any size is looked
/// at in the same memory. A hash seen twice in the set, or in two runs (`finish` merges the
/// runs), makes its id a suspect; a second look, over the suspects alone, compares the ids
/// themselves and names both lines. Two different ids with the same hash cost a second look
/// and are then let through: nothing is reported on a hash alone.
public final class RepeatedIDs {
    private var seen = Set<Int>()
    private var suspects = Set<Int>()
    private var runs: [URL] = []
    private let folder = ScratchFolder(prefix: "claims-ids")
    let inMemory: Int
    let message: (ClaimID, _ first: Int) -> String

    public init(inMemory: Int = 1 << 20, message: @escaping (ClaimID, _ first: Int) -> String = RepeatedIDs.usedTwice) {
        self.inMemory = inMemory
        self.message = message
    }

    public static func usedTwice(_ id: ClaimID, first: Int) -> String { "the id '\(id)' is used twice (first on line \(first))" }

    /// A failure to write a run, said by `finish`.
    private var failure: (any Error)?

    public func note(_ id: ClaimID) {
        let h = id.hashValue
        if !seen.insert(h).inserted { suspects.insert(h) }
        if seen.count >= inMemory, failure == nil {
            do { try spill() } catch { failure = error }
        }
    }

    /// Writes the set's hashes, sorted, to a run of its own, and empties it.
    private func spill() throws {
        let data = seen.sorted().withUnsafeBufferPointer { Data(buffer: $0) }
        let url: URL
        do {
            url = try folder.url().appendingPathComponent("run-\(runs.count)")
            try data.write(to: url)
        } catch {
            throw ClaimFileError.unreadable(path: "the temporary folder", reason: "the ids could not be set aside there (\((error as NSError).localizedDescription))")
        }
        runs.append(url)
        seen.removeAll(keepingCapacity: true)
    }

    /// Ends the first look: hashes found in two runs (or in a run and the set) become suspects.
    public func finish() throws {
        if let failure { throw failure }
        guard !runs.isEmpty else { return }
        try spill()
        var readers = try runs.map { try RunReader($0) }
        // A k-way merge: the smallest head each time; equal heads in a row are one hash seen twice.
        var previous: Int?
        while true {
            var smallest: (index: Int, value: Int)?
            for (i, r) in readers.enumerated() {
                if let v = r.head, smallest.map({ v < $0.value }) ?? true { smallest = (i, v) }
            }
            guard let (index, value) = smallest else { break }
            if previous == value { suspects.insert(value) }
            previous = value
            try readers[index].advance()
        }
        for url in runs { try? FileManager.default.removeItem(at: url) }
        runs = []
    }

    /// Reads a run of sorted hashes, 64 KB at a time.
    struct RunReader {
        let handle: FileHandle
        var buffer: [Int] = []
        var position = 0

        init(_ url: URL) throws {
            handle = try FileHandle(forReadingFrom: url)
            try fill()
        }

        var head: Int? { position < buffer.count ? buffer[position] : nil }

        mutating func advance() throws {
            position += 1
            if position >= buffer.count { try fill() }
        }

        mutating func fill() throws {
            let data = try handle.read(upToCount: 8192 * MemoryLayout<Int>.size) ?? Data()
            buffer = data.withUnsafeBytes { Array($0.bindMemory(to: Int.self)) }
            position = 0
            if buffer.isEmpty { try handle.close() }
        }
    }

    /// For claims held whole (each with its line): the index of each claim whose id an earlier
    /// one used, with its problem.
    public static func repeated(in claims: [(line: Int, claim: NewClaim)], path: String,
                                message: @escaping (ClaimID, _ first: Int) -> String = usedTwice) -> [Int: ClaimFileIssue] {
        let repeats = RepeatedIDs(inMemory: .max, message: message)
        for c in claims { if let id = c.claim.id { repeats.note(id) } }
        guard repeats.hasSuspects else { return [:] }
        var check = repeats.confirmation(path: path)
        var found: [Int: ClaimFileIssue] = [:]
        for (i, c) in claims.enumerated() { if let id = c.claim.id, let issue = check.note(id, line: c.line) { found[i] = issue } }
        return found
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
