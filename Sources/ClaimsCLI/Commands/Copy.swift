import ArgumentParser
import ClaimsCore
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole database into a new one: SQLite to PostgreSQL or back, every event as recorded.",
            discussion: """
                Copy reads every event of the source's log in order (each claim version, forecast \
                and resolution revision, with its time, author and reason) and appends it to the \
                destination, which must be empty (a new SQLite file, or a PostgreSQL database \
                without claims). The copy is one transaction, kept only if its log has the source's \
                size and root: `claims verify` then prints the same root for both. Each database \
                keeps its own log origin (the name its checkpoints carry). A database from before \
                the log (schema 0004) is copied with its older digests recomputed in the current form.

                Examples:
                  claims copy --from .claims/claims.sqlite --to postgres://me@db.example.org/claims
                  claims copy --from postgres://me@db.example.org/claims --to backup.sqlite
                """)

        @Option(help: ArgumentHelp("The database to copy: a SQLite file or a postgres:// URL.", valueName: "database"))
        var from: String

        @Option(help: ArgumentHelp("The new database: a SQLite file (created) or a postgres:// URL of an empty database.", valueName: "database"))
        var to: String

        func validate() throws {
            if from == to { throw ValidationError("--from and --to name the same database: copy into a new one.") }
        }

        func run() throws {
            var source = DatabaseOptions(), target = DatabaseOptions()
            source.path = from
            target.path = to
            let src = try source.openForReading()
            let newFile = !target.isPostgres && !FileManager.default.fileExists(atPath: target.resolvedPath)
            if !target.isPostgres, source.resolvedPath == target.resolvedPath {
                throw ValidationError("--from and --to name the same database: copy into a new one.")
            }
            do {
                let dst = try target.openForWriting()
                let head = try src.logHead()
                let claims = try dst.copyIn(expecting: head) { add in
                    try src.logEvents { seq, event, _ in
                        guard let event else { throw CLIError.damagedSource(seq: seq) }
                        try add(event)
                    }
                }
                Runtime.current.print("copied \(claims) claims, \(head.size) events: the log's root is \(head.root.base64) in both")
            } catch {
                // A new file that holds nothing copied is not left behind.
                if newFile {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.resolvedPath + suffix) }
                }
                throw error
            }
        }
    }
}
