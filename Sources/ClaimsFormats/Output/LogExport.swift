import ClaimsCore
import Foundation

/// The log as JSON Lines, one event a line in log order: what an independent program needs to
/// recompute every leaf and the root (schema/log.md). Each line is an object with `seq`, `kind`
/// and the event's fields under the names schema/log.md gives; a probability is the exact text
/// its leaf holds.
public enum LogExport {
    public static func line(seq: Int, _ event: LogEvent) -> String {
        var o: [(String, Any?)] = [("seq", seq), ("kind", event.kind.rawValue)]
        switch event {
        case .version(let v):
            let c = v.content
            o += [("claim", v.id.rawValue), ("version", v.info.version), ("recorded_at", v.info.recordedAt.description),
                  ("author", v.info.author), ("reason", v.info.reason), ("statement", c.statement.value), ("claimant", c.claimant.value),
                  ("said_on", c.saidOn.description)]
            o.append(("source", c.source.map { s -> [(String, Any?)] in
                [("key", s.key), ("kind", s.kind.rawValue), ("title", s.title), ("url", s.url), ("publisher", s.publisher),
                 ("published_on", s.publishedOn?.description), ("language", s.language), ("people", s.people)]
            }))
            o += [("quote", c.quote), ("location", c.location), ("criteria", c.criteria)]
            o.append(("window", c.window.map { w -> [(String, Any?)] in
                [("start", w.start.description), ("end", w.end.description), ("phrase", w.phrase), ("rule", w.rule)]
            }))
            o.append(("confidence", [("words", c.confidence.words), ("stated", c.confidence.stated.map(LogValue.number))] as [(String, Any?)]))
            o += [("notes", c.notes), ("tags", c.tags)]
            o.append(("translations", c.translations.map { t -> [(String, Any?)] in
                [("language", t.language), ("statement", t.statement), ("quote", t.quote), ("location", t.location)]
            }))
            // Only on a withdrawn version, as in the leaf.
            if let w = c.withdrawal {
                o.append(("withdrawn", [("reason", w.reason.value), ("successor", w.successor?.rawValue)] as [(String, Any?)]))
            }
        case .forecast(let id, let r):
            let f = r.forecast
            o += [("claim", id.rawValue), ("forecaster", f.forecaster.value), ("probability", LogValue.number(f.probability)),
                  ("made_on", f.madeOn.description), ("note", f.note), ("reported_source", f.reportedSource),
                  ("recorded_at", r.recordedAt.description), ("author", r.author)]
        case .resolution(let id, let r):
            let s = r.resolution
            o += [("claim", id.rawValue), ("revision", r.revision), ("recorded_at", r.recordedAt.description), ("author", r.author),
                  ("outcome", s.outcome.rawValue), ("settled_on", s.settledOn.description), ("evidence", s.evidence), ("note", s.note)]
        }
        var out = ""
        write(object: o, to: &out)
        return out
    }

    static func write(object: [(String, Any?)], to out: inout String) {
        out += "{"
        for (i, (key, value)) in object.enumerated() {
            if i > 0 { out += "," }
            out += quoted(key) + ":"
            write(value, to: &out)
        }
        out += "}"
    }

    static func write(_ value: Any?, to out: inout String) {
        switch value {
        case nil: out += "null"
        case let s as String: out += quoted(s)
        case let n as Int: out += String(n)
        case let list as [String]: out += "[" + list.map(quoted).joined(separator: ",") + "]"
        case let object as [(String, Any?)]: write(object: object, to: &out)
        case let objects as [[(String, Any?)]]:
            out += "["
            for (i, o) in objects.enumerated() { if i > 0 { out += "," }; write(object: o, to: &out) }
            out += "]"
        case let some?:
            // Values are only the types above (or nil).
            out += quoted("\(some)")
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as is.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
