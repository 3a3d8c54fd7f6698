import ClaimsCore
import Foundation

/// Claims as flat records of named fields: the CSV columns (documented in cli-docs/README.md).
/// One record holds a claim and at most one forecast; records with the same id are one claim,
/// and must agree on its fields, each adding its forecast.
public enum FlatClaims {
    public static let fields = [
        "id", "statement", "claimant", "said_on", "source_key", "source_kind", "source_title", "source_url",
        "source_publisher", "source_published_on", "quote", "location", "criteria", "window_start", "window_end",
        "window_phrase", "confidence_words", "stated_probability", "tags", "notes", "forecaster", "probability",
        "forecast_on", "forecast_note", "outcome", "settled_on", "evidence", "resolution_note",
    ]

    /// How to read a file's columns: `field=column` (or `column+column`, joined with '-'), and
    /// constant values for fields the file lacks or leaves empty.
    public struct Mapping: Sendable {
        public var columns: [String: [String]] = [:]
        public var defaults: [String: String] = [:]

        public init() {}

        public static func parse(maps: [String], defaults: [String]) throws -> Mapping {
            var m = Mapping()
            for pair in maps.flatMap({ $0.split(separator: ",") }) {
                let (field, value) = try split(String(pair), option: "--map")
                m.columns[field] = value.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            for pair in defaults {
                let (field, value) = try split(pair, option: "--default")
                m.defaults[field] = value
            }
            return m
        }

        private static func split(_ pair: String, option: String) throws -> (String, String) {
            guard let eq = pair.firstIndex(of: "=") else {
                throw ClaimFileError.invalidOption(option: option, message: "'\(pair)' is not field=value, as in statement=question.")
            }
            let field = pair[..<eq].trimmingCharacters(in: .whitespaces), value = String(pair[pair.index(after: eq)...])
            guard FlatClaims.fields.contains(field) else {
                let hint = nearest(field, in: FlatClaims.fields).map { "did you mean '\($0)'? " } ?? ""
                throw ClaimFileError.invalidOption(option: option, message: "'\(field)' is not a field: \(hint)the fields are \(FlatClaims.fields.joined(separator: ", ")).")
            }
            return (field, value)
        }
    }

    /// Lenient dates for data from elsewhere: `2025-01-01`, or the date part of
    /// `2025-01-01T05:00:00+00:00` or `2025-01-01 05:00`.
    public static func day(_ text: String) throws -> Day {
        let t = trimmed(text)
        if t.count > 10, let sep = t.dropFirst(10).first, sep == "T" || sep == " " { return try Day(String(t.prefix(10))) }
        return try Day(t)
    }

    public static func outcome(_ text: String) throws -> Outcome { try Outcome(reading: text) }

    /// Builds claims from records; every problem is collected with its line.
    public static func claims(_ records: [(line: Int, value: (String) -> String?)], path: String) -> (claims: [NewClaim], issues: [ClaimFileIssue]) {
        var merger = Merger(path: path)
        var found: [(line: Int, claim: NewClaim)] = []
        for record in records { if let done = merger.add(record) { found.append(done) } }
        if let done = merger.finish() { found.append(done) }
        let repeated = RepeatedIDs.repeated(in: found, path: path, message: Merger.apart)
        return (found.map(\.claim), (merger.issues + repeated.values).sorted { $0.line < $1.line })
    }

    /// Turns records into claims one at a time, so that a file of any size is read in flat memory:
    /// records of one claim (the same id) follow one another and are merged, each adding its
    /// forecast; a claim is complete when a record of another begins. Records of one claim that
    /// are apart in the file are found by `RepeatedIDs` (message `apart`).
    public struct Merger {
        let path: String
        var pending: (line: Int, claim: NewClaim)?
        public private(set) var issues: [ClaimFileIssue] = []

        public init(path: String) { self.path = path }

        public static func apart(_ id: ClaimID, first: Int) -> String {
            "the id '\(id)' was used by the records on line \(first), and again here: the records of one claim must follow one another (sort the file by id, or give each its own id)"
        }

        /// The claim completed before this record began, if any.
        public mutating func finish() -> (line: Int, claim: NewClaim)? {
            defer { pending = nil }
            return pending
        }

        public mutating func add(_ record: (line: Int, value: (String) -> String?)) -> (line: Int, claim: NewClaim)? {
            merge(Merger.parse(record, path: path))
        }

