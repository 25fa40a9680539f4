import LeadsDomain
import Storage

/// The SQL for leads, always scoped to one organisation so one organisation can never read
/// or change another's rows. Every value is a bound parameter.
struct LeadRepository {
    /// The tables the lead operations change rows of: their writes say so, which keeps
    /// caches of people and memberships valid across them.
    static let tables: Set<String> = ["leads"]

    /// The connection of the read or write transaction this repository works in.
    let connection: Connection

    private static let selectColumns = """
        SELECT l.id, l.unique_id, l.title, l.description, l.qualification_notes, l.priority,
            l.lead_source, l.estimated_value, l.win_probability, s.unique_id AS stage,
            c.unique_id AS client, l.expected_close_date, l.follow_up_date,
            creator.unique_id AS creator_id, creator.full_name AS creator_name,
            assignee.unique_id AS assignee_id, assignee.full_name AS assignee_name,
            l.date_created, l.last_updated
        FROM leads l
        LEFT JOIN sales_stages s ON s.id = l.sales_stage_id
        LEFT JOIN clients c ON c.id = l.client_id
        LEFT JOIN people creator ON creator.id = l.created_by_id
        LEFT JOIN people assignee ON assignee.id = l.assigned_to_id
        """

    /// Leads of the organisation matching `filter`, newest first.
    func list(organisationID: Int64, filter: LeadFilter) throws -> [LeadRecord] {
        var sql = Self.selectColumns + " WHERE l.organisation_id = ?"
        var arguments: [DatabaseValue] = [.integer(organisationID)]
        if let source = filter.source {
            sql += " AND l.lead_source = ?"
            arguments.append(.text(source))
        }
        switch filter.status {
        case .won: sql += " AND CAST(l.win_probability AS REAL) = 100"
        case .lost: sql += " AND CAST(l.win_probability AS REAL) = 0"
        case .open:
            sql += " AND (l.win_probability IS NULL"
            sql += " OR CAST(l.win_probability AS REAL) NOT IN (0, 100))"
        case nil: break
        }
        // Timestamps are stored as DRF renders them, with a fraction only when it is not
        // zero, so plain text order would put 09:00:00Z after 09:00:00.500000Z. Within one
        // second, the longer text is the later instant.
        sql += " ORDER BY substr(l.date_created, 1, 19) DESC, length(l.date_created) DESC,"
        sql += " l.date_created DESC, l.id DESC"

        var records = try connection.query(sql, arguments).map(Self.record)
        if let name = filter.name?.lowercased() {
            // Unicode-aware case folding, which SQLite's lower() lacks.
            records = records.filter { $0.title.lowercased().contains(name) }
        }
        return records
    }

    /// One lead of the organisation by `unique_id`.
    func find(organisationID: Int64, uniqueID: String) throws -> LeadRecord? {
        try connection.queryOne(
            Self.selectColumns + " WHERE l.organisation_id = ? AND l.unique_id = ?",
            [.integer(organisationID), .text(uniqueID)]
        ).map(Self.record)
    }

    /// The lead with row id `leadID`, as just inserted.
    func find(leadID: Int64) throws -> LeadRecord? {
        try connection.queryOne(Self.selectColumns + " WHERE l.id = ?", [.integer(leadID)])
            .map(Self.record)
    }

    /// Whether another lead of the organisation already uses `uniqueID`.
    func uniqueIDTaken(organisationID: Int64, uniqueID: String, excluding leadID: Int64?) throws
        -> Bool
    {
        try connection.queryOne(
            "SELECT 1 FROM leads WHERE organisation_id = ? AND unique_id = ? AND id IS NOT ?",
            [.integer(organisationID), .text(uniqueID), leadID.map { .integer($0) } ?? .null]
        ) != nil
    }

