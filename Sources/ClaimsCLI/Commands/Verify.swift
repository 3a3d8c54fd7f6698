import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no history was rewritten: every claim's hash chain, and SQLite's own checks.",
            discussion: """
                Each claim version and resolution revision carries a SHA-256 digest over its content \
                and the digest before it. Verify recomputes every digest, checks that each claim's \
                events form one unbroken chain, and runs PRAGMA integrity_check and \
                foreign_key_check. It names every break (claim, event, what is wrong) and exits 1 if \
                there is any. `claims show` prints a claim's current digest, to publish.
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let report = try database.openForReading().verify()
            for b in report.breaks { rt.printError("break: \(b)") }
            for line in report.integrity { rt.printError("integrity_check: \(line)") }
            for line in report.foreignKeys { rt.printError("foreign_key_check: \(line)") }
            if report.isClean {
                rt.print("ok: \(report.claims) claims, \(report.events) events, every chain intact; integrity_check ok; foreign_key_check ok")
            } else {
                rt.print("\(report.breaks.count + report.integrity.count + report.foreignKeys.count) problem(s) in \(report.claims) claims, \(report.events) events")
                throw ExitCode.failure
            }
        }
    }
}
