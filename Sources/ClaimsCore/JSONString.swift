/// The body of a JSON string (RFC 8259) read from UTF-8 bytes: shared by the store's reader of
/// its JSON columns and the JSON Lines importer.
public enum JSONString {
    /// The bytes of the string whose opening quote is just before `i`, escapes undone; `i` ends
    /// just after the closing quote. nil when it is not a well-formed JSON string: a raw control
    /// character, an unknown escape, a lone surrogate, or no closing quote.
    public static func unescape(_ b: UnsafeBufferPointer<UInt8>, from i: inout Int) -> [UInt8]? {
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            i += 1
            if c == UInt8(ascii: "\"") { return out }
            if c < 0x20 { return nil }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard i < b.count else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var code = hex4(b, &i) else { return nil }
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(b, &i), (0xDC00...0xDFFF).contains(low) else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out += String(scalar).utf8
            default: return nil
            }
        }
        return nil
    }

    static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            i += 1
            switch c {
            case 0x30...0x39: v = v * 16 + UInt32(c - 0x30)
            case 0x61...0x66: v = v * 16 + UInt32(c - 0x61 + 10)
            case 0x41...0x46: v = v * 16 + UInt32(c - 0x41 + 10)
            default: return nil
            }
        }
        return v
    }
}
