import Credentials
import Testing

@Suite("Passwords are hashed and checked in Django's pbkdf2_sha256 format")
struct PasswordHasherTests {
    /// Low cost so the suite stays fast; verification reads the cost from each hash.
    private let hasher = PasswordHasher(iterations: 1_000)

    /// Made with Python's hashlib, which Django's hasher calls:
    /// `base64.b64encode(hashlib.pbkdf2_hmac('sha256', password, salt, 1200))`.
    private let djangoHash =
        "pbkdf2_sha256$1200$AbCdEfGhIjKlMnOpQrStUv$6j9Thpmbrd45WRxFRfY6laprTdAChZ6Fpwe/Ps+zEcA="

    @Test("the digest matches a PBKDF2-HMAC-SHA256 known answer")
    func knownAnswer() {
        // `hashlib.pbkdf2_hmac('sha256', b'password', b'saltsalt', 1000)`, in Base64.
        let expected = "E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY="

        #expect(hasher.verify("password", against: "pbkdf2_sha256$1000$saltsalt$" + expected))
        #expect(!hasher.verify("passwore", against: "pbkdf2_sha256$1000$saltsalt$" + expected))
        #expect(!hasher.verify("password", against: "pbkdf2_sha256$1001$saltsalt$" + expected))
        #expect(!hasher.verify("password", against: "pbkdf2_sha256$1000$saltsalT$" + expected))
    }

    @Test("a hash made the way Django makes it verifies, whatever its cost")
    func djangoCompatibleHash() {
        let defaultCostHasher = PasswordHasher()

        #expect(hasher.verify("pässwörd 🔑", against: djangoHash))
        #expect(defaultCostHasher.verify("pässwörd 🔑", against: djangoHash))
        #expect(!hasher.verify("passwörd 🔑", against: djangoHash))
        #expect(!hasher.verify("", against: djangoHash))
        #expect(PasswordHasher.isWellFormed(djangoHash))
    }

    @Test("hash writes algorithm, cost, a 22-letter salt and a 32-byte digest")
    func hashFormat() throws {
        let encoded = hasher.hash("correct horse battery staple")
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        try #require(parts.count == 4)

        #expect(parts[0] == "pbkdf2_sha256")
        #expect(parts[1] == "1000")
        #expect(parts[2].count == 22)
        #expect(parts[2].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(Base64.decode(String(parts[3]))?.count == 32)
        #expect(hasher.verify("correct horse battery staple", against: encoded))
        #expect(!hasher.verify("correct horse battery stapl", against: encoded))
        #expect(PasswordHasher.isWellFormed(encoded))
    }

    @Test("each hash of the same password gets its own salt")
    func saltsAreUnique() {
        let hashes = (0..<20).map { _ in hasher.hash("same password") }
        let salts = Set(hashes.map { $0.split(separator: "$")[2] })

        #expect(salts.count == hashes.count)
        #expect(hashes.allSatisfy { hasher.verify("same password", against: $0) })
    }

    @Test("passwords with NUL bytes and empty passwords are hashed whole")
    func unusualPasswords() {
        let withNul = hasher.hash("before\u{0}after")
        let empty = hasher.hash("")

        #expect(hasher.verify("before\u{0}after", against: withNul))
        #expect(!hasher.verify("before", against: withNul))
        #expect(hasher.verify("", against: empty))
        #expect(!hasher.verify(" ", against: empty))
    }

    @Test(
        "malformed hashes are rejected without crashing",
        arguments: [
            "",
            "pbkdf2_sha256",
            "pbkdf2_sha256$1000$saltsalt",
            "pbkdf2_sha256$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=$extra",
            "pbkdf2_sha1$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA",
            "bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv",
            "pbkdf2_sha256$many$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$-1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$+1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$0$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$99999999999999999999$salt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$1000$$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "pbkdf2_sha256$1000$saltsalt$",
            "pbkdf2_sha256$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY",
            "pbkdf2_sha256$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYq!=",
            "pbkdf2_sha256$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sx",
            "pbkdf2_sha256$1000$saltsalt$ E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "PBKDF2_SHA256$1000$saltsalt$E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY=",
            "!unusable-password-marker",
        ]
    )
    func malformedHashes(encoded: String) {
        #expect(!hasher.verify("password", against: encoded))
        #expect(!PasswordHasher.isWellFormed(encoded))
    }
}
