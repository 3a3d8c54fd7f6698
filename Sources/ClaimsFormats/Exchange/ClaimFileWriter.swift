import ClaimsCore
import Foundation

/// Writes claim files in their canonical form: the same claims always give the same bytes.
/// Keys come in a fixed order; a claim's claimant and date are left out where they equal the
/// file's defaults; long prose is folded at 96 columns; claims are ordered by the end of their
/// window (claims without one last), then by id.
public enum ClaimFileWriter {
    public static let width = 96

    public static func render(source: Source?, claims: [ClaimState]) -> String {
        let claimant = defaultClaimant(claims)
        let ordered = claims.sorted { a, b in
            let ea = a.content.window?.end, eb = b.content.window?.end
            if ea != eb { return ea.map { e in eb.map { e < $0 } ?? true } ?? false }
            return a.id < b.id
        }
        return header(source: source, claimant: claimant) + body(ordered.map { ($0, []) }, defaultClaimant: claimant, defaultDay: source?.publishedOn)
    }

    /// The source and default claimant at the top of a file.
    public static func header(source: Source?, claimant: String?) -> String {
        var out = ""
        if let s = source {
            out += "source:\n"
            out += field("key", s.key, indent: 2)
            out += field("kind", s.kind.rawValue, indent: 2)
            out += field("title", s.title, indent: 2)
            out += field("url", s.url, indent: 2)
            out += field("publisher", s.publisher, indent: 2)
            out += field("date", s.publishedOn?.description, indent: 2)
            out += field("language", s.language, indent: 2)
            out += list("people", s.people, indent: 2)
            out += "\n"
        }
        if let claimant { out += field("claimant", claimant, indent: 0) + "\n" }
        return out
    }

    /// The `claims:` list in the order given, each claim after its comment lines.
    /// `criteriaPrompt`: for a claim without criteria, a comment in their place asking for them
    /// (drafts).
    public static func body(_ claims: [(ClaimState, comments: [String])], defaultClaimant: String?, defaultDay: Day?,
                            criteriaPrompt: String? = nil) -> String {
        if claims.isEmpty { return "claims: []\n" }
        return "claims:\n" + claims.map { state, comments in
            comments.map { "  # " + $0.replacingOccurrences(of: "\n", with: " ") + "\n" }.joined()
                + render(state, defaultClaimant: defaultClaimant, defaultDay: defaultDay, criteriaPrompt: criteriaPrompt)
        }.joined(separator: "\n")
    }

