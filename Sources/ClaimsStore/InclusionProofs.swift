import ClaimsCore
import ClaimsLog

/// A claim's log events with their inclusion proofs, on either backend: the tree at `treeSize`
/// (the whole log when nil), and each event's proof in it, the subtree roots computed once (the
/// proofs of one claim's events share most of them).
enum InclusionProofs {
    /// `head`: the log as it stands; `leaves`: its leaf hashes; `events`: the claim's events
    /// below a tree size, in order.
    static func of(head: Checkpoint, treeSize: Int?, leaves: Merkle.LeafReader,
                   events: (_ size: Int) throws -> [(seq: Int, event: LogEvent)])
        throws -> (head: Checkpoint, events: [(seq: Int, event: LogEvent, proof: [LogHash])]) {
        var known: [Range<Int>: LogHash] = [:]
        func root(_ range: Range<Int>) throws -> LogHash {
            if let hash = known[range] { return hash }
            let hash = try Merkle.root(of: range, leaves)
            known[range] = hash
            return hash
        }
        var head = head
        if let treeSize {
            guard treeSize <= head.size else { throw LogError.checkpointLargerThanLog(checkpoint: treeSize, log: head.size) }
            head = Checkpoint(origin: head.origin, size: treeSize, root: try root(0..<treeSize))
        }
        let size = head.size
        let proved = try events(size).map { e in (e.seq, e.event, try Merkle.inclusionProof(index: e.seq, size: size, roots: root)) }
        return (head, proved)
    }
}
