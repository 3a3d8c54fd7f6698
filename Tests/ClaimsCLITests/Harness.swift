@testable import ClaimsCLI
@testable import ClaimsFormats
import ClaimsGeneration
import ClaimsCore
import Foundation
import Testing

/// What one in-process run of `claims` printed and returned.
struct Run {
    let code: Int32
    let out: String
    let err: String
}

final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var out = "", err = ""
    func appendOut(_ s: String) { lock.lock(); out += s; lock.unlock() }
    func appendErr(_ s: String) { lock.lock(); err += s; lock.unlock() }
    var texts: (String, String) { lock.lock(); defer { lock.unlock() }; return (out, err) }
}

/// A test's own folder and database, and a way to run `claims` in-process against them.
struct Workspace {
    let folder: URL
    var dbPath: String { folder.appendingPathComponent("claims.sqlite").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @discardableResult
    func run(_ arguments: [String], now: String = "2026-11-23T12:00:00Z", environment: [String: String] = [:],
             terminal: Bool = false) -> Run {
        let capture = Capture()
        let moment = try! Timestamp(parsing: now).date
        var env = ["CLAIMS_DB": dbPath, "CLAIMS_AUTHOR": "tester", "TZ": "UTC"]
        env.merge(environment) { $1 }
        let runtime = Runtime(environment: env, now: { moment }, stdoutIsTerminal: terminal, currentDirectory: folder,
                              out: capture.appendOut, err: capture.appendErr)
        let code = Runtime.$current.withValue(runtime) { ClaimsProgram.run(arguments) }
        let (out, err) = capture.texts
        return Run(code: code, out: out, err: err)
    }

    /// Adds a claim and returns its id; fails the test if it could not.
    func add(_ statement: String, _ more: [String] = [], now: String = "2026-01-01T00:00:00Z",
             sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let r = run(["add", statement, "--claimant", "Julian Schrittwieser", "--said-on", "2025-10-23"] + more, now: now)
        #expect(r.code == 0, "add failed: \(r.err)", sourceLocation: sourceLocation)
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ arguments: [String]) throws -> Any {
        let r = run(arguments + ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        return try JSONValue.parse(Data(r.out.utf8)).any
    }

    var databaseBytes: Data? { try? Data(contentsOf: URL(fileURLWithPath: dbPath)) }
    var databaseExists: Bool { FileManager.default.fileExists(atPath: dbPath) }
}
