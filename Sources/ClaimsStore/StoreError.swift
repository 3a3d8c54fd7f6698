import ClaimsCore
import Foundation

/// What the store refuses or cannot do, with what to do about it.
public enum StoreError: Error, Equatable, LocalizedError {
    case databaseMissing(path: String)
    case cannotOpen(path: String, reason: String)
    case notAClaimsDatabase(path: String)
    case newerSchema(path: String, unknownMigrations: [String])
    /// The database lacks migrations that only its tables' owner may apply.
    case migrationNeedsOwner(path: String, migrations: [String], reason: String)
    case unknownClaim(String)
    case ambiguousClaim(prefix: String, matches: [String])
    case claimExists(String)
    case nothingChanged(String)
    case rejected(String)
    /// The database refused what the role may not do (PostgreSQL's insufficient_privilege).
    case notPermitted(String)
    case busy(path: String, seconds: Double)
    case sqlite(String)
    /// The log's head row is missing or does not hold a tree's right edge.
    case damagedLogHead
    case copyTargetNotEmpty
    // PostgreSQL
    case badURL(url: String, reason: String)
    case cannotConnect(url: String, reason: String)
    case connectionLost(url: String)
    case serializationFailure(String)
    case postgres(String)

    public var errorDescription: String? {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path): `claims add` or `claims import claims/` creates one there, or point --db (or CLAIMS_DB) at an existing database."
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason). Check that the path is right and that you may read and write it."
        case .notAClaimsDatabase(let path):
            return "\(path) is not a claims database: it holds other tables. Point --db (or CLAIMS_DB) at a claims database, or at a new path to create one."
        case .newerSchema(let path, let unknown):
            return "\(path) was written by a newer version of claims (it has migrations this version does not know: \(unknown.joined(separator: ", "))). Upgrade claims to use it; the file was left untouched."
        case .migrationNeedsOwner(let path, let migrations, let reason):
            return "\(path) needs \(migrations.joined(separator: ", ")) from this version of claims, and this role may not apply it (\(reason)): run one command as the owner of its tables first (`claims verify --db postgres://OWNER@…`), who needs the right to create in its schema. Nothing was changed."
        case .unknownClaim(let id):
            return "no claim has the id or id prefix '\(id)': `claims list` shows the ids."
        case .ambiguousClaim(let prefix, let matches):
            return "the id prefix '\(prefix)' matches several claims (\(matches.joined(separator: ", "))): give more characters."
        case .claimExists(let id):
            return "a claim with the id '\(id)' exists already: choose another id, or change that claim with `claims edit \(id)`."
        case .nothingChanged(let id):
            return "nothing to change: the values given equal the current version of \(id)."
        case .rejected(let reason):
            return "the database refused the change: \(reason)"
        case .notPermitted(let reason):
            return "the database refused the change: \(reason): your role may not do this (schema/postgres/roles.sql)"
        case .busy(let path, let seconds):
            return "\(path) is busy: another process has held it for more than \(seconds.formatted()) s. Nothing was written; try again when it is done (CLAIMS_BUSY_TIMEOUT sets how long to wait)."
        case .sqlite(let message):
            return "SQLite failed: \(message). Nothing was written; `claims verify` checks the file."
        case .copyTargetNotEmpty:
            return "the database to copy into holds events already: `claims copy` fills a new, empty database. Nothing was written."
        case .damagedLogHead:
            return "the log's head (log_head) is missing or damaged; `claims verify` checks the database"
        case .badURL(let url, let reason):
            return "cannot use \(url): \(reason). A PostgreSQL database is named postgres://user:password@host:port/dbname (sslmode=require for TLS)."
        case .cannotConnect(let url, let reason):
            return "cannot connect to \(url): \(reason). Nothing was written."
        case .connectionLost(let url):
            return "the connection to \(url) was lost before the work was done; the transaction was rolled back and nothing was written. Try again."
        case .serializationFailure(let message):
            return "another writer changed the same rows at the same time (\(message)); nothing was written. Try again."
        case .postgres(let message):
            return "PostgreSQL failed: \(message). Nothing was written; `claims verify` checks the database."
        }
    }
}
