import BodyParsing
import LeadsDomain
import Storage

/// Upserts fixture entries inside the loader's transaction.
struct FixturesWriter {
    let connection: Connection
    let passwordHashes: [String: String]
    private(set) var summary = FixturesSummary()

    init(connection: Connection, passwordHashes: [String: String]) {
        self.connection = connection
        self.passwordHashes = passwordHashes
    }

    mutating func organisation(_ entry: FixtureEntry) throws {
        try entry.requireOnly(["unique_id", "name"])
        try connection.execute(
            """
            INSERT INTO organisations (unique_id, name) VALUES (?, ?)
            ON CONFLICT (unique_id) DO UPDATE SET name = excluded.name
            """,
            [.text(try entry.text("unique_id")), .text(try entry.text("name"))]
        )
        summary.organisations += 1
    }

    mutating func person(_ entry: FixtureEntry) throws {
        try entry.requireOnly([
            "unique_id", "username", "password", "password_hash", "full_name", "organisations",
            "is_active",
        ])
        let uniqueID = try entry.text("unique_id")
        let username = try entry.text("username")
        if let owner: String = try connection.queryOne(
            "SELECT unique_id FROM people WHERE username = ? AND unique_id <> ?",
            [.text(username), .text(uniqueID)]
        )?.value("unique_id") {
            throw FixturesError(
                "\(entry.label): username \"\(username)\" already belongs to \"\(owner)\""
            )
        }

        try connection.execute(
            """
            INSERT INTO people (unique_id, username, password_hash, full_name, is_active)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (unique_id) DO UPDATE SET username = excluded.username,
                password_hash = excluded.password_hash, full_name = excluded.full_name,
                is_active = excluded.is_active
            """,
            [
                .text(uniqueID), .text(username), .text(passwordHashes[uniqueID] ?? ""),
                .text(try entry.optionalText("full_name") ?? ""),
                .integer((try entry.optionalBool("is_active") ?? true) ? 1 : 0),
            ]
        )

        for organisation in try entry.textList("organisations") {
            let organisationID = try organisationID(
                organisation,
                for: entry,
                field: "organisations"
            )
            try connection.execute(
                """
                INSERT OR IGNORE INTO memberships (organisation_id, person_id)
                SELECT ?, id FROM people WHERE unique_id = ?
                """,
                [.integer(organisationID), .text(uniqueID)]
            )
        }
        summary.people += 1
    }

    mutating func salesStage(_ entry: FixtureEntry) throws {
        try entry.requireOnly(["unique_id", "organisation", "name", "position"])
        let organisationID = try organisationID(
            try entry.text("organisation"),
            for: entry,
            field: "organisation"
        )
        try connection.execute(
            """
            INSERT INTO sales_stages (organisation_id, unique_id, name, position)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (organisation_id, unique_id) DO UPDATE SET name = excluded.name,
                position = excluded.position
            """,
            [
                .integer(organisationID), .text(try entry.text("unique_id")),
                .text(try entry.text("name")),
                .integer(Int64(try entry.optionalInteger("position") ?? 0)),
            ]
        )
        summary.salesStages += 1
    }

    mutating func client(_ entry: FixtureEntry) throws {
        try entry.requireOnly(["unique_id", "organisation", "name"])
        let organisationID = try organisationID(
            try entry.text("organisation"),
            for: entry,
            field: "organisation"
        )
        try connection.execute(
            """
            INSERT INTO clients (organisation_id, unique_id, name) VALUES (?, ?, ?)
            ON CONFLICT (organisation_id, unique_id) DO UPDATE SET name = excluded.name
            """,
            [
                .integer(organisationID), .text(try entry.text("unique_id")),
                .text(try entry.text("name")),
            ]
        )
        summary.clients += 1
    }

