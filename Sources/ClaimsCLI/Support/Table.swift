import ClaimsFormats
import Foundation

/// ANSI styles, applied only when the runtime allows colour.
struct Style {
    let enabled: Bool

    init(_ runtime: Runtime = .current) { enabled = runtime.usesColor }

    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func red(_ s: String) -> String { wrap(s, "31") }
    func green(_ s: String) -> String { wrap(s, "32") }
    func yellow(_ s: String) -> String { wrap(s, "33") }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// A plain text table: a header row, then one row a line, columns padded to the widest cell.
/// On a terminal too narrow for it, the last column (a statement, say) wraps onto the lines
/// below, under itself, rather than being cut; nothing changes when output is not a terminal.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Per column: a style for a cell's text (applied after padding is computed).
    var styles: [Int: (String) -> String] = [:]
    var rightAligned: Set<Int> = []
    /// Per column: a shorter form of a cell (an id's shortest unique prefix), used only when the
    /// table is too wide for the terminal.
    var shorter: [Int: (String) -> String] = [:]

    init(_ headers: [String]) { self.headers = headers }

    /// Adds a row; a cell's line breaks become spaces.
    mutating func add(_ row: [String]) {
        rows.append(row.map { cell in
            // Printable ASCII (most cells, read in place) holds no line break.
            let unusual: (UInt8) -> Bool = { $0 < 0x20 || $0 >= 0x80 }
            let plain = !(cell.utf8.withContiguousStorageIfAvailable { $0.contains(where: unusual) } ?? cell.utf8.contains(where: unusual))
            return plain || !cell.contains(where: \.isNewline) ? cell : String(cell.map { $0.isNewline ? " " : $0 })
        })
    }

    func render(_ runtime: Runtime = .current) -> String {
        var lines: [String] = []
        render(runtime) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Prints the table to the runtime's output, a block of lines at a time (the same text as
    /// `render`, and a line break).
    func print(_ runtime: Runtime = .current) {
        var block = ""
        render(runtime) { line in
            block += line
            block += "\n"
            if block.utf8.count >= 1 << 16 {
                runtime.write(block)
                block = ""
            }
        }
        runtime.write(block)
    }

    /// Gives the table's lines (a row and the lines its last cell wraps onto are one) to `emit`.
    private func render(_ runtime: Runtime, _ emit: (String) -> Void) {
        let style = Style(runtime)
        var rows = self.rows
        func measure() -> [Int] {
            var widths = headers.map(displayWidth)
            for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
            return widths
        }
        var widths = measure()
        if let columns = runtime.terminalColumns, widths.reduce(0, +) + 2 * (widths.count - 1) > columns, !shorter.isEmpty {
            rows = rows.map { row in row.enumerated().map { i, cell in shorter[i].map { $0(cell) } ?? cell } }
            widths = measure()
        }
        var before = 0
        var wraps = false
        // Too narrow even for that: the last column goes on lines of its own under each row.
        var stacked = false
        if let columns = runtime.terminalColumns, let last = widths.indices.last {
            before = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
            if widths[last] > columns - before {
                wraps = true
                if columns - before >= 24 {
                    widths[last] = columns - before
                } else {
                    stacked = true
                    before = 4
                    widths[last] = max(24, columns - 4)
                }
            }
        }
        let spaces = String(repeating: " ", count: widths.max() ?? 0)
        // A cell as printed: the header bold, a column's style on the rest (with colour only).
        func shown(_ cell: String, _ i: Int, header: Bool) -> String {
            header ? style.bold(cell) : style.enabled ? (styles[i]?(cell) ?? cell) : cell
        }
        // A cell cut to its column's width, and the columns it then takes.
        func fit(_ raw: String, _ i: Int) -> (cell: String, width: Int) {
            let width = displayWidth(raw)
            guard width > widths[i] else { return (raw, width) }
            let cut = truncate(raw, to: widths[i])
            return (cut, displayWidth(cut))
        }
        // A row on one line (nothing wraps): its cells written straight into one string.
        func plainLine(_ cells: [String], header: Bool) -> String {
            var text = ""
            text.reserveCapacity(widths.reduce(2 * widths.count, +))
            for (i, raw) in cells.enumerated() {
                let (cell, width) = fit(raw, i)
                let pad = spaces.prefix(max(0, widths[i] - width))
                if i > 0 { text += "  " }
                if rightAligned.contains(i) {
                    text += pad
                    text += shown(cell, i, header: header)
                } else {
                    text += shown(cell, i, header: header)
                    if i < cells.count - 1 { text += pad }
                }
            }
            return text
        }
        func line(_ cells: [String], header: Bool) -> String {
            guard wraps else { return plainLine(cells, header: header) }
            var parts: [String] = []
            var rest: [String] = []
            for (i, raw) in cells.enumerated() {
                let isLast = i == cells.count - 1
                // The last cell wraps onto the lines below; the others are cut to fit.
                let cell: String, width: Int
                if isLast {
                    let lines = wrap(raw, to: widths[i])
                    cell = lines.first ?? ""
                    rest = Array(lines.dropFirst())
                    width = displayWidth(cell)
                } else {
                    (cell, width) = fit(raw, i)
                }
                let pad = String(spaces.prefix(max(0, widths[i] - width)))
                let text = shown(cell, i, header: header)
                parts.append(rightAligned.contains(i) ? pad + text : isLast ? text : text + pad)
            }
            let indent = String(repeating: " ", count: before)
            if stacked {
                let first = parts.dropLast().joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                return ([first] + (header ? [] : ([parts.last ?? ""] + rest).map { indent + $0 })).joined(separator: "\n")
            }
            return ([parts.joined(separator: "  ")] + rest.map { indent + $0 }).joined(separator: "\n")
        }
        emit(line(headers, header: true))
        for row in rows { emit(line(row, header: false)) }
    }
}

