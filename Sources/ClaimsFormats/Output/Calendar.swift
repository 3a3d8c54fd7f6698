import ClaimsCore
import Foundation

/// Claims as an iCalendar file (RFC 5545) that calendar apps can import or subscribe to: one
/// all-day event per claim, on the last day of its window, carrying the claim's id, statement,
/// criteria, claimant and source. Lines end in CRLF and are folded at 75 octets; text is escaped
/// as section 3.3.11 says. The same claims and stamp always give the same bytes.
public enum ClaimCalendar {
    /// The calendar of `claims` (those without a window are left out: they have no day to fall on),
    /// stamped `now` (DTSTAMP, in UTC).
    public static func render(_ claims: [ClaimSummary], now: Date, name: String = "claims due") -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//claims//claims due//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(text(name))",
        ]
        let stamp = utc(now)
        for claim in claims {
            guard let window = claim.content.window else { continue }
            let c = claim.content
            var description = ["Claim \(claim.id.rawValue): \(c.statement.value)",
                               "Said by \(c.claimant.value) on \(c.saidOn)."]
            if let criteria = c.criteria { description.append("True if: \(criteria)") }
            description.append("Window: \(window.start) to \(window.end)" + (window.phrase.map { " (\"\($0)\")" } ?? "") + ".")
            if let quote = c.quote { description.append("Quote: \"\(quote)\"") }
            description.append("Record the outcome: claims resolve \(claim.id.rawValue) --outcome true|false --evidence URL")
            lines += [
                "BEGIN:VEVENT",
                "UID:\(text(claim.id.rawValue))@claims",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(date(window.end))",
                "DTEND;VALUE=DATE:\(date(window.end.adding(days: 1)))",
                "SUMMARY:\(text("Due: " + c.statement.value))",
                "DESCRIPTION:\(text(description.joined(separator: "\n")))",
                "TRANSP:TRANSPARENT",
            ]
            if !c.tags.isEmpty { lines.append("CATEGORIES:" + c.tags.map(text).joined(separator: ",")) }
            if let url = c.source?.url, url.hasPrefix("http://") || url.hasPrefix("https://") { lines.append("URL:\(url.filter { !$0.isWhitespace && $0 != "\"" })") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default:
                // Control characters other than tab have no place in a content line.
                if let a = ch.asciiValue, a < 0x20 || a == 0x7F, ch != "\t" { continue }
                out.append(ch)
            }
        }
        return out
    }

    /// A content line folded so that no line is longer than 75 octets (§3.1), never inside a character.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        var limit = 75
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > limit {
                out += "\r\n "
                count = 0
                limit = 74  // the space that begins a continuation line counts
            }
            out.append(ch)
            count += size
        }
        return out
    }

    static func date(_ d: Day) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// RFC 5545's UTC form, `20261202T012256Z`, from the program's own timestamp text
    /// (`2026-12-02T01:22:56.469Z`).
    static func utc(_ date: Date) -> String {
        String(Timestamp(date).description.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }
}
