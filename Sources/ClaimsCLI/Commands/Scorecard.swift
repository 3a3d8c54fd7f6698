import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Scorecard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract: "Score forecasts: Brier, skill, log score, hit rate, calibration, per claimant, forecaster, tag, source, horizon or year.",
            discussion: """
                Follows docs/conventions.md. Brier score on the 0–1 scale (0 perfect; --brier-scale 2 \
                for the 0–2 form of Fatebook and Good Judgment Open), Brier skill against the base rate, \
                Metaculus' baseline log score (0 = a coin, higher is better; p clamped to [0.001, 0.999]), \
                hit rate with its 95% Wilson interval for flat assertions (claims with no probability), \
                counts by outcome (annulled shown, never scored; partial shown and left out unless \
                --partial half), a calibration table with stated bin edges, and Murphy's decomposition \
                BS = REL − RES + UNC over the distinct forecast values.

                --use says whose probabilities: the claimant's (stated, else the midpoint of the band \
                their words stand for; the default), only stated ones, only inferred ones, or the \
                forecasts logged on claims (each forecaster's last made on or before the day the window \
                opened, or with --forecast-at latest the last before the outcome was settled). Forecasts \
                made on or after the day the outcome was settled are excluded and counted. Every figure \
                says which probabilities it used; groups with fewer than 10 scored forecasts are marked.
                """)

        @Option(help: "Group by this.")
        var by: ScoreGrouping = .claimant

        @Option(help: "Whose probabilities to score (default: claimant; forecasters with --by forecaster).")
        var use: ScoreUse?

        /// Grouped by forecaster, the forecasters' probabilities are the ones meant.
        var scoredUse: ScoreUse { use ?? (by == .forecaster ? .forecasters : .claimant) }

        @Option(name: .customLong("forecast-at"), help: "With --use forecasters: which of a forecaster's forecasts counts.")
        var forecastAt: ForecastPick = .windowOpen

        @Option(help: "The number of calibration bins.")
        var bins: Int = 10

        @Option(help: "Partial outcomes: left out of the scores, or scored as 0.5.")
        var partial: PartialRule = .leftOut

        @Flag(name: .customLong("witnessed-only"), help: "Score only witnessed probabilities: those the log shows recorded before the outcome was (reported ones are counted and left out).")
        var witnessedOnly = false

        @Option(name: .customLong("brier-scale"), help: ArgumentHelp("1 for the 0–1 Brier score, 2 for the two-category 0–2 form.", valueName: "1|2"))
        var brierScale: Int = 1

        @OptionGroup var filters: FilterOptions
        @OptionGroup var readPoint: ReadPointOptions
        @OptionGroup var database: DatabaseOptions

        @Option(help: "How to print.")
        var format: ScorecardFormat = .table

        enum PartialRule: String, ExpressibleByArgument, CaseIterable { case leftOut = "left-out", half }
        enum ScorecardFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, markdown }

        func validate() throws {
            if by == .forecaster, let use, use != .forecasters {
                throw ValidationError("--by forecaster groups forecasts logged on claims: it goes with --use forecasters, not --use \(use.rawValue).")
            }
            guard (1...100).contains(bins) else { throw ValidationError("--bins must be from 1 to 100.") }
            guard brierScale == 1 || brierScale == 2 else { throw ValidationError("--brier-scale is 1 (0–1) or 2 (0–2).") }
        }

        func run() throws {
            let rt = Runtime.current
            let point = readPoint.readPoint()
            let options = ScoringOptions(bins: bins, partialAsHalf: partial == .half, brierScale: brierScale, witnessedOnly: witnessedOnly)
            let card = try database.openForReading().scorecard(filters.filter, at: point, use: scoredUse, pick: forecastAt, by: by, options: options)
            let report = ScorecardReport(card: card, use: scoredUse, pick: forecastAt, by: by, options: options)
            switch format {
            case .json: rt.print(try jsonText(report))
            case .csv: rt.write(report.csv)
            case .markdown: rt.print(report.markdown)
            case .table: rt.print(report.table)
            }
        }
    }
}

extension ScoreGrouping: ExpressibleByArgument {}
extension ScoreUse: ExpressibleByArgument {}
extension ForecastPick: ExpressibleByArgument {}