        /// What one record says, read alone (pure work: records are read on every core, then
        /// merged in order).
        public struct Parsed: Sendable {
            let line: Int
            let claim: NewClaim?
            let issues: [ClaimFileIssue]
        }

        /// Adds a record read by `parse`; returns the claim it completes, if any.
        public mutating func merge(_ parsed: Parsed) -> (line: Int, claim: NewClaim)? {
            issues += parsed.issues
            guard let claim = parsed.claim, let claimID = claim.id else { return nil }
            let line = parsed.line
            let content = claim.content, forecasts = claim.forecasts, resolution = claim.resolution
            if var existing = pending, existing.claim.id == claimID {
                if let change = content.changes(since: existing.claim.content).first {
                    issues.append(ClaimFileIssue(path: path, line: line, message: "the record for '\(claimID)' differs from the one on line \(existing.line) in \(change.field): records of one claim must agree (give each its own id, for example --map id=id+round)"))
                    return nil
                }
                if let resolution, existing.claim.resolution != nil, existing.claim.resolution != resolution {
                    issues.append(ClaimFileIssue(path: path, line: line, message: "the record for '\(claimID)' has another outcome than the one on line \(existing.line)"))
                    return nil
                }
                existing.claim.forecasts += forecasts.filter { !existing.claim.forecasts.contains($0) }
                existing.claim.resolution = existing.claim.resolution ?? resolution
                pending = existing
                return nil
            }
            defer { pending = (line, claim) }
            return pending
        }

        /// Reads one record alone: its claim (one forecast at most), or its problems.
        public static func parse(_ record: (line: Int, value: (String) -> String?), path: String) -> Parsed {
            var issues: [ClaimFileIssue] = []
            func fail(_ field: String, _ message: String) {
                issues.append(ClaimFileIssue(path: path, line: record.line, message: "\(field): \(message)"))
            }
            func get<T>(_ field: String, _ convert: (String) throws -> T) -> T? {
                guard let text = record.value(field) else { return nil }
                do { return try convert(text) } catch {
                    fail(field, (error as? LocalizedError)?.errorDescription ?? "\(error)")
                    return nil
                }
            }
            func required<T>(_ field: String, _ convert: (String) throws -> T) -> T? {
                if record.value(field) == nil { fail(field, "missing: give the column, or map one with --map \(field)=COLUMN or --default \(field)=VALUE"); return nil }
                return get(field, convert)
            }
            let statement = required("statement") { try NonEmptyText($0, field: "the statement") }
            let claimant = required("claimant") { try NonEmptyText($0, field: "the claimant") }
            let saidOn = required("said_on", day)
            var source: Source?
            if ["source_key", "source_title", "source_url", "source_publisher", "source_published_on"].contains(where: { record.value($0) != nil }) {
                let kind = get("source_kind") { try SourceKind(parsing: $0) } ?? .other
                let published = get("source_published_on", day)
                do {
                    source = try Source(key: record.value("source_key"), kind: kind, title: record.value("source_title"),
                                        url: record.value("source_url"), publisher: record.value("source_publisher"),
                                        publishedOn: published)
                } catch { fail("source_key", (error as? LocalizedError)?.errorDescription ?? "\(error)") }
            }
            var window: DueWindow?
            let end = get("window_end", day), start = get("window_start", day)
            if let end, let saidOn {
                do { window = try DueWindow(saidOn: saidOn, start: start, end: end, phrase: record.value("window_phrase")) }
                catch { fail("window_end", (error as? LocalizedError)?.errorDescription ?? "\(error)") }
            } else if start != nil || record.value("window_phrase") != nil, end == nil, record.value("window_end") == nil {
                fail("window_end", "missing: a window needs its last day")
            }
            let stated = get("stated_probability") { try Probability(parsing: $0) }
            var forecasts: [Forecast] = []
            if let p = get("probability", { try Probability(parsing: $0) }) {
                let who = required("forecaster") { try NonEmptyText($0, field: "the forecaster") }
                let on = get("forecast_on", day) ?? saidOn
                if let who, let on { forecasts.append(Forecast(forecaster: who, probability: p, madeOn: on, note: record.value("forecast_note"))) }
            }
            var resolution: Resolution?
            if let outcome = get("outcome", outcome) {
                if let settled = get("settled_on", day) ?? window?.end {
                    resolution = Resolution(outcome: outcome, settledOn: settled,
                                            evidence: list(record.value("evidence"), separator: nil),
                                            note: record.value("resolution_note"))
                } else if record.value("settled_on") == nil {
                    fail("settled_on", "missing: the day the outcome was settled (or a window_end to use)")
                }
            }
            let id = get("id") { try ClaimID(normalizing: $0) }
            guard issues.isEmpty, let statement, let claimant, let saidOn else { return Parsed(line: record.line, claim: nil, issues: issues) }
            let content = ClaimContent(
                statement: statement, claimant: claimant, saidOn: saidOn, source: source, quote: record.value("quote"),
                location: record.value("location"), criteria: record.value("criteria"), window: window,
                confidence: Confidence(words: record.value("confidence_words"), stated: stated),
                tags: list(record.value("tags"), separator: ";"), notes: record.value("notes"))
            // What the row leaves out (a missing column, an empty cell, what CSV cannot hold) is
            // kept from a claim already recorded, never cleared.
            var kept: Set<KeptPart> = [.translations, .sourceDetails, .windowRule, .withdrawal]
            let missing: (String) -> Bool = { record.value($0) == nil }
            if source == nil { kept.insert(.source) }
            if missing("quote") { kept.insert(.quote) }
            if missing("location") { kept.insert(.location) }
            if missing("criteria") { kept.insert(.criteria) }
            if window == nil { kept.insert(.window) }
            if missing("confidence_words") { kept.insert(.confidenceWords) }
            if missing("stated_probability") { kept.insert(.statedProbability) }
            if missing("tags") { kept.insert(.tags) }
            if missing("notes") { kept.insert(.notes) }
            let claimID = id ?? ClaimID.derived(from: [statement.value, claimant.value, saidOn.description])
            var claim = NewClaim(id: claimID, content: content, forecasts: forecasts, resolution: resolution)
            claim.kept = kept
            return Parsed(line: record.line, claim: claim, issues: [])
        }
    }

