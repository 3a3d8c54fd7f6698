import Foundation

/// One migration: an identifier (the file name without `.sql`) and its SQL, run verbatim.
public struct SchemaMigration: Sendable, Equatable {
    public let identifier: String
    public let sql: String

    public init(identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// The schema the program runs: the migrations of `schema/`, in order.
public enum Schema {
    public static var allMigrations: [SchemaMigration] { migrations }
}
