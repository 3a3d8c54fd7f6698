import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Window: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "window",
            abstract: "Show how time phrases read as due windows, and the rule that reads them.",
            discussion: """
                Each PHRASE is read as said on --said-on, in English or Chinese, following \
                docs/conventions.md: "late 2026" is 2026-09-01 … 2026-12-31, "by 2027" runs \
                from the said-on date to 2027-12-31, "到2027年" likewise, "by June 2026" ends \
                2026-06-30. A phrase is read whole: a word that no rule uses ("by June 2026 maybe \
                not"), a time that is no deadline ("after 2030", "not before 2030"), a date that \
                does not exist ("2026年2月30日") or a vague phrase ("in the coming years", \
                "未来几年") is an error that names what was wrong: there is never a silent guess.

                Example:
                  claims window "by 2027" "明年一季度" "within 18 months" "late September 2026" --said-on 2025-10-23
                """)

        @Argument(help: ArgumentHelp("Time phrases, as spoken.", valueName: "phrase"))
        var phrases: [String]

        @Option(name: .customLong("said-on"), help: ArgumentHelp("The day the phrase was said (default: today).", valueName: "date"), transform: Parse.day)
        var saidOn: Day?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if phrases.isEmpty { throw ValidationError("Give a phrase, for example: claims window \"late 2026\" --said-on 2025-10-23") }
        }

        struct Row: Encodable {
            let phrase: String
            let start: Day?, end: Day?, rule: String?, error: String?
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                try c.encode(phrase, forKey: .phrase); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
                try c.encode(rule, forKey: .rule); try c.encode(error, forKey: .error)
            }
            enum K: String, CodingKey { case phrase, start, end, rule, error }
        }

        func run() throws {
            let rt = Runtime.current
            let anchor = saidOn ?? rt.today
            let rows = phrases.map { phrase -> Row in
                do {
                    let w = try TimePhrases.window(phrase, anchor: anchor)
                    return Row(phrase: phrase, start: w.start, end: w.end, rule: w.rule, error: nil)
                } catch {
                    return Row(phrase: phrase, start: nil, end: nil, rule: nil, error: (error as? LocalizedError)?.errorDescription ?? "\(error)")
                }
            }
            switch output.format {
            case .json: rt.print(try jsonText(rows))
            case .csv:
                var csv = CSVWriter(header: ["phrase", "start", "end", "rule", "error"])
                for r in rows { csv.add([r.phrase, r.start?.description ?? "", r.end?.description ?? "", r.rule ?? "", r.error ?? ""]) }
                rt.write(csv.text)
            case .table:
                var table = TextTable(["PHRASE", "START", "END", "RULE"])
                for r in rows { if let start = r.start, let end = r.end { table.add([r.phrase, start.description, end.description, r.rule ?? ""]) } }
                if rows.contains(where: { $0.error == nil }) { rt.print(table.render()) }
            }
            let failed = rows.filter { $0.error != nil }
            for r in failed { rt.printError("error: \(r.error ?? "")") }
            if !failed.isEmpty { throw ExitCode.failure }
        }
    }
}
