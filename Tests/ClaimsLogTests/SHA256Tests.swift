import ClaimsLog
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 / NIST test vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ("明年", "02b511cea0c378edfc1cbab5b07f8ed89aca68942e170c971a13e0e2fbd9a5d7"),  // sha256sum of the UTF-8 bytes
    ])
    func knownDigests(_ text: String, _ digest: String) {
        #expect(LogHash.sha256(Array(text.utf8)).hex == digest)
    }

    @Test func oneMillionAs() {
        #expect(LogHash.sha256(Array(String(repeating: "a", count: 1_000_000).utf8)).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
