// libFuzzer harness for the time-phrase reader. Build and run: see Tests/Fuzz/README.md.
import ClaimsCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimePhrases(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let anchor = try! Day("2025-10-23")
    for match in TimePhrases.find(in: text, anchor: anchor) {
        _ = text[match.range]  // the range must be valid in the text
        if case .window(let w) = match.reading { precondition(w.start <= w.end) }
    }
    _ = TimePhrases.read(text, anchor: anchor)
    _ = EstimativeLanguage.read(text)
    _ = Extractor.drafts(Transcript.plain(text), anchor: anchor)
    return 0
}

#if !FUZZING
import Foundation

/// Without libFuzzer: runs the harness once over each file named, to replay saved inputs.
@main struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
            let bytes = [UInt8](data) + [0]
            _ = bytes.withUnsafeBufferPointer { fuzzTimePhrases($0.baseAddress!, data.count) }
            print("ok \(path)")
        }
    }
}
#endif
