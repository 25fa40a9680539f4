import Storage

/// A row of `people` as authentication needs it: who the person is, the hash to check a
/// password against, and whether they may log in at all.
struct PersonRecord: Sendable {
    /// The select list that `init(_:)` reads, for queries aliasing `people` as `p`.
    static let columns =
        "p.id AS id, p.unique_id AS unique_id, p.username AS username, "
        + "p.full_name AS full_name, p.password_hash AS password_hash, p.is_active AS is_active"

    /// Internal row id.
    let id: Int64
    /// Public `unique_id`.
    let uniqueID: String
    /// Login name, compared exactly.
    let username: String
    /// Display name.
    let fullName: String
    /// Django `pbkdf2_sha256` hash.
    let passwordHash: String
    /// False for a person who may no longer log in, as Django's `is_active`.
    let isActive: Bool

    /// Reads the columns listed in `columns`; nil when a required one is missing.
    init?(_ row: Row) {
        guard let id: Int64 = row.value("id"),
            let uniqueID: String = row.value("unique_id"),
            let username: String = row.value("username"),
            let passwordHash: String = row.value("password_hash"),
            let isActive: Bool = row.value("is_active")
        else { return nil }

        self.id = id
        self.uniqueID = uniqueID
        self.username = username
        self.fullName = row.value("full_name") ?? ""
        self.passwordHash = passwordHash
        self.isActive = isActive
    }

    /// The person with this exact username, or nil.
    static func find(username: String, in database: Database) throws -> PersonRecord? {
        let row = try database.read { connection in
            try connection.queryOne(
                "SELECT " + columns + " FROM people AS p WHERE p.username = ?",
                [.text(username)]
            )
        }
        return row.flatMap(PersonRecord.init)
    }

    /// The identity of an authenticated request made by this person.
    func identity(viaSession: Bool) -> Identity {
        Identity(
            personID: id,
            uniqueID: uniqueID,
            username: username,
            fullName: fullName,
            viaSession: viaSession
        )
    }
}
