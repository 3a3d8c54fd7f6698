@testable import ClaimsCore
import Testing

/// `--search`: words, "phrases" and prefix*, as FTS5's unicode61 tokenizer reads words.
@Suite struct TextSearchTests {
    let fields: [String?] = ["Agents will work a whole day on their own, unattended.", "Next year, maybe the models…", nil, "Café culture: résumé"]

    @Test func wordsPhrasesAndPrefixes() throws {
        #expect(try TextQuery(parsing: "agents").matches(fields))
        #expect(try TextQuery(parsing: "AGENTS whole").matches(fields))          // every word, any case
        #expect(try !TextQuery(parsing: "agents nobel").matches(fields))         // all of them
        #expect(try TextQuery(parsing: "\"whole day\"").matches(fields))
        #expect(try !TextQuery(parsing: "\"day whole\"").matches(fields))        // a phrase keeps its order
        #expect(try TextQuery(parsing: "unatt*").matches(fields))
        #expect(try !TextQuery(parsing: "age").matches(fields))                  // a word is a word, not a piece of one
        #expect(try TextQuery(parsing: "cafe resume").matches(fields))           // diacritics folded
        #expect(try TextQuery(parsing: "models").matches(fields))                // in the quote
    }

    /// Words never hold a space (a prepended mark joins the space after it into one character:
    /// that character separates words), and are lower-cased, not case-folded, as FTS5 reads
    /// them; PostgreSQL's index of words stores them space-separated.
    @Test func wordsHoldNoSpaceAndAreLowerCased() throws {
        #expect(TextQuery.tokens("Straße") == ["straße"])
        #expect(TextQuery.tokens("CAFÉ au lait") == ["cafe", "au", "lait"])
        let joined = "a\u{0D4E} b"
        for word in TextQuery.tokens(joined) { #expect(!word.unicodeScalars.contains(" ")) }
        let content = ClaimContent(statement: try NonEmptyText(joined + " Über", field: "statement"),
                                   claimant: try NonEmptyText("Ana", field: "claimant"), saidOn: try Day("2026-01-01"))
        #expect(content.searchedWords.allSatisfy { !$0.isEmpty && !$0.unicodeScalars.contains(" ") })
        #expect(content.searchedWords.contains("uber"))
    }

    /// Text in ASCII is read a byte at a time (for speed: an import on PostgreSQL reads every
    /// claim's words): the same words as the reading of any text, on every ASCII character,
    /// CR LF (one Character of two scalars) included.
    @Test func asciiTextGivesTheSameWordsAsAnyText() {
        var rng = SplitMix64(seed: 17)
        let alphabet: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) } + ["\r\n", "Ab", "z9", " "]
        for _ in 0..<2000 {
            let text = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            #expect(TextQuery.asciiTokens(text) == TextQuery.unicodeTokens(text), "\(Array(text.utf8))")
        }
        #expect(TextQuery.tokens("Claim number 7: it'll HAPPEN by 2026-12-31.\r\nOK") == ["claim", "number", "7", "it", "ll", "happen", "by", "2026", "12", "31", "ok"])
        #expect(TextQuery.tokens("Café culture") == ["cafe", "culture"])
    }

    @Test func chineseIsFoundAnywhere() throws {
        let zh: [String?] = ["我想我们明年可能会有能够自主工作一整天的模型。"]
        #expect(try TextQuery(parsing: "一整天").matches(zh))
        #expect(try !TextQuery(parsing: "两整天").matches(zh))
        #expect(try TextQuery(parsing: "一整天").ftsQuery == nil)
    }

    @Test func theIndexQueryQuotesEveryTerm() throws {
        #expect(try TextQuery(parsing: "whole \"work a\" unatt* AND").ftsQuery == "\"whole\" \"work a\" \"unatt\" * \"and\"")
        #expect(try TextQuery(parsing: "mid-2026").terms == [.phrase(["mid", "2026"])])
    }

    @Test(arguments: ["", "   ", "\"open", "!!!", "*", "\"a\" \"b"])
    func badSearchesAreRefused(_ text: String) {
        #expect(throws: DomainError.self) { try TextQuery(parsing: text) }
    }
}
