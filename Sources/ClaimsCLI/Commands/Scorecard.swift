import ArgumentParser
import ClaimsCore
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Scorecard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score each claimant: counts by outcome, hit rate, and Brier score.",
            discussion: """
                Hit rate: true ÷ (true + false), with its 95% Wilson interval. Brier score on the \
                0–1 scale (0 perfect, 0.25 a constant 50%, 1 worst), over claims resolved true or \
                false that carry a probability the claimant stated; BRIER N says how many. Partial \
                and annulled outcomes are counted and not scored.
                """)

        @OptionGroup var filters: FilterOptions
        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let point = try readPoint.readPoint()
            let rows = try database.openExisting().scorecard(filters.filter, at: point)
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "" }
            switch output.format {
            case .json:
                rt.print(try jsonText(rows.map { Row(claimant: $0.claimant, tally: $0.tally) }))
            case .csv:
                var csv = CSVWriter(header: Row.csvHeader)
                for r in rows { csv.add(Row(claimant: r.claimant, tally: r.tally).csvFields) }
                rt.write(csv.text)
            case .table:
                if rows.isEmpty { rt.print("no claims match"); return }
                var table = TextTable(["CLAIMANT", "CLAIMS", "OPEN", "DUE", "TRUE", "FALSE", "PARTIAL", "ANNULLED",
                                       "HIT RATE (95% CI)", "BRIER (0–1)", "BRIER N"])
                table.rightAligned = [1, 2, 3, 4, 5, 6, 7, 9, 10]
                for r in rows {
                    let t = r.tally
                    let hit = t.hitRate.map { h in
                        String(format: "%.0f%%", h * 100) + (t.hitRateInterval.map { String(format: " (%.0f–%.0f%%)", $0.lowerBound * 100, $0.upperBound * 100) } ?? "")
                    } ?? "–"
                    table.add([r.claimant, "\(t.claims)", "\(t.open)", "\(t.due)", "\(t.count(.true))", "\(t.count(.false))",
                               "\(t.count(.partial))", "\(t.count(.annulled))", hit, t.brier.map { String(format: "%.3f", $0) } ?? "–",
                               "\(t.brierCount)"])
                }
                rt.print(table.render())
                rt.print(Style().dim("Brier: 0 = perfect … 1 = worst, over true/false claims with a stated probability. Partial and annulled: counted, not scored."))
            }
        }

        /// One claimant's figures, as JSON (documented in cli-docs/README.md) and CSV.
        struct Row: Encodable {
            let claimant: String
            let tally: ScoreTally

            static let csvHeader = ["claimant", "claims", "open", "due", "true", "false", "partial", "annulled",
                                    "hit_rate", "hit_rate_low", "hit_rate_high", "brier", "brier_scale", "brier_n"]

            var csvFields: [String] {
                func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
                return [claimant, "\(tally.claims)", "\(tally.open)", "\(tally.due)", "\(tally.count(.true))",
                        "\(tally.count(.false))", "\(tally.count(.partial))", "\(tally.count(.annulled))",
                        f(tally.hitRate), f(tally.hitRateInterval?.lowerBound), f(tally.hitRateInterval?.upperBound),
                        f(tally.brier), "0-1", "\(tally.brierCount)"]
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                try c.encode(claimant, forKey: .claimant)
                try c.encode(tally.claims, forKey: .claims)
                try c.encode(tally.open, forKey: .open)
                try c.encode(tally.due, forKey: .due)
                try c.encode(Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, tally.count($0)) }), forKey: .outcomes)
                try c.encode(tally.hitRate, forKey: .hit_rate)
                try c.encode(tally.hitRateInterval.map { [$0.lowerBound, $0.upperBound] }, forKey: .hit_rate_interval_95)
                try c.encode(tally.brier, forKey: .brier)
                try c.encode("0-1", forKey: .brier_scale)
                try c.encode(tally.brierCount, forKey: .brier_n)
            }
            enum K: String, CodingKey { case claimant, claims, open, due, outcomes, hit_rate, hit_rate_interval_95, brier, brier_scale, brier_n }
        }
    }
}
