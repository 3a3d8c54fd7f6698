/// The PostgreSQL schema the program runs: the migrations of `schema/postgres/`, in order
/// (`PostgresSchema.generated.swift`, made from them by `claims-generate schema`).
public enum PostgresSchema {
    public static var allMigrations: [SchemaMigration] { migrations }
}
