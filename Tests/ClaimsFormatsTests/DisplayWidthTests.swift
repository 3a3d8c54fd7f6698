import ClaimsFormats
import Testing

/// Columns a cell takes on a terminal: a column for each ASCII byte (read a byte at a time) but
/// NUL, two for a wide (CJK) character, none for a combining mark, whether or not the text also
/// holds ASCII.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("a\u{0}b", 2), ("tab\there", 8), ("明年", 4), ("by 2027 明年", 12),
        ("e\u{301}", 1), ("Café", 4), ("🙂", 2), (String(repeating: "x", count: 40), 40),
    ])
    func widthsAreColumns(_ text: String, _ columns: Int) {
        #expect(displayWidth(text) == columns)
    }

    @Test func aTruncatedCellFitsItsWidth() {
        #expect(truncate("Models will work on their own", to: 10) == "Models wi…")
        #expect(truncate("明年模型将能独立工作", to: 7) == "明年模…")
        #expect(truncate("short", to: 10) == "short")
    }
}