    /// A list in one cell: values joined by `separator` (`;` for tags; white space for evidence,
    /// when `separator` is nil), or a JSON array of strings when a value holds the separator (or
    /// begins with `[`). Reading takes either.
    static func cell(_ values: [String], separator: Character?) -> String {
        let plain = values.allSatisfy { v in
            !v.hasPrefix("[") && (separator.map { !v.contains($0) } ?? !v.contains(where: \.isWhitespace))
        }
        if plain { return values.joined(separator: separator.map(String.init) ?? " ") }
        return "[" + values.map(LogExport.quoted).joined(separator: ",") + "]"
    }

    static func list(_ text: String?, separator: Character?) -> [String] {
        guard let text else { return [] }
        if text.hasPrefix("["), let data = text.data(using: .utf8),
           let array = try? JSONSerialization.jsonObject(with: data) as? [String] {
            return array
        }
        if let separator { return text.split(separator: separator).map(String.init) }
        return text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// A claim as CSV rows: one per forecast (at least one).
    public static func rows(_ s: ClaimState) -> [[String]] {
        let c = s.content
        let r = s.resolution?.resolution
        let base: [String: String] = [
            "id": s.id.rawValue, "statement": c.statement.value, "claimant": c.claimant.value, "said_on": c.saidOn.description,
            "source_key": c.source?.key ?? "", "source_kind": c.source?.kind.rawValue ?? "", "source_title": c.source?.title ?? "",
            "source_url": c.source?.url ?? "", "source_publisher": c.source?.publisher ?? "",
            "source_published_on": c.source?.publishedOn?.description ?? "", "quote": c.quote ?? "", "location": c.location ?? "",
            "criteria": c.criteria ?? "", "window_start": c.window?.start.description ?? "", "window_end": c.window?.end.description ?? "",
            "window_phrase": c.window?.phrase ?? "", "confidence_words": c.confidence.words ?? "",
            "stated_probability": c.confidence.stated?.description ?? "", "tags": cell(c.tags, separator: ";"), "notes": c.notes ?? "",
            "outcome": r?.outcome.rawValue ?? "", "settled_on": r?.settledOn.description ?? "",
            "evidence": r.map { cell($0.evidence, separator: nil) } ?? "", "resolution_note": r?.note ?? "",
        ]
        let forecasts = s.forecasts.map(\.forecast)
        if forecasts.isEmpty { return [fields.map { base[$0] ?? "" }] }
        return forecasts.map { f in
            var row = base
            row["forecaster"] = f.forecaster.value
            row["probability"] = f.probability.description
            row["forecast_on"] = f.madeOn.description
            row["forecast_note"] = f.note ?? ""
            return fields.map { row[$0] ?? "" }
        }
    }
}
