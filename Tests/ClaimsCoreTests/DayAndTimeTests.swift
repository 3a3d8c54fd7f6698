import ClaimsCore
import Foundation
import Testing

@Suite struct DayTests {
    @Test(arguments: ["2026-02-28", "2024-02-29", "2000-02-29", "1999-12-31", "2026-12-31"])
    func validDatesReadBack(_ text: String) throws {
        #expect(try Day(text).description == text)
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-1-01",
                      "26-01-01", "2026/01/01", "", "2026-01-01x", "２０２６-01-01"])
    func invalidDatesAreRefused(_ text: String) {
        #expect(throws: DomainError.invalidDate(text)) { try Day(text) }
    }

    @Test func daysSinceEpochRoundTrips() throws {
        #expect(try Day("1970-01-01").daysSinceEpoch == 0)
        #expect(try Day("2026-01-01").daysSinceEpoch == 20454)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(daysSinceEpoch: n).daysSinceEpoch == n)
        }
    }

    @Test func addingMonthsClampsToTheEndOfShortMonths() throws {
        #expect(try Day("2026-01-31").adding(months: 1) == Day("2026-02-28"))
        #expect(try Day("2024-01-31").adding(months: 1) == Day("2024-02-29"))
        #expect(try Day("2026-11-15").adding(months: 3) == Day("2027-02-15"))
        #expect(try Day("2026-03-10").adding(months: -3) == Day("2025-12-10"))
    }

    @Test func daysUntil() throws {
        #expect(try Day("2026-06-30").days(until: Day("2026-11-23")) == 146)
        #expect(try Day("2026-11-23").days(until: Day("2026-06-30")) == -146)
    }

    @Test func dayOfADateDependsOnTheTimeZone() throws {
        let moment = try Timestamp(parsing: "2026-01-01T02:00:00Z").date
        #expect(Day(moment) == (try Day("2026-01-01")))
        #expect(Day(moment, in: TimeZone(secondsFromGMT: -5 * 3600)!) == (try Day("2025-12-31")))
    }
}

@Suite struct TimestampTests {
    @Test func textHasFixedWidthAndReadsBack() throws {
        let t = try Timestamp(parsing: "2026-01-31T18:00:00Z")
        #expect(t.description == "2026-01-31T18:00:00.000Z")
        #expect(try Timestamp(parsing: t.description) == t)
        #expect(Timestamp(millisecondsSinceEpoch: 0).description == "1970-01-01T00:00:00.000Z")
    }

    @Test func aDateMeansTheEndOfThatDay() throws {
        #expect(try Timestamp(parsing: "2026-01-31").description == "2026-01-31T23:59:59.999Z")
    }

    @Test func offsetsAreConvertedToUTC() throws {
        #expect(try Timestamp(parsing: "2026-01-31T20:30+02:00").description == "2026-01-31T18:30:00.000Z")
        #expect(try Timestamp(parsing: "2026-01-31T18:00:00.5Z").description == "2026-01-31T18:00:00.500Z")
    }

    @Test(arguments: ["2026-01-31T25:00Z", "2026-01-31T18:00", "yesterday", "2026-02-30", "2026-01-31T18:00Zjunk"])
    func invalidMomentsAreRefused(_ text: String) {
        #expect(throws: DomainError.invalidTimestamp(text)) { try Timestamp(parsing: text) }
    }

    /// The store's fast reader of its own fixed-width form agrees with the full parser on every
    /// moment, and hands anything else to it.
    @Test func theStoredFormReadsBackExactly() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let t = Timestamp(millisecondsSinceEpoch: Int64(rng.next() % 4_102_444_800_000))
            #expect(try Timestamp.parse(stored: t.description) == t)
            #expect(try Timestamp.parse(stored: t.description) == Timestamp(parsing: t.description))
        }
        #expect(try Timestamp.parse(stored: "2026-01-31T20:30+02:00").description == "2026-01-31T18:30:00.000Z")
        #expect(try Timestamp.parse(stored: "2026-01-31").description == "2026-01-31T23:59:59.999Z")
        for bad in ["2026-02-30T00:00:00.000Z", "2026-01-31T24:00:00.000Z", "2026-01-31T23:60:00.000Z", "2026-01-31T18:00:00.000X"] {
            #expect(throws: DomainError.invalidTimestamp(bad)) { try Timestamp.parse(stored: bad) }
        }
    }

    @Test func textOrderIsTimeOrder() throws {
        let a = try Timestamp(parsing: "2026-01-31T09:59:59.999Z"), b = try Timestamp(parsing: "2026-01-31T10:00:00Z")
        #expect(a < b)
        #expect(a.description < b.description)
    }
}

@Suite struct SpanTests {
    @Test func spansEndWhereExpected() throws {
        let day = try Day("2026-11-23")
        #expect(try Span(parsing: "30d").end(after: day) == Day("2026-12-23"))
        #expect(try Span(parsing: "2w").end(after: day) == Day("2026-12-07"))
        #expect(try Span(parsing: "3m").end(after: day) == Day("2027-02-23"))
        #expect(try Span(parsing: "1y").end(after: day) == Day("2027-11-23"))
    }

    @Test(arguments: ["30", "d", "-3d", "3 days", "1.5m", ""])
    func badSpansAreRefused(_ text: String) {
        #expect(throws: DomainError.invalidSpan(text)) { try Span(parsing: text) }
    }
}
