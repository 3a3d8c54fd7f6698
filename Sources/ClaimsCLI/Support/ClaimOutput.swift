import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

/// Prints claims in the chosen format; the table has the columns given.
func printClaims(_ claims: [ClaimSummary], format: OutputFormat, today: Day, table: () -> TextTable) throws {
    let rt = Runtime.current
    switch format {
    case .json:
        rt.print(try jsonText(claims.map { ClaimJSON(summary: $0, today: today) }))
    case .csv:
        var csv = CSVWriter(header: ClaimCSV.header)
        for claim in claims { csv.add(ClaimCSV.row(claim, today: today)) }
        rt.write(csv.text)
    case .table:
        if claims.isEmpty { rt.print("no claims match"); return }
        rt.print(table().render())
    }
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
