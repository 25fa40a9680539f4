import Credentials
import Testing

@Suite("Random tokens have the promised length and alphabet and do not repeat")
struct RandomTokenTests {
    private static let lowercaseAlphanumerics = Set("abcdefghijklmnopqrstuvwxyz0123456789")
    private static let mixedCaseAlphanumerics = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    )

    @Test("bytes returns exactly the count asked for")
    func byteCounts() {
        #expect(RandomToken.bytes(0).isEmpty)
        #expect(RandomToken.bytes(1).count == 1)
        #expect(RandomToken.bytes(4_096).count == 4_096)
        // 4096 bytes that were never filled in would all be zero.
        #expect(RandomToken.bytes(4_096).contains { $0 != 0 })
    }

    @Test("hex is lower-case and twice the byte count")
    func hex() {
        let tokens = (0..<1_000).map { _ in RandomToken.hex(byteCount: 20) }

        #expect(tokens.allSatisfy { $0.count == 40 })
        #expect(tokens.allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(Set(tokens).count == tokens.count)
        #expect(RandomToken.hex(byteCount: 0) == "")
    }

    @Test("alphanumeric tokens use only a-z and 0-9, like Django session keys")
    func alphanumeric() {
        let tokens = (0..<1_000).map { _ in RandomToken.alphanumeric(length: 32) }
        let used = Set(tokens.joined())

        #expect(tokens.allSatisfy { $0.count == 32 })
        #expect(used.isSubset(of: Self.lowercaseAlphanumerics))
        #expect(Set(tokens).count == tokens.count)
        // 32,000 uniform draws from 36 characters miss one with negligible probability.
        #expect(used == Self.lowercaseAlphanumerics)
    }

    @Test("letter tokens use a-z, A-Z and 0-9, like Django salts")
    func letters() {
        let tokens = (0..<1_000).map { _ in RandomToken.letters(length: 22) }
        let used = Set(tokens.joined())

        #expect(tokens.allSatisfy { $0.count == 22 })
        #expect(used.isSubset(of: Self.mixedCaseAlphanumerics))
        #expect(Set(tokens).count == tokens.count)
        #expect(used == Self.mixedCaseAlphanumerics)
        #expect(RandomToken.letters(length: 0) == "")
    }
}
