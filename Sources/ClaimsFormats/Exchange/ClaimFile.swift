import ClaimsCore
import Foundation
import Yams

/// One source and its claims, read from a YAML claim file (the format is documented in
/// claims/README.md). Reading checks everything and reports every problem with its line and
/// column; a file with any problem yields no claims.
public struct ClaimFile: Sendable {
    public let path: String
    public let source: Source?
    public let claims: [NewClaim]

    public static let topKeys = ["source", "claimant", "claims"]
    public static let sourceKeys = ["key", "kind", "title", "url", "publisher", "date", "language", "people"]
    public static let claimKeys = ["id", "statement", "claimant", "said_on", "quote", "location", "criteria", "window",
                            "confidence", "tags", "notes", "translations", "forecasts", "resolution", "withdrawn"]
    public static let translationKeys = ["statement", "quote", "location"]
    public static let windowKeys = ["phrase", "start", "end"]
    public static let confidenceKeys = ["words", "probability"]
    public static let forecastKeys = ["forecaster", "probability", "on", "note"]
    public static let resolutionKeys = ["outcome", "settled_on", "evidence", "note"]
    public static let withdrawnKeys = ["reason", "successor"]

    /// Reads `text`; `path` is the name used in messages (and the source's key by default).
    public static func parse(_ text: String, path: String) throws -> ClaimFile {
        var reader = Reader(path: path)
        let file = reader.read(text)
        guard let file, reader.issues.isEmpty else {
            throw ClaimFileError.invalid(reader.issues.isEmpty ? [ClaimFileIssue(path: path, line: 1, message: "not a claim file")] : reader.issues)
        }
        return file
    }
}

private struct Reader {
    public let path: String
    public var issues: [ClaimFileIssue] = []

    public init(path: String) { self.path = path }