/// A scorecard as text, table, CSV, Markdown and JSON. Every figure names what it used.
struct ScorecardReport: Encodable {
    let card: ClaimsCore.Scorecard
    let use: ScoreUse
    let pick: ForecastPick
    let by: ScoreGrouping
    let options: ScoringOptions

    var usedText: String {
        switch use {
        case .claimant: return "the claimants' probabilities: stated, else inferred from their words (band midpoint)"
        case .stated: return "only probabilities the claimants stated"
        case .inferred: return "only probabilities inferred from the claimants' words (band midpoint)"
        case .forecasters: return "the forecasts logged on claims: each forecaster's last " + (pick == .windowOpen ? "made on or before the day the window opened" : "made before the outcome was settled")
        }
    }

    var brierLabel: String { options.brierScale == 2 ? "BRIER (0–2)" : "BRIER (0–1)" }

    func kinds(_ s: ScoreSummary) -> String {
        ProbabilityKind.allCases.compactMap { k in s.kinds[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
    }

    func hit(_ s: ScoreSummary) -> String {
        guard let h = s.hitRate else { return "–" }
        return String(format: "%.0f%%", h * 100) + (s.hitRateInterval.map { String(format: " (%.0f–%.0f%%)", $0.lowerBound * 100, $0.upperBound * 100) } ?? "") + " of \(s.flatAssertions)"
    }

    func cells(_ name: String, _ s: ScoreSummary) -> [String] {
        [name + (s.isSmall ? " *" : ""), "\(s.units)", "\(s.open)", "\(s.due)", "\(s.outcomes[.true] ?? 0)", "\(s.outcomes[.false] ?? 0)",
         "\(s.outcomes[.partial] ?? 0)", "\(s.outcomes[.annulled] ?? 0)", "\(s.scored)" + (s.scored > 0 ? " (\(kinds(s)))" : ""),
         fixed(s.brier), fixed(s.brierSkill), fixed(s.logScore, 1), hit(s)]
    }

    static let headers = ["GROUP", "CLAIMS", "OPEN", "DUE", "TRUE", "FALSE", "PARTIAL", "ANNULLED", "SCORED"]

    var footnotes: [String] {
        var notes = ["Probabilities: \(usedText).",
                     "\(brierLabel.lowercased().replacingOccurrences(of: "brier", with: "Brier")): 0 is perfect, \(options.brierScale == 2 ? "2" : "1") the worst; BSS: skill against always forecasting the base rate (1 perfect, 0 no better); LOG: Metaculus baseline log score (0 = a coin, higher is better).",
                     "Partial outcomes: " + (options.partialAsHalf ? "scored as 0.5." : "counted, left out of the scores (--partial half scores them 0.5).") + " Annulled: counted, never scored.",
                     "HIT RATE: true ÷ (true + false) over flat assertions (no probability), 95% Wilson interval."]
        if card.groups.contains(where: { $0.summary.isSmall }) || card.overall.isSmall { notes.append("* fewer than 10 scored: read with care.") }
        if card.overall.excludedAfterOutcome > 0 { notes.append("Excluded: \(card.overall.excludedAfterOutcome) forecast\(card.overall.excludedAfterOutcome == 1 ? "" : "s") made on or after the day the outcome was settled.") }
        let o = card.overall
        notes.append("Witnessed: \(o.witnessed) of the \(o.scored) probabilities scored were recorded before their outcome; \(o.reported) arrived with or after it (reported, dated only by their source)."
                     + (o.excludedReported > 0 ? " Left out: \(o.excludedReported) reported (--witnessed-only)." : ""))
        if card.overall.withoutAskedProbability > 0 { notes.append("Left out: \(card.overall.withoutAskedProbability) resolved claim\(card.overall.withoutAskedProbability == 1 ? "" : "s") without the kind of probability asked for.") }
        return notes
    }

    var calibrationRows: [[String]] {
        card.overall.calibration.map { b in
            ["[\(fixed(b.lower, 2)), \(fixed(b.upper, 2))\(b.includesUpper ? "]" : ")")", "\(b.count)", fixed(b.meanForecast), fixed(b.observed),
             b.interval.map { "\(fixed($0.lowerBound)) – \(fixed($0.upperBound))" } ?? "–"]
        }
    }

