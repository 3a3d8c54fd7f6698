import Foundation

/// One recorded event of a claim's history, with what it changed, field by field.
public struct HistoryEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case version, forecast, resolution }
    public let recordedAt: Timestamp
    public let kind: Kind
    /// The version or revision number; nil for a forecast.
    public let number: Int?
    public let author: String
    public let reason: String?
    public let changes: [FieldChange]
}

extension Resolution {
    /// Every field as display text, in a fixed order.
    public func fieldTexts() -> [(field: String, value: String?)] {
        [("outcome", outcome.rawValue), ("settled_on", settledOn.description),
         ("evidence", evidence.isEmpty ? nil : evidence.joined(separator: " ")), ("note", note)]
    }

    /// The fields that differ from `earlier` (all of them, against none).
    public func changes(since earlier: Resolution?) -> [FieldChange] {
        let old = earlier?.fieldTexts()
        return fieldTexts().enumerated().compactMap { i, f in
            let before = old?[i].value ?? nil
            return before == f.value ? nil : FieldChange(field: f.field, old: before, new: f.value)
        }
    }
}

extension Forecast {
    /// Every field as display text, in a fixed order.
    public func fieldTexts() -> [(field: String, value: String?)] {
        [("forecaster", forecaster.value), ("probability", probability.description), ("made_on", madeOn.description), ("note", note)]
    }
}

extension ClaimHistory {
    /// Every event in the order recorded: each version with the fields it changed (the first,
    /// with every field it set), each forecast, and each resolution revision with what it
    /// amended. Events recorded at the same moment keep the order versions, forecasts, resolutions.
    public var events: [HistoryEvent] {
        var events: [HistoryEvent] = []
        var previous: ClaimContent?
        for v in versions {
            let changes = previous.map { v.content.changes(since: $0) }
                ?? v.content.fieldTexts().compactMap { f in f.value.map { FieldChange(field: f.field, old: nil, new: $0) } }
            events.append(HistoryEvent(recordedAt: v.info.recordedAt, kind: .version, number: v.info.version,
                                       author: v.info.author, reason: v.info.reason, changes: changes))
            previous = v.content
        }
        for f in forecasts {
            let changes = f.forecast.fieldTexts().compactMap { t in t.value.map { FieldChange(field: t.field, old: nil, new: $0) } }
            events.append(HistoryEvent(recordedAt: f.recordedAt, kind: .forecast, number: nil, author: f.author, reason: nil,
                                       changes: changes))
        }
        var before: Resolution?
        for r in resolutions {
            events.append(HistoryEvent(recordedAt: r.recordedAt, kind: .resolution, number: r.revision, author: r.author,
                                       reason: r.revision > 1 ? "amended" : "resolved", changes: r.resolution.changes(since: before)))
            before = r.resolution
        }
        return events.enumerated().sorted { ($0.element.recordedAt, $0.offset) < ($1.element.recordedAt, $1.offset) }.map(\.element)
    }
}
