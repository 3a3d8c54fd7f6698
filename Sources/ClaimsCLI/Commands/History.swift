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

        /// An event as JSON (documented in cli-docs/README.md).
        struct EventJSON: Encodable {
            let event: HistoryEvent

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                try c.encode(event.recordedAt, forKey: .recorded_at); try c.encode(event.kind.rawValue, forKey: .kind)
                try c.encode(event.number, forKey: .number); try c.encode(event.author, forKey: .author)
                try c.encode(event.reason, forKey: .reason); try c.encode(event.changes, forKey: .changes)
            }
            enum K: String, CodingKey { case recorded_at, kind, number, author, reason, changes }
        }

        func run() throws {
            let rt = Runtime.current
            let db = try database.openForReading()
            let events = try db.history(try db.matchID(id)).events
            switch output.format {
            case .json:
                rt.print(try jsonText(events.map(EventJSON.init)))
            case .csv:
                var csv = CSVWriter(header: ["recorded_at", "kind", "number", "author", "reason", "field", "old", "new"])
                for e in events {
                    for ch in e.changes {
                        csv.add([e.recordedAt.description, e.kind.rawValue, e.number.map(String.init) ?? "", e.author,
                                 e.reason ?? "", ch.field, ch.old ?? "", ch.new ?? ""])
                    }
                }
                rt.write(csv.text)
            case .table:
                let style = Style()
                var out: [String] = []
                for e in events {
                    let title = e.kind.rawValue + (e.number.map { " \($0)" } ?? "")
                    out.append(style.bold(title) + "  " + e.recordedAt.description + "  by " + e.author
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
