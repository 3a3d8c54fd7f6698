import ClaimsCore
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
