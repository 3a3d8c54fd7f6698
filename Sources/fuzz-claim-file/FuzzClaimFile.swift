// libFuzzer harness for the claim-file reader. Build and run: see Tests/Fuzz/README.md.
import ClaimsFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaimFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Any input either parses or fails with issues; it must never crash or hang.
    if let file = try? ClaimFile.parse(text, path: "fuzz.yaml") {
        _ = ClaimFileWriter.render(source: file.source, claims: [])
    }
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
            _ = bytes.withUnsafeBufferPointer { fuzzClaimFile($0.baseAddress!, data.count) }
            print("ok \(path)")
        }
    }
}
#endif
