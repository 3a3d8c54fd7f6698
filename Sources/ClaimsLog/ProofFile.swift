import ClaimsCore
import Foundation

/// A claim's events with their inclusion proofs, and the checkpoint they are proved against:
/// what `claims prove` writes and `claims verify --proof` checks, with no database. JSON:
/// `{"checkpoint": note text, "events": [{"index", "kind", "leaf_data": base64, "inclusion": [base64]}]}`.
public struct ProofFile: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public let index: Int
        public let kind: String
        public let leafData: [UInt8]
        public let inclusion: [LogHash]

        public init(index: Int, kind: String, leafData: [UInt8], inclusion: [LogHash]) {
            self.index = index
            self.kind = kind
            self.leafData = leafData
            self.inclusion = inclusion
        }
    }

    public let checkpoint: String
    public let events: [Event]

    public init(checkpoint: String, events: [Event]) {
        self.checkpoint = checkpoint
        self.events = events
    }

    private struct JSONEvent: Codable {
        let index: Int
        let kind: String
        let leaf_data: String
        let inclusion: [String]
    }

    private struct JSONFile: Codable {
        let checkpoint: String
        let events: [JSONEvent]
    }

    public func json() throws -> String {
        let file = JSONFile(checkpoint: checkpoint, events: events.map {
            JSONEvent(index: $0.index, kind: $0.kind, leaf_data: Data($0.leafData).base64EncodedString(), inclusion: $0.inclusion.map(\.base64))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(file), as: UTF8.self)
    }

    public static func parse(_ text: String) throws -> ProofFile {
        guard let file = try? JSONDecoder().decode(JSONFile.self, from: Data(text.utf8)) else {
            throw LogError.malformedProof("it is not the JSON that `claims prove` writes (checkpoint, events)")
        }
        var events: [Event] = []
        for e in file.events {
            guard let data = Data(base64Encoded: e.leaf_data) else { throw LogError.malformedProof("event \(e.index)'s leaf_data is not base64") }
            var path: [LogHash] = []
            for h in e.inclusion {
                guard let hash = LogHash(base64: h) else { throw LogError.malformedProof("event \(e.index)'s inclusion holds '\(h.prefix(20))', not a base64 hash") }
                path.append(hash)
            }
            events.append(Event(index: e.index, kind: e.kind, leafData: Array(data), inclusion: path))
        }
        return ProofFile(checkpoint: file.checkpoint, events: events)
    }

    /// Checks every event's inclusion in the checkpoint's tree, and the checkpoint's signature
    /// when `key` is given. Returns the checkpoint.
    public func verify(with key: VerifierKey?) throws -> Checkpoint {
        let (head, signatures) = try Checkpoint.parse(checkpoint)
        if let key { try head.verify(signatures, with: key) }
        guard !events.isEmpty else { throw LogError.malformedProof("it holds no event") }
        for e in events {
            let header = Array("claims-log-v1\n\(e.kind)\n".utf8)
            guard e.leafData.starts(with: header) else {
                throw LogError.proofFails("event \(e.index)'s leaf data does not begin with its kind (\(e.kind))")
            }
            guard Merkle.verifyInclusion(index: e.index, size: head.size, leaf: Merkle.leafHash(e.leafData), root: head.root, proof: e.inclusion) else {
                throw LogError.proofFails("event \(e.index) (\(e.kind)) is not in the tree of \(head.size) events with root \(head.root.base64)")
            }
        }
        return head
    }
}
