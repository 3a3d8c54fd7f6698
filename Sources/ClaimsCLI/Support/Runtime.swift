import ClaimsCore
import ClaimsFormats
import Foundation

/// Where a command writes, what environment it sees, and what time it is. The program uses the
/// real ones; tests bind their own with `Runtime.$current.withValue(…)` and run commands in-process.
public final class Runtime: @unchecked Sendable {
    public let environment: [String: String]
    public let now: @Sendable () -> Date
    public let stdoutIsTerminal: Bool
    public let currentDirectory: URL
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void

    public init(environment: [String: String], now: @escaping @Sendable () -> Date = { Date() },
                stdoutIsTerminal: Bool, currentDirectory: URL,
                out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.now = now
        self.stdoutIsTerminal = stdoutIsTerminal
        self.currentDirectory = currentDirectory
        self.writeOut = out
        self.writeErr = err
    }

    public static let process = Runtime(
        environment: ProcessInfo.processInfo.environment,
        stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
        currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) })

    @TaskLocal public static var current: Runtime = .process

    public func print(_ text: String = "") { writeOut(text + "\n") }
    public func write(_ text: String) { writeOut(text) }
    public func printError(_ text: String) { writeErr(text + "\n") }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty.
    public var usesColor: Bool {
        stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Terminal width, for truncating long cells; nil when output is not a terminal.
    public var terminalColumns: Int? {
        guard stdoutIsTerminal else { return nil }
        if let c = environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }

    /// Today's date where the user is.
    public var today: Day { Day(now(), in: TimeZone.current) }

    public var author: String {
        for key in ["CLAIMS_AUTHOR", "USER", "LOGNAME"] {
            if let v = environment[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return v }
        }
        return "unknown"
    }

    public func resolve(path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : currentDirectory.appendingPathComponent(expanded)
        return url.standardizedFileURL
    }
}
