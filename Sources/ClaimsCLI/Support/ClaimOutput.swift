import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// Prints claims in the chosen format, as `claims` gives them: JSON and CSV a claim at a time
/// (a listing of any length in the same memory), the table once its widths are known (it holds
/// each row's cells, not the claims). `row` gives a claim's cells, nil to leave it out of the
/// table. Returns how many claims were printed.
@discardableResult
func printClaims(format: OutputFormat, today: Day, _ claims: ((ClaimSummary) throws -> Void) throws -> Void,
                 table: TextTable, row: @escaping (ClaimSummary) -> [String]?) throws -> Int {
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
        try claims { claim in
            count += 1
            if let cells = row(claim) { table.add(cells) }
        }
        if count == 0 { Runtime.current.print("no claims match"); return 0 }
        Runtime.current.print(table.render())
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

func windowText(_ w: DueWindow?) -> String {
    guard let w else { return "" }
    return w.start == w.end ? w.end.description : "\(w.start) … \(w.end)"
}

func statusCell(_ s: ClaimSummary, today: Day) -> String {
    if let r = s.resolution { return r.resolution.outcome.rawValue }
    return s.status(on: today).rawValue
}
