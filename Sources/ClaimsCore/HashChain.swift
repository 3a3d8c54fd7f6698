import Foundation

/// The hash chain of a claim's history. Every event (a version of the claim, a revision of its
/// resolution) has `digest = SHA-256("claims-chain-v1", kind, prev, canonical content)`, where
/// `prev` is the digest of the claim's event before it ("" for the first). Publishing a digest
/// (`claims show` prints the current one) later proves the claim was logged, as it stands, before
/// that moment: changing any earlier event changes every digest after it.
public enum HashChain {
    public static func digest(prev: String, kind: String, content: String) -> String {
        SHA256.hex("claims-chain-v1\n\(kind)\nprev=\(prev)\n\(content)")
    }

    /// One line per field, in a fixed order; text escaped so that no value can forge a line.
    static func canonical(_ fields: [(String, String?)]) -> String {
        var out = ""
        out.reserveCapacity(1024)
        for (i, (name, value)) in fields.enumerated() {
            if i > 0 { out.append("\n") }
            out.append(name)
            out.append("=")
            guard let value else { out.append("null"); continue }
            out.append("\"")
            for s in value.unicodeScalars {
                switch s {
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\"": out.append("\\\"")
                default: out.unicodeScalars.append(s)
                }
            }
            out.append("\"")
        }
        return out
    }

    static func number(_ d: Double?) -> String? { d.map { "\($0)" } }

    public static func versionContent(_ v: ClaimVersion) -> String {
        let c = v.content
        var fields: [(String, String?)] = [
            ("claim", v.id.rawValue), ("version", String(v.info.version)), ("recorded_at", v.info.recordedAt.description),
            ("author", v.info.author), ("reason", v.info.reason), ("statement", c.statement.value), ("claimant", c.claimant.value),
            ("said_on", c.saidOn.description),
            ("source.key", c.source?.key), ("source.kind", c.source?.kind.rawValue), ("source.title", c.source?.title),
            ("source.url", c.source?.url), ("source.publisher", c.source?.publisher), ("source.published_on", c.source?.publishedOn?.description),
            ("source.language", c.source?.language), ("source.people", c.source.map { $0.people.joined(separator: "\u{1F}") }),
            ("quote", c.quote), ("location", c.location), ("criteria", c.criteria),
            ("window.start", c.window?.start.description), ("window.end", c.window?.end.description),
            ("window.phrase", c.window?.phrase), ("window.rule", c.window?.rule),
            ("confidence.words", c.confidence.words), ("confidence.stated", number(c.confidence.stated?.value)),
            ("notes", c.notes), ("tags", c.tags.joined(separator: "\u{1F}")),
        ]
        for t in c.translations {
            fields.append(("translation.\(t.language)", [t.statement ?? "", t.quote ?? "", t.location ?? ""].joined(separator: "\u{1F}")))
        }
        return canonical(fields)
    }

    public static func resolutionContent(claim: ClaimID, _ r: ResolutionRevision) -> String {
        canonical([
            ("claim", claim.rawValue), ("revision", String(r.revision)), ("recorded_at", r.recordedAt.description), ("author", r.author),
            ("outcome", r.resolution.outcome.rawValue), ("settled_on", r.resolution.settledOn.description),
            ("evidence", r.resolution.evidence.joined(separator: "\u{1F}")), ("note", r.resolution.note),
        ])
    }

    public static func versionDigest(_ v: ClaimVersion, prev: String) -> String {
        digest(prev: prev, kind: "version", content: versionContent(v))
    }

    public static func resolutionDigest(claim: ClaimID, _ r: ResolutionRevision, prev: String) -> String {
        digest(prev: prev, kind: "resolution", content: resolutionContent(claim: claim, r))
    }
}
