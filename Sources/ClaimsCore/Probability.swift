import Foundation

/// A probability: a finite number from 0 to 1 inclusive. No other value can be made.
public struct Probability: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let value: Double

    public init(_ value: Double) throws {
        guard value.isFinite, (0...1).contains(value) else {
            throw DomainError.probabilityOutOfRange(Probability.format(value))
        }
        // -0 is 0: one number, one encoding.
        self.value = value == 0 ? 0 : value
    }

    /// Reads `0.7`, `.7`, `1` or `70%` (a percentage from 0% to 100%).
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        let isPercent = t.hasSuffix("%")
        let body = isPercent ? String(t.dropLast()).trimmingCharacters(in: .whitespaces) : t
        guard !body.isEmpty,
              body.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }),
              let number = Double(body), number.isFinite
        else { throw DomainError.probabilityOutOfRange(text) }
        let value = isPercent ? number / 100 : number
        guard (0...1).contains(value) else { throw DomainError.probabilityOutOfRange(text) }
        self.value = value == 0 ? 0 : value
    }

    public static func < (lhs: Probability, rhs: Probability) -> Bool { lhs.value < rhs.value }

    /// Shortest text that reads back to the same Double.
    public var description: String { Probability.format(value) }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    public init(from decoder: Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(Double.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
