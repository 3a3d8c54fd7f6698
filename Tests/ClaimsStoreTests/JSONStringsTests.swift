import ClaimsCore
@testable import ClaimsStore
import Foundation
import Testing

/// The reader of JSON string arrays (tags, people, evidence) agrees with JSONDecoder on what the
/// store writes and on what SQLite's JSON functions write.
@Suite struct JSONStringsTests {
    static let samples: [[String]] = [
        [], ["agents"], ["a", "b", "c"], ["quote \" inside", "back\\slash", "a/b", "line\nbreak\r\ttab"],
        ["\u{01}\u{1F}control", "中文 标签", "😀 emoji", "\u{08}\u{0C}"], [""], ["https://example.org/x?y=1&z=\"2\""],
    ]

    @Test(arguments: samples)
    func whatTheStoreWritesReadsBack(_ values: [String]) throws {
        let json = Rows.jsonArray(values)
        #expect(JSONStrings.parse(json) == values)
        #expect(try Rows.stringArray(json) == JSONDecoder().decode([String].self, from: Data(json.utf8)))
    }

    @Test func whatSQLiteWritesReadsBack() throws {
        let db = try newDatabase()
        let json = try #require(try db.unsafeFetchStrings(
            "SELECT json_array('quote \" inside', 'back\\slash', 'a/b', char(1), '中文', '😀', char(10))").first)
        #expect(JSONStrings.parse(json) == ["quote \" inside", "back\\slash", "a/b", "\u{01}", "中文", "😀", "\n"])
        #expect(JSONStrings.parse(#"["\ud83d\ude00", "\u4e2d"]"#) == ["😀", "中"])
    }

    @Test(arguments: [#"["a""#, #"["a",]"#, #"{"a": 1}"#, #"[1]"#, #"["\x"]"#, #"["\ud83d"]"#, #"["a"] x"#])
    func anythingElseIsLeftToJSONDecoder(_ json: String) {
        #expect(JSONStrings.parse(json) == nil)
    }
}
