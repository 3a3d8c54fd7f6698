import ClaimsFormats
import Testing

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break, quotes doubled.
@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("明年 🙂", "明年 🙂"),
        ("a,b", "\"a,b\""), ("say \"yes\"", "\"say \"\"yes\"\"\""),
        ("line\nbreak", "\"line\nbreak\""), ("carriage\rreturn", "\"carriage\rreturn\""),
        // A CRLF is one Character in Swift: it was once missed, and the field went out unquoted.
        ("windows\r\nline", "\"windows\r\nline\""), ("\r\n", "\"\r\n\""),
        ("é,\u{301}", "\"é,\u{301}\""),
    ])
    func fieldsAreQuotedWhenTheyMustBe(_ field: String, _ expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test func aLineEndsWithCRLF() {
        #expect(CSVWriter.line(["a", "b,c", "d\r\ne"]) == "a,\"b,c\",\"d\r\ne\"\r\n")
    }
}
