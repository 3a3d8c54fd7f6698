import Foundation

/// A slug: 1 to 128 characters of `a-z 0-9 . _ -`, starting with a letter or digit.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, (1...128).contains(text.unicodeScalars.count),
              isLowerAlnum(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    static func isLowerAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }

    /// A slug made from free text: lowercase ASCII letters and digits, runs of anything else as '-'.
    public static func make(from text: String) -> String {
        var out = ""
        var pendingDash = false
        for s in text.lowercased().unicodeScalars {
            if isLowerAlnum(s) {
                if pendingDash && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(s)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if out.count >= 128 { break }
        }
        return out
    }
}

/// A claim's stable id. Generated ids are ten characters of lowercase base 32 (no i, l, o, u);
/// hand-written ids in claim files may be any slug, such as `schrittwieser-2026-whole-day`.
public struct ClaimID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init(_ text: String) throws {
        guard Slug.isValid(text) else { throw DomainError.invalidClaimID(text) }
        self.rawValue = text
    }

    /// Ten characters of the id alphabet (lowercase letters and digits): a slug by construction.
    private init(unchecked text: String) {
        rawValue = text
    }

    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ClaimID {
        var text = ""
        for _ in 0..<10 { text.append(alphabet[Int(generator.next() % 32)]) }
        return ClaimID(unchecked: text)
    }

    /// An id made from someone else's: lowercase, each run of other characters as '-', at most
    /// 128 characters ("infer:1285" → "infer-1285"). Nil when nothing is left.
    public static func normalizing(_ text: String) -> ClaimID? {
        let slug = Slug.make(from: text)
        return slug.isEmpty ? nil : try? ClaimID(slug)
    }

    /// `normalizing(text)`, or an error naming `text` when nothing is left of it.
    public init(normalizing text: String) throws {
        guard let id = ClaimID.normalizing(text) else { throw DomainError.invalidClaimID(text) }
        self = id
    }

    /// A stable id derived from the given texts (FNV-1a 64, ten base-32 characters): importing the
    /// same claim twice gives the same id.
    public static func derived(from parts: [String]) -> ClaimID {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        var text = ""
        for i in 0..<10 { text.append(alphabet[Int((hash >> (UInt64(i) * 5)) & 31)]) }
        return ClaimID(unchecked: text)
    }

    public static func random() -> ClaimID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public var description: String { rawValue }
    public static func < (lhs: ClaimID, rhs: ClaimID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws { try self.init(decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Text that is not empty once leading and trailing white space is removed, and not longer than
/// a statement or a name should be (5,000 characters). Stored trimmed.
public struct NonEmptyText: Hashable, Sendable, CustomStringConvertible, Codable {
    public static let maximumLength = 5_000

    public let value: String

    public init(_ text: String, field: String) throws {
        let clean = trimmed(text)
        guard !clean.isEmpty else { throw DomainError.emptyText(field: field) }
        let count = clean.unicodeScalars.count
        guard count <= NonEmptyText.maximumLength else { throw DomainError.textTooLong(field: field, length: count, limit: NonEmptyText.maximumLength) }
        self.value = clean
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self), field: "text")
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// Optional free text: white space trimmed, and empty text is no text.
public func cleaned(_ text: String?) -> String? {
    guard let text else { return nil }
    let t = trimmed(text)
    return t.isEmpty ? nil : t
}

/// `text` without white space (and line breaks) at either end. Native and quick: most text has
/// none, and is returned as it is.
public func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return text }
    // Letters, digits and punctuation at both ends: nothing to trim (Unicode's properties are
    // looked up only for what is not plainly ASCII text).
    func plain(_ u: Unicode.Scalar) -> Bool { u.value > 0x20 && u.value < 0x7F }
    if plain(first) && plain(last) { return text }
    if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
    var start = scalars.startIndex, end = scalars.endIndex
    while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
    while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
    return String(scalars[start..<end])
}

/// SplitMix64: a small seeded generator, for repeatable synthetic data and test timings.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
