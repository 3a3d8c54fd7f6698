import ClaimsStore
import Foundation

/// Turns the files of `schema/` into `Schema.generated.swift`, the copy the program runs.
/// `claims-generate schema` writes it (to Sources/ClaimsStore/SQLite/); a test fails when it is out of date.
public enum SchemaSource {
    public static let generatedFileName = "Schema.generated.swift"

    /// Reads every `NNNN_name.sql` file of a schema folder, in name order.
    public static func migrations(inFolder folder: URL) throws -> [SchemaMigration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            SchemaMigration(identifier: String(name.dropLast(4)),
                            sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    public static func render(_ migrations: [SchemaMigration]) -> String {
        var out = """
        // GENERATED FILE: DO NOT EDIT. The source of truth is schema/*.sql;
        // regenerate with `swift run claims-generate schema`.

        extension Schema {
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

