import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show every recorded change to a claim, oldest first, with what changed.",
            discussion: """
                Events: each version of the claim (with the fields that changed from the one before), \
                each forecast, and each revision of its resolution.
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        struct Event: Encodable {
            let recorded_at: Timestamp
            let kind: String
            let number: Int?
            let author: String
            let reason: String?
            let changes: [FieldChange]

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                try c.encode(recorded_at, forKey: .recorded_at); try c.encode(kind, forKey: .kind)
                try c.encode(number, forKey: .number); try c.encode(author, forKey: .author)
                try c.encode(reason, forKey: .reason); try c.encode(changes, forKey: .changes)
            }
            enum K: String, CodingKey { case recorded_at, kind, number, author, reason, changes }
        }

        static func events(_ h: ClaimHistory) -> [Event] {
            var events: [Event] = []
            var previous: ClaimContent?
            for v in h.versions {
                let changes = previous.map { v.content.changes(since: $0) }
                    ?? v.content.fieldTexts().compactMap { f in f.value.map { FieldChange(field: f.field, old: nil, new: $0) } }
                events.append(Event(recorded_at: v.info.recordedAt, kind: "version", number: v.info.version,
                                    author: v.info.author, reason: v.info.reason, changes: changes))
                previous = v.content
            }
            for f in h.forecasts {
                events.append(Event(recorded_at: f.recordedAt, kind: "forecast", number: nil, author: f.author, reason: nil, changes: [
                    FieldChange(field: "forecaster", old: nil, new: f.forecast.forecaster.value),
                    FieldChange(field: "probability", old: nil, new: f.forecast.probability.description),
                    FieldChange(field: "made_on", old: nil, new: f.forecast.madeOn.description),
                ] + (f.forecast.note.map { [FieldChange(field: "note", old: nil, new: $0)] } ?? [])))
            }
            var before: Resolution?
            for r in h.resolutions {
                let texts: (Resolution?) -> [(String, String?)] = { res in [
                    ("outcome", res?.outcome.rawValue), ("settled_on", res?.settledOn.description),
                    ("evidence", res.map { $0.evidence.joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }),
                    ("note", res?.note),
                ] }
                let old = texts(before), new = texts(r.resolution)
                let changes = new.indices.compactMap { i in
                    old[i].1 == new[i].1 ? nil : FieldChange(field: new[i].0, old: old[i].1, new: new[i].1)
                }
                events.append(Event(recorded_at: r.recordedAt, kind: "resolution", number: r.revision,
                                    author: r.author, reason: r.revision > 1 ? "amended" : "resolved", changes: changes))
                before = r.resolution
            }
            // Stable: equal times keep the order versions, forecasts, resolutions.
            return events.enumerated().sorted { ($0.element.recorded_at, $0.offset) < ($1.element.recorded_at, $1.offset) }.map(\.element)
        }

        func run() throws {
            let rt = Runtime.current
            let db = try database.openForReading()
            let events = Self.events(try db.history(try db.matchID(id)))
            switch output.format {
            case .json:
                rt.print(try jsonText(events))
            case .csv:
                var csv = CSVWriter(header: ["recorded_at", "kind", "number", "author", "reason", "field", "old", "new"])
                for e in events {
                    for ch in e.changes {
                        csv.add([e.recorded_at.description, e.kind, e.number.map(String.init) ?? "", e.author,
                                 e.reason ?? "", ch.field, ch.old ?? "", ch.new ?? ""])
                    }
                }
                rt.write(csv.text)
            case .table:
                let style = Style()
                var out: [String] = []
                for e in events {
                    let title = e.kind + (e.number.map { " \($0)" } ?? "")
                    out.append(style.bold(title) + "  " + e.recorded_at.description + "  by " + e.author
                               + (e.reason.map { "  — \($0)" } ?? ""))
                    for ch in e.changes {
                        if let old = ch.old {
                            out.append("  \(ch.field): \(style.red(old)) → \(ch.new.map { style.green($0) } ?? "(none)")")
                        } else {
                            out.append("  \(ch.field): \(ch.new ?? "(none)")")
                        }
                    }
                }
                rt.print(out.joined(separator: "\n"))
            }
        }
    }
}
