import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsLog
import ClaimsStore
import Foundation

/// The `claims` command: log forecasts, see what is due, record outcomes, score the speakers.
public struct ClaimsCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Track claims and forecasts: log them, see what is due, record outcomes, score who made them.",
        discussion: """
            Every change is kept: editing a claim appends a new version, resolving again appends a \
            new revision, and the database refuses UPDATE and DELETE on its history.

            The database is --db PATH, else $CLAIMS_DB, else .claims/claims.sqlite in the current directory. \
            Several claims processes may use it at once; a writer waits up to $CLAIMS_BUSY_TIMEOUT \
            seconds (default 10) for another's write to finish.
            """,
        version: version,
        subcommands: [Add.self, List.self, Show.self, History.self, Edit.self, Forecast.self, Due.self,
                      Resolve.self, Scorecard.self, Import.self, Export.self, Window.self, Extract.self, Report.self, Verify.self,
                      Withdraw.self, Restore.self, Checkpoint.self, Prove.self, Key.self, Copy.self]
    )

    public init() {}
}

/// Command lines ArgumentParser would read as something else than meant: a value that begins
/// with a dash and a space ("- dash start", read as the options -d -a -s -h …, and so as a request
/// for help), and a mistyped command (with the nearest one).
func misread(_ arguments: [String]) -> String? {
    for a in arguments.prefix(while: { $0 != "--" }) where a.hasPrefix("- ") || a.hasPrefix("-\t") {
        return "'\(a)' begins with a dash and a space, which reads as options: put -- before it (claims add -- '\(a)' …)."
    }
    let names = ClaimsCommand.configuration.subcommands.map { $0._commandName } + ["help"]
    if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
        let hint = nearest(first, in: names).map { ": did you mean '\($0)'?" } ?? "."
        return "'\(first)' is not a command\(hint) `claims --help` lists them."
    }
    return nil
}

/// The executable's entry point, and the one place where errors become messages and exit codes.
public enum ClaimsProgram {
    public static func main() -> Never {
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs `claims` with `arguments` in the current `Runtime`; returns the exit code.
    /// 0 success, 1 a refused or failed operation, 64 a usage error.
    public static func run(_ arguments: [String]) -> Int32 {
        let rt = Runtime.current
        if let message = misread(arguments) {
            rt.printError("error: \(message)")
            return ExitCode.validationFailure.rawValue
        }
        do {
            var command = try ClaimsCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as DomainError {
            rt.printError("error: \(error.namingFlag.localizedDescription)")
        } catch let error as StoreError {
            rt.printError("error: \(error.localizedDescription)")
        } catch let error as CLIError {
            rt.printError("error: \(error.localizedDescription)")
        } catch let error as ClaimFileError {
            rt.printError("error: \(error.localizedDescription)")
        } catch let error as LogError {
            rt.printError("error: \(error.localizedDescription)")
        } catch {
            let code = ClaimsCommand.exitCode(for: error)
            let message = ClaimsCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { rt.print(message) }
                return 0
            }
            if !message.isEmpty { rt.printError(message) }
            return code.rawValue
        }
        return 1
    }
}
