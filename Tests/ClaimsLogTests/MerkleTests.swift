import ClaimsCore
@testable import ClaimsLog
import Foundation
import Testing

/// The RFC 9162 algorithms against a plain recursive definition, for every tree up to 40 leaves.
@Suite struct MerkleTests {
    static let leaves: [LogHash] = (0..<70).map { Merkle.leafHash(Array("leaf \($0)".utf8)) }

    /// MTH (RFC 9162 §2.1.1), written as the RFC defines it.
    static func mth(_ leaves: ArraySlice<LogHash>) -> LogHash {
        if leaves.isEmpty { return Merkle.emptyRoot }
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let k = Merkle.split(leaves.count)
        return Merkle.nodeHash(mth(leaves.prefix(k)), mth(leaves.dropFirst(k)))
    }

    static func reader(_ range: Range<Int>, _ body: (LogHash) throws -> Void) throws {
        for i in range { try body(leaves[i]) }
    }

    @Test func theFrontierFoldsToTheRootOfEverySize() {
        var frontier = Frontier()
        #expect(frontier.root == Merkle.emptyRoot)
        #expect(Merkle.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for (n, leaf) in Self.leaves.enumerated() {
            frontier.append(leaf)
            #expect(frontier.root == Self.mth(Self.leaves[0...n]), "size \(n + 1)")
            #expect(frontier.hashes.count == (n + 1).nonzeroBitCount)
            #expect(Frontier(size: frontier.size, bytes: frontier.bytes) == frontier)
        }
        #expect(Frontier(size: 3, bytes: [1, 2]) == nil)
    }

    @Test func leafAndNodeHashesArePrefixed() {
        // A leaf can never be taken for a node: 0x00 and 0x01 prefixes (RFC 9162 §2.1.1).
        let a = Self.leaves[0], b = Self.leaves[1]
        #expect(Merkle.nodeHash(a, b) == LogHash.sha256([0x01] + a.bytes + b.bytes))
        #expect(Merkle.leafHash(a.bytes + b.bytes) != Merkle.nodeHash(a, b))
    }

    @Test func everyInclusionProofVerifiesAndNoOtherDoes() throws {
        for size in 1...40 {
            let root = Self.mth(Self.leaves[0..<size])
            for index in 0..<size {
                let proof = try Merkle.inclusionProof(index: index, size: size, Self.reader)
                #expect(Merkle.verifyInclusion(index: index, size: size, leaf: Self.leaves[index], root: root, proof: proof))
                #expect(!Merkle.verifyInclusion(index: index, size: size, leaf: Self.leaves[size], root: root, proof: proof))
                if size > 1 {
                    #expect(!Merkle.verifyInclusion(index: (index + 1) % size, size: size, leaf: Self.leaves[index], root: root, proof: proof))
                    #expect(!Merkle.verifyInclusion(index: index, size: size, leaf: Self.leaves[index], root: root, proof: Array(proof.dropLast())))
                }
            }
        }
        #expect(throws: LogError.leafOutsideTree(index: 5, size: 5)) { try Merkle.inclusionProof(index: 5, size: 5, Self.reader) }
    }

    @Test func everyConsistencyProofVerifiesAndNoOtherDoes() throws {
        for second in 1...40 {
            let secondRoot = Self.mth(Self.leaves[0..<second])
            for first in 0...second {
                let firstRoot = Self.mth(Self.leaves[0..<first])
                let proof = try Merkle.consistencyProof(first: first, second: second, Self.reader)
                #expect(Merkle.verifyConsistency(first: first, second: second, firstRoot: firstRoot, secondRoot: secondRoot, proof: proof),
                        "\(first) → \(second)")
                if first > 0 && first < second {
                    // Another history of the first leaves does not extend to this one.
                    let forged = Self.mth(Self.leaves[1...first])
                    #expect(!Merkle.verifyConsistency(first: first, second: second, firstRoot: forged, secondRoot: secondRoot, proof: proof))
                    #expect(!Merkle.verifyConsistency(first: first, second: second, firstRoot: firstRoot, secondRoot: secondRoot, proof: []))
                }
            }
        }
        #expect(throws: LogError.checkpointLargerThanLog(checkpoint: 6, log: 5)) { try Merkle.consistencyProof(first: 6, second: 5, Self.reader) }
    }
}

