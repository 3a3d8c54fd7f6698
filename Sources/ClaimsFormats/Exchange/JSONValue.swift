import ClaimsCore
import Foundation

/// Any JSON value. Read by a small parser of our own: on Linux, `JSONSerialization` returns
/// numbers as `NSDecimalNumber`, whose `doubleValue` can be one unit in the last place off
/// (0.018600000000000002 reads back as 0.0186), and `JSONDecoder` into an enum is slow. Numbers
/// are read by `Double(String)`, which is exact.
public enum JSONValue: Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public struct Failure: Error {}
    /// Arrays and objects nested deeper than `maximumDepth`: refused, as each level costs stack.
    public struct TooDeep: Error {}
    public static let maximumDepth = 64
    /// A string whose bytes are not UTF-8.
    public struct NotUTF8: Error {}

    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in try parse(raw.bindMemory(to: UInt8.self)) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var p = Parser(bytes: bytes)
        let value = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw Failure() }
        return value
    }

    /// As Foundation values: NSNull, Bool, Int (for whole numbers), Double, String, [Any], [String: Any].
    public var any: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let n): return n == n.rounded() && abs(n) < 9_007_199_254_740_992 ? Int(n) as Any : n
        case .string(let s): return s
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }

    public struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ word: String) throws {
            for b in word.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw Failure() }
                i += 1
            }
        }

        mutating func value() throws -> JSONValue {
            skipSpace()
            guard i < bytes.count else { throw Failure() }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                defer { depth -= 1 }
                guard depth <= JSONValue.maximumDepth else { throw TooDeep() }
                return try container()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default:
                let start = i
                while i < bytes.count, let c = Optional(bytes[i]), (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45 { i += 1 }
                guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) else { throw Failure() }
                return .number(d)
            }
        }

        /// An object or an array, at `bytes[i]`.
        mutating func container() throws -> JSONValue {
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var object: [String: JSONValue] = [:]
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    object[key] = try value()
                    skipSpace()
                    guard i < bytes.count else { throw Failure() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
                    throw Failure()
                }
            case UInt8(ascii: "["):
                i += 1
                var array: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(array) }
                while true {
                    array.append(try value())
                    skipSpace()
                    guard i < bytes.count else { throw Failure() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(array) }
                    throw Failure()
                }
            default:
                throw Failure()
            }
        }

        mutating func string() throws -> String {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Failure() }
            i += 1
            // Most strings have no escape: read them straight from the bytes.
            var end = i
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                defer { i = end + 1 }
                return try Self.text(UnsafeBufferPointer(rebasing: bytes[i..<end]))
            }
            guard let out = JSONString.unescape(bytes, from: &i) else { throw Failure() }
            return try out.withUnsafeBufferPointer(Self.text)
        }

        /// The string of UTF-8 `bytes`; throws `NotUTF8` when they are not. ASCII, the common
        /// case, is recognised first (the standard library's validation is several times slower).
        static func text(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
            var ascii = true
            for b in bytes where b >= 0x80 { ascii = false; break }
            if ascii { return String(decoding: bytes, as: UTF8.self) }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw NotUTF8() }
            return text
        }
    }
}
