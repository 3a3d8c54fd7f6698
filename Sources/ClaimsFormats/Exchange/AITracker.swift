import ClaimsCore
import Foundation
import Yams

/// The community format of public AI-prediction trackers: one YAML file per prediction, with
/// the keys below. The format records no outcome (its `status` is pending, expired or notable,
/// "not right or wrong"), so outcomes are neither read nor written.
///
/// | key | claim |
/// | --- | --- |
/// | file name | id (normalized) |
/// | prediction_date | said_on |
/// | source_name | claimant |
/// | source_url | source url |
/// | prediction_text | statement |
/// | deadline | window end (the window starts on prediction_date) |
/// | deadline_fuzzy | window phrase ("end of 2027") |
/// | category | a tag |
/// | source_type | source kind (tweet, blog … become post; unknown types other) |
/// | conflict_of_interest | the tag `conflict-of-interest` when true |
/// | status | `notable` is the tag `notable`; pending and expired follow from the window |
/// | notes | notes |
public enum AITracker {
    public static let keys = ["prediction_date", "source_name", "source_url", "prediction_text", "deadline", "deadline_fuzzy",
                       "category", "source_type", "conflict_of_interest", "status", "notes"]
    /// Keys some trackers add that say nothing about the claim.
    public static let ignored = ["skip_post"]
    public static let specialTags: Set<String> = ["conflict-of-interest", "notable"]

    public static func kind(_ sourceType: String) -> SourceKind {
        let t = sourceType.lowercased()
        if let k = SourceKind(rawValue: t) { return k }
        switch t {
        case "tweet", "twitter", "x", "blog", "blog post", "social", "thread", "bluesky": return .post
        case "essay", "news", "op-ed", "newsletter": return .article
        case "speech", "keynote", "lecture", "presentation", "panel": return .talk
        case "youtube": return .video
        case "testimony", "hearing": return .interview
        default: return .other
        }
    }

    public static func claim(_ text: String, path: String, stem: String) -> (claim: NewClaim?, issues: [ClaimFileIssue]) {
        var issues: [ClaimFileIssue] = []
        func fail(_ node: Node?, _ message: String) {
            issues.append(ClaimFileIssue(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text, .basic) } catch {
            return (nil, [.yaml(error, path: path)])
        }
        guard case .mapping(let map)? = root else { fail(root, "an AI-tracker file is a mapping of keys (prediction_text: …)"); return (nil, issues) }
        var v: [String: (String, Node)] = [:]
        for (k, value) in map {
            let key = k.scalar?.string ?? ""
            guard keys.contains(key) || ignored.contains(key) else {
                let hint = nearest(key, in: keys).map { "did you mean '\($0)'? " } ?? ""
                fail(k, "unknown key '\(key)': \(hint)known keys are \(keys.joined(separator: ", "))")
                continue
            }
            if case .scalar(let s) = value { v[key] = (s.string, value) }
            else { fail(value, "\(key) must be text") }
        }
        func get<T>(_ key: String, _ convert: (String) throws -> T) -> T? {
            guard let (t, node) = v[key], !t.trimmingCharacters(in: .whitespaces).isEmpty, t != "null", t != "~" else { return nil }
            do { return try convert(t) } catch { fail(node, (error as? LocalizedError)?.errorDescription ?? "\(error)"); return nil }
        }
        func required<T>(_ key: String, _ convert: (String) throws -> T) -> T? {
            if v[key] == nil { fail(root, "missing '\(key)'"); return nil }
            return get(key, convert)
        }
        let statement = required("prediction_text") { try NonEmptyText($0, field: "prediction_text") }
        let claimant = required("source_name") { try NonEmptyText($0, field: "source_name") }
        let saidOn = required("prediction_date", FlatClaims.day)
        let deadline = get("deadline", FlatClaims.day)
        var window: DueWindow?
        if let deadline, let saidOn {
            window = get("deadline") { _ in try DueWindow(saidOn: saidOn, start: nil, end: deadline, phrase: v["deadline_fuzzy"]?.0) }
        }
        var tags: [String] = []
        if let category = get("category", { $0 }) { tags.append(category) }
        var notes = get("notes", { $0 })
        if let coi = get("conflict_of_interest", { $0 }) {
            switch coi.lowercased() {
            case "true", "yes": tags.append("conflict-of-interest")
            case "false", "no": break
            default:
                tags.append("conflict-of-interest")
                notes = ["Conflict of interest: \(coi)", notes].compactMap { $0 }.joined(separator: "\n\n")
            }
        }
        if let status = get("status", { $0.lowercased() }) {
            switch status {
            case "notable": tags.append("notable")
            case "pending", "expired": break
            default: fail(v["status"]?.1, "'\(status)' is not a status: use pending, expired or notable")
            }
        }
        var source = get("source_url") { url in try Source(kind: kind(v["source_type"]?.0 ?? "other"), url: url) }
        if source == nil, let type = get("source_type", { $0 }), let name = v["source_name"]?.0 {
            // A type but no URL: a source keyed by who and what, so the type is not lost.
            source = try? Source(key: Slug.make(from: name + " " + type), kind: kind(type))
        }
        guard issues.isEmpty, let statement, let claimant, let saidOn else { return (nil, issues) }
        guard let id = ClaimID.normalizing(stem) else {
            fail(nil, "the file name gives no id: name the file with letters or digits"); return (nil, issues)
        }
        let content = ClaimContent(statement: statement, claimant: claimant, saidOn: saidOn, source: source, window: window,
                                   tags: tags, notes: notes)
        var claim = NewClaim(id: id, content: content)
        // The format cannot say a claim was withdrawn: re-importing it keeps what was recorded.
        claim.kept = [.withdrawal]
        return (claim, issues)
    }

    public static func render(_ s: ClaimState, today: Day) -> String {
        let c = s.content
        var out = ""
        func put(_ key: String, _ value: String?, raw: Bool = false) {
            guard let value else { return }
            out += key + ": " + (raw ? value : ClaimFileWriter.scalar(value, indent: 2, keyWidth: key.count + 2)) + "\n"
        }
        put("prediction_date", c.saidOn.description)
        put("source_name", c.claimant.value)
        put("source_url", c.source?.url)
        put("prediction_text", c.statement.value)
        put("deadline", c.window?.end.description)
        put("deadline_fuzzy", c.window?.phrase)
        put("category", c.tags.first { !specialTags.contains($0) })
        put("source_type", c.source?.kind.rawValue)
        if c.tags.contains("conflict-of-interest") { put("conflict_of_interest", "true", raw: true) }
        let status = c.tags.contains("notable") ? "notable" : (c.window.map { $0.end < today } == true ? "expired" : "pending")
        put("status", status)
        put("notes", c.notes)
        return out
    }
}
