import Credentials
import Locking

/// Remembers username and password pairs that already passed PBKDF2, so a client sending
/// HTTP Basic on every request pays the key derivation (half a second at production cost)
/// once instead of on each request.
///
/// Entries are keyed by an HMAC of the pair under a key made at start-up and never
/// written anywhere, so memory holds no password and nothing that can be tested offline.
/// An entry also holds the stored hash it was checked against: it counts only while the
/// person's current hash is that same text, so a changed password forgets it at once.
/// Until the database changes at all, the person row itself is remembered too, so a
/// request with known credentials needs no query to find out who sent it.
final class CredentialCache: Sendable {
    /// What one verified pair was checked against.
    private struct Entry {
        let person: PersonRecord
        /// The database's change version when `person` was read, nil if unknown.
        let version: UInt64?
    }

    /// How many pairs are kept; beyond this an arbitrary entry makes room.
    let capacity: Int

    private let keyedHash = KeyedHash(key: RandomToken.bytes(32))
    private let entries = Locked<[[UInt8]: Entry]>([:])

    /// Creates an empty cache holding at most `capacity` pairs.
    init(capacity: Int = 10_000) {
        precondition(capacity > 0, "A credential cache needs room for at least one entry")
        self.capacity = capacity
    }

    /// The keyed digest standing for a username and password pair, joined by NUL. Two
    /// pairs that join to the same bytes have different usernames, hence different
    /// people, and an entry only counts for the person it was verified for.
    func fingerprint(username: String, password: String) -> [UInt8] {
        var message = Array(username.utf8)
        message.append(0)
        message.append(contentsOf: password.utf8)
        return keyedHash.authenticate(message)
    }

    /// Whether the pair behind `fingerprint` was verified for this person against this
    /// exact stored hash.
    func isVerified(_ fingerprint: [UInt8], personID: Int64, passwordHash: String) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[fingerprint] else { return false }
            return entry.person.id == personID && entry.person.passwordHash == passwordHash
        }
    }

    /// The person the pair behind `fingerprint` was verified for, when that person's row
    /// was read at database version `version`, so it still says what the database says.
    func person(for fingerprint: [UInt8], at version: UInt64) -> PersonRecord? {
        entries.withLock { entries in
            guard let entry = entries[fingerprint], entry.version == version else { return nil }
            return entry.person
        }
    }

    /// Whether some verification of the pair behind `fingerprint` is remembered, for
    /// anyone; a cheap guess at whether checking it again will need PBKDF2.
    func contains(_ fingerprint: [UInt8]) -> Bool {
        entries.withLock { $0[fingerprint] != nil }
    }

    /// Records a successful verification for `person`, read at database version
    /// `version`, replacing an older one for the same pair.
    func remember(_ fingerprint: [UInt8], person: PersonRecord, at version: UInt64?) {
        entries.withLock { entries in
            if entries[fingerprint] == nil && entries.count >= capacity {
                entries.remove(at: entries.startIndex)
            }
            entries[fingerprint] = Entry(person: person, version: version)
        }
    }

    /// Drops the entry of a pair whose stored hash no longer matches, so stale entries do
    /// not linger until evicted.
    func forget(_ fingerprint: [UInt8]) {
        _ = entries.withLock { $0.removeValue(forKey: fingerprint) }
    }
}
