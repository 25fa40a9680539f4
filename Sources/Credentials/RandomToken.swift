import COpenSSL

/// Unpredictable values from OpenSSL's cryptographically secure generator, for salts,
/// session keys, CSRF secrets and API tokens.
public enum RandomToken {
    /// The characters of Django's session keys: lower-case letters and digits.
    private static let lowercaseAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Letters of both cases and digits, the alphabet of Django's salts.
    static let mixedCaseAlphanumerics = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8
    )

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `count` random bytes. The process stops if the generator fails, because no safe
    /// fallback exists and a predictable token would be worse than no token.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "A random byte count cannot be negative")
        guard count > 0 else { return [] }

        var buffer = [UInt8](repeating: 0, count: count)
        let result = buffer.withUnsafeMutableBufferPointer { pointer in
            RAND_bytes(pointer.baseAddress, Int32(clamping: pointer.count))
        }
        guard result == 1 else {
            fatalError("OpenSSL's random generator failed; refusing to create predictable tokens")
        }
        return buffer
    }

    /// `byteCount` random bytes as lower-case hexadecimal (twice as many characters).
    public static func hex(byteCount: Int) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(byteCount * 2)
        for byte in bytes(byteCount) {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A string of lower-case letters and digits, the shape of a Django session key.
    public static func alphanumeric(length: Int) -> String {
        string(length: length, alphabet: lowercaseAlphanumerics)
    }

    /// A string of letters of both cases and digits, the shape of a Django salt.
    public static func letters(length: Int) -> String {
        string(length: length, alphabet: mixedCaseAlphanumerics)
    }

    /// Draws each character uniformly from `alphabet`. Bytes at or above the largest
    /// multiple of the alphabet's size are discarded and redrawn, because reducing them
    /// modulo the size would make the first characters more likely than the rest.
    static func string(length: Int, alphabet: [UInt8]) -> String {
        precondition(length >= 0, "A token length cannot be negative")
        precondition(!alphabet.isEmpty && alphabet.count <= 256, "Unsupported alphabet size")

        let limit = 256 - 256 % alphabet.count
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        while characters.count < length {
            for byte in bytes(length - characters.count + 8) where Int(byte) < limit {
                characters.append(alphabet[Int(byte) % alphabet.count])
                if characters.count == length { break }
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
