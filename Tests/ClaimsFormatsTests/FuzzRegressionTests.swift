import ClaimsCore
@testable import ClaimsFormats
import Foundation
import Testing

/// Replays every saved input that once found a bug (Tests/Fuzz/regressions) through the code the
/// fuzz harnesses exercise, checking the same properties.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions")
    static func inputs(_ harness: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(harness).path)) ?? []).sorted()
    }

    @Test(arguments: inputs("time-phrases"))
    func timePhrases(_ name: String) throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("time-phrases/\(name)"))
        let text = String(decoding: data, as: UTF8.self)
        let anchor = try Day("2025-10-23")
        for m in TimePhrases.find(in: text, anchor: anchor) {
            #expect(String(text[m.range]) == m.text)
            if case .window(let w) = m.reading { #expect(w.start <= w.end) }
        }
        _ = TimePhrases.read(text, anchor: anchor)
        _ = EstimativeLanguage.read(text)
        _ = Extractor.drafts(Transcript.plain(text), anchor: anchor)
    }

    @Test(arguments: inputs("claim-file"))
    func claimFile(_ name: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.root.appendingPathComponent("claim-file/\(name)")), as: UTF8.self)
        do {
            let file = try ClaimFile.parse(text, path: name)
            _ = ClaimFileWriter.render(source: file.source, claims: [])
        } catch let error as ClaimFileError {
            #expect(!(error.errorDescription ?? "").isEmpty)
        }
    }
}
