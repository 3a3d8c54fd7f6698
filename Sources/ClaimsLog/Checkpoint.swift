import ClaimsCore
import Crypto
import Foundation

/// A log's tree head in the C2SP tlog-checkpoint form: the note text is the origin, the tree
/// size and the base64 root hash, one a line; a signed checkpoint is that text, a blank line, and
/// one signature line per key (C2SP signed-note): "— name base64(key ID ‖ Ed25519 signature)".
public struct Checkpoint: Sendable, Equatable {
    public let origin: String
    public let size: Int
    public let root: LogHash

    public init(origin: String, size: Int, root: LogHash) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The note text that is signed.
    public var text: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// The checkpoint signed by `key`, or its bare text when there is none.
    public func note(signedBy key: SigningKey?) throws -> String {
        guard let key else { return text }
        return text + "\n" + (try key.signatureLine(for: text)) + "\n"
    }

    /// Reads a checkpoint note: its text (origin, size, root; extension lines are refused: this
    /// log writes none) and its signatures, which `verify(_:with:)` checks.
    public static func parse(_ note: String) throws -> (Checkpoint, [NoteSignature]) {
        guard note.utf8.count <= 65_536 else { throw LogError.malformedCheckpoint("it is longer than 64 KiB") }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw LogError.malformedCheckpoint("it holds a control character")
        }
        let text: String, signatureBlock: String
        if let split = note.range(of: "\n\n", options: .backwards) {
            text = String(note[..<split.lowerBound]) + "\n"
            signatureBlock = String(note[split.upperBound...])
        } else {
            text = note
            signatureBlock = ""
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard text.hasSuffix("\n"), lines.count == 3 else {
            throw LogError.malformedCheckpoint("its text must be three lines: the origin, the tree size and the root hash")
        }
        let origin = lines[0]
        guard !origin.isEmpty, !origin.contains(" "), !origin.contains("+") else {
            throw LogError.malformedCheckpoint("its origin '\(origin)' is empty or holds a space or '+'")
        }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw LogError.malformedCheckpoint("its tree size '\(lines[1])' is not a decimal number without leading zeros")
        }
        guard let root = LogHash(base64: lines[2]) else {
            throw LogError.malformedCheckpoint("its root hash '\(lines[2])' is not 32 bytes in base64")
        }
        var signatures: [NoteSignature] = []
        for line in signatureBlock.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            signatures.append(try NoteSignature(line: String(line)))
        }
        guard signatureBlock.isEmpty || signatureBlock.hasSuffix("\n") else {
            throw LogError.malformedCheckpoint("its last signature line does not end with a newline")
        }
        return (Checkpoint(origin: origin, size: size, root: root), signatures)
    }

    /// Checks that a signature by `key` is among `signatures` and is good. A signature by
    /// another key is ignored (C2SP signed-note); a bad one by this key is an error.
    public func verify(_ signatures: [NoteSignature], with key: VerifierKey) throws {
        let mine = signatures.filter { $0.keyName == key.name && $0.keyID == key.keyID }
        guard !mine.isEmpty else { throw LogError.notSignedBy(key.name) }
        for s in mine where !key.isValid(s.signature, for: text) { throw LogError.badSignature(key.name) }
    }
}

/// One signature line of a note.
public struct NoteSignature: Sendable, Equatable {
    public let keyName: String
    public let keyID: UInt32
    public let signature: [UInt8]

    init(line: String) throws {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "—", !parts[1].isEmpty, let data = Data(base64Encoded: String(parts[2])), data.count > 4
        else { throw LogError.malformedCheckpoint("'\(line.prefix(80))' is not a signature line (— name base64)") }
        keyName = String(parts[1])
        let bytes = Array(data)
        keyID = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        signature = Array(bytes[4...])
    }
}

/// An Ed25519 signing key with its name, kept in a file outside the database as
/// `PRIVATE+KEY+name+keyID+base64(0x01 ‖ seed)` (the Go note format).
public struct SigningKey: Sendable {
    public let name: String
    /// The 32-byte seed (RFC 8032 private key), and the public half, kept as bytes.
    let seed: [UInt8]
    public let verifier: VerifierKey

    public init(name: String) throws {
        try Self.checkName(name)
        self.init(name: name, key: Curve25519.Signing.PrivateKey())
    }

    init(name: String, key: Curve25519.Signing.PrivateKey) {
        self.name = name
        seed = Array(key.rawRepresentation)
        verifier = VerifierKey(name: name, publicKey: Array(key.publicKey.rawRepresentation))
    }

    public init(encoded: String) throws {
        // The base64 key may hold '+': it is everything after the fourth '+'.
        let parts = encoded.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let data = Data(base64Encoded: String(parts[4])),
              data.count == 33, data.first == 0x01, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data.dropFirst())
        else { throw LogError.malformedKey("not a signing key (PRIVATE+KEY+name+id+key)") }
        self.init(name: String(parts[2]), key: key)
        guard String(format: "%08x", verifier.keyID) == parts[3] else { throw LogError.malformedKey("its key ID does not match its key") }
    }

    public var encoded: String {
        "PRIVATE+KEY+\(name)+\(String(format: "%08x", verifier.keyID))+" + Data([0x01] + seed).base64EncodedString()
    }

    func signatureLine(for text: String) throws -> String {
        // Ed25519 (RFC 8032) over the note text.
        let signature = Array(try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: Data(text.utf8)))
        let id = verifier.keyID
        let bytes = [UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)] + signature
        return "— \(name) " + Data(bytes).base64EncodedString()
    }

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "+" || $0.value < 0x20 })
        else { throw LogError.malformedKey("a key name must be non-empty, without spaces or '+'") }
    }
}

/// The public half of a signing key, to publish: `name+keyID+base64(0x01 ‖ public key)`.
public struct VerifierKey: Sendable {
    public let name: String
    /// The 32-byte Ed25519 public key.
    let publicKey: [UInt8]

    init(name: String, publicKey: [UInt8]) {
        self.name = name
        self.publicKey = publicKey
    }

    public init(encoded: String) throws {
        // The base64 key may hold '+': it is everything after the second '+'.
        let parts = encoded.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64Encoded: String(parts[2])), data.count == 33, data.first == 0x01,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data.dropFirst())
        else { throw LogError.malformedKey("not a public key (name+id+key)") }
        name = String(parts[0])
        publicKey = Array(key.rawRepresentation)
        guard String(format: "%08x", keyID) == parts[1] else { throw LogError.malformedKey("its key ID does not match its key") }
    }

    public var encoded: String {
        "\(name)+\(String(format: "%08x", keyID))+" + Data([0x01] + publicKey).base64EncodedString()
    }

    /// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian.
    public var keyID: UInt32 {
        let h = LogHash.sha256(Array(name.utf8) + [0x0A, 0x01] + publicKey).bytes
        return h[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    func isValid(_ signature: [UInt8], for text: String) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: Data(text.utf8))
    }
}
