import ClaimsCore
import Foundation
import Yams

/// The `predictions.yaml` of the public trackers of AI leaders' forecasts: `meta`, then
/// `predictions`, a list with the keys below. Read and written losing nothing that has a place
/// in a claim; what has none is kept in the claim's notes, in lines the writer reads back.
///
/// | key | claim |
/// | --- | --- |
/// | id | id (normalized) |
/// | quote | statement and quote (the format has no separate statement) |
/// | speaker | claimant |
/// | date_said | said_on |
/// | venue, primary_url | the source's title and URL |
/// | archive_url | a notes line `Archived at: URL` |
/// | predicted_horizon_verbatim | the window, read with the tracker's own grammar from date_said |
/// | predicted_date | a notes line `Tracker's predicted date: DATE`; the window's end when the words cannot be read. A window that disagrees with it is reported |
/// | status | achieved → true, missed → false, partially → partial, unverifiable → annulled, settled on resolved_date; pending and in_window have no outcome |
/// | confidence | confidence words (a number in them is the stated probability) |
/// | theme | the tag `theme:THEME` |
/// | tags | tags |
/// | evidence | the outcome's evidence, each `URL (DATE): note`; without an outcome, notes lines `Evidence: …` |
/// | notes | notes |
public enum TrackerPredictions {
    public static let keys = ["id", "theme", "quote", "speaker", "date_said", "venue", "primary_url", "archive_url",
                              "predicted_horizon_verbatim", "predicted_date", "status", "resolved_date", "confidence", "tags",
                              "evidence", "notes"]
    public static let statuses = ["pending", "in_window", "achieved", "partially", "missed", "unverifiable"]
    static let archived = "Archived at: ", predicted = "Tracker's predicted date: ", evidenceLine = "Evidence: "

    /// Whether `text` looks like such a file: a top-level `predictions:` key.
    public static func looksLikeOne(_ text: String) -> Bool {
        text.range(of: "(?m)^predictions:", options: .regularExpression) != nil
    }

