import Foundation

/// One recorded event, as the verifiable log holds it: a claim version (with its source, tags
/// and translations as they were), a forecast, or a resolution revision. Its leaf data is an
/// injective encoding (docs/log.md): two different events never encode alike, so the log's
/// root commits to every field of every event, in the order they were recorded.
public enum LogEvent: Sendable, Equatable {
    case version(ClaimVersion)
    case forecast(claim: ClaimID, RecordedForecast)
    case resolution(claim: ClaimID, ResolutionRevision)

    public enum Kind: String, Sendable, CaseIterable { case version, forecast, resolution }

    public var kind: Kind {
        switch self {
        case .version: return .version
        case .forecast: return .forecast
        case .resolution: return .resolution
        }
    }

    public var claimID: ClaimID {
        switch self {
        case .version(let v): return v.id
        case .forecast(let id, _), .resolution(let id, _): return id
        }
    }

    public var recordedAt: Timestamp {
        switch self {
        case .version(let v): return v.info.recordedAt
        case .forecast(_, let f): return f.recordedAt
        case .resolution(_, let r): return r.recordedAt
        }
    }

    /// "version 2", "forecast by Ann", "resolution 1": how messages name the event.
    public var name: String {
        switch self {
        case .version(let v): return "\(v.id) version \(v.info.version)"
        case .forecast(let id, let f): return "\(id) forecast by \(f.forecast.forecaster) recorded \(f.recordedAt)"
        case .resolution(let id, let r): return "\(id) resolution \(r.revision)"
        }
    }

    /// The leaf data: "claims-log-v1", a newline, the kind, a newline, then each field, in the
    /// fixed order of schema/log.md, as its name's length (one byte), the name, and its value
    /// (see `LogValue`). Written straight into bytes: an import encodes every event it adds.
    public var leafData: [UInt8] {
        var w = LeafWriter()
        w.out += "claims-log-v1\n".utf8
        w.out += kind.rawValue.utf8
        w.out.append(0x0A)
        switch self {
        case .version(let v):
            w.text("claim", v.id.rawValue)
            w.text("version", String(v.info.version))
            w.text("recorded_at", v.info.recordedAt.description)
            w.text("author", v.info.author)
            w.text("reason", v.info.reason)
            w.content(v.content)
        case .forecast(let id, let r):
            w.text("claim", id.rawValue)
            w.forecast(r.forecast)
            w.text("recorded_at", r.recordedAt.description)
            w.text("author", r.author)
        case .resolution(let id, let r):
            let s = r.resolution
            w.text("claim", id.rawValue)
            w.text("revision", String(r.revision))
            w.text("recorded_at", r.recordedAt.description)
            w.text("author", r.author)
            w.resolution(s)
        }
        return w.out
    }
}

extension NewClaim {
    /// What an import was given for this claim, as bytes: "claims-input-v1", then its id, its
    /// content, what the file left out (`kept`), its forecasts and its resolution, each field
    /// written as in the log's leaf data. Two claims encode alike only when an import would
    /// treat them alike: the store keeps a digest of it (`import_marks`), so that importing the
    /// same claim onto the same state again is seen to change nothing without comparing fields.
    public var inputData: [UInt8] {
        var w = LeafWriter()
        w.out += "claims-input-v1\n".utf8
        w.text("claim", id?.rawValue)
        w.content(content)
        w.list("kept", kept.map(\.rawValue).sorted())
        w.list("forecasts", forecasts.map { _ in "" })
        for f in forecasts { w.forecast(f) }
        w.list("resolution", resolution.map { _ in [""] })
        if let resolution { w.resolution(resolution) }
        return w.out
    }
}

/// Writes fields of the leaf data.
struct LeafWriter {
    var out: [UInt8] = []

    init() { out.reserveCapacity(768) }

    mutating func name(_ name: StaticString) {
        out.append(UInt8(name.utf8CodeUnitCount))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    mutating func length(_ n: Int) {
        out.append(UInt8(truncatingIfNeeded: n >> 24))
        out.append(UInt8(truncatingIfNeeded: n >> 16))
        out.append(UInt8(truncatingIfNeeded: n >> 8))
        out.append(UInt8(truncatingIfNeeded: n))
    }

    mutating func bytes(_ s: String) {
        var s = s
        s.withUTF8 { b in
            length(b.count)
            out.append(contentsOf: b)
        }
    }

    mutating func text(_ field: StaticString, _ value: String?) {
        name(field)
        guard let value else { out.append(0x00); return }
        out.append(0x01)
        bytes(value)
    }

    /// A claim's content, every field, in the order of schema/log.md.
    mutating func content(_ c: ClaimContent) {
        let s = c.source
        text("statement", c.statement.value)
        text("claimant", c.claimant.value)
        text("said_on", c.saidOn.description)
        text("source.key", s?.key)
        text("source.kind", s?.kind.rawValue)
        text("source.title", s?.title)
        text("source.url", s?.url)
        text("source.publisher", s?.publisher)
        text("source.published_on", s?.publishedOn?.description)
        text("source.language", s?.language)
        list("source.people", s?.people)
        text("quote", c.quote)
        text("location", c.location)
        text("criteria", c.criteria)
        text("window.start", c.window?.start.description)
        text("window.end", c.window?.end.description)
        text("window.phrase", c.window?.phrase)
        text("window.rule", c.window?.rule)
        text("confidence.words", c.confidence.words)
        text("confidence.stated", c.confidence.stated.map(LogValue.number))
        text("notes", c.notes)
        list("tags", c.tags)
        for t in c.translations {
            text("translation.language", t.language)
            text("translation.statement", t.statement)
            text("translation.quote", t.quote)
            text("translation.location", t.location)
        }
        // Only when set, so that every version logged before withdrawals existed keeps its leaf.
        if let withdrawal = c.withdrawal {
            text("withdrawn", withdrawal.reason.value)
            text("successor", withdrawal.successor?.rawValue)
        }
    }

    mutating func forecast(_ f: Forecast) {
        text("forecaster", f.forecaster.value)
        text("probability", LogValue.number(f.probability))
        text("made_on", f.madeOn.description)
        text("note", f.note)
        text("reported_source", f.reportedSource)
    }

    mutating func resolution(_ s: Resolution) {
        text("outcome", s.outcome.rawValue)
        text("settled_on", s.settledOn.description)
        list("evidence", s.evidence)
        text("note", s.note)
    }

    mutating func list(_ field: StaticString, _ values: [String]?) {
        name(field)
        guard let values else { out.append(0x00); return }
        out.append(0x02)
        length(values.count)
        for v in values { bytes(v) }
    }
}

/// How values are written in the leaf data (`LeafWriter`): 0x00 for null; 0x01, a 4-byte
/// big-endian length and the UTF-8 bytes for a text; 0x02, a 4-byte big-endian count, then each
/// text as its 4-byte length and bytes, for a list. Typed and length-prefixed, so no value can be
/// read as another.
public enum LogValue {
    /// A probability as text: the shortest decimal that reads back as the same double (as
    /// Swift's `description` and Python's `repr` write it), with -0 written as 0.0.
    public static func number(_ p: Probability) -> String { (p.value == 0 ? 0.0 : p.value).description }
}
