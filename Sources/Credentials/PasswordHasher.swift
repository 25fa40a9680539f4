import COpenSSL

/// Hashes and checks passwords in Django's `pbkdf2_sha256` format
/// (`pbkdf2_sha256$<iterations>$<salt>$<base64 digest>`), so hashes move freely between
/// this server and the real backend, and a hash keeps its own cost so the cost can rise
/// later without invalidating stored passwords.
public struct PasswordHasher: Sendable {
    /// The algorithm name at the start of every hash this type reads or writes.
    static let algorithm = "pbkdf2_sha256"

    /// The digest length Django uses for PBKDF2-HMAC-SHA256: one SHA-256 block.
    static let digestLength = 32

    /// The highest cost accepted from a stored hash or for new hashes; a corrupt or hostile
    /// hash with a huge count would otherwise tie up a thread for minutes. Configuration
    /// checks its iteration setting against this, so a bad value is refused at start-up.
    public static let maximumIterations = 10_000_000

    /// The salt length of Django 5: 22 characters of 62, about 131 bits.
    static let saltLength = 22

    /// The PBKDF2 iteration count written into new hashes.
    public let iterations: Int

    /// A hasher whose new hashes cost `iterations` rounds. The default is Django 5.1's;
    /// tests pass a small count to stay fast, and verification always uses the count
    /// stored in the hash being checked.
    public init(iterations: Int = 870_000) {
        precondition(
            (1...PasswordHasher.maximumIterations).contains(iterations),
            "PBKDF2 iterations must be from 1 to \(PasswordHasher.maximumIterations)"
        )
        self.iterations = iterations
    }

    /// Hashes `password` with a fresh random salt. This blocks for as long as the
    /// iteration count demands, so call it on a connection's own queue.
    public func hash(_ password: String) -> String {
        let salt = RandomToken.letters(length: PasswordHasher.saltLength)
        let digest = PasswordHasher.derive(
            password: Array(password.utf8),
            salt: Array(salt.utf8),
            iterations: iterations
        )
        guard let digest else {
            fatalError("OpenSSL could not derive a PBKDF2-HMAC-SHA256 key")
        }
        return [PasswordHasher.algorithm, String(iterations), salt, Base64.encode(digest)]
            .joined(separator: "$")
    }

    /// Whether `password` matches `encoded`, using the iteration count and salt stored in
    /// it. Digests are compared in constant time; anything malformed is simply `false`.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let parts = EncodedPassword(encoded) else { return false }

        let derived = PasswordHasher.derive(
            password: Array(password.utf8),
            salt: Array(parts.salt.utf8),
            iterations: parts.iterations
        )
        guard let derived else { return false }
        return ConstantTime.equals(derived, parts.digest)
    }

    /// Whether `encoded` has the shape of a hash this type can verify, to catch bad
    /// fixture data before anyone tries to log in with it.
    public static func isWellFormed(_ encoded: String) -> Bool {
        EncodedPassword(encoded) != nil
    }

    /// PBKDF2-HMAC-SHA256 of `password` and `salt`, or `nil` if OpenSSL fails.
    static func derive(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8]? {
        var digest = [UInt8](repeating: 0, count: digestLength)

        // Empty arrays may have no address; OpenSSL is given a real one with length 0.
        let placeholder: [UInt8] = [0]
        let passwordBytes = password.isEmpty ? placeholder : password
        let saltBytes = salt.isEmpty ? placeholder : salt
        guard let passwordLength = Int32(exactly: password.count),
            let saltLength = Int32(exactly: salt.count),
            let rounds = Int32(exactly: iterations)
        else { return nil }

        let result = passwordBytes.withUnsafeBytes { passwordBuffer in
            saltBytes.withUnsafeBufferPointer { saltBuffer in
                digest.withUnsafeMutableBufferPointer { output in
                    PKCS5_PBKDF2_HMAC(
                        passwordBuffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                        passwordLength,
                        saltBuffer.baseAddress,
                        saltLength,
                        rounds,
                        EVP_sha256(),
                        Int32(digestLength),
                        output.baseAddress
                    )
                }
            }
        }
        return result == 1 ? digest : nil
    }
}

/// The four parts of a stored hash, parsed and checked.
struct EncodedPassword {
    let iterations: Int
    let salt: String
    let digest: [UInt8]

    /// Parses `pbkdf2_sha256$<iterations>$<salt>$<digest>`, or returns `nil` when the
    /// algorithm differs, the count is not a plain positive number within bounds, the
    /// salt is empty or the digest is not strict Base64 of 32 bytes.
    init?(_ encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == PasswordHasher.algorithm else { return nil }

        let count = parts[1]
        guard !count.isEmpty, count.count <= 9, count.allSatisfy({ $0.isASCII && $0.isNumber }),
            let iterations = Int(count),
            (1...PasswordHasher.maximumIterations).contains(iterations)
        else { return nil }

        guard !parts[2].isEmpty,
            let digest = Base64.decode(String(parts[3])),
            digest.count == PasswordHasher.digestLength
        else { return nil }

        self.iterations = iterations
        self.salt = String(parts[2])
        self.digest = digest
    }
}
