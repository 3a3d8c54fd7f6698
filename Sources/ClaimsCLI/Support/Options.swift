import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// Which database: `--db PATH`, else `$CLAIMS_DB`, else `.claims/claims.sqlite` in the current
/// directory. A `postgres://` URL names a PostgreSQL database instead of a SQLite file.
public struct DatabaseOptions: ParsableArguments {
    public static let defaultRelativePath = ".claims/claims.sqlite"

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database: a SQLite file, or postgres://user:password@host:port/dbname for PostgreSQL (default: $CLAIMS_DB, else \(DatabaseOptions.defaultRelativePath) in the current directory).",
        valueName: "path"))
    var path: String?

    public init() {}

    var chosenPath: String {
        path ?? Runtime.current.environment["CLAIMS_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultRelativePath
    }

    /// Whether the database is PostgreSQL's (a URL) rather than a file.
    var isPostgres: Bool { PostgresURL.isPostgres(chosenPath) }

    var resolvedPath: String { isPostgres ? chosenPath : Runtime.current.resolve(path: chosenPath).path }

    /// Seconds to wait for another process's write: $CLAIMS_BUSY_TIMEOUT, else 10.
    var busyTimeout: Double {
        Runtime.current.environment["CLAIMS_BUSY_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 10
    }

    /// Opens the database for a command that only reads: it must exist.
    func openForReading() throws -> any ClaimStore {
        if isPostgres { return try PostgresStore(url: chosenPath, mode: .readOnly) }
        let db = try ClaimsDatabase(path: resolvedPath, mode: .readOnly, busyTimeout: busyTimeout)
        if db.readsMigratedCopy {
            Runtime.current.printError("note: \(resolvedPath) has an older schema; this read used an upgraded copy in memory and left the file as it was. The next command that writes upgrades the file, and reads are then fast again.")
        }
        return db
    }

    /// Opens the database for a command that changes existing claims: it must exist.
    func openExisting() throws -> any ClaimStore {
        if isPostgres { return try PostgresStore(url: chosenPath, mode: .mustExist) }
        return try ClaimsDatabase(path: resolvedPath, mode: .mustExist, busyTimeout: busyTimeout)
    }

    /// Opens the database for writing, creating it when missing.
    /// Only the default `.claims/` folder is made when missing: a named path's folder must exist.
    func openForWriting() throws -> any ClaimStore {
        if isPostgres { return try PostgresStore(url: chosenPath, mode: .createIfMissing) }
        return try ClaimsDatabase(path: resolvedPath, mode: .createIfMissing, busyTimeout: busyTimeout,
                           createFolder: chosenPath == Self.defaultRelativePath)
    }
}

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "How to print: a readable table, JSON (an array of objects) or CSV with a header row.")
    var format: OutputFormat = .table

    public init() {}
}

/// When a read answers for: `--as-of` (what the database held then) and `--today`.
public struct ReadPointOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Answer from what the database held at this moment: YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 time.",
        valueName: "moment"), transform: Parse.moment)
    var asOf: Timestamp?

    @Option(name: .long, help: ArgumentHelp("The day to judge due dates from (default: today).", valueName: "date"), transform: Parse.day)
    var today: Day?

    public init() {}

    func readPoint() -> ReadPoint {
        ReadPoint(asOf: asOf, today: today ?? asOf.map(\.day) ?? Runtime.current.today)
    }
}

/// The filters shared by `list`, `due` and `scorecard`.
public struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only claims by this claimant (exact name, any case).")
    var claimant: String?

    @Option(name: .long, help: "Only claims with this tag.")
    var tag: String?

    @Option(name: .long, help: "Only claims from this source: its key, or text in its title.")
    var source: String?

    @Option(name: .long, help: ArgumentHelp("Only claims whose statement, quote, criteria or notes hold these words (all of them), \"a phrase\" or a prefix*; Chinese text is found anywhere.", valueName: "words"),
            transform: { text in _ = try TextQuery(parsing: text); return text })
    var search: String?

    public init() {}

    var filter: ClaimFilter {
        ClaimFilter(claimant: claimant, tag: tag, source: source, text: search)
    }
}

/// Who is recording the change.
public struct AuthorOptions: ParsableArguments {
    @Option(name: .customLong("by"), help: ArgumentHelp(
        "Who records this change (default: $CLAIMS_AUTHOR, else $USER).", valueName: "name"))
    var author: String?

    public init() {}

    var name: String {
        cleaned(author) ?? Runtime.current.author
    }

    /// A change recorded now by this author, for this reason.
    func change(_ reason: String) -> Change {
        Change(author: name, at: Timestamp(Runtime.current.now()), reason: reason)
    }
}

extension ClaimStatus: ExpressibleByArgument {}
/// `--outcome` reads what people write: true/false/partial/annulled, yes/no, y/n, 1/0.
extension Outcome: ExpressibleByArgument {
    public init?(argument: String) {
        guard let o = try? Outcome(reading: argument) else { return nil }
        self = o
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) + ["yes", "no", "y", "n", "1", "0"] }
}
extension SourceKind: ExpressibleByArgument {}
