import ArgumentParser
import ClaimsStore
import Foundation

/// Files derived from the code and checked in: the embedded schema and the command reference.
/// `swift run claims-generate` writes them; a test fails when one is out of date.
public struct GeneratedFile: Sendable {
    public let group: String
    public let relativePath: String
    public let contents: String
    let root: URL

    public func write() throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    public var isUpToDate: Bool {
        (try? String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)) == contents
    }
}

public enum GeneratedFiles {
    public static func all(root: URL) throws -> [GeneratedFile] {
        let migrations = try SchemaSource.migrations(inFolder: root.appendingPathComponent("schema"))
        var files = [GeneratedFile(group: "schema", relativePath: "Sources/ClaimsStore/" + SchemaSource.generatedFileName,
                                   contents: SchemaSource.render(migrations), root: root)]
        files += CLIReference.pages().map { GeneratedFile(group: "cli-docs", relativePath: "cli-docs/" + $0.name, contents: $0.text, root: root) }
        return files
    }
}

/// One Markdown page per command, from the command's own help, and an index.
enum CLIReference {
    static let header = "<!-- GENERATED from the commands' help by `swift run claims-generate cli-docs`. Do not edit. -->\n\n"

    static func pages() -> [(name: String, text: String)] {
        let commands = ClaimsCommand.configuration.subcommands
        var pages: [(String, String)] = []
        for command in commands {
            let name = command._commandName
            let help = ClaimsCommand.helpMessage(for: command, columns: 100)
            var text = header + "# claims \(name)\n\n"
            text += (command.configuration.abstract) + "\n\n"
            text += "```\n\(help.trimmingCharacters(in: .whitespacesAndNewlines))\n```\n"
            pages.append(("\(name).md", text))
        }
        var index = header + "# The claims command line\n\n"
        index += ClaimsCommand.configuration.abstract + "\n\n"
        index += "```\n\(ClaimsCommand.helpMessage(columns: 100).trimmingCharacters(in: .whitespacesAndNewlines))\n```\n\n"
        index += "| command | what it does |\n| --- | --- |\n"
        for command in commands {
            index += "| [`claims \(command._commandName)`](\(command._commandName).md) | \(command.configuration.abstract) |\n"
        }
        index += "\n" + outputFormats
        pages.insert(("README.md", index), at: 0)
        return pages
    }

    static let outputFormats = """
        ## Output formats

        Listings (`list`, `due`, `show`, `history`, `scorecard`) print a table by default, in colour
        only on a terminal and never when `NO_COLOR` is set. `--format json` prints a JSON array
        (an object for `show`); `--format csv` prints RFC 4180 CSV with a header row.

        ### A claim (`list`, `due`, `show`)

        | field | JSON | CSV column(s) |
        | --- | --- | --- |
        | id | `id` (string) | `id` |
        | the statement | `statement` | `statement` |
        | who made it | `claimant` | `claimant` |
        | when it was made | `said_on` (YYYY-MM-DD) | `said_on` |
        | where | `source`: `{key, kind, title, url, publisher, published_on, language, people}` or null | `source_key`, `source_title`, `source_url` |
        | the words | `quote`, `location` | `quote`, `location` |
        | what makes it true | `criteria` | `criteria` |
        | when it is due | `window`: `{start, end, phrase, rule}` or null | `window_start`, `window_end`, `window_phrase` |
        | how sure | `confidence`: `{words, stated_probability}` | `confidence_words`, `stated_probability` |
        | tags | `tags` (array) | `tags` (joined with `;`) |
        | a note | `notes` | `notes` |
        | other languages | `translations`: `[{language, statement, quote, location}]` | |
        | status | `status`: `open`, `due` or `resolved` | `status` |
        | outcome | `resolution`: `{outcome, settled_on, evidence, note, revision, recorded_at, author}` or null | `outcome`, `settled_on` |
        | version | `version`, `recorded_at`, `first_recorded_at` | `version`, `recorded_at` |
        | forecasts (`show` only) | `forecasts`: `[{forecaster, probability, made_on, note, recorded_at, author}]` | |

        Absent values are `null` in JSON and empty in CSV. Times are UTC, `2026-01-31T18:00:00.000Z`.

        ### A history event (`history`)

        JSON: `{recorded_at, kind, number, author, reason, changes: [{field, old, new}]}`, where `kind`
        is `version`, `forecast` or `resolution`. CSV: one row per changed field, columns
        `recorded_at, kind, number, author, reason, field, old, new`.

        ### A scorecard row (`scorecard`)

        JSON: `{claimant, claims, open, due, outcomes: {true, false, partial, annulled}, hit_rate,
        hit_rate_interval_95: [low, high], brier, brier_scale: "0-1", brier_n}`. CSV columns:
        `claimant, claims, open, due, true, false, partial, annulled, hit_rate, hit_rate_low,
        hit_rate_high, brier, brier_scale, brier_n`.

        ## Exit codes

        0 success; 1 the operation failed or was refused (the message says why, and nothing was
        written); 64 the command line itself was wrong.

        """
}
