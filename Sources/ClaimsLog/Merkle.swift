import ClaimsCore
import Crypto
import Foundation

/// A SHA-256 hash, held inline (no heap allocation): a log of a million events makes millions.
public struct LogHash: Hashable, Sendable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public static func == (a: LogHash, b: LogHash) -> Bool { a.words == b.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        withUnsafeMutableBytes(of: &words) { dst in bytes.withUnsafeBytes { dst.copyMemory(from: $0) } }
    }

    init(_ digest: SHA256.Digest) {
        digest.withUnsafeBytes { src in withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: src) } }
    }

    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        self.init(bytes: Array(data))
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] { Swift.withUnsafeBytes(of: words) { Array($0) } }

    /// Hands the 32 bytes to `body` without copying them to the heap.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: words, body)
    }

    public var base64: String { Data(bytes).base64EncodedString() }

    /// Lowercase hex, without Foundation's formatting (a digest is written for every event).
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        withUnsafeBytes { raw in
            for b in raw {
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> LogHash { LogHash(SHA256.hash(data: bytes)) }
}

/// The hashes of RFC 9162 §2.1: a leaf is SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖
/// right), the empty tree SHA-256 of nothing. The tree of n leaves splits at the largest power
/// of two below n.
public enum Merkle {
    public static func leafHash(_ data: [UInt8]) -> LogHash {
        var h = SHA256()
        h.update(data: [0x00])
        h.update(data: data)
        return LogHash(h.finalize())
    }

    public static func nodeHash(_ left: LogHash, _ right: LogHash) -> LogHash {
        var h = SHA256()
        h.update(data: [0x01])
        left.withUnsafeBytes { h.update(bufferPointer: $0) }
        right.withUnsafeBytes { h.update(bufferPointer: $0) }
        return LogHash(h.finalize())
    }

    public static let emptyRoot = LogHash.sha256([])

    /// The leaf hash of an event.
    public static func leafHash(_ event: LogEvent) -> LogHash { leafHash(event.leafData) }

    /// The largest power of two smaller than `n` (n ≥ 2).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// The root of `range` of a tree's leaves, reading its leaf hashes in order: memory grows
    /// with the logarithm of the range.
    public static func root(of range: Range<Int>, _ leaves: LeafReader) throws -> LogHash {
        var frontier = Frontier()
        try leaves(range) { frontier.append($0) }
        guard frontier.size == range.count else { throw LogError.leavesMissing(expected: range.count, found: frontier.size) }
        return frontier.root
    }

    /// Streams the leaf hashes of a range of the log, in order.
    public typealias LeafReader = (Range<Int>, (LogHash) throws -> Void) throws -> Void

    /// The root of a range of leaves, however it is found.
    public typealias SubtreeRoot = (Range<Int>) throws -> LogHash

    /// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1).
    public static func inclusionProof(index: Int, size: Int, _ leaves: LeafReader) throws -> [LogHash] {
        try inclusionProof(index: index, size: size, roots: { try root(of: $0, leaves) })
    }

    /// The same, with the subtree roots from `roots` (which may remember them: the proofs of
    /// neighbouring leaves share most of theirs).
    public static func inclusionProof(index: Int, size: Int, roots: SubtreeRoot) throws -> [LogHash] {
        guard index >= 0, index < size else { throw LogError.leafOutsideTree(index: index, size: size) }
        var proof: [LogHash] = []
        func path(_ m: Int, _ range: Range<Int>) throws {
            guard range.count > 1 else { return }
            let k = split(range.count)
            if m < k {
                try path(m, range.lowerBound ..< range.lowerBound + k)
                proof.append(try roots(range.lowerBound + k ..< range.upperBound))
            } else {
                try path(m - k, range.lowerBound + k ..< range.upperBound)
                proof.append(try roots(range.lowerBound ..< range.lowerBound + k))
            }
        }
        try path(index, 0..<size)
        return proof
    }

    /// The consistency proof between the trees of `first` and `second` leaves (RFC 9162 §2.1.4.1).
    public static func consistencyProof(first: Int, second: Int, _ leaves: LeafReader) throws -> [LogHash] {
        guard first >= 0, first <= second else { throw LogError.checkpointLargerThanLog(checkpoint: first, log: second) }
        guard first > 0, first < second else { return [] }
        var proof: [LogHash] = []
        func subproof(_ m: Int, _ range: Range<Int>, _ complete: Bool) throws {
            if m == range.count {
                if !complete { proof.append(try root(of: range, leaves)) }
                return
            }
            let k = split(range.count)
            if m <= k {
                try subproof(m, range.lowerBound ..< range.lowerBound + k, complete)
                proof.append(try root(of: range.lowerBound + k ..< range.upperBound, leaves))
            } else {
                try subproof(m - k, range.lowerBound + k ..< range.upperBound, false)
                proof.append(try root(of: range.lowerBound ..< range.lowerBound + k, leaves))
            }
        }
        try subproof(first, 0..<second, true)
        return proof
    }

    /// Whether `proof` shows leaf `index` with hash `leaf` in the tree of `size` leaves whose root
    /// is `root` (RFC 9162 §2.1.3.2).
    public static func verifyInclusion(index: Int, size: Int, leaf: LogHash, root: LogHash, proof: [LogHash]) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1, r = leaf
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `second` leaves with root `secondRoot` extends the
    /// tree of `first` leaves with root `firstRoot` (RFC 9162 §2.1.4.2).
    public static func verifyConsistency(first: Int, second: Int, firstRoot: LogHash, secondRoot: LogHash, proof: [LogHash]) -> Bool {
        guard first >= 0, first <= second else { return false }
        if first == second { return proof.isEmpty && firstRoot == secondRoot }
        if first == 0 { return proof.isEmpty && firstRoot == emptyRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) }
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}

/// The right edge of a Merkle tree as leaves are appended: the roots of its perfect subtrees,
/// largest (leftmost) first, one for each 1 in the binary size. Appending costs one leaf hash
/// and, on average, one node hash; the root is a fold of at most log₂(size) nodes.
public struct Frontier: Sendable, Equatable {
    public private(set) var size = 0
    public private(set) var hashes: [LogHash] = []

    public init() {}

    /// A frontier as stored: `size` and the concatenated hashes. Nil if they do not fit.
    public init?(size: Int, bytes: [UInt8]) {
        guard size >= 0, bytes.count == 32 * size.nonzeroBitCount else { return nil }
        self.size = size
        hashes = stride(from: 0, to: bytes.count, by: 32).compactMap { LogHash(bytes: Array(bytes[$0 ..< $0 + 32])) }
    }

    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32 * hashes.count)
        for h in hashes { h.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }

    public mutating func append(_ leaf: LogHash) {
        var h = leaf, n = size
        while n & 1 == 1, let left = hashes.popLast() {
            h = Merkle.nodeHash(left, h)
            n >>= 1
        }
        hashes.append(h)
        size += 1
    }

    /// The root of the tree of `size` leaves.
    public var root: LogHash {
        guard var h = hashes.last else { return Merkle.emptyRoot }
        for left in hashes.dropLast().reversed() { h = Merkle.nodeHash(left, h) }
        return h
    }
}
