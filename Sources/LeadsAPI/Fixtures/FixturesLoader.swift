import BodyParsing
import Credentials
import LeadsDomain
import Storage

/// Loads a fixtures document (organisations, people, memberships, sales stages, clients
/// and leads) in one write transaction: rows whose `unique_id` exists are updated, so a
/// document can be loaded at every start; any error leaves the database untouched.
struct FixturesLoader {
    let database: Database
    let hasher: PasswordHasher

    private static let documentKeys: Set<String> = [
        "organisations", "people", "sales_stages", "clients", "leads",
    ]

    /// Reads and loads the document at `path`.
    func load(path: String) throws -> FixturesSummary {
        guard let bytes = ConfigurationLoader.readWholeFile(path) else {
            throw FixturesError("fixtures file \(path) cannot be read")
        }
        do {
            return try load(bytes: bytes)
        } catch let error as FixturesError {
            throw FixturesError("fixtures file \(path): \(error.message)")
        }
    }

    /// Parses and loads a document given as JSON bytes.
    func load(bytes: [UInt8]) throws -> FixturesSummary {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw FixturesError("not valid JSON: \(error.message)")
        }
        guard case .object(let object) = document else {
            throw FixturesError("the document must be a JSON object")
        }
        for key in object.keys where !Self.documentKeys.contains(key) {
            let known = Self.documentKeys.sorted().joined(separator: ", ")
            throw FixturesError("unknown section \"\(key)\" (known: \(known))")
        }

        let people = try FixtureEntry.list("people", in: object)
        let passwordHashes = try hashPasswords(people)
        return try database.write { connection in
            var writer = FixturesWriter(connection: connection, passwordHashes: passwordHashes)
            for entry in try FixtureEntry.list("organisations", in: object) {
                try writer.organisation(entry)
            }
            for entry in people {
                try writer.person(entry)
            }
            for entry in try FixtureEntry.list("sales_stages", in: object) {
                try writer.salesStage(entry)
            }
            for entry in try FixtureEntry.list("clients", in: object) {
                try writer.client(entry)
            }
            for entry in try FixtureEntry.list("leads", in: object) {
                try writer.lead(entry)
            }
            return writer.summary
        }
    }

    /// Hashes plain-text passwords before the transaction, because key derivation is slow
    /// by design and must not hold the write lock. A stored hash that already verifies the
    /// password is kept, so reloading the same document costs no rehash.
    private func hashPasswords(_ people: [FixtureEntry]) throws -> [String: String] {
        var hashes: [String: String] = [:]
        for entry in people {
            let uniqueID = try entry.text("unique_id")
            if let hash = try entry.optionalText("password_hash") {
                guard PasswordHasher.isWellFormed(hash) else {
                    throw FixturesError(
                        "\(entry.label): \"password_hash\" must look like "
                            + "pbkdf2_sha256$<iterations>$<salt>$<hash>"
                    )
                }
                hashes[uniqueID] = hash
            } else if let password = try entry.optionalText("password") {
                let stored: String? = try database.read { connection in
                    try connection.queryOne(
                        "SELECT password_hash FROM people WHERE unique_id = ?",
                        [.text(uniqueID)]
                    )?.value("password_hash")
                }
                if let stored, hasher.verify(password, against: stored) {
                    hashes[uniqueID] = stored
                } else {
                    hashes[uniqueID] = hasher.hash(password)
                }
            } else {
                throw FixturesError(
                    "\(entry.label): \"password\" or \"password_hash\" is required"
                )
            }
        }
        return hashes
    }
}