@Suite struct CheckpointTests {
    @Test func aSignedCheckpointReadsBackAndVerifies() throws {
        let key = try SigningKey(name: "example.com/log")
        let checkpoint = Checkpoint(origin: "claims.log/0123456789abcdef", size: 7, root: Merkle.leafHash([1]))
        let note = try checkpoint.note(signedBy: key)
        let (read, signatures) = try Checkpoint.parse(note)
        #expect(read == checkpoint && signatures.count == 1)
        try read.verify(signatures, with: key.verifier)
        // The keys round-trip through their text forms.
        let again = try SigningKey(encoded: key.encoded)
        #expect(again.verifier.encoded == key.verifier.encoded)
        #expect(try VerifierKey(encoded: key.verifier.encoded).keyID == key.verifier.keyID)
        // Another key of the same name is not this one; a changed text no longer verifies.
        let other = try SigningKey(name: "example.com/log")
        #expect(throws: LogError.notSignedBy("example.com/log")) { try read.verify(signatures, with: other.verifier) }
        let changed = note.replacingOccurrences(of: "\n7\n", with: "\n8\n")
        let (forged, forgedSignatures) = try Checkpoint.parse(changed)
        #expect(throws: LogError.badSignature("example.com/log")) { try forged.verify(forgedSignatures, with: key.verifier) }
    }

    @Test(arguments: [
        "", "origin\n5\n", "origin\n05\nAAAA\n", "origin\nfive\n" + LogHash.sha256([]).base64 + "\n", "has space\n1\n" + LogHash.sha256([]).base64 + "\n",
        "o\n1\nnot-base64\n", "o\n1\n" + LogHash.sha256([]).base64 + "\n\nnot a signature line\n", "o\n1\n" + LogHash.sha256([]).base64 + "\u{1}\n",
    ])
    func malformedCheckpointsAreRefused(_ text: String) {
        #expect(throws: LogError.self) { try Checkpoint.parse(text) }
    }

    @Test func malformedKeysAreRefused() {
        for text in ["", "PRIVATE+KEY+x+00000000+AAAA", "x+00000000+AAAA", "x+ffffffff+" + Data([0x01] + Array(repeating: 7, count: 32)).base64EncodedString()] {
            #expect(throws: LogError.self) { try VerifierKey(encoded: text) }
            #expect(throws: LogError.self) { try SigningKey(encoded: text) }
        }
        #expect(throws: LogError.self) { try SigningKey(name: "has space") }
    }
}

/// The leaf encoding is injective where the old chain's was not: a unit separator inside a tag
/// no longer reads as two tags.
@Suite struct LeafEncodingTests {
    func version(tags: [String]) throws -> LogEvent {
        let content = ClaimContent(statement: try NonEmptyText("s", field: "s"), claimant: try NonEmptyText("c", field: "c"),
                                   saidOn: try Day("2025-10-23"), tags: tags)
        return .version(ClaimVersion(id: try ClaimID("x"), info: VersionInfo(version: 1, recordedAt: Timestamp(millisecondsSinceEpoch: 0),
                                                                          author: "a", reason: "r"), content: content))
    }

    @Test func oneTagWithASeparatorIsNotTwoTags() throws {
        #expect(try version(tags: ["a\u{1F}b"]).leafData != (try version(tags: ["a", "b"]).leafData))
    }

    @Test func minusZeroIsZero() throws {
        #expect(try Probability(-0.0).value.sign == .plus)
        #expect(LogValue.number(try Probability(-0.0)) == "0.0")
        #expect(LogValue.number(try Probability(0.7)) == "0.7")
    }
}
