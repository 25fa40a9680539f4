import Storage

/// Membership questions: which organisation a person may act in.
struct OrganisationRepository {
    /// The connection of the transaction this repository works in.
    let connection: Connection

    /// Row id of organisation `uniqueID` when `personID` is a member of it. An unknown
    /// organisation and a foreign one give the same nil, so neither can be detected.
    func organisationID(uniqueID: String, member personID: Int64) throws -> Int64? {
        try connection.queryOne(
            """
            SELECT o.id FROM organisations o
            JOIN memberships m ON m.organisation_id = o.id
            WHERE o.unique_id = ? AND m.person_id = ?
            """,
            [.text(uniqueID), .integer(personID)]
        )?.value("id")
    }
}
