import Foundation

/// How a draft is written from what was said: a statement a stranger can read (the quote
/// without fillers and false starts, in the third person) and an id from its content words, in
/// the style of `schrittwieser-2026-whole-day-autonomy`. The quote itself stays verbatim.
public enum DraftWriting {
    /// Words said to fill a pause, never meaning: removed wherever they stand.
    static let fillers: [String] = ["you know", "i mean", "uh", "um", "erm", "uhm", "hmm", "sort of", "kind of"]
    /// Words that open a turn and carry nothing: removed at the start.
    static let openers: Set<String> = ["so", "and", "yeah", "yes", "well", "right", "oh", "okay", "ok", "but", "now", "like", "basically", "actually", "personally", "honestly", "frankly", "look", "listen"]
    /// "like" is a filler after these words ("able to like do", "for like a whole day").
    static let likeAfter: Set<String> = ["to", "for", "is", "are", "was", "were", "be", "and", "just", "it's", "that's", "of", "in", "with"]

    /// The statement drafted from `quote` said by `speaker`.
    public static func statement(from quote: String, speaker: String?) -> (text: String, firstPerson: Bool) {
        if quote.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
            return chinese(quote, speaker: speaker)
        }
        var words = quote.replacingOccurrences(of: "\n", with: " ").split(separator: " ").map(String.init)
        let punctuation: Set<Character> = [",", ".", ";", ":", "!", "?", "\"", "“", "”"]
        func bare(_ w: String) -> String {
            var t = Substring(w)
            while let f = t.first, punctuation.contains(f) { t = t.dropFirst() }
            while let l = t.last, punctuation.contains(l) { t = t.dropLast() }
            return t.lowercased()
        }
        // Fillers of two words and of one.
        var out: [String] = []
        var i = 0
        while i < words.count {
            if i + 1 < words.count, fillers.contains(bare(words[i]) + " " + bare(words[i + 1])) {
                i += 2
                continue
            }
            if fillers.contains(bare(words[i])) { i += 1; continue }
            if bare(words[i]) == "like", let prev = out.last, likeAfter.contains(bare(prev)), i + 1 < words.count, !["to", "that", "this"].contains(bare(words[i + 1])) {
                i += 1
                continue
            }
            // A word said twice in a row ("if if", "we we"), numbers aside.
            if let prev = out.last, bare(prev) == bare(words[i]), !bare(prev).isEmpty, Int(bare(prev)) == nil {
                out[out.count - 1] = words[i]
                i += 1
                continue
            }
            out.append(words[i])
            i += 1
        }
        words = out
        // Openers ("So yeah, and …") at the start.
        while let first = words.first, openers.contains(bare(first)) { words.removeFirst() }
        var text = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        // The third person, where the sentence opens with the speaker's own view.
        var firstPerson = false
        if let speaker {
            let name = speaker
            let swaps: [(String, String)] = [("I think that ", "\(name) thinks that "), ("I think ", "\(name) thinks "), ("I believe ", "\(name) believes "),
                                             ("I expect ", "\(name) expects "), ("I guess ", "\(name) guesses "), ("I'd say ", "\(name) says "),
                                             ("I would say ", "\(name) says "), ("I'm ", "\(name) is "), ("I am ", "\(name) is "),
                                             ("My guess ", "\(name)'s guess "), ("my guess ", "\(name)'s guess ")]
            for (from, to) in swaps where text.hasPrefix(from) || text.hasPrefix(from.lowercased()) {
                text = to + text.dropFirst(from.count)
                break
            }
        }
        let rest = " " + text.lowercased() + " "
        firstPerson = [" i ", " i'm ", " i'd ", " i've ", " my ", " me "].contains { rest.contains($0) }
        if let first = text.first, first.isLowercase { text = first.uppercased() + text.dropFirst() }
        if let last = text.last, !".!?\"”".contains(last) { text += "." }
        return (text, firstPerson)
    }

    static func chinese(_ quote: String, speaker: String?) -> (String, Bool) {
        var text = quote
        for filler in ["嗯，", "嗯", "呃，", "呃", "就是说，", "那个，"] { text = text.replacingOccurrences(of: filler, with: "") }
        for opener in ["所以，", "所以", "是的，", "然后，", "那么，", "好，"] where text.hasPrefix(opener) { text = String(text.dropFirst(opener.count)) }
        if let speaker {
            for (from, to) in [("我认为，", "\(speaker)认为，"), ("我认为", "\(speaker)认为"), ("我觉得", "\(speaker)觉得"), ("我想", "\(speaker)认为"), ("我猜测，", "\(speaker)猜测，"), ("我猜", "\(speaker)猜")]
            where text.hasPrefix(from) {
                text = to + text.dropFirst(from.count)
                break
            }
        }
        return (text, text.contains("我"))
    }

    static let stopwords: Set<String> = [
        "the", "and", "will", "that", "this", "with", "for", "are", "our", "their", "they", "have", "has", "had", "been", "being", "was",
        "were", "would", "could", "should", "might", "can", "able", "going", "get", "got", "into", "from", "about", "than", "then", "there",
        "what", "which", "who", "whom", "when", "where", "how", "its", "it's", "it", "we", "you", "your", "his", "her", "them", "these",
        "those", "some", "any", "all", "very", "really", "just", "also", "more", "most", "much", "many", "make", "makes", "made", "like",
        "think", "thinks", "believe", "believes", "guess", "say", "says", "said", "one", "two", "three", "least", "extremely", "likely",
        "unlikely", "probably", "maybe", "perhaps", "highly", "quite", "pretty", "sometime", "next", "year", "years", "month", "months",
        "week", "weeks", "late", "early", "mid", "end", "within", "by", "until", "before", "after", "now", "soon", "i",
        "me", "my", "is", "be", "do", "does", "not", "no", "yes", "so", "if", "of", "to", "in", "on", "at", "a", "an", "or", "as", "by",
        "way", "things", "thing", "something", "people", "lot", "kind", "sort", "top", "do", "done", "yeah", "case", "look", "looking",
        "mind", "main", "question", "clearly", "thinking", "want", "personally", "still", "even", "actually", "able", "worth", "whether",
        "right", "okay", "well", "going", "gonna", "need", "sure", "fact", "point", "stuff", "yes", "other", "others", "new", "same",
    ]

    /// An id from the speaker's surname, the year the window ends and the first content words:
    /// `schrittwieser-2026-whole-day-autonomy`. `english` is the English wording where the draft
    /// is in another language (its original). Nil when there are no words to make one of.
    public static func id(speaker: String?, window: DueWindow?, statement: String, english: String? = nil) -> String? {
        let source = (english ?? statement).replacingOccurrences(of: "’", with: "'")
        var words = source.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init)
        // What is predicted comes after the future marker ("the models will be able to work …"):
        // start a few words before it, at the subject.
        if let marker = words.firstIndex(where: { ["will", "going", "would", "won't", "shall"].contains($0) || $0.hasSuffix("'ll") }) {
            words = Array(words[max(0, marker - 3)...])
        }
        func pick(_ words: [String]) -> [String] {
            var content: [String] = []
            for w in words where w.count >= 3 && !w.contains("'") && !stopwords.contains(w) && Int(w) == nil && w.allSatisfy({ $0.isASCII })
                && !(speaker?.lowercased().split(separator: " ").contains(Substring(w)) ?? false) && !content.contains(w) {
                content.append(w)
                if content.count == 3 { break }
            }
            return content
        }
        var content = pick(words)
        if content.count < 2 { content = pick(source.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init)) }
        let surname = speaker.flatMap { $0.split(separator: " ").last.map { Slug.make(from: String($0)) } }.flatMap { $0.isEmpty ? nil : $0 }
        var parts: [String] = []
        if let surname { parts.append(surname) }
        if let end = window?.end.year { parts.append(String(end)) }
        parts += content
        guard content.count >= 1 else { return nil }
        return parts.joined(separator: "-")
    }
}