    /// The claims of a file; problems (which stop the import) and warnings (a horizon the
    /// grammar reads otherwise than the tracker's date, one it cannot read), each at its line.
    public static func read(_ text: String, path: String) -> (claims: [NewClaim], issues: [ClaimFileIssue], warnings: [ClaimFileIssue]) {
        var issues: [ClaimFileIssue] = [], warnings: [ClaimFileIssue] = []
        func at(_ node: Node?) -> (Int, Int) { (node?.mark?.line ?? 1, node?.mark?.column ?? 1) }
        func fail(_ node: Node?, _ message: String) { let (l, c) = at(node); issues.append(ClaimFileIssue(path: path, line: l, column: c, message: message)) }
        func warn(_ node: Node?, _ message: String) { let (l, c) = at(node); warnings.append(ClaimFileIssue(path: path, line: l, column: c, message: message)) }
        let root: Node?
        do { root = try Yams.compose(yaml: text, .basic) } catch { return ([], [.yaml(error, path: path)], []) }
        guard case .mapping(let top)? = root else { fail(root, "a predictions file is a mapping with 'meta' and 'predictions'"); return ([], issues, []) }
        var list: Node.Sequence?
        for (k, v) in top {
            switch k.scalar?.string {
            case "meta":
                if v.mapping == nil { fail(v, "'meta' must be a mapping") }
            case "predictions":
                if case .sequence(let s) = v { list = s } else { fail(v, "'predictions' must be a list") }
            default:
                fail(k, "unknown key '\(k.scalar?.string ?? "")': a predictions file has 'meta' and 'predictions'")
            }
        }
        guard let list else { if issues.isEmpty { fail(root, "missing 'predictions'") }; return ([], issues, []) }
        var claims: [NewClaim] = []
        for item in list {
            guard case .mapping(let map) = item else { fail(item, "each prediction is a mapping of keys (id: …, quote: …)"); continue }
            let before = issues.count
            var v: [String: Node] = [:]
            for (k, value) in map {
                let key = k.scalar?.string ?? ""
                guard keys.contains(key) else {
                    let hint = nearest(key, in: keys).map { "did you mean '\($0)'? " } ?? ""
                    fail(k, "unknown key '\(key)': \(hint)known keys are \(keys.joined(separator: ", "))")
                    continue
                }
                v[key] = value
            }
            func text(_ key: String) -> String? {
                guard let node = v[key] else { return nil }
                guard case .scalar(let s) = node else { fail(node, "\(key) must be text"); return nil }
                let t = s.string.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty || t == "null" || t == "~" ? nil : t
            }
            func get<T>(_ key: String, _ convert: (String) throws -> T) -> T? {
                guard let t = text(key) else { return nil }
                do { return try convert(t) } catch { fail(v[key], "\(key): " + ((error as? LocalizedError)?.errorDescription ?? "\(error)")); return nil }
            }
            func required<T>(_ key: String, _ convert: (String) throws -> T) -> T? {
                if v[key] == nil { fail(item, "missing '\(key)'"); return nil }
                return get(key, convert)
            }
            func strings(_ key: String) -> [String] {
                guard let node = v[key] else { return [] }
                guard case .sequence(let s) = node else { fail(node, "\(key) must be a list"); return [] }
                return s.compactMap { $0.scalar?.string }
            }
            let id = required("id") { t -> ClaimID in
                guard let id = ClaimID.normalizing(t) else { throw DomainError.invalidClaimID(t) }
                return id
            }
            let quote = required("quote") { try NonEmptyText($0, field: "quote") }
            let speaker = required("speaker") { try NonEmptyText($0, field: "speaker") }
            let saidOn = required("date_said", FlatClaims.day)
            let predictedDate = get("predicted_date", FlatClaims.day)
            var notes: [String] = text("notes").map { [$0] } ?? []
            var marks: [String] = []
            if let a = text("archive_url") { marks.append(archived + a) }
            if let d = predictedDate { marks.append(predicted + d.description) }
            // The window: the words, read by our grammar; the tracker's date is kept and compared.
            var window: DueWindow?
            let horizon = text("predicted_horizon_verbatim")
            if let saidOn {
                if let horizon {
                    do {
                        window = try TimePhrases.window(horizon, anchor: saidOn)
                        if let d = predictedDate, let w = window, d != w.end {
                            warn(v["predicted_date"], "'\(horizon)' said on \(saidOn) reads as \(w.start) … \(w.end), but predicted_date is \(d): the window follows the words; the tracker's date is kept in the notes. Check which is meant.")
                        }
                    } catch {
                        let why = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                        if let d = predictedDate {
                            window = try? DueWindow(saidOn: saidOn, start: nil, end: d, phrase: horizon)
                            warn(v["predicted_horizon_verbatim"], "\(why) The window ends on predicted_date, \(d), as the tracker says.")
                        } else {
                            warn(v["predicted_horizon_verbatim"], "\(why) The claim has no window until one is set.")
                        }
                    }
                } else if let d = predictedDate {
                    window = get("predicted_date") { _ in try DueWindow(saidOn: saidOn, start: nil, end: d) }
                }
            }
            var tags = strings("tags")
            if let theme = text("theme") { tags.append("theme:" + theme) }
            let evidence = (v["evidence"].map { node -> [String] in
                guard case .sequence(let s) = node else { fail(node, "evidence must be a list of url, date and note"); return [] }
                return s.compactMap { e -> String? in
                    guard case .mapping(let m) = e else { fail(e, "each evidence is a mapping of url, date and note"); return nil }
                    var f: [String: String] = [:]
                    for (k, val) in m {
                        let key = k.scalar?.string ?? ""
                        guard ["url", "date", "note"].contains(key) else { fail(k, "unknown key '\(key)' in evidence: url, date, note"); continue }
                        f[key] = val.scalar?.string
                    }
                    guard let url = f["url"] ?? f["note"] else { fail(e, "evidence without a url or a note"); return nil }
                    return url + (f["date"].map { " (\($0))" } ?? "") + (f["url"] != nil ? f["note"].map { ": " + $0 } ?? "" : "")
                }
            }) ?? []
            var resolution: Resolution?
            if let status = get("status", { $0.lowercased() }) {
                let outcome: Outcome?
                switch status {
                case "achieved": outcome = .true
                case "missed": outcome = .false
                case "partially": outcome = .partial
                case "unverifiable": outcome = .annulled
                case "pending", "in_window": outcome = nil
                default:
                    fail(v["status"], "'\(status)' is not a status: use \(statuses.joined(separator: ", "))")
                    outcome = nil
                }
                if let outcome {
                    if let settled = required("resolved_date", FlatClaims.day) {
                        resolution = Resolution(outcome: outcome, settledOn: settled, evidence: evidence)
                    }
                } else if !evidence.isEmpty {
                    marks += evidence.map { evidenceLine + $0 }
                }
            }
            notes += marks.isEmpty ? [] : [marks.joined(separator: "\n")]
            var source: Source?
            if text("venue") != nil || text("primary_url") != nil {
                do { source = try Source(kind: .other, title: text("venue"), url: text("primary_url")) }
                catch { fail(v["primary_url"] ?? v["venue"], (error as? LocalizedError)?.errorDescription ?? "\(error)") }
            }
            guard issues.count == before, let id, let quote, let speaker, let saidOn else { continue }
            let content = ClaimContent(statement: quote, claimant: speaker, saidOn: saidOn, source: source, quote: quote.value,
                                       window: window, confidence: Confidence.reading(words: text("confidence")), tags: tags,
                                       notes: notes.isEmpty ? nil : notes.joined(separator: "\n\n"))
            var claim = NewClaim(id: id, content: content, resolution: resolution)
            claim.kept = [.withdrawal]
            claims.append(claim)
        }
        return (claims, issues, warnings)
    }