    public mutating func issue(_ node: Node?, _ message: String) {
        issues.append(ClaimFileIssue(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }

    public mutating func read(_ yaml: String) -> ClaimFile? {
        let root: Node?
        do {
            // Every value is read as text by this reader, so no scalar needs its type resolved:
            // the basic resolver spares Yams a run of regular expressions per scalar (a third of
            // the time of reading a claim file, most of it hashing keys to find duplicates).
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            issues.append(.yaml(error, path: path))
            return nil
        }
        guard let root, let top = mapping(root, "the file", keys: ClaimFile.topKeys) else {
            if root == nil { issue(nil, "the file is empty: expected a mapping with 'source' and 'claims'") }
            return nil
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let source = top["source"].flatMap { readSource($0, defaultKey: stem) }
        // A source with mistakes of its own is reported once, not again as each claim's missing date.
        let sourceFailed = top["source"] != nil && source == nil
        let defaultClaimant = top["claimant"].flatMap { text($0, "claimant") }
        var claims: [NewClaim] = []
        var seen: [String: Int] = [:]
        if let list = top["claims"] {
            guard case .sequence(let seq) = list else { issue(list, "'claims' must be a list of claims (each starting with '- ')"); return nil }
            for node in seq {
                if let claim = readClaim(node, source: source, sourceFailed: sourceFailed, defaultClaimant: defaultClaimant) {
                    // A claim read from a file always has its id (readClaim requires one).
                    let id = claim.id?.rawValue ?? ""
                    if let line = seen[id] {
                        issue(node, "the id '\(id)' is used twice (first at line \(line)): ids must be unique")
                    } else {
                        seen[id] = node.mark?.line ?? 0
                    }
                    claims.append(claim)
                }
            }
        } else {
            issue(root, "missing 'claims': list the source's claims under 'claims:'")
        }
        guard issues.isEmpty else { return nil }
        return ClaimFile(path: path, source: source, claims: claims)
    }

    /// A mapping whose keys are all known; reports unknown keys with the nearest known one.
    public mutating func mapping(_ node: Node, _ what: String, keys: [String]) -> [String: Node]? {
        guard case .mapping(let map) = node else {
            issue(node, "\(what) must be a mapping of keys to values (key: value)")
            return nil
        }
        var out: [String: Node] = [:]
        for (keyNode, value) in map {
            let key = keyNode.scalar?.string ?? ""
            if !keys.contains(key) {
                let hint = nearest(key, in: keys).map { "did you mean '\($0)'? " } ?? ""
                issue(keyNode, "unknown key '\(key)' in \(what): \(hint)known keys are \(keys.joined(separator: ", "))")
                continue
            }
            out[key] = value
        }
        return out
    }

    public mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else { issue(node, "\(what) must be text, not a list or mapping"); return nil }
        return s.string
    }

    public mutating func nonEmpty(_ node: Node?, _ what: String, parent: Node) -> NonEmptyText? {
        guard let node else { issue(parent, "missing '\(what)'"); return nil }
        guard let t = text(node, what) else { return nil }
        return attempt(node) { try NonEmptyText(t, field: what) }
    }

    public mutating func day(_ node: Node, _ what: String) -> Day? {
        guard let t = text(node, what) else { return nil }
        return attempt(node) { try Day(t) }
    }

    public mutating func probability(_ node: Node, _ what: String) -> Probability? {
        guard let t = text(node, what) else { return nil }
        return attempt(node) { try Probability(parsing: t) }
    }

    public mutating func strings(_ node: Node, _ what: String) -> [String] {
        switch node {
        case .sequence(let seq): return seq.compactMap { text($0, "each of \(what)") }
        case .scalar(let s): return [s.string]
        default: issue(node, "\(what) must be a list"); return []
        }
    }

    public mutating func attempt<T>(_ node: Node, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            issue(node, (error as? LocalizedError)?.errorDescription ?? "\(error)")
            return nil
        }
    }

    public mutating func readSource(_ node: Node, defaultKey: String) -> Source? {
        guard let m = mapping(node, "source", keys: ClaimFile.sourceKeys) else { return nil }
        let kind: SourceKind? = m["kind"].flatMap { n in text(n, "kind").flatMap { t in attempt(n) { try SourceKind(parsing: t) } } }
        if m["kind"] == nil { issue(node, "missing 'kind' in source: one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        let date = m["date"].flatMap { day($0, "date") }
        let key = m["key"].flatMap { text($0, "key") } ?? defaultKey
        let people = m["people"].map { strings($0, "people") } ?? []
        let title = m["title"].flatMap { text($0, "title") }, url = m["url"].flatMap { text($0, "url") }
        let publisher = m["publisher"].flatMap { text($0, "publisher") }, language = m["language"].flatMap { text($0, "language") }
        guard let kind else { return nil }
        return attempt(m["key"] ?? node) {
            try Source(key: key, kind: kind, title: title, url: url, publisher: publisher, publishedOn: date,
                       language: language, people: people)
        }
    }

    public mutating func readClaim(_ node: Node, source: Source?, sourceFailed: Bool, defaultClaimant: String?) -> NewClaim? {
        guard let m = mapping(node, "a claim", keys: ClaimFile.claimKeys) else { return nil }
        let before = issues.count
        let id = m["id"].flatMap { n in text(n, "id").flatMap { t in attempt(n) { try ClaimID(t) } } }
        if m["id"] == nil { issue(node, "missing 'id': give each claim a stable id such as speaker-2026-topic") }
        let statement = nonEmpty(m["statement"], "statement", parent: node)
        var claimant: NonEmptyText?
        if let n = m["claimant"] { claimant = nonEmpty(n, "claimant", parent: node) }
        else if let d = defaultClaimant { claimant = try? NonEmptyText(d, field: "claimant") }
        else { issue(node, "missing 'claimant': give it here or once at the top of the file") }
        var saidOn = m["said_on"].flatMap { day($0, "said_on") }
        if m["said_on"] == nil {
            saidOn = source?.publishedOn
            if saidOn == nil && !sourceFailed { issue(node, "missing 'said_on': give it, or the source's 'date'") }
        }
        var window: DueWindow?
        if let w = m["window"] {
            if case .scalar(let s) = w {
                // A phrase alone: the window is read from it, from the claim's date.
                if let saidOn { window = attempt(w) { try TimePhrases.window(s.string, anchor: saidOn) } }
            } else if let wm = mapping(w, "window", keys: ClaimFile.windowKeys) {
                let start = wm["start"].flatMap { day($0, "start") }
                let end = wm["end"].flatMap { day($0, "end") }
                let phrase = wm["phrase"].flatMap { text($0, "phrase") }
                if wm["end"] == nil && wm["start"] == nil, let phrase, let saidOn {
                    window = attempt(wm["phrase"] ?? w) { try TimePhrases.window(phrase, anchor: saidOn) }
                } else if wm["end"] == nil {
                    issue(w, "missing 'end' in window: the last day the claim can come true (YYYY-MM-DD), or give only a phrase")
                } else if let saidOn, let end {
                    window = attempt(w) { try DueWindow(saidOn: saidOn, start: start, end: end, phrase: phrase) }
                }
            }
        }
        var confidence = Confidence.none
        if let c = m["confidence"] {
            if case .scalar = c {
                confidence = Confidence.reading(words: text(c, "confidence"))
            } else if let cm = mapping(c, "confidence", keys: ClaimFile.confidenceKeys) {
                confidence = Confidence.reading(words: cm["words"].flatMap { text($0, "words") },
                                                stated: cm["probability"].flatMap { probability($0, "probability") })
            }
        }
        let tags = m["tags"].map { strings($0, "tags") } ?? []
        var translations: [Translation] = []
        if let tn = m["translations"] {
            if case .mapping(let byLanguage) = tn {
                for (languageNode, value) in byLanguage {
                    guard let tm = mapping(value, "a translation", keys: ClaimFile.translationKeys) else { continue }
                    let language = languageNode.scalar?.string ?? ""
                    let statement = tm["statement"].flatMap { text($0, "statement") }
                    let quote = tm["quote"].flatMap { text($0, "quote") }
                    let location = tm["location"].flatMap { text($0, "location") }
                    if let t = attempt(languageNode, {
                        try Translation(language: language, statement: statement, quote: quote, location: location)
                    }) { translations.append(t) }
                }
            } else { issue(tn, "'translations' must map a language tag to its statement, quote and location (zh: {quote: …})") }
        }
        var forecasts: [Forecast] = []
        if let f = m["forecasts"] {
            if case .sequence(let seq) = f {
                for fn in seq {
                    guard let fm = mapping(fn, "a forecast", keys: ClaimFile.forecastKeys) else { continue }
                    let who = nonEmpty(fm["forecaster"], "forecaster", parent: fn)
                    let p = fm["probability"].flatMap { probability($0, "probability") }
                    if fm["probability"] == nil { issue(fn, "missing 'probability' in forecast") }
                    let on = fm["on"].flatMap { day($0, "on") }
                    if fm["on"] == nil { issue(fn, "missing 'on' in forecast: the day it was made") }
                    if let who, let p, let on {
                        forecasts.append(Forecast(forecaster: who, probability: p, madeOn: on, note: fm["note"].flatMap { text($0, "note") }))
                    }
                }
            } else { issue(f, "'forecasts' must be a list") }
        }
        var resolution: Resolution?
        if let r = m["resolution"], let rm = mapping(r, "resolution", keys: ClaimFile.resolutionKeys) {
            let outcome = rm["outcome"].flatMap { n in text(n, "outcome").flatMap { t in attempt(n) { try Outcome(parsing: t) } } }
            if rm["outcome"] == nil { issue(r, "missing 'outcome' in resolution: true, false, partial or annulled") }
            let settled = rm["settled_on"].flatMap { day($0, "settled_on") }
            if rm["settled_on"] == nil { issue(r, "missing 'settled_on' in resolution: the day the world settled it") }
            if let outcome, let settled {
                resolution = Resolution(outcome: outcome, settledOn: settled,
                                        evidence: rm["evidence"].map { strings($0, "evidence") } ?? [],
                                        note: rm["note"].flatMap { text($0, "note") })
            }
        }
        // withdrawn: {reason: …, successor: …}, or the reason alone.
        var withdrawal: Withdrawal?
        if let w = m["withdrawn"] {
            if w.scalar != nil {
                withdrawal = text(w, "withdrawn").flatMap { t in attempt(w) { Withdrawal(reason: try NonEmptyText(t, field: "the withdrawal's reason")) } }
            } else if let wm = mapping(w, "withdrawn", keys: ClaimFile.withdrawnKeys) {
                if wm["reason"] == nil { issue(w, "missing 'reason' in withdrawn: why the claim was taken back") }
                let successor = wm["successor"].flatMap { n in text(n, "successor").flatMap { t in attempt(n) { try ClaimID(t) } } }
                if let r = wm["reason"], let reason = text(r, "reason").flatMap({ t in attempt(r) { try NonEmptyText(t, field: "the withdrawal's reason") } }) {
                    withdrawal = Withdrawal(reason: reason, successor: successor)
                }
            }
        }
        guard issues.count == before, let id, let statement, let claimant, let saidOn else { return nil }
        let content = ClaimContent(
            statement: statement, claimant: claimant, saidOn: saidOn, source: source,
            quote: m["quote"].flatMap { text($0, "quote") }, location: m["location"].flatMap { text($0, "location") },
            criteria: m["criteria"].flatMap { text($0, "criteria") }, window: window, confidence: confidence, tags: tags,
            notes: m["notes"].flatMap { text($0, "notes") }, translations: translations, withdrawal: withdrawal)
        return NewClaim(id: id, content: content, forecasts: forecasts, resolution: resolution)
    }
}
