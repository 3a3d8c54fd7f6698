import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsLog
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no history was rewritten: the log, every claim's hash chain, the triggers, the engine's own checks; and checkpoints and proofs.",
            discussion: """
                Verify recomputes every event of the log (claim versions, forecasts, resolution \
                revisions) from its rows and checks it against its leaf, that every event is in the \
                log once and in time order, and that the log's head agrees; recomputes each claim's \
                hash chain; checks that every trigger that keeps history append-only is present and \
                as shipped (on PostgreSQL: present and enabled), that each claim's created_at is its \
                first version's time, and on SQLite runs PRAGMA integrity_check and \
                foreign_key_check. It names every problem and exits 1 if there is any.

                --checkpoint FILE (repeatable) also proves that the log extends that checkpoint \
                (RFC 9162 consistency proof) and checks its signature with the public key: any event \
                changed, removed, reordered or recomputed since the checkpoint was taken shows. \
                --proof FILE checks a proof written by `claims prove`, without the database.
                """)

        @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A checkpoint the log must extend; repeat for more.", valueName: "file"))
        var checkpoints: [String] = []

        @Option(help: ArgumentHelp("Check this proof (from `claims prove`) instead of the database.", valueName: "file"))
        var proof: String?

        @OptionGroup var publicKey: PublicKeyOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if proof != nil && !checkpoints.isEmpty { throw ValidationError("--proof checks a proof alone: give it without --checkpoint.") }
        }

        func run() throws {
            let rt = Runtime.current
            if let proof {
                let file = try ProofFile.parse(InputFile.text(proof))
                let key = try publicKey.load()
                let head = try file.verify(with: key)
                for e in file.events { rt.print("ok: event \(e.index) (\(e.kind)) is in the log \(head.origin) of \(head.size) events") }
                rt.print(key.map { "ok: the checkpoint is signed by \($0.name)" }
                         ?? "note: the signature was not checked: give --public-key, the log's public key")
                return
            }
            let db = try database.openForReading()
            let report = try db.verify()
            for b in report.breaks { rt.printError("break: \(b)") }
            for line in report.log { rt.printError("log: \(line)") }
            for line in report.triggers { rt.printError("trigger: \(line)") }
            for line in report.integrity { rt.printError("integrity_check: \(line)") }
            for line in report.foreignKeys { rt.printError("foreign_key_check: \(line)") }
            var failed = !report.isClean
            let key = checkpoints.isEmpty ? nil : try publicKey.load()
            for path in checkpoints {
                do {
                    let size = try Self.check(path, against: db, report: report, key: key)
                    rt.print("ok: the log extends the checkpoint \(path) (\(size) events)"
                             + (key == nil ? "; its signature was not checked: give --public-key" : ", signed by \(key?.name ?? "")"))
                } catch let error as LogError {
                    rt.printError("checkpoint \(path): \(error.errorDescription ?? "\(error)")")
                    failed = true
                }
            }
            if failed {
                let count = report.breaks.count + report.log.count + report.triggers.count + report.integrity.count + report.foreignKeys.count
                rt.print("\(count) problem(s) in \(report.claims) claims, \(report.logSize) log events")
                throw ExitCode.failure
            }
            rt.print("ok: \(report.logSize) log events, root \(report.logRoot.base64); \(report.claims) claims, every chain intact; triggers as shipped; \(report.engineChecks)")
        }

        /// Checks one checkpoint: its origin, signature and size, then that the log extends it.
        static func check(_ path: String, against db: any ClaimStore, report: VerifyReport, key: VerifierKey?) throws -> Int {
            let (checkpoint, signatures) = try ClaimsLog.Checkpoint.parse(InputFile.text(path))
            let head = try db.logHead()
            guard checkpoint.origin == head.origin else { throw LogError.otherLog(expected: head.origin, found: checkpoint.origin) }
            if let key { try checkpoint.verify(signatures, with: key) } else if !signatures.isEmpty {
                // A signed checkpoint is checked against the key, when there is one.
            }
            guard checkpoint.size <= report.logSize else {
                throw LogError.checkpointLargerThanLog(checkpoint: checkpoint.size, log: report.logSize)
            }
            // The proof is made from the stored leaves; verify compared each with its event
            // recomputed, and the root it checks against is the recomputed one.
            let (_, proof) = try db.consistencyProof(from: checkpoint.size)
            guard Merkle.verifyConsistency(first: checkpoint.size, second: report.logSize, firstRoot: checkpoint.root,
                                           secondRoot: report.logRoot, proof: proof) else {
                let first = report.log.first.map { " The first problem: \($0)." } ?? ""
                throw LogError.inconsistent("its first \(checkpoint.size) events no longer hash to its root \(checkpoint.root.base64): an event among them was changed, removed, reordered or recomputed since.\(first)")
            }
            return checkpoint.size
        }
    }
}
