import ClaimsCore
import Foundation
import Testing

/// Runs the built `claims` binary as a separate process.
struct ClaimsProcess {
    static var binary: URL? { EndToEndTests.binary }

    static func environment(_ db: String) -> [String: String] {
        ["CLAIMS_DB": db, "CLAIMS_AUTHOR": "process-test", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
    }

    static func start(_ arguments: [String], db: String) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        let executable: URL = try #require(binary, "the claims executable was not built")
        p.executableURL = executable
        p.arguments = arguments
        p.environment = environment(db)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    /// Runs the built program with `input` on its standard input.
    static func run(_ arguments: [String], db: String, input: String) throws -> (code: Int32, out: String, err: String) {
        guard let binary else { return (-1, "", "the claims executable was not built") }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.environment = environment(db)
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inPipe
        p.standardOutput = out
        p.standardError = err
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func run(_ arguments: [String], db: String) throws -> (code: Int32, out: String, err: String) {
        let (p, out, err) = try start(arguments, db: db)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static var hasSQLiteShell: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

    /// Runs SQL on a database from outside the tool, as someone with the sqlite3 shell would.
    static func sqlite3(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "sqlite3 failed on: \(sql)")
    }

    /// Runs SQL that may fail; returns its exit status and what it printed on standard error.
    static func sqlite3Result(_ path: String, _ sql: String) throws -> (code: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    /// Every claim id in the database, through the tool.
    static func ids(_ db: String) throws -> [String] {
        let r = try run(["list", "--format", "csv"], db: db)
        return r.out.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",").first ?? "") }
    }
}

/// A repeatable generator for the tests' random moments.
typealias TestRandom = SplitMix64
