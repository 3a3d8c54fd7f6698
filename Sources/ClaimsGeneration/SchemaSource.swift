import ClaimsStore
import Foundation

/// Turns the files of `schema/` into `Schema.generated.swift`, the copy the program runs, and
/// those of `schema/postgres/` into `PostgresSchema.generated.swift`.
/// `claims-generate schema` writes them (to Sources/ClaimsStore/SQLite/ and …/PostgreSQL/); a
/// test fails when one is out of date.
public enum SchemaSource {
    public static let generatedFileName = "Schema.generated.swift"
    public static let postgresFileName = "PostgresSchema.generated.swift"

    /// Reads every `NNNN_name.sql` file of a schema folder, in name order.
    public static func migrations(inFolder folder: URL) throws -> [SchemaMigration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            // Migrations are named NNNN_name.sql; other files (roles.sql) are not run by the program.
            .filter { $0.hasSuffix(".sql") && $0.prefix(5).allSatisfy { $0.isNumber || $0 == "_" } && $0.count > 9 }
            .sorted()
        return try names.map { name in
            SchemaMigration(identifier: String(name.dropLast(4)),
                            sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    public static func render(_ migrations: [SchemaMigration], folder: String = "schema", type: String = "Schema") -> String {
        var out = """
        // GENERATED FILE: DO NOT EDIT. The source of truth is \(folder)/*.sql;
        // regenerate with `swift run claims-generate schema`.

        extension \(type) {
            static let migrations: [SchemaMigration] = [

        """
        for m in migrations {
            var hashes = "#"
            while m.sql.contains("\"" + hashes) { hashes += "#" }
            out += "        SchemaMigration(\n"
            out += "            identifier: \(hashes)\"\(m.identifier)\"\(hashes),\n"
            out += "            sql: \(hashes)\"\"\"\n\(m.sql.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "            " + $0 }.joined(separator: "\n"))\n            \"\"\"\(hashes)\n"
            out += "        ),\n"
        }
        out += "    ]\n}\n"
        return out
    }
}

