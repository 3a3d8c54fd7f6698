import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// Prints claims in the chosen format: JSON and CSV a claim at a time as `claims` gives them
/// (a listing of any length in the same memory); the table from the same claims' lines, as
/// `lines` gives them (the store reads only what a line shows), once its widths are known (it
/// holds each row's cells). `row` gives a line's cells, nil to leave it out of the table.
/// Returns how many claims were printed.
@discardableResult
func printClaims(format: OutputFormat, today: Day, _ claims: ((ClaimSummary) throws -> Void) throws -> Void,
                 lines: ((ClaimLine) throws -> Void) throws -> Void,
                 table: TextTable, row: @escaping (ClaimLine) -> [String]?) throws -> Int {
    var count = 0
    switch format {
    case .json:
        // The array `jsonText` would print, an element at a time: each element's own text,
        // indented one level.
        let out = try OutputFile("-")
        let json = PrettyJSON()
        try claims { claim in
            let element = try json.text(ClaimJSON(summary: claim, today: today))
            try out.write((count == 0 ? "[\n" : ",\n") + element.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            count += 1
        }
        try out.write(count == 0 ? "[]\n" : "\n]\n")
        try out.finish()
    case .csv:
        let out = try OutputFile("-")
        try out.write(CSVWriter.line(ClaimCSV.header))
        try claims { claim in
            try out.write(CSVWriter.line(ClaimCSV.row(claim, today: today)))
            count += 1
        }
        try out.finish()
    case .table:
        var table = table
        try lines { line in
            count += 1
            if let cells = row(line) { table.add(cells) }
        }
        if count == 0 { Runtime.current.print("no claims match"); return 0 }
        table.print()
    }
    return count
}

/// The shortest prefix of `id`, six characters or more, that names it alone in `store` (what
/// `show`, `edit` and the rest accept): a narrow terminal's ID column.
func shortestUniquePrefix(_ id: String, in store: any ClaimStore) -> String {
    guard id.count > 6 else { return id }
    for length in 6..<id.count {
        let prefix = String(id.prefix(length))
        if let match = try? store.matchID(prefix), match.rawValue == id { return prefix }
    }
    return id
}

func windowText(_ line: ClaimLine) -> String {
    guard let start = line.windowStart, let end = line.windowEnd else { return "" }
    return start == end ? end.description : "\(start) … \(end)"
}

func statusCell(_ line: ClaimLine, today: Day) -> String {
    line.outcome?.rawValue ?? line.status(on: today).rawValue
}
