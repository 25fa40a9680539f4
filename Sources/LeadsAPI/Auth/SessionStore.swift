import Credentials
import Storage

/// Login sessions in the `sessions` table, keyed like Django's: 32 random lower-case
/// letters and digits, valid until `expires_at` (Unix seconds).
struct SessionStore: Sendable {
    /// Length of a session key, as Django's `get_random_string(32, ...)` makes them.
    static let keyLength = 32

    /// Where the sessions and people live.
    let database: Database
    /// Seconds a new session lasts (`SESSION_COOKIE_AGE`).
    let age: Int

    /// The person a live session belongs to, or nil for an unknown or expired key. An
    /// expired row is deleted on the way, as nobody can use it again.
    func person(forKey key: String, now: Int) throws -> PersonRecord? {
        // TODO: a session outlives a change of its person's password, because the table
        // keeps no fingerprint of the hash (Django's `_auth_user_hash`) to compare.
        guard Self.isPlausibleKey(key) else { return nil }

        let row = try database.read { connection in
            try connection.queryOne(
                "SELECT s.expires_at AS expires_at, " + PersonRecord.columns
                    + " FROM sessions AS s JOIN people AS p ON p.id = s.person_id"
                    + " WHERE s.session_key = ?",
                [.text(key)]
            )
        }
        guard let row, let person = PersonRecord(row) else { return nil }

        guard let expiresAt: Int64 = row.value("expires_at"), expiresAt > Int64(now) else {
            // Best effort: a database that cannot be written right now must not turn an
            // expired session into an error; the next login sweeps the row anyway.
            try? delete(key: key)
            return nil
        }
        return person
    }

    /// Starts a session for `personID` under a new random key and returns the key. The
    /// client's previous session, when it sent one, is deleted in the same transaction so
    /// a key planted before login never becomes a logged-in one; expired rows of anyone
    /// are swept out too, keeping the table small.
    func create(personID: Int64, replacing previousKey: String?, now: Int) throws -> String {
        try database.write { connection in
            if let previousKey {
                try connection.execute(
                    "DELETE FROM sessions WHERE session_key = ?",
                    [.text(previousKey)]
                )
            }
            try connection.execute(
                "DELETE FROM sessions WHERE expires_at <= ?",
                [.integer(Int64(now))]
            )

            // A collision among 36^32 keys is not expected; a few retries cost nothing.
            for _ in 0..<4 {
                let key = RandomToken.alphanumeric(length: Self.keyLength)
                try connection.execute(
                    "INSERT OR IGNORE INTO sessions (session_key, person_id, created_at, "
                        + "expires_at) VALUES (?, ?, ?, ?)",
                    [
                        .text(key), .integer(personID), .integer(Int64(now)),
                        .integer(Int64(now) + Int64(age)),
                    ]
                )
                if connection.changes == 1 { return key }
            }
            throw DatabaseError(
                resultCode: .SQLITE_CONSTRAINT,
                message: "No unused session key found in four attempts"
            )
        }
    }

    /// Ends the session with this key, if there is one.
    func delete(key: String) throws {
        try database.write { connection in
            try connection.execute("DELETE FROM sessions WHERE session_key = ?", [.text(key)])
        }
    }

    /// Whether a cookie value could be a key this server issued; anything else is not
    /// worth a query.
    private static func isPlausibleKey(_ key: String) -> Bool {
        key.utf8.count == keyLength
            && key.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
    }
}