    /// The claimant most of the claims share (ties: the first in alphabetical order).
    public static func defaultClaimant(_ claims: [ClaimState]) -> String? {
        var counts: [String: Int] = [:]
        for c in claims { counts[c.content.claimant.value, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
    }

    public static func render(_ state: ClaimState, defaultClaimant: String?, defaultDay: Day?, criteriaPrompt: String? = nil) -> String {
        let c = state.content
        var out = "  - " + field("id", state.id.rawValue, indent: 4).dropFirst(4)
        out += field("statement", c.statement.value, indent: 4)
        if c.criteria == nil, let criteriaPrompt { out += "    # criteria: \(criteriaPrompt)\n" }
        if c.claimant.value != defaultClaimant { out += field("claimant", c.claimant.value, indent: 4) }
        if c.saidOn != defaultDay { out += field("said_on", c.saidOn.description, indent: 4) }
        out += field("quote", c.quote, indent: 4)
        out += field("location", c.location, indent: 4)
        out += field("criteria", c.criteria, indent: 4)
        if let w = c.window, w.rule != nil, let phrase = w.phrase,
           (try? TimePhrases.window(phrase, anchor: c.saidOn)) == w {
            // Read from words: the phrase alone says it, and editing the phrase moves the dates.
            out += field("window", phrase, indent: 4)
        } else if let w = c.window {
            out += "    window:\n"
            out += field("phrase", w.phrase, indent: 6)
            out += field("start", w.start.description, indent: 6)
            out += field("end", w.end.description, indent: 6)
        }
        if c.confidence != .none {
            out += "    confidence:\n"
            out += field("words", c.confidence.words, indent: 6)
            out += field("probability", c.confidence.stated?.description, indent: 6, raw: true)
        }
        out += list("tags", c.tags, indent: 4)
        out += field("notes", c.notes, indent: 4)
        if !c.translations.isEmpty {
            out += "    translations:\n"
            for t in c.translations {
                out += "      \(t.language):\n"
                out += field("statement", t.statement, indent: 8)
                out += field("quote", t.quote, indent: 8)
                out += field("location", t.location, indent: 8)
            }
        }
        if let w = c.withdrawal {
            if let successor = w.successor {
                out += "    withdrawn:\n"
                out += field("reason", w.reason.value, indent: 6)
                out += field("successor", successor.rawValue, indent: 6)
            } else {
                out += field("withdrawn", w.reason.value, indent: 4)
            }
        }
        let forecasts = state.forecasts.map(\.forecast).sorted {
            ($0.madeOn, $0.forecaster.value, $0.probability.value, $0.note ?? "") < ($1.madeOn, $1.forecaster.value, $1.probability.value, $1.note ?? "")
        }
        if !forecasts.isEmpty {
            out += "    forecasts:\n"
            for f in forecasts {
                out += "      - " + field("forecaster", f.forecaster.value, indent: 8).dropFirst(8)
                out += field("probability", f.probability.description, indent: 8, raw: true)
                out += field("on", f.madeOn.description, indent: 8)
                out += field("note", f.note, indent: 8)
            }
        }
        if let r = state.resolution?.resolution {
            out += "    resolution:\n"
            out += field("outcome", r.outcome.rawValue, indent: 6)
            out += field("settled_on", r.settledOn.description, indent: 6)
            if !r.evidence.isEmpty {
                out += "      evidence:\n"
                for e in r.evidence { out += "        - " + scalar(e, indent: 10, keyWidth: 0) + "\n" }
            }
            out += field("note", r.note, indent: 6)
        }
        return out
    }

    // MARK: - Scalars

    /// `key: value\n` at `indent`, or nothing when the value is nil.
    public static func field(_ key: String, _ value: String?, indent: Int, raw: Bool = false) -> String {
        guard let value else { return "" }
        let pad = String(repeating: " ", count: indent)
        return pad + key + ": " + (raw ? value : scalar(value, indent: indent + 2, keyWidth: indent + key.count + 2)) + "\n"
    }

    /// A list of short values in flow style (`[a, b]`) when every item allows it, else a block list.
    public static func list(_ key: String, _ values: [String], indent: Int) -> String {
        guard !values.isEmpty else { return "" }
        let pad = String(repeating: " ", count: indent)
        if values.allSatisfy(isFlowSafe) {
            let flow = pad + key + ": [" + values.joined(separator: ", ") + "]"
            if displayWidth(flow) <= width { return flow + "\n" }
        }
        return pad + key + ":\n" + values.map { pad + "  - " + scalar($0, indent: indent + 4, keyWidth: 0) + "\n" }.joined()
    }

    /// The text of a scalar value: plain where YAML reads it back unchanged as text, folded
    /// (`>-`) for long prose, double-quoted otherwise.
    public static func scalar(_ text: String, indent: Int, keyWidth: Int) -> String {
        if isPlainSafe(text) && keyWidth + displayWidth(text) <= width { return text }
        if isFoldable(text) && keyWidth + displayWidth(text) > width {
            return ">-\n" + wrap(text, indent: indent).joined(separator: "\n")
        }
        if isPlainSafe(text) { return text }
        return doubleQuoted(text)
    }

    public static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    public static func isPlainSafe(_ t: String) -> Bool {
        guard let first = t.unicodeScalars.first, let last = t.unicodeScalars.last else { return false }
        if " \t".unicodeScalars.contains(last) || "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) { return false }
        if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF || (0x80...0x9F).contains($0.value) }) { return false }
        if t.contains(": ") || t.contains(" #") || t.hasSuffix(":") { return false }
        if reserved.contains(t.lowercased()) { return false }
        if Double(t) != nil || t.hasPrefix("0x") || t.hasPrefix("0o") || t.hasPrefix(".") { return false }
        return true
    }

    public static func isFlowSafe(_ t: String) -> Bool {
        isPlainSafe(t) && !t.contains(where: { ",[]{}".contains($0) })
    }

    public static func isFoldable(_ t: String) -> Bool {
        t.contains(" ") && !t.contains("  ") && t.first != " " && t.last != " "
            && !t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF || (0x80...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" })
    }

    /// Words joined into lines of at most `width` columns (a longer word stands alone).
    public static func wrap(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.isEmpty { line = String(word); continue }
            if indent + displayWidth(line) + 1 + displayWidth(String(word)) > width {
                lines.append(pad + line)
                line = String(word)
            } else {
                line += " " + word
            }
        }
        lines.append(pad + line)
        return lines
    }

    public static func doubleQuoted(_ t: String) -> String {
        var out = "\""
        for s in t.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s.value == 0xFEFF
                    || s == "\u{2028}" || s == "\u{2029}" {
                    out += String(format: "\\u%04X", s.value)
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
