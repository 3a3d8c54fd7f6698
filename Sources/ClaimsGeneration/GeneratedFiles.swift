import ArgumentParser
import ClaimsCLI
import ClaimsCore
import ClaimsFormats
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
        var files = [GeneratedFile(group: "schema", relativePath: "Sources/ClaimsStore/SQLite/" + SchemaSource.generatedFileName,
                                   contents: SchemaSource.render(migrations), root: root),
                     GeneratedFile(group: "schema", relativePath: "Sources/ClaimsStore/PostgreSQL/" + SchemaSource.postgresFileName,
                                   contents: SchemaSource.render(try SchemaSource.migrations(inFolder: root.appendingPathComponent("schema/postgres")),
                                                                 folder: "schema/postgres", type: "PostgresSchema"), root: root)]
        files += CLIReference.pages().map { GeneratedFile(group: "cli-docs", relativePath: "cli-docs/" + $0.name, contents: $0.text, root: root) }
        files += try goldenDrafts(root: root)
        return files
    }

    /// The interview the golden draft files are made from (examples/interview, a copy kept in
    /// the repository so that a clone stands alone).
    public static func seeds(root: URL) -> URL {
        root.appendingPathComponent("examples/interview")
    }

    /// Tests/Goldens/*.drafts.yaml: what `claims extract` drafts from each seed transcript, kept
    /// so that a change to extraction shows as a diff. Left out where the seeds are not there.
    static func goldenDrafts(root: URL) throws -> [GeneratedFile] {
        let seeds = seeds(root: root)
        let runs: [(String, DraftFile.Language?, String?, String)] = [
            ("interview-en.txt", .en, "2025-10-23", "interview-en.drafts.yaml"),
            ("interview-zh.md", .zh, nil, "interview-zh.drafts.yaml"),
            ("interview-zh.md", .en, nil, "interview-zh.en.drafts.yaml"),
        ]
        return try runs.compactMap { seed, lang, saidOn, golden in
            guard let text = try? String(contentsOf: seeds.appendingPathComponent(seed), encoding: .utf8) else { return nil }
            let url = seed.hasSuffix(".txt") ? "https://www.youtube.com/watch?v=gTlxCrsUcFM" : nil
            let (yaml, _) = try DraftFile.make(text, file: seed, lang: lang, saidOn: saidOn.map { try Day($0) }, sourceURL: url)
            return GeneratedFile(group: "goldens", relativePath: "Tests/Goldens/" + golden, contents: yaml, root: root)
        }
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
        | when it is due | `window`: `{start, end, phrase, rule}` or null; `rule` names the grammar rule that read the phrase, null for dates given by hand | `window_start`, `window_end`, `window_phrase`, `window_rule` |
        | how sure | `confidence`: `{words, stated_probability, inferred}`; `inferred` is `{band, low, high, midpoint, qualifier}` read from the words, or null | `confidence_words`, `stated_probability`, `inferred_band`, `inferred_probability` (the band's midpoint) |
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

        ### A scorecard (`scorecard`)

        JSON: `{probabilities, probabilities_described, forecast_at, by, brier_scale, partial, bins,
        groups: [group…], overall: group}`, where a group is `{group, claims, open, due, outcomes:
        {true, false, partial, annulled}, scored, probability_kinds: {stated, inferred, forecast},
        excluded_after_outcome, without_asked_probability, brier, brier_scale, brier_skill,
        base_rate, mean_forecast, log_score, hit_rate, hit_rate_interval_95: [low, high],
        flat_assertions, small, witnessed, reported, excluded_reported, calibration: [{lower, upper,
        includes_upper, count, mean_forecast, observed, interval_95}], decomposition: {reliability,
        resolution, uncertainty, brier, distinct_values}}`. `claims` counts claims (claim and
        forecaster pairs with `--use forecasters`); `scored` counts the probabilities scored, of
        which `witnessed` were recorded before their outcome and `reported` with or after it;
        `excluded_reported` counts those `--witnessed-only` left out; `small` is true under 10.

        CSV: one row per group and a last row `(all)`, columns `group, claims, open, due, true,
        false, partial, annulled, scored, stated, inferred, forecast, excluded_after_outcome, brier,
        brier_scale, brier_skill, base_rate, log_score, hit_rate, hit_rate_low, hit_rate_high,
        flat_assertions, small, probabilities, witnessed, reported, excluded_reported`. `--format
        markdown` prints the tables as Markdown.

        ## Import and export formats

        `claims import` and `claims export --format …` read and write:

        | format | files | what it keeps |
        | --- | --- | --- |
        | `yaml` | one claim file per source (claims/README.md) | everything but the history |
        | `jsonl` | one file, a claim a line: the object `show --format json` prints | everything but the history |
        | `csv` | one file, the columns below, a row per forecast | no translations, no source language or people |
        | `ai-tracker` | one YAML file per claim, the community AI-prediction tracker format | see below; no quote, criteria, forecasts or outcome |
        | `predictions` | one `predictions.yaml`: `meta`, then a list of predictions, as public trackers of AI leaders' forecasts keep them | see below; no criteria, translations or forecasts; withdrawn claims are left out |
        | `log` (export only) | one file, every event of the verifiable log in order, a JSON object a line | the whole history: each version, forecast and resolution revision with the fields its leaf encodes (schema/log.md) |

        History (earlier versions, amended resolutions) stays in the database; every format holds
        the current state. Reading JSON Lines ignores the fields the database assigns (`status`,
        `version`, `recorded_at`, `first_recorded_at`, a resolution's `revision` and `author`).

        ### CSV columns

        `id, statement, claimant, said_on, source_key, source_kind, source_title, source_url,
        source_publisher, source_published_on, quote, location, criteria, window_start, window_end,
        window_phrase, confidence_words, stated_probability, tags, notes, forecaster, probability,
        forecast_on, forecast_note, outcome, settled_on, evidence, resolution_note`

        - Required: `statement`, `claimant`, `said_on`. Everything else may be absent or empty.
        - `id`: made into an id (lowercase; each run of other characters becomes `-`, so
          `infer:1285` is `infer-1285`); without one, an id is derived from the statement, claimant
          and date, so importing the same file twice gives the same ids.
        - Dates: `YYYY-MM-DD`, or the date part of an ISO 8601 time (`2025-01-01T05:00:00+00:00`).
        - `stated_probability`, `probability`: `0.7` or `70%`. `tags`: separated by `;`;
          `evidence`: separated by spaces; either may instead be a JSON array of strings
          (`["a;b","c"]`), which export writes when a value holds the separator.
        - A missing column or an empty cell keeps what the database holds for a claim it has
          (importing never clears a field; `claims edit --clear` does), and so do the parts CSV
          has no column for: translations, a source's language and people, the rule that read a
          window. Exporting to CSV and importing the file back changes nothing. `outcome`: `true`, `false`, `partial`, `annulled`
          (also `1`, `0`, `yes`, `no`). `settled_on` defaults to `window_end`.
        - A window needs `window_end`; `window_start` defaults to `said_on`.
        - `forecaster`, `probability`, `forecast_on` (default `said_on`), `forecast_note`: one
          forecast. Rows with the same id are one claim: they must follow one another and agree on
          its fields, and each adds its forecast. Export writes one row per forecast.
        - `--map field=column` reads a field from another column (`column+column` joins two with
          `-`); a column named in `--map` feeds only the fields it is mapped to. `--default
          field=value` fills a field a row lacks.

        ### AI-tracker files

        | key | claim |
        | --- | --- |
        | the file's name | id |
        | `prediction_date` | said_on |
        | `source_name` | claimant |
        | `source_url`, `source_type` | the source's URL and kind (`tweet`, `blog` … become `post`) |
        | `prediction_text` | statement |
        | `deadline` | the window's end (it starts on `prediction_date`) |
        | `deadline_fuzzy` | the window's phrase |
        | `category` | a tag |
        | `conflict_of_interest` | the tag `conflict-of-interest` when true |
        | `status` | `notable` is the tag `notable`; `pending` and `expired` follow from the window and `--today` |
        | `notes` | notes |

        The format records no outcome ("not right or wrong"), so none is read or written.

        ### Trackers' predictions.yaml

        A file with a top-level `predictions:` key is read as one (or with `--format predictions`).

        | key | claim |
        | --- | --- |
        | `id` | id |
        | `quote` | the statement and the quote |
        | `speaker`, `date_said` | claimant, said_on |
        | `venue`, `primary_url` | the source's title and URL |
        | `archive_url` | a line of the notes, `Archived at: URL` |
        | `predicted_horizon_verbatim` | the window, read by the time grammar from `date_said` |
        | `predicted_date` | kept as a line of the notes, `Tracker's predicted date: DATE`; the window's end when the words cannot be read |
        | `status`, `resolved_date` | `achieved` true, `missed` false, `partially` partial, `unverifiable` annulled, settled on `resolved_date`; `pending` and `in_window` have no outcome (on export, they follow from the window) |
        | `confidence` | confidence words (a number among them is the stated probability) |
        | `theme` | the tag `theme:THEME` |
        | `tags` | tags |
        | `evidence` (url, date, note) | the outcome's evidence, each `URL (DATE): note`; without an outcome, lines of the notes |
        | `notes` | notes |

        When the words of the horizon read as a window that ends on another day than
        `predicted_date`, or cannot be read, the import says so on standard error, at the line:
        the window follows the words, and the tracker's date is kept. Export writes the lines it
        put in the notes back to their keys.

        ## Exit codes

        0 success; 1 the operation failed or was refused (the message says why, and nothing was
        written); 64 the command line itself was wrong.

        """
}
