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

    /// The event's fields, in their fixed order (docs/log.md).
    public var fields: [(name: String, value: LogValue)] {
        switch self {
        case .version(let v):
            let c = v.content
            var f: [(String, LogValue)] = [
                ("claim", .text(v.id.rawValue)), ("version", .text(String(v.info.version))),
                ("recorded_at", .text(v.info.recordedAt.description)), ("author", .text(v.info.author)),
                ("reason", .text(v.info.reason)), ("statement", .text(c.statement.value)), ("claimant", .text(c.claimant.value)),
                ("said_on", .text(c.saidOn.description)),
                ("source.key", .init(c.source?.key)), ("source.kind", .init(c.source?.kind.rawValue)),
                ("source.title", .init(c.source?.title)), ("source.url", .init(c.source?.url)),
                ("source.publisher", .init(c.source?.publisher)), ("source.published_on", .init(c.source?.publishedOn?.description)),
                ("source.language", .init(c.source?.language)), ("source.people", c.source.map { .list($0.people) } ?? .null),
                ("quote", .init(c.quote)), ("location", .init(c.location)), ("criteria", .init(c.criteria)),
                ("window.start", .init(c.window?.start.description)), ("window.end", .init(c.window?.end.description)),
                ("window.phrase", .init(c.window?.phrase)), ("window.rule", .init(c.window?.rule)),
                ("confidence.words", .init(c.confidence.words)), ("confidence.stated", .init(c.confidence.stated.map(LogValue.number))),
                ("notes", .init(c.notes)), ("tags", .list(c.tags)),
            ]
            for t in c.translations {
                f += [("translation.language", .text(t.language)), ("translation.statement", .init(t.statement)),
                      ("translation.quote", .init(t.quote)), ("translation.location", .init(t.location))]
            }
            return f
        case .forecast(let id, let r):
            let f = r.forecast
            return [("claim", .text(id.rawValue)), ("forecaster", .text(f.forecaster.value)),
                    ("probability", .text(LogValue.number(f.probability))), ("made_on", .text(f.madeOn.description)),
                    ("note", .init(f.note)), ("reported_source", .init(f.reportedSource)),
                    ("recorded_at", .text(r.recordedAt.description)), ("author", .text(r.author))]
        case .resolution(let id, let r):
            let s = r.resolution
            return [("claim", .text(id.rawValue)), ("revision", .text(String(r.revision))),
                    ("recorded_at", .text(r.recordedAt.description)), ("author", .text(r.author)),
                    ("outcome", .text(s.outcome.rawValue)), ("settled_on", .text(s.settledOn.description)),
                    ("evidence", .list(s.evidence)), ("note", .init(s.note))]
        }
    }

    /// The leaf data: "claims-log-v1", a newline, the kind, a newline, then each field as its
    /// name's length (one byte), the name, and its value (`LogValue.append`).
    public var leafData: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out += "claims-log-v1\n".utf8
        out += kind.rawValue.utf8
        out.append(0x0A)
        for (name, value) in fields {
            out.append(UInt8(name.utf8.count))
            out += name.utf8
            value.append(to: &out)
        }
        return out
    }
}

/// A field's value in the leaf data: null, a text, or a list of texts. Each is typed and
/// length-prefixed, so no value can be read as another.
public enum LogValue: Sendable, Equatable {
    case null
    case text(String)
    case list([String])

    init(_ text: String?) { self = text.map(LogValue.text) ?? .null }

    /// A probability as text: the shortest decimal that reads back as the same double (as
    /// Swift's `description` and Python's `repr` write it), with -0 written as 0.0.
    public static func number(_ p: Probability) -> String { (p.value == 0 ? 0.0 : p.value).description }

    /// 0x00 for null; 0x01, a 4-byte big-endian length and the UTF-8 bytes for a text; 0x02, a
    /// 4-byte big-endian count, then each text as its 4-byte length and bytes for a list.
    public func append(to out: inout [UInt8]) {
        func length(_ n: Int) { out += [UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16),
                                        UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)] }
        switch self {
        case .null: out.append(0x00)
        case .text(let s):
            out.append(0x01)
            length(s.utf8.count)
            out += s.utf8
        case .list(let items):
            out.append(0x02)
            length(items.count)
            for s in items { length(s.utf8.count); out += s.utf8 }
        }
    }
}
