import Foundation

extension Forecast {
    /// The rules of a forecast recorded now, on `claim`: it was not made after `today`, nor before
    /// the claim was made; on a claim whose outcome is recorded, it is taken only as a reported
    /// forecast, naming the source that dates it (it can never count as made before the outcome
    /// was known).
    public func check(on claim: ClaimContent, resolved: Bool, today: Day) throws {
        if madeOn > today { throw DomainError.forecastInFuture(madeOn: madeOn, today: today) }
        if madeOn < claim.saidOn { throw DomainError.forecastBeforeClaim(madeOn: madeOn, saidOn: claim.saidOn) }
        if resolved && reportedSource == nil { throw DomainError.forecastAfterOutcome }
    }
}

extension Resolution {
    /// The rules of an outcome recorded on `claim`: it was not settled before the claim was made.
    public func check(on claim: ClaimContent) throws {
        if settledOn < claim.saidOn { throw DomainError.settledBeforeClaim(settledOn: settledOn, saidOn: claim.saidOn) }
    }
}

/// SQLite stores text with a NUL character but reads it back cut at the NUL, so such text would
/// change between writing and reading (and break the log). It is refused wherever text comes in.
enum NULCheck {
    static func check(_ fields: [(field: String, value: String?)]) throws {
        for f in fields { if let v = f.value, hasNUL(v) { throw DomainError.nulInText(field: f.field) } }
    }

    /// memchr over the UTF-8 bytes (a generic `contains` costs a call per byte).
    static func hasNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }
    }
}

extension ClaimContent {
    /// Every text of the content, by the field it belongs to (without building display text:
    /// an import checks every claim).
    public func checkStorable() throws {
        try NULCheck.check([("statement", statement.value), ("claimant", claimant.value), ("quote", quote), ("location", location),
                            ("criteria", criteria), ("window phrase", window?.phrase), ("window rule", window?.rule),
                            ("confidence words", confidence.words), ("notes", notes), ("source key", source?.key),
                            ("source title", source?.title), ("source URL", source?.url), ("source publisher", source?.publisher),
                            ("source language", source?.language)])
        for tag in tags where NULCheck.hasNUL(tag) { throw DomainError.nulInText(field: "tags") }
        for person in source?.people ?? [] where NULCheck.hasNUL(person) { throw DomainError.nulInText(field: "source people") }
        for t in translations {
            try NULCheck.check([("translation (\(t.language))", t.statement), ("translation (\(t.language))", t.quote),
                                ("translation (\(t.language))", t.location)])
        }
    }
}

extension Forecast {
    public func checkStorable() throws {
        try NULCheck.check([("forecaster", forecaster.value), ("note", note), ("reported source", reportedSource)])
    }
}

extension Resolution {
    public func checkStorable() throws {
        try NULCheck.check([("note", note), ("evidence", evidence.joined(separator: " "))])
    }
}

extension Change {
    public func checkStorable() throws {
        try NULCheck.check([("author", author), ("reason", reason)])
    }
}