    /// The claims as one predictions file.
    public static func render(_ states: [ClaimState], today: Day) -> String {
        var out = "meta:\n"
        out += ClaimFileWriter.field("generated_by", "claims export --format predictions", indent: 2)
        out += ClaimFileWriter.field("generated_on", today.description, indent: 2)
        out += ClaimFileWriter.field("count", String(states.count), indent: 2, raw: true)
        out += "predictions:\n"
        for s in states {
            let c = s.content
            func put(_ key: String, _ value: String?, raw: Bool = false) { out += ClaimFileWriter.field(key, value, indent: 4, raw: raw) }
            out += "  - " + ClaimFileWriter.field("id", s.id.rawValue, indent: 4).dropFirst(4)
            // Lines of the notes that hold what has no place of its own.
            var notes: [String] = [], archive: String?, tracker: String?, pendingEvidence: [String] = []
            for paragraph in (c.notes ?? "").components(separatedBy: "\n\n") where !paragraph.isEmpty {
                var kept: [String] = []
                for line in paragraph.components(separatedBy: "\n") {
                    if line.hasPrefix(archived) { archive = String(line.dropFirst(archived.count)) }
                    else if line.hasPrefix(predicted) { tracker = String(line.dropFirst(predicted.count)) }
                    else if line.hasPrefix(evidenceLine) { pendingEvidence.append(String(line.dropFirst(evidenceLine.count))) }
                    else { kept.append(line) }
                }
                if !kept.isEmpty { notes.append(kept.joined(separator: "\n")) }
            }
            put("theme", c.tags.first { $0.hasPrefix("theme:") }.map { String($0.dropFirst(6)) })
            put("quote", c.quote ?? c.statement.value)
            put("speaker", c.claimant.value)
            put("date_said", c.saidOn.description)
            put("venue", c.source?.title)
            put("primary_url", c.source?.url)
            put("archive_url", archive)
            put("predicted_horizon_verbatim", c.window?.phrase)
            put("predicted_date", tracker ?? c.window?.end.description)
            let status: String
            switch s.resolution?.resolution.outcome {
            case .true?: status = "achieved"
            case .false?: status = "missed"
            case .partial?: status = "partially"
            case .annulled?: status = "unverifiable"
            case nil: status = c.window.map { $0.start <= today && today <= $0.end } == true ? "in_window" : "pending"
            }
            put("status", status)
            put("resolved_date", s.resolution?.resolution.settledOn.description)
            put("confidence", c.confidence.words ?? c.confidence.stated?.description)
            out += ClaimFileWriter.list("tags", c.tags.filter { !$0.hasPrefix("theme:") }, indent: 4)
            let evidence = (s.resolution?.resolution.evidence ?? []) + pendingEvidence
            if !evidence.isEmpty {
                out += "    evidence:\n"
                for e in evidence {
                    // "URL (DATE): note", as read.
                    let parts = e.firstMatch(of: /^(\S+)(?: \((\d{4}-\d{2}-\d{2})\))?(?:: (.*))?$/)
                    let url = parts.map { String($0.1) } ?? e
                    out += "      - " + ClaimFileWriter.field("url", url, indent: 8).dropFirst(8)
                    out += ClaimFileWriter.field("date", parts?.2.map(String.init), indent: 8)
                    out += ClaimFileWriter.field("note", parts?.3.map(String.init), indent: 8)
                }
            }
            put("notes", notes.isEmpty ? nil : notes.joined(separator: "\n\n"))
        }
        return out
    }
}