    /// Leads pass through the API's own validation, so fixtures can hold nothing the API
    /// would refuse.
    mutating func lead(_ entry: FixtureEntry) throws {
        let organisationID = try organisationID(
            try entry.text("organisation"),
            for: entry,
            field: "organisation"
        )
        let uniqueID = try entry.text("unique_id")
        var creatorID: Int64?
        if let creator = try entry.optionalText("created_by") {
            guard
                let id: Int64 = try connection.queryOne(
                    "SELECT id FROM people WHERE unique_id = ?",
                    [.text(creator)]
                )?.value("id")
            else {
                throw FixturesError("\(entry.label): created_by \"\(creator)\" is not a person")
            }
            creatorID = id
        }
        let dateCreated = try entry.optionalText("date_created").map {
            try timestamp($0, field: "date_created", entry: entry)
        }

        var fields = entry.object
        for key in ["organisation", "created_by", "date_created"] { fields[key] = nil }
        let repository = LeadRepository(connection: connection)
        let existing = try repository.find(organisationID: organisationID, uniqueID: uniqueID)
        let changes = try validated(
            fields,
            entry: entry,
            repository: repository,
            organisationID: organisationID,
            existing: existing
        )
        let merged = try LeadFieldMerger(repository: repository, organisationID: organisationID)
            .merge(changes, into: existing)

        let now = UTCDateTime.now().isoText
        if let existing {
            try repository.update(leadID: existing.id, fields: merged, lastUpdated: now)
            if let dateCreated {
                try connection.execute(
                    "UPDATE leads SET date_created = ?, last_updated = ? WHERE id = ?",
                    [.text(dateCreated), .text(dateCreated), .integer(existing.id)]
                )
            }
        } else {
            let id = try repository.insert(
                organisationID: organisationID,
                fields: merged,
                createdBy: creatorID,
                dateCreated: dateCreated ?? now
            )
            _ = id
        }
        summary.leads += 1
    }

    private func validated(
        _ fields: JSONObject,
        entry: FixtureEntry,
        repository: LeadRepository,
        organisationID: Int64,
        existing: LeadRecord?
    ) throws -> LeadChanges {
        var stages = Set<String>()
        var clients = Set<String>()
        for row in try connection.query(
            "SELECT unique_id FROM sales_stages WHERE organisation_id = ?",
            [.integer(organisationID)]
        ) {
            if let id: String = row.value("unique_id") { stages.insert(id) }
        }
        for row in try connection.query(
            "SELECT unique_id FROM clients WHERE organisation_id = ?",
            [.integer(organisationID)]
        ) {
            if let id: String = row.value("unique_id") { clients.insert(id) }
        }
        let knownStages = stages
        let knownClients = clients
        let lookup = ReferenceLookup(
            salesStageExists: { knownStages.contains($0) },
            clientExists: { knownClients.contains($0) },
            uniqueIDTaken: { _ in false }
        )

        switch LeadValidator.validate(.json(.object(fields)), mode: .create, lookup: lookup) {
        case .success(let changes):
            return changes
        case .failure(let errors):
            let details = errors.entries.map { entry in
                "\(entry.field): \(entry.messages.joined(separator: " "))"
            }
            throw FixturesError("\(entry.label): " + details.joined(separator: "; "))
        }
    }

    private func timestamp(_ text: String, field: String, entry: FixtureEntry)
        throws(FixturesError) -> String
    {
        guard let value = UTCDateTime.parse(text) else {
            throw FixturesError(
                "\(entry.label): \"\(field)\" must be a date-time such as 2026-01-31T09:00:00Z"
            )
        }
        return value.isoText
    }

    private func organisationID(_ uniqueID: String, for entry: FixtureEntry, field: String)
        throws -> Int64
    {
        guard
            let id: Int64 = try connection.queryOne(
                "SELECT id FROM organisations WHERE unique_id = ?",
                [.text(uniqueID)]
            )?.value("id")
        else {
            throw FixturesError(
                "\(entry.label): \(field) \"\(uniqueID)\" is not an organisation of the "
                    + "database or of this document"
            )
        }
        return id
    }
}
