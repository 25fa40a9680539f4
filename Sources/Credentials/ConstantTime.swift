import COpenSSL

/// Comparisons whose duration does not depend on where two secrets first differ, so an
/// attacker timing responses cannot guess a digest or token one byte at a time.
public enum ConstantTime {
    /// Whether two byte strings are equal. Strings of different lengths are unequal; the
    /// length is not secret, but which prefix matched stays hidden because the bytes are
    /// then not compared against each other at all.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else {
            // Spend comparable time so an early length mismatch is not a shortcut either.
            _ = compare(a, a)
            return false
        }
        return compare(a, b)
    }

    /// Whether two strings have the same UTF-8 bytes, compared in constant time.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }

    private static func compare(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { first in
            b.withUnsafeBytes { second in
                CRYPTO_memcmp(first.baseAddress, second.baseAddress, first.count) == 0
            }
        }
    }
}