    /// Inserts a validated lead and returns its row id.
    func insert(
        organisationID: Int64,
        fields: StoredLeadFields,
        createdBy personID: Int64?,
        dateCreated: String
    ) throws -> Int64 {
        try connection.execute(
            """
            INSERT INTO leads (organisation_id, unique_id, title, description,
                qualification_notes, priority, lead_source, estimated_value, win_probability,
                sales_stage_id, client_id, expected_close_date, follow_up_date, created_by_id,
                assigned_to_id, date_created, last_updated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(organisationID)] + fields.databaseValues + [
                personID.map { .integer($0) } ?? .null,
                personID.map { .integer($0) } ?? .null,
                .text(dateCreated),
                .text(dateCreated),
            ]
        )
        return connection.lastInsertRowID
    }

    /// Replaces the stored fields of lead `leadID`.
    func update(leadID: Int64, fields: StoredLeadFields, lastUpdated: String) throws {
        try connection.execute(
            """
            UPDATE leads SET unique_id = ?, title = ?, description = ?, qualification_notes = ?,
                priority = ?, lead_source = ?, estimated_value = ?, win_probability = ?,
                sales_stage_id = ?, client_id = ?, expected_close_date = ?, follow_up_date = ?,
                last_updated = ?
            WHERE id = ?
            """,
            fields.databaseValues + [.text(lastUpdated), .integer(leadID)]
        )
    }

    /// Deletes a lead of the organisation; false when there was none.
    func delete(organisationID: Int64, uniqueID: String) throws -> Bool {
        try connection.execute(
            "DELETE FROM leads WHERE organisation_id = ? AND unique_id = ?",
            [.integer(organisationID), .text(uniqueID)]
        )
        return connection.changes > 0
    }

    /// Row id of the organisation's sales stage with `uniqueID`.
    func salesStageID(organisationID: Int64, uniqueID: String) throws -> Int64? {
        try connection.queryOne(
            "SELECT id FROM sales_stages WHERE organisation_id = ? AND unique_id = ?",
            [.integer(organisationID), .text(uniqueID)]
        )?.value("id")
    }

    /// Row id of the organisation's client with `uniqueID`.
    func clientID(organisationID: Int64, uniqueID: String) throws -> Int64? {
        try connection.queryOne(
            "SELECT id FROM clients WHERE organisation_id = ? AND unique_id = ?",
            [.integer(organisationID), .text(uniqueID)]
        )?.value("id")
    }

    private static func record(_ row: Row) -> LeadRecord {
        func person(_ idColumn: String, _ nameColumn: String) -> PersonSummary? {
            guard let uniqueID: String = row.value(idColumn) else { return nil }
            return PersonSummary(uniqueID: uniqueID, fullName: row.value(nameColumn) ?? "")
        }
        return LeadRecord(
            id: row.value("id") ?? 0,
            uniqueID: row.value("unique_id") ?? "",
            title: row.value("title") ?? "",
            description: row.value("description"),
            qualificationNotes: row.value("qualification_notes"),
            priority: row.value("priority") ?? "medium",
            leadSource: row.value("lead_source") ?? "other",
            estimatedValue: row.value("estimated_value"),
            winProbability: row.value("win_probability"),
            salesStage: row.value("stage"),
            client: row.value("client"),
            expectedCloseDate: row.value("expected_close_date"),
            followUpDate: row.value("follow_up_date"),
            createdBy: person("creator_id", "creator_name"),
            assignedTo: person("assignee_id", "assignee_name"),
            dateCreated: row.value("date_created") ?? "",
            lastUpdated: row.value("last_updated") ?? ""
        )
    }
}

/// The writable columns of a lead in storage form, in the order of the INSERT and UPDATE
/// statements above.
struct StoredLeadFields: Sendable, Equatable {
    var uniqueID: String
    var title: String
    var description: String?
    var qualificationNotes: String?
    var priority: String
    var leadSource: String
    var estimatedValue: String?
    var winProbability: String?
    var salesStageID: Int64?
    var clientID: Int64?
    var expectedCloseDate: String?
    var followUpDate: String?

    /// The values bound to the statements, in column order.
    var databaseValues: [DatabaseValue] {
        [
            .text(uniqueID), .text(title), optional(description), optional(qualificationNotes),
            .text(priority), .text(leadSource), optional(estimatedValue),
            optional(winProbability), salesStageID.map { .integer($0) } ?? .null,
            clientID.map { .integer($0) } ?? .null, optional(expectedCloseDate),
            optional(followUpDate),
        ]
    }

    private func optional(_ text: String?) -> DatabaseValue {
        text.map { .text($0) } ?? .null
    }
}
