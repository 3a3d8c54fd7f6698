import Foundation

/// What `--search` means: words, "a phrase" and prefix* terms, all of which a claim's
/// statement, quote, criteria or notes must hold (each term in one of them). Words are compared
/// as SQLite's FTS5 `unicode61` tokenizer does (letters and digits, case and diacritics folded),
/// so the store answers from its full-text index and this rule says the same. A term in
/// Chinese (or any script written without spaces) is matched as a substring instead.
public struct TextQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(String)
        case prefix(String)
        case phrase([String])
        /// Text in a script without spaces between words (Chinese): found anywhere.
        case substring(String)
    }

    public let text: String
    public let terms: [Term]

    public init(parsing text: String) throws {
        self.text = text
        var terms: [Term] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace { rest = rest.dropFirst(); continue }
            var raw: Substring
            var quoted = false
            if first == "\"" {
                guard let close = rest.dropFirst().firstIndex(of: "\"") else {
                    throw DomainError.invalidSearch(text, "a quote opens a phrase that is never closed")
                }
                raw = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                quoted = true
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                raw = rest[..<end]
                rest = rest[end...]
            }
            let isPrefix = !quoted && raw.hasSuffix("*")
            if isPrefix { raw = raw.dropLast() }
            if raw.unicodeScalars.contains(where: TextQuery.isUnspaced) {
                terms.append(.substring(String(raw).lowercased()))
                continue
            }
            let tokens = TextQuery.tokens(String(raw))
            if tokens.isEmpty {
                if quoted || isPrefix || !raw.isEmpty { throw DomainError.invalidSearch(text, "'\(raw)\(isPrefix ? "*" : "")' holds no letters or digits to search for") }
                continue
            }
            if isPrefix {
                guard tokens.count == 1 else { throw DomainError.invalidSearch(text, "a prefix* is one word") }
                terms.append(.prefix(tokens[0]))
            } else {
                terms.append(tokens.count == 1 ? .word(tokens[0]) : .phrase(tokens))
            }
        }
        guard !terms.isEmpty else { throw DomainError.invalidSearch(text, "there is nothing to search for") }
        self.terms = terms
    }

    /// Scripts written without spaces between words (Han, kana, Thai …).
    static func isUnspaced(_ s: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(s.value) || (0x3400...0x9FFF).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
            || (0x0E00...0x0E7F).contains(s.value) || (0xAC00...0xD7AF).contains(s.value)
    }

    /// The words of `s` as FTS5's unicode61 tokenizer (remove_diacritics 2) reads them: lower
    /// case (not case folding, which FTS5 does not do: "Straße" is "straße", not "strasse"),
    /// diacritics removed.
    /// A character is a letter or digit by its first scalar, and a prepended mark can join a
    /// space into one character: such a character separates words too, as in FTS5.
    public static func tokens(_ s: String) -> [String] {
        s.isASCII ? asciiTokens(s) : unicodeTokens(s)
    }

    /// `tokens` of text all in ASCII, a byte at a time: there, the letters and digits are
    /// A-Z, a-z and 0-9, lower case is a-z, and no character has a diacritic.
    static func asciiTokens(_ s: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        func end() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default: end()
            }
        }
        end()
        return words
    }

    /// `tokens` of any text, a Character at a time.
    static func unicodeTokens(_ s: String) -> [String] {
        s.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
            .split { c in
                !(c.isLetter || c.isNumber)
                    || (c.unicodeScalars.count > 1 && c.unicodeScalars.contains { $0.properties.isWhitespace })
            }.map(String.init)
    }

    /// Whether a claim with these fields matches: every term in one of them.
    public func matches(_ fields: [String?]) -> Bool {
        let present = fields.compactMap { $0 }
        let tokenized = present.map(TextQuery.tokens)
        return terms.allSatisfy { term in
            switch term {
            case .word(let w): return tokenized.contains { $0.contains(w) }
            case .prefix(let p): return tokenized.contains { $0.contains { $0.hasPrefix(p) } }
            case .phrase(let words):
                return tokenized.contains { t in
                    t.count >= words.count && (0...(t.count - words.count)).contains { Array(t[$0..<$0 + words.count]) == words }
                }
            case .substring(let s): return present.contains { $0.lowercased().contains(s) }
            }
        }
    }

    /// The FTS5 query for the word, phrase and prefix terms (each quoted, so no word is read as
    /// an operator); nil when there are none.
    public var ftsQuery: String? {
        let parts: [String] = terms.compactMap { term in
            switch term {
            case .word(let w): return "\"\(w)\""
            case .prefix(let p): return "\"\(p)\" *"
            case .phrase(let words): return "\"" + words.joined(separator: " ") + "\""
            case .substring: return nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The substring terms, lower-cased.
    public var substrings: [String] {
        terms.compactMap { if case .substring(let s) = $0 { return s } else { return nil } }
    }

    /// Every token of the word, phrase and prefix terms: text a match must contain (lower-cased).
    public var necessaryTexts: [String] {
        terms.flatMap { term -> [String] in
            switch term {
            case .word(let w), .prefix(let w): return [w]
            case .phrase(let words): return words
            case .substring(let s): return [s]
            }
        }
    }
}

extension ClaimContent {
    /// The fields `--search` looks in (and the full-text index holds: schema 0006).
    public var searchedFields: [String?] { [statement.value, quote, criteria, notes] }

    /// The distinct words of the searched fields, as `TextQuery.tokens` reads them, sorted: what
    /// an index of words must hold so that every claim a word, phrase or prefix term matches is
    /// among the claims it finds.
    /// Each word in Unicode's composed form (NFC), so that words equal as Swift compares them
    /// are equal byte for byte.
    public var searchedWords: [String] {
        Array(Set(searchedFields.compactMap { $0 }.flatMap(TextQuery.tokens).map(\.composed))).sorted()
    }
}

extension TextQuery {
    /// The words a claim must hold to match, each with whether it is a prefix: every word of the
    /// word, phrase and prefix terms (a phrase's words, in any order, are a weaker condition
    /// than the phrase), in composed form as `ClaimContent.searchedWords`. Substring terms add
    /// none.
    public var requiredWords: [(word: String, isPrefix: Bool)] {
        terms.flatMap { term -> [(word: String, isPrefix: Bool)] in
            switch term {
            case .word(let w): return [(w.composed, false)]
            case .prefix(let p): return [(p.composed, true)]
            case .phrase(let words): return words.map { ($0.composed, false) }
            case .substring: return []
            }
        }
    }
}

extension String {
    /// Whether every character is ASCII (which has no case or composition beyond A-Z).
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// In Unicode's composed form (NFC); ASCII text, already composed, as it is.
    var composed: String { isASCII ? self : precomposedStringWithCanonicalMapping }
}
