import Foundation

/// Claims that look like one claim logged twice: the same statement or the same quote (in any
/// of their languages) under two ids. Importing the English drafts of an interview and then the
/// Chinese ones, whose translations carry the English quotes, logs each forecast twice; this says so.
public enum Lookalikes {
    /// One claim that looks like another.
    public struct Pair: Hashable, Sendable {
        public let claim: ClaimID
        public let other: ClaimID
        /// "statement" or "quote".
        public let what: String
        public let otherSource: String?
    }

    /// A text as compared: lower case, runs of white space as one space, without the
    /// punctuation around it; nil when it is too short to say two claims are one (under 20 characters).
    public static func normalized(_ s: String) -> String? {
        // Runs of white space as one space; the punctuation around the text dropped; lower case.
        // (Written out: Foundation's trimming and splitting took a third of an import's time.)
        guard s.utf8.count >= 20 else { return nil }
        var scalars = String.UnicodeScalarView()
        var space = false
        for u in s.unicodeScalars {
            let white = u.isASCII ? (u == " " || u == "\t" || u == "\n" || u == "\r" || u.value == 0x0B || u.value == 0x0C) : u.properties.isWhitespace
            if white { space = !scalars.isEmpty; continue }
            if space { scalars.append(" "); space = false }
            // ASCII letters lowered here; other scripts by `lowercased` below, only when present.
            scalars.append(u.isASCII && u.value >= 65 && u.value <= 90 ? Unicode.Scalar(UInt8(u.value + 32)) : u)
        }
        var out = String(scalars)
        if !out.isASCII { out = out.lowercased() }
        while let f = out.unicodeScalars.first, edgeScalars.contains(f) { out.unicodeScalars.removeFirst() }
        while let l = out.unicodeScalars.last, edgeScalars.contains(l) { out.unicodeScalars.removeLast() }
        return out.utf8.count >= 20 && out.count >= 20 ? out : nil
    }

    static let edgeScalars: Set<Unicode.Scalar> = [" ", ".", ",", ";", ":", "!", "?", "…", "。", "，", "；", "：", "！", "？", "\"", "'", "“", "”", "‘", "’", "「", "」", "(", ")", "（", "）"]

    /// The texts of a claim that are compared: its statement and quote, and those of its translations.
    public static func texts(of c: ClaimContent) -> [(what: String, text: String)] {
        var out: [(String, String)] = []
        if let s = normalized(c.statement.value) { out.append(("statement", s)) }
        if let q = c.quote.flatMap(normalized) { out.append(("quote", q)) }
        for t in c.translations {
            if let s = t.statement.flatMap(normalized) { out.append(("statement", s)) }
            if let q = t.quote.flatMap(normalized) { out.append(("quote", q)) }
        }
        return out
    }

    /// The pairs among `incoming` claims, and between them and `recorded` (text, id, source key)
    /// found in the database, under different ids; each pair once.
    /// (At most `limit` pairs, found in one pass: a text that many claims share, a template
    /// say, gives one pair, not every pair of them.)
    public static func pairs(incoming: [(ClaimID, ClaimContent)], recorded: [(text: String, id: ClaimID, source: String?)],
                             limit: Int = 50, texts incomingTexts: [[(what: String, text: String)]]? = nil) -> (pairs: [Pair], more: Int) {
        var byText: [String: [(ClaimID, String?)]] = [:]
        for r in recorded where (byText[r.text]?.count ?? 0) < 8 && !(byText[r.text]?.contains { $0.0 == r.id } ?? false) {
            byText[r.text, default: []].append((r.id, r.source))
        }
        let incomingTexts = incomingTexts ?? incoming.concurrentMap(perWorker: 2000) { texts(of: $0.1) }
        for ((id, content), ts) in zip(incoming, incomingTexts) {
            for t in ts where !(byText[t.text]?.contains { $0.0 == id } ?? false) && (byText[t.text]?.count ?? 0) < 8 {
                byText[t.text, default: []].append((id, content.source?.key))
            }
        }
        var seen = Set<[ClaimID]>()
        var result: [Pair] = []
        var more = 0
        for ((id, _), ts) in zip(incoming, incomingTexts) {
            for t in ts {
                // The first other claim with this text is enough to say so.
                guard let (other, source) = byText[t.text]?.first(where: { $0.0 != id }) else { continue }
                let key = [id, other].sorted { $0.rawValue < $1.rawValue }
                guard seen.insert(key).inserted else { continue }
                if result.count < limit { result.append(Pair(claim: id, other: other, what: t.what, otherSource: source)) } else { more += 1 }
            }
        }
        return (result, more)
    }
}
