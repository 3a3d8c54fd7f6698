import Foundation

/// What the verifiable log refuses, with what to do about it.
public enum LogError: Error, Equatable, LocalizedError, Sendable {
    case malformedCheckpoint(String)
    case malformedProof(String)
    case malformedKey(String)
    case notSignedBy(String)
    case badSignature(String)
    case otherLog(expected: String, found: String)
    case checkpointLargerThanLog(checkpoint: Int, log: Int)
    case leafOutsideTree(index: Int, size: Int)
    case leavesMissing(expected: Int, found: Int)
    case inconsistent(String)
    case proofFails(String)

    public var errorDescription: String? {
        switch self {
        case .malformedCheckpoint(let why): return "not a checkpoint: \(why)."
        case .malformedProof(let why): return "not an inclusion proof: \(why)."
        case .malformedKey(let why): return "not a usable key: \(why)."
        case .notSignedBy(let name): return "the checkpoint carries no signature by the key '\(name)': check it with the public key of the log that signed it."
        case .badSignature(let name): return "the checkpoint's signature by '\(name)' does not verify: the checkpoint was altered, or signed by another key of that name."
        case .otherLog(let expected, let found): return "the checkpoint is from another log ('\(found)'); this database's log is '\(expected)'."
        case .checkpointLargerThanLog(let checkpoint, let log): return "the checkpoint has \(checkpoint) events but the log has only \(log): events were removed since, or it is from another copy of the log."
        case .leafOutsideTree(let index, let size): return "event \(index) is outside a tree of \(size) events."
        case .leavesMissing(let expected, let found): return "the log holds \(found) of the \(expected) events it should: some were removed."
        case .inconsistent(let why): return "the log does not extend the checkpoint: \(why)"
        case .proofFails(let why): return "the proof does not verify: \(why)"
        }
    }
}
