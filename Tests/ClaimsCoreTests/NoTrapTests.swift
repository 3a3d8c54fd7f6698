import Foundation
import Testing

/// No input may crash the program: the shipped targets hold no `try!`, `fatalError`,
/// `precondition`, `assert`, forced cast or force unwrap, and (in the store) no GRDB row
/// subscript, which traps on a NULL or a wrong type. The few that cannot fire carry a comment
/// `never fires:` on the line above, saying why; this test lists them, so that a new one is seen.
@Suite struct NoTrapTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The targets of the program `claims`. Tools that ship with the source (claims-bench,
    /// claims-generate and ClaimsGeneration, the fuzz harnesses) are run by developers on inputs
    /// they make, and may trap.
    static let shipped = ["ClaimsCore", "ClaimsFormats", "ClaimsLog", "ClaimsStore", "ClaimsCLI", "claims"]
    /// Every trap that is allowed, by file and line text: each has its `never fires:` comment.
    static let allowed = [
        "ClaimsCore/ConstantPattern.swift: try! NSRegularExpression(pattern: pattern, options: options)",
    ]

    static let traps = try! NSRegularExpression(pattern: #"try!|fatalError\(|precondition\(|preconditionFailure\(|assert\(|assertionFailure\(|\bas!|[\w\)\]]!(?=[.\)\],:;\s?]|$)"#)
    static let rowSubscript = try! NSRegularExpression(pattern: #"\brow\[|\brow\b\s*\["#)

    /// The code of a Swift file with its comments and string literals blanked out (lines kept).
    static func code(_ source: String) -> [String] {
        var s = source
        for pattern in [#"\"\"\"[\s\S]*?\"\"\""#, ##"#"[^\n]*?"#"##, #""(?:\\.|[^"\\\n])*""#, #"//[^\n]*"#] {
            let re = try! NSRegularExpression(pattern: pattern)
            let ns = s as NSString
            var out = ""
            var last = 0
            for m in re.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
                let blanked = ns.substring(with: m.range).map { (c: Character) -> String in c == "\n" ? "\n" : " " }
                out += blanked.joined()
                last = m.range.location + m.range.length
            }
            s = out + ns.substring(from: last)
        }
        return s.components(separatedBy: "\n")
    }

    @Test func shippedCodeHoldsNoTrapThatInputCanReach() throws {
        var found: [String] = []
        for target in Self.shipped {
            let folder = Self.root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            #expect(!files.isEmpty, "no sources in \(target)")
            for file in files.sorted() where !file.hasSuffix(".generated.swift") {
                let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let lines = source.components(separatedBy: "\n")
                for (i, line) in Self.code(source).enumerated() {
                    let range = NSRange(location: 0, length: (line as NSString).length)
                    let trap = Self.traps.firstMatch(in: line, range: range) != nil
                        || (target == "ClaimsStore" && Self.rowSubscript.firstMatch(in: line, range: range) != nil)
                    guard trap else { continue }
                    let text = "\(target)/\(file): \(lines[i].trimmingCharacters(in: .whitespaces))"
                    let justified = i > 0 && lines[i - 1].contains("never fires:")
                    if !(justified && Self.allowed.contains(text)) { found.append("\(target)/\(file):\(i + 1): \(lines[i].trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
        #expect(found.isEmpty, "traps that input may reach (handle the failure, or justify it with `// never fires:` and list it here):\n\(found.joined(separator: "\n"))")
    }

    @Test func theScannerSeesWhatItLooksFor() {
        let sample = """
            let a = try! f()
            let b = x!.y // a comment with try! in it
            let c = "a string with fatalError( and x! in it"
            if !ready && a != b { }
            let d = y as! Int
            """
        let hits = Self.code(sample).map { Self.traps.firstMatch(in: $0, range: NSRange(location: 0, length: ($0 as NSString).length)) != nil }
        #expect(hits == [true, true, false, false, true])
    }
}
