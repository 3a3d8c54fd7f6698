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
        let folded = s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,;:!?…。，；：！？\"'“”‘’「」()（）"))
        return folded.count >= 20 ? folded : nil
    }

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
                             limit: Int = 50) -> (pairs: [Pair], more: Int) {
        var byText: [String: [(ClaimID, String?)]] = [:]
        for r in recorded where (byText[r.text]?.count ?? 0) < 8 && !(byText[r.text]?.contains { $0.0 == r.id } ?? false) {
            byText[r.text, default: []].append((r.id, r.source))
        }
        for (id, content) in incoming {
            for t in texts(of: content) where !(byText[t.text]?.contains { $0.0 == id } ?? false) && (byText[t.text]?.count ?? 0) < 8 {
                byText[t.text, default: []].append((id, content.source?.key))
            }
        }
        var seen = Set<[ClaimID]>()
        var result: [Pair] = []
        var more = 0
        for (id, content) in incoming {
            for t in texts(of: content) {
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
