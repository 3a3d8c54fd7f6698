import Foundation
import Testing

/// A database that cannot be written (a read-only file in a read-only folder, as on a read-only
/// mount) can still be listed, shown, verified and exported, and nothing is written beside it.
/// The built program runs as another user: as root, through setpriv as `nobody`, since root
/// ignores permissions; as anyone else, as itself.
@Suite(.serialized) struct ReadOnlyTests {
    func runAsReader(_ arguments: [String], db: String) throws -> (code: Int32, out: String, err: String) {
        let binary = try #require(ClaimsProcess.binary, "the claims executable was not built")
        let p = Process()
        if getuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments
        } else {
            p.executableURL = binary
            p.arguments = arguments
        }
        p.environment = ClaimsProcess.environment(db)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func aReadOnlyDatabaseIsReadAndNeverWritten() throws {
        let w = Workspace()
        let shelf = w.folder.appendingPathComponent("shelf")
        try FileManager.default.createDirectory(at: shelf, withIntermediateDirectories: true)
        let db = shelf.appendingPathComponent("claims.sqlite").path
        #expect(w.run(["add", "Agents work a whole day", "--id", "day", "--claimant", "Julian", "--said-on", "2025-10-23",
                       "--window", "next year", "--db", db]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: shelf.path) == ["claims.sqlite"])
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        // The test's folder is open to the reader; the shelf and the file are read-only.
        #expect(chmod(w.folder.path, 0o755) == 0 && chmod(db, 0o444) == 0 && chmod(shelf.path, 0o555) == 0)
        defer { _ = chmod(shelf.path, 0o755); _ = chmod(db, 0o644) }

        let list = try runAsReader(["list"], db: db)
        #expect(list.code == 0 && list.out.contains("day") && list.out.contains("Agents work a whole day"), "\(list.err)")
        let show = try runAsReader(["show", "day", "--format", "json"], db: db)
        #expect(show.code == 0 && show.out.contains("Agents work a whole day"), "\(show.err)")
        let verify = try runAsReader(["verify"], db: db)
        #expect(verify.code == 0 && verify.out.hasPrefix("ok: "), "\(verify.out) \(verify.err)")
        let export = try runAsReader(["export", "-", "--format", "jsonl"], db: db)
        #expect(export.code == 0 && export.out.contains("Agents work a whole day"), "\(export.err)")
        // A write is refused with an error, not a crash.
        let add = try runAsReader(["add", "x", "--claimant", "a", "--said-on", "2025-10-23"], db: db)
        #expect(add.code == 1 && add.err.contains("error:"), "\(add.code) \(add.err)")

        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: shelf.path) == ["claims.sqlite"])
    }
}