    var decompositionText: String? {
        guard let d = card.overall.decomposition else { return nil }
        return "Decomposition over \(d.distinctValues) distinct forecast values (0–1 scale): REL \(fixed(d.reliability, 4)) − RES \(fixed(d.resolution, 4)) + UNC \(fixed(d.uncertainty, 4)) = BS \(fixed(d.brier, 4))"
    }

    var table: String {
        let style = Style()
        var t = TextTable(Self.headers + [brierLabel, "BSS", "LOG", "HIT RATE (95% CI)"])
        t.rightAligned = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11]
        if by != .none { for g in card.groups { t.add(cells(g.key, g.summary)) } }
        t.add(cells(by == .none ? "all" : "(all)", card.overall))
        var out = [style.bold("Scorecard by \(by.rawValue)"), t.render()]
        if card.overall.scored > 0 {
            var c = TextTable(["BIN", "COUNT", "MEAN FORECAST", "OBSERVED", "95% CI"])
            c.rightAligned = [1, 2, 3]
            for row in calibrationRows { c.add(row) }
            out += ["", style.bold("Calibration, all \(card.overall.scored) scored forecasts (bins left-closed; 1.0 in the last)"), c.render()]
            if let d = decompositionText { out.append(d) }
        }
        out.append("")
        out += footnotes.map { style.dim($0) }
        return out.joined(separator: "\n")
    }

    var markdown: String {
        func row(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        let headers = Self.headers + [brierLabel, "BSS", "LOG", "HIT RATE (95% CI)"]
        var out = ["## Scorecard by \(by.rawValue)", "", row(headers), row(headers.map { _ in "---" })]
        if by != .none { for g in card.groups { out.append(row(cells(g.key, g.summary))) } }
        out.append(row(cells("(all)", card.overall)))
        if card.overall.scored > 0 {
            out += ["", "### Calibration", "", row(["bin", "count", "mean forecast", "observed", "95% CI"]), row(["---", "---", "---", "---", "---"])]
            out += calibrationRows.map(row)
            if let d = decompositionText { out += ["", d] }
        }
        out += [""] + footnotes.map { "- " + $0 }
        return out.joined(separator: "\n")
    }

    static let csvHeader = ["group", "claims", "open", "due", "true", "false", "partial", "annulled", "scored", "stated", "inferred",
                            "forecast", "excluded_after_outcome", "brier", "brier_scale", "brier_skill", "base_rate", "log_score",
                            "hit_rate", "hit_rate_low", "hit_rate_high", "flat_assertions", "small", "probabilities", "witnessed", "reported",
                            "excluded_reported"]

    var csv: String {
        var w = CSVWriter(header: Self.csvHeader)
        func add(_ name: String, _ s: ScoreSummary) {
            func g(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
            w.add([name, "\(s.units)", "\(s.open)", "\(s.due)", "\(s.outcomes[.true] ?? 0)", "\(s.outcomes[.false] ?? 0)",
                   "\(s.outcomes[.partial] ?? 0)", "\(s.outcomes[.annulled] ?? 0)", "\(s.scored)", "\(s.kinds[.stated] ?? 0)",
                   "\(s.kinds[.inferred] ?? 0)", "\(s.kinds[.forecast] ?? 0)", "\(s.excludedAfterOutcome)", g(s.brier),
                   options.brierScale == 2 ? "0-2" : "0-1", g(s.brierSkill), g(s.baseRate), g(s.logScore), g(s.hitRate),
                   g(s.hitRateInterval?.lowerBound), g(s.hitRateInterval?.upperBound), "\(s.flatAssertions)", s.isSmall ? "yes" : "no", use.rawValue,
                   "\(s.witnessed)", "\(s.reported)", "\(s.excludedReported)"])
        }
        if by != .none { for gr in card.groups { add(gr.key, gr.summary) } }
        add("(all)", card.overall)
        return w.text
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(use.rawValue, forKey: .probabilities)
        try c.encode(usedText, forKey: .probabilities_described)
        if use == .forecasters { try c.encode(pick.rawValue, forKey: .forecast_at) }
        try c.encode(by.rawValue, forKey: .by)
        try c.encode(options.brierScale == 2 ? "0-2" : "0-1", forKey: .brier_scale)
        try c.encode(options.partialAsHalf ? "half" : "left-out", forKey: .partial)
        try c.encode(options.bins, forKey: .bins)
        try c.encode(by == .none ? [] : card.groups.map { SummaryJSON(group: $0.key, s: $0.summary) }, forKey: .groups)
        try c.encode(SummaryJSON(group: "(all)", s: card.overall), forKey: .overall)
    }
    enum K: String, CodingKey { case probabilities, probabilities_described, forecast_at, by, brier_scale, partial, bins, groups, overall }
}

/// One group's figures in JSON (documented in cli-docs/README.md).
struct SummaryJSON: Encodable {
    let group: String
    let s: ScoreSummary

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(group, forKey: .group)
        try c.encode(s.units, forKey: .claims)
        try c.encode(s.open, forKey: .open)
        try c.encode(s.due, forKey: .due)
        try c.encode(Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, s.outcomes[$0] ?? 0) }), forKey: .outcomes)
        try c.encode(s.scored, forKey: .scored)
        try c.encode(Dictionary(uniqueKeysWithValues: ProbabilityKind.allCases.map { ($0.rawValue, s.kinds[$0] ?? 0) }), forKey: .probability_kinds)
        try c.encode(s.excludedAfterOutcome, forKey: .excluded_after_outcome)
        try c.encode(s.withoutAskedProbability, forKey: .without_asked_probability)
        try c.encode(s.brier, forKey: .brier)
        try c.encode(s.brierScale == 2 ? "0-2" : "0-1", forKey: .brier_scale)
        try c.encode(s.brierSkill, forKey: .brier_skill)
        try c.encode(s.baseRate, forKey: .base_rate)
        try c.encode(s.meanForecast, forKey: .mean_forecast)
        try c.encode(s.logScore, forKey: .log_score)
        try c.encode(s.hitRate, forKey: .hit_rate)
        try c.encode(s.hitRateInterval.map { [$0.lowerBound, $0.upperBound] }, forKey: .hit_rate_interval_95)
        try c.encode(s.flatAssertions, forKey: .flat_assertions)
        try c.encode(s.isSmall, forKey: .small)
        try c.encode(s.witnessed, forKey: .witnessed)
        try c.encode(s.reported, forKey: .reported)
        try c.encode(s.excludedReported, forKey: .excluded_reported)
        try c.encode(s.calibration.map(BinJSON.init), forKey: .calibration)
        try c.encode(s.decomposition.map(DecompositionJSON.init), forKey: .decomposition)
    }
    enum K: String, CodingKey {
        case group, claims, open, due, outcomes, scored, probability_kinds, excluded_after_outcome, without_asked_probability, brier,
             brier_scale, brier_skill, base_rate, mean_forecast, log_score, hit_rate, hit_rate_interval_95, flat_assertions, small,
             witnessed, reported, excluded_reported, calibration, decomposition
    }
}

struct BinJSON: Encodable {
    let b: CalibrationBin
    init(_ b: CalibrationBin) { self.b = b }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(b.lower, forKey: .lower); try c.encode(b.upper, forKey: .upper)
        try c.encode(b.includesUpper, forKey: .includes_upper); try c.encode(b.count, forKey: .count)
        try c.encode(b.meanForecast, forKey: .mean_forecast); try c.encode(b.observed, forKey: .observed)
        try c.encode(b.interval.map { [$0.lowerBound, $0.upperBound] }, forKey: .interval_95)
    }
    enum K: String, CodingKey { case lower, upper, includes_upper, count, mean_forecast, observed, interval_95 }
}

struct DecompositionJSON: Encodable {
    let d: Decomposition
    init(_ d: Decomposition) { self.d = d }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(d.reliability, forKey: .reliability); try c.encode(d.resolution, forKey: .resolution)
        try c.encode(d.uncertainty, forKey: .uncertainty); try c.encode(d.brier, forKey: .brier)
        try c.encode(d.distinctValues, forKey: .distinct_values)
    }
    enum K: String, CodingKey { case reliability, resolution, uncertainty, brier, distinct_values }
}
