import Foundation

/// Reads RFC 4180 CSV: fields separated by commas, records by LF or CRLF, fields with commas,
/// quotes or line breaks inside double quotes, quotes doubled. A UTF-8 byte order mark is skipped.
public struct CSVReader {
    public struct Record {
        /// The line the record starts on (1-based).
        public let line: Int
        public let fields: [String]
    }

    public enum Failure: Error { case unterminatedQuote(line: Int) }

    public static func records(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() { fields.append(field); field = ""; quotedField = false }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": endField()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord(); line += 1; recordLine = line
            case "\n": endRecord(); line += 1; recordLine = line
            case "\"" where field.isEmpty && !quotedField: inQuotes = true; quotedField = true
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw Failure.unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return records
    }
}
