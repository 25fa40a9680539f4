import Credentials
import Testing

@Suite("Constant-time comparison, HMAC and Base64")
struct PrimitiveTests {
    @Test("constant-time equality agrees with ordinary equality")
    func constantTimeEquals() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals("tökén", "tökén"))
        #expect(!ConstantTime.equals("token", "Token"))
        #expect(!ConstantTime.equals("token", "token "))
    }

    @Test("HMAC-SHA-256 matches RFC 4231 test cases 1 and 2")
    func hmacKnownAnswers() {
        let caseOne = KeyedHash.hmacSHA256(
            key: [UInt8](repeating: 0x0b, count: 20),
            message: Array("Hi There".utf8)
        )
        let caseTwo = KeyedHash.hmacSHA256(
            key: Array("Jefe".utf8),
            message: Array("what do ya want for nothing?".utf8)
        )

        #expect(hex(caseOne) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(hex(caseTwo) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(KeyedHash.hmacSHA256(key: [], message: []).count == 32)
    }

    @Test("HMAC-SHA-256 hashes a key longer than a block first (RFC 4231 case 6)")
    func hmacLongKey() {
        let digest = KeyedHash.hmacSHA256(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        )
        #expect(hex(digest) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("One prepared key gives each message its own digest, the same on every call")
    func hmacReusesTheKey() {
        let keyed = KeyedHash(key: Array("Jefe".utf8))
        let first = keyed.authenticate(Array("what do ya want for nothing?".utf8))
        let other = keyed.authenticate(Array("something else".utf8))
        let again = keyed.authenticate(Array("what do ya want for nothing?".utf8))

        #expect(hex(first) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(again == first)
        #expect(other != first)
    }

    @Test("Base64 matches RFC 4648's examples and round-trips every byte")
    func base64Encoding() {
        let examples = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg=="]
        for (plain, encoded) in examples {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }

        let allBytes = (0...255).map { UInt8($0) }
        for length in [0, 1, 2, 3, 4, 5, 255, 256] {
            let bytes = Array(allBytes.prefix(length))
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test(
        "Base64 rejects anything but the strict standard form",
        arguments: [
            "Zg", "Zg=", "Zm9", "Z===", "=Zg=", "Zg==Zg==", "Zm9v\n", " Zm9v", "Zm9v ",
            "Zm-v", "Zm_v", "Zm9v====", "Zh==", "Zm9=", "Zg=a", "Zm9vYg==\u{0}",
        ]
    )
    func base64Rejects(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
