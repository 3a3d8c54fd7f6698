import ClaimsCore
import Foundation

/// The hash chain of a claim's history. Every event (a version of the claim, a revision of its
/// resolution) has a digest over its content and `prev`, the digest of the claim's event before
/// it ("" for the first). Publishing a digest (`claims show` prints the current one) later proves
/// the claim was logged, as it stands, before that moment: changing any earlier event changes
/// every digest after it.
///
/// Two forms: events recorded since the log (schema 0004) take `chainDigest`, over the event's
/// log leaf, so each event is encoded once; events recorded before keep their first form,
/// `SHA-256("claims-chain-v1", kind, prev, canonical content)`, and still verify.
public enum HashChain {
    /// The text a digest is taken of, built as UTF-8 bytes: a header naming the kind of event and
    /// the digest before it, then one line per field in a fixed order, values quoted and escaped
    /// so that no value can forge a line. (Escaping bytes is escaping characters: the escaped
    /// characters are ASCII, and no byte of a multi-byte UTF-8 sequence is.)
    struct Canonical {
        var bytes: [UInt8] = []
        private var fields = 0

        init(kind: String, prev: String) {
            bytes.reserveCapacity(1024)
            bytes += "claims-chain-v1\n".utf8
            bytes += kind.utf8
            bytes += "\nprev=".utf8
            bytes += prev.utf8
            bytes.append(10)
        }

        mutating func field(_ name: String, _ value: String?) {
            if fields > 0 { bytes.append(10) }
            fields += 1
            bytes += name.utf8
            bytes.append(61)  // =
            guard let value else { bytes += "null".utf8; return }
            bytes.append(34)
            for b in value.utf8 {
                switch b {
                case 92: bytes.append(92); bytes.append(92)  // \ → \\
                case 10: bytes.append(92); bytes.append(110)  // line feed → \n
                case 13: bytes.append(92); bytes.append(114)  // carriage return → \r
                case 34: bytes.append(92); bytes.append(34)  // " → \"
                default: bytes.append(b)
                }
            }
            bytes.append(34)
        }
    }

    static func number(_ d: Double?) -> String? { d.map { "\($0 == 0 ? 0.0 : $0)" } }

    static func versionFields(_ v: ClaimVersion, into out: inout Canonical) {
        let c = v.content
        out.field("claim", v.id.rawValue)
        out.field("version", String(v.info.version))
        out.field("recorded_at", v.info.recordedAt.description)
        out.field("author", v.info.author)
        out.field("reason", v.info.reason)
        out.field("statement", c.statement.value)
        out.field("claimant", c.claimant.value)
        out.field("said_on", c.saidOn.description)
        out.field("source.key", c.source?.key)
        out.field("source.kind", c.source?.kind.rawValue)
        out.field("source.title", c.source?.title)
        out.field("source.url", c.source?.url)
        out.field("source.publisher", c.source?.publisher)
        out.field("source.published_on", c.source?.publishedOn?.description)
        out.field("source.language", c.source?.language)
        out.field("source.people", c.source.map { $0.people.joined(separator: "\u{1F}") })
        out.field("quote", c.quote)
        out.field("location", c.location)
        out.field("criteria", c.criteria)
        out.field("window.start", c.window?.start.description)
        out.field("window.end", c.window?.end.description)
        out.field("window.phrase", c.window?.phrase)
        out.field("window.rule", c.window?.rule)
        out.field("confidence.words", c.confidence.words)
        out.field("confidence.stated", number(c.confidence.stated?.value))
        out.field("notes", c.notes)
        out.field("tags", c.tags.joined(separator: "\u{1F}"))
        for t in c.translations {
            out.field("translation.\(t.language)", [t.statement ?? "", t.quote ?? "", t.location ?? ""].joined(separator: "\u{1F}"))
        }
    }

    static func resolutionFields(claim: ClaimID, _ r: ResolutionRevision, into out: inout Canonical) {
        out.field("claim", claim.rawValue)
        out.field("revision", String(r.revision))
        out.field("recorded_at", r.recordedAt.description)
        out.field("author", r.author)
        out.field("outcome", r.resolution.outcome.rawValue)
        out.field("settled_on", r.resolution.settledOn.description)
        out.field("evidence", r.resolution.evidence.joined(separator: "\u{1F}"))
        out.field("note", r.resolution.note)
    }

    /// The digest of an event from its log leaf: SHA-256("claims-chain-v2\n" ‖ prev ‖ "\n" ‖ leaf).
    public static func chainDigest(prev: String, leaf: LogHash) -> String {
        var bytes = Array("claims-chain-v2\n".utf8) + Array(prev.utf8)
        bytes.append(0x0A)
        leaf.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return LogHash.sha256(bytes).hex
    }

    /// The first form, for events recorded before the log.
    public static func versionDigest(_ v: ClaimVersion, prev: String) -> String {
        var out = Canonical(kind: "version", prev: prev)
        versionFields(v, into: &out)
        return LogHash.sha256(out.bytes).hex
    }

    public static func resolutionDigest(claim: ClaimID, _ r: ResolutionRevision, prev: String) -> String {
        var out = Canonical(kind: "resolution", prev: prev)
        resolutionFields(claim: claim, r, into: &out)
        return LogHash.sha256(out.bytes).hex
    }
}
