import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one claim: every field, its forecasts and its resolution.")

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let point = readPoint.readPoint()
            let db = try database.openForReading()
            let claimID = try db.matchID(id)
            guard let state = try db.state(claimID, at: point) else {
                throw CLIError.invalidOption(option: "--as-of", message: "\(claimID) was not recorded yet at \(point.asOf.map(\.description) ?? "that moment"): it was first recorded later.")
            }
            let summary = ClaimSummary(state)
            switch output.format {
            case .json:
                rt.print(try jsonText(ClaimJSON(summary: summary, today: point.today, forecasts: state.forecasts, digest: state.digest)))
            case .csv:
                var csv = CSVWriter(header: ClaimCSV.header)
                csv.add(ClaimCSV.row(summary, today: point.today))
                rt.write(csv.text)
            case .table:
                rt.print(Self.render(state, summary: summary, today: point.today))
            }
        }

        static func render(_ state: ClaimState, summary: ClaimSummary, today: Day) -> String {
            let style = Style()
            let c = state.content
            var lines: [(String, String)] = []
            func add(_ label: String, _ value: String?) { if let value, !value.isEmpty { lines.append((label, value)) } }
            add("statement", c.statement.value)
            add("claimant", c.claimant.value)
            add("said on", c.saidOn.description)
            if let s = c.source {
                add("source", [s.title, s.publisher, s.publishedOn?.description].compactMap { $0 }.joined(separator: " · ") + " [\(s.kind.rawValue), key \(s.key)]")
                add("url", s.url)
            }
            add("quote", c.quote.map { "“\($0)”" })
            add("location", c.location)
            add("watch", VideoMoment.link(url: c.source?.url, location: c.location))
            add("criteria", c.criteria)
            if let w = c.window {
                add("window", "\(w.start) … \(w.end)" + (w.phrase.map { " (\"\($0)\"" + (w.rule.map { ", rule \($0))" } ?? ")") } ?? ""))
            }
            var confidence: [String] = []
            if let words = c.confidence.words { confidence.append("\"\(words)\"") }
            if let i = c.confidence.inferred {
                confidence.append("inferred \(i.band.rawValue) \(i.low)–\(i.high) (midpoint \(String(format: "%.3g", i.midpoint)), from \"\(i.qualifier)\")")
            }
            if let p = c.confidence.stated { confidence.append("stated probability \(p)") }
            add("confidence", confidence.isEmpty ? "none given (a flat assertion)" : confidence.joined(separator: ", "))
            add("tags", c.tags.joined(separator: ", "))
            add("notes", c.notes)
            for t in c.translations {
                add("in \(t.language)", [t.statement, t.quote.map { "“\($0)”" }, t.location].compactMap { $0 }.joined(separator: "\n"))
            }
            let status = summary.status(on: today)
            add("status", status == .due ? style.red("due") : status.rawValue)
            if let w = c.withdrawal {
                add("withdrawn", w.reason.value)
                add("successor", w.successor?.rawValue)
            }
            if let r = state.resolution {
                let res = r.resolution
                add("outcome", "\(res.outcome.rawValue), settled \(res.settledOn)" + (r.revision > 1 ? " (revision \(r.revision))" : ""))
                add("evidence", res.evidence.joined(separator: "\n"))
                add("note", res.note)
            }
            if let stated = c.confidence.stated {
                add("forecast", "\(c.claimant) (claimant, stated): \(stated) on \(c.saidOn)")
            }
            for f in state.forecasts {
                add("forecast", "\(f.forecast.forecaster): \(f.forecast.probability) on \(f.forecast.madeOn)" + (f.forecast.note.map { " — \($0)" } ?? ""))
            }
            add("version", "\(state.current.info.version), recorded \(state.current.info.recordedAt) by \(state.current.info.author)")
            add("digest", state.digest.map { "sha256:\($0) (publish it to prove this record existed by now; `claims verify` checks)" })
            let width = lines.map { displayWidth($0.0) }.max() ?? 0
            var out = [style.bold(state.id.rawValue)]
            for (label, value) in lines {
                let pad = String(repeating: " ", count: width - displayWidth(label))
                let indented = value.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 2))
                out.append(style.dim(label) + pad + "  " + indented)
            }
            return out.joined(separator: "\n")
        }
    }
}
