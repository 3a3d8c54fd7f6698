import ClaimsCore
import Foundation

/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF line ends.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { add(header) }

    public mutating func add(_ fields: [String]) { text += Self.line(fields) }

    /// One record, with its CRLF.
    public static func line(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") + "\r\n" }

    /// The field, quoted (its quotes doubled) when it holds a comma, a quote or a line break.
    /// Read as bytes: as Characters, a CRLF is one character, equal to neither "\r" nor "\n",
    /// and a field holding one went out unquoted.
    public static func escape(_ field: String) -> String {
        let bytes = field.utf8
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            quoted.append(byte)
            if byte == 0x22 { quoted.append(0x22) }
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}

/// A number with `digits` decimals, or "–" for none: how tables and the report print figures.
public func fixed(_ x: Double?, _ digits: Int = 3) -> String {
    x.map { String(format: "%.\(digits)f", $0) } ?? "–"
}

public func jsonText<T: Encodable>(_ value: T) throws -> String { try PrettyJSON().text(value) }

/// Pretty-printed JSON as the commands print it: keys sorted, slashes unescaped, and an empty
/// array or object as `[]` and `{}`, not split over three lines. One value holds its encoder,
/// for printing many values (a listing, a claim at a time).
public struct PrettyJSON {
    let encoder = JSONEncoder()

    public init() { encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] }

    public func text<T: Encodable>(_ value: T) throws -> String {
        // An opening bracket, a line feed, spaces, a line feed, spaces and its closing bracket
        // become `[]` or `{}`. (A raw line feed never stands inside a JSON string, so only
        // structure is touched.)
        let bytes = [UInt8](try encoder.encode(value))
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard b == UInt8(ascii: "[") || b == UInt8(ascii: "{"), i < bytes.count, bytes[i] == 0x0A else { continue }
            var j = i + 1
            while j < bytes.count && bytes[j] == 0x20 { j += 1 }
            guard j < bytes.count, bytes[j] == 0x0A else { continue }
            j += 1
            while j < bytes.count && bytes[j] == 0x20 { j += 1 }
            if j < bytes.count, bytes[j] == (b == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                out.append(bytes[j])
                i = j + 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Columns on a terminal: wide (CJK) characters take two.
public func displayWidth(_ s: String) -> Int {
    // ASCII (most cells), read in place: a column a byte, but NUL.
    let ascii = s.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
        var width = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte != 0 { width += 1 }
        }
        return width
    }
    if let width = ascii ?? nil { return width }
    return s.unicodeScalars.reduce(0) { $0 + scalarWidth($1) }
}

private func scalarWidth(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) { return 0 }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
        return 2
    }
    return 1
}

/// `s` in lines of at most `width` columns, broken between words where it can be and inside a
/// word longer than a line; wide characters (CJK) may break anywhere.
public func wrap(_ s: String, to width: Int) -> [String] {
    let width = max(1, width)
    var lines: [String] = []
    var line = "", used = 0
    func flush() { lines.append(line.trimmingCharacters(in: .whitespaces)); line = ""; used = 0 }
    var words: [String] = []
    var current = ""
    // Words with the space after them; each wide character stands as a word of its own.
    for ch in s {
        if ch == " " { current.append(ch); words.append(current); current = ""; continue }
        if displayWidth(String(ch)) == 2 { if !current.isEmpty { words.append(current) }; words.append(String(ch)); current = ""; continue }
        current.append(ch)
    }
    if !current.isEmpty { words.append(current) }
    for word in words {
        let w = displayWidth(word.trimmingCharacters(in: .whitespaces))
        if used > 0 && used + w > width { flush() }
        if w > width {
            for ch in word {
                let cw = displayWidth(String(ch))
                if used + cw > width { flush() }
                if used == 0 && ch == " " { continue }
                line.append(ch)
                used += cw
            }
            continue
        }
        if used == 0, word.hasPrefix(" ") { continue }
        line += word
        used += displayWidth(word)
    }
    if !line.trimmingCharacters(in: .whitespaces).isEmpty || lines.isEmpty { flush() }
    return lines
}

/// Cuts `s` to at most `width` columns, ending with "…" when cut.
public func truncate(_ s: String, to width: Int) -> String {
    guard displayWidth(s) > width else { return s }
    var out = "", used = 0
    for ch in s {
        let w = displayWidth(String(ch))
        if used + w > width - 1 { break }
        out.append(ch)
        used += w
    }
    return out + "…"
}


/// How far a window's end is from today, in words: "overdue 3 days", "due today", "due in 1 day".
public enum DueText {
    public static func when(_ end: Day, today: Day) -> String {
        let days = end.days(until: today)
        switch days {
        case 1: return "overdue 1 day"
        case 2...: return "overdue \(days) days"
        case 0: return "due today"
        case -1: return "due in 1 day"
        default: return "due in \(-days) days"
        }
    }
}
